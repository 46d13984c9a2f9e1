//! The dashboard's live and network sections, from their rollups: the period's live sessions
//! (a session counts whole, in the period it went on air) with the best-selling few, and the
//! network's runs, co-distribution and village coverage, each beside last year and the period
//! before.

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::live::LiveStatus;
use farmgate_domain::live_figures::conversion_basis_points;
use farmgate_domain::parcel::Share;
use farmgate_domain::stats::Channel;
use farmgate_store::{LiveSessionSales, LiveSessionsSales};
use serde::Serialize;

use super::{FigureId, Headline, StatsRequest};
use crate::{ServiceResult, Services};

/// The period's live sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveSection {
    pub figures: Vec<Headline>,
    /// The sessions with the largest sales, largest first.
    pub sessions: Vec<LiveSessionRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveSessionRow {
    pub id: String,
    pub title: String,
    pub shop: String,
    /// The day it went on air, in China.
    pub went_live: String,
    pub sales_minor: i64,
    pub orders: i64,
    pub buyers: i64,
    /// Distinct viewers: saved when the session ended, counted by its room while it is on.
    pub viewers: Option<i64>,
    pub conversion_bp: Option<i64>,
}

impl Services {
    /// None when the request is narrowed to a category or another channel: sessions sell
    /// across categories, all through the live channel.
    pub(super) async fn live_section(
        &self,
        request: &StatsRequest,
    ) -> ServiceResult<Option<LiveSection>> {
        if request.category.is_some() || request.channel.is_some_and(|c| c != Channel::Live) {
            return Ok(None);
        }
        let [now, last_year, previous] = request.periods().map(|period| request.scope(period));
        let (now, last_year, previous) = tokio::try_join!(
            self.store.live_sessions_sales(&now, request.top),
            self.store.live_sessions_sales(&last_year, 0),
            self.store.live_sessions_sales(&previous, 0),
        )?;
        let periods = [&now, &last_year, &previous];
        let each = |value: fn(&LiveSessionsSales) -> i64| periods.map(value);
        let conversion = |s: &LiveSessionsSales| conversion(s.viewed_buyers, Some(s.viewers));
        let figures = vec![
            Headline::of(FigureId::LiveSessions, each(|s| s.sessions)),
            Headline::of(
                FigureId::LiveSessionSales,
                each(|s| s.figures.sales_minor()),
            ),
            Headline::of(FigureId::LiveBuyers, each(|s| s.buyers)),
            Headline::of(FigureId::LiveViewers, each(|s| s.viewers)),
            Headline::of(
                FigureId::LiveConversion,
                periods.map(|s| conversion(s).unwrap_or(0)),
            ),
        ];
        let sessions = now.top.iter().map(|s| self.session_row(s)).collect();
        Ok(Some(LiveSection { figures, sessions }))
    }

    /// The network's figures; county-wide requests only, as runs carry every seller's and
    /// buyer's parcels together.
    pub(super) async fn network_section(
        &self,
        request: &StatsRequest,
    ) -> ServiceResult<Option<Vec<Headline>>> {
        if !request.is_county_wide() {
            return Ok(None);
        }
        let villages = self.rural_villages().await?;
        let [now, last_year, previous] = request.periods();
        let (now, last_year, previous) = tokio::try_join!(
            self.store.network_rollup(now.from, now.to),
            self.store.network_rollup(last_year.from, last_year.to),
            self.store.network_rollup(previous.from, previous.to),
        )?;
        let periods = [&now, &last_year, &previous];
        let reached = periods.map(|rollup| {
            let part = rollup
                .villages_reached
                .iter()
                .filter(|code| villages.iter().any(|village| village.code == **code))
                .count();
            Share {
                part: u64::try_from(part).unwrap_or(0),
                whole: u64::try_from(villages.len()).unwrap_or(0),
            }
        });
        let rate = |share: Share| share.basis_points().map_or(0, signed);
        Ok(Some(vec![
            Headline::of(FigureId::Runs, periods.map(|r| r.runs.runs)),
            Headline::of(FigureId::ParcelsCarried, periods.map(|r| r.runs.carried)),
            Headline::of(
                FigureId::CoDistributionRate,
                periods.map(|r| rate(r.runs.co_distribution())),
            ),
            Headline::of(
                FigureId::VillagesReached,
                reached.map(|share| signed(share.part)),
            ),
            Headline::of(FigureId::VillageCoverage, reached.map(rate)),
        ]))
    }

    fn session_row(&self, s: &LiveSessionSales) -> LiveSessionRow {
        let viewers = match s.status {
            LiveStatus::Live => self
                .rooms
                .figures(s.session_id.as_str())
                .map(|room| signed(room.unique_viewers)),
            _ => s.unique_viewers,
        };
        LiveSessionRow {
            id: s.session_id.to_string(),
            title: s.title.clone(),
            shop: s.shop_name.clone(),
            went_live: CivilDate::in_china(s.went_live_at).to_string(),
            sales_minor: s.figures.sales_minor(),
            orders: s.figures.orders,
            buyers: s.buyers,
            viewers,
            conversion_bp: conversion(s.buyers, viewers),
        }
    }
}

/// Buyers ÷ viewers in basis points; none before anyone watched.
fn conversion(buyers: i64, viewers: Option<i64>) -> Option<i64> {
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    conversion_basis_points(count(buyers), count(viewers?)).map(signed)
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
