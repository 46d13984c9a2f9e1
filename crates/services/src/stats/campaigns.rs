//! The dashboard's campaigns: every county campaign whose window overlaps the period, with what
//! its paid orders came to and what it took off them — so the bureau sees what a festival
//! moved and what it cost the platform. County-wide requests only: a campaign spans shops and
//! places.

use farmgate_domain::calendar::CivilDate;
use serde::Serialize;

use super::StatsRequest;
use crate::{ServiceResult, Services};

/// Campaigns a dashboard lists at most.
const CAMPAIGNS_LISTED: i64 = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CampaignRow {
    pub name: String,
    /// Its first and last day, in China.
    pub from: String,
    pub to: String,
    pub orders: i64,
    /// What its paid orders came to, shipping included.
    pub paid_minor: i64,
    pub discount_minor: i64,
    /// The platform's part of the discount.
    pub platform_minor: i64,
}

impl Services {
    pub(super) async fn campaigns_section(
        &self,
        request: &StatsRequest,
    ) -> ServiceResult<Option<Vec<CampaignRow>>> {
        if !request.is_county_wide() {
            return Ok(None);
        }
        let from = request.period.from.start_in_china();
        let until = request.period.to.plus_days(1).start_in_china();
        let mut rows = Vec::new();
        for campaign in self.store.campaigns(CAMPAIGNS_LISTED).await? {
            let terms = &campaign.terms;
            let ended = campaign
                .ended_at
                .map_or(terms.ends, |at| at.min(terms.ends));
            if terms.starts >= until || ended <= from {
                continue;
            }
            let figures = self.store.campaign_figures(&campaign.id).await?;
            rows.push(CampaignRow {
                name: terms.name.clone(),
                from: CivilDate::in_china(terms.starts).to_string(),
                to: CivilDate::in_china(ended.plus_millis(-1)).to_string(),
                orders: figures.orders,
                paid_minor: figures.paid.minor(),
                discount_minor: figures.discount.minor(),
                platform_minor: figures.platform.minor(),
            });
        }
        Ok(Some(rows))
    }
}
