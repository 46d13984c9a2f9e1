//! County campaigns, and what each order bought at a campaign's price owes to it.

use async_trait::async_trait;
use farmgate_domain::campaign::CampaignTerms;
use farmgate_domain::id::{AccountId, CampaignId, OrderId};
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;

use crate::StoreResult;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignRecord {
    pub id: CampaignId,
    pub terms: CampaignTerms,
    pub created_by: AccountId,
    pub created_at: Timestamp,
    /// Set when the hub ended it before its window closed.
    pub ended_at: Option<Timestamp>,
}

impl CampaignRecord {
    /// Whether it runs at `now`: within its window and not ended by the hub.
    pub fn is_running(&self, now: Timestamp) -> bool {
        self.ended_at.is_none() && self.terms.is_running(now)
    }
}

/// What a campaign took off one order, and the platform's part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderCampaignPart {
    pub order: OrderId,
    pub campaign: CampaignId,
    pub discount: Money,
    pub platform: Money,
}

/// A campaign's paid orders, for the hub and monitoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CampaignFigures {
    pub orders: i64,
    /// What their buyers paid, shipping included.
    pub paid: Money,
    pub discount: Money,
    /// The platform's part of `discount`.
    pub platform: Money,
}

#[async_trait]
pub trait Campaigns: Send + Sync {
    async fn insert_campaign(&self, campaign: &CampaignRecord) -> StoreResult<()>;
    async fn campaign(&self, id: &CampaignId) -> StoreResult<Option<CampaignRecord>>;
    /// Newest first.
    async fn campaigns(&self, limit: i64) -> StoreResult<Vec<CampaignRecord>>;
    /// Campaigns not ended by the hub whose window closes after `now`: running or to come.
    async fn campaigns_open_at(&self, now: Timestamp) -> StoreResult<Vec<CampaignRecord>>;
    /// Ends a campaign now (true), or it had ended already (false).
    async fn end_campaign(&self, id: &CampaignId, at: Timestamp) -> StoreResult<bool>;
    /// What each campaign took off the order.
    async fn campaign_parts(&self, order: &OrderId) -> StoreResult<Vec<OrderCampaignPart>>;
    async fn campaign_figures(&self, id: &CampaignId) -> StoreResult<CampaignFigures>;
}
