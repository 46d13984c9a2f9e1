//! The commerce bureau's rollups: read by the dashboards, written by the SQL adapter in the
//! same transaction as each payment and refund (see `sql/stats_writes.rs`).

use async_trait::async_trait;
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::catalogue::Category;
use farmgate_domain::id::{LiveSessionId, ProductId, ShopId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::place::AreaCode;
use farmgate_domain::stats::{BuyerPeriod, Channel, RollupFigures, RunFigures};
use farmgate_domain::time::Timestamp;

use crate::StoreResult;

/// What a rollup read covers: the days from `from` to `to` (both included), narrowed by place
/// (a county, township or village and everything in it), category and channel. With `shop` it
/// reads that shop's own rollups only: what a producer may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollupScope {
    pub from: CivilDate,
    pub to: CivilDate,
    pub place: Option<AreaCode>,
    pub category: Option<Category>,
    pub channel: Option<Channel>,
    pub shop: Option<ShopId>,
}

impl RollupScope {
    /// Everything sold in the days from `from` to `to`.
    pub fn days(from: CivilDate, to: CivilDate) -> RollupScope {
        RollupScope {
            from,
            to,
            place: None,
            category: None,
            channel: None,
            shop: None,
        }
    }
}

/// How `sales_by` groups its sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakdown {
    /// One row, keyed `""`.
    Total,
    Channel,
    /// Keyed by the category's slug.
    Category,
    /// Keyed by the township's 9 leading digits.
    Township,
    /// Keyed by the seller's village code.
    Village,
    /// Keyed `yyyymm`.
    Month,
    /// Keyed `yyyymmdd`.
    Day,
}

/// A period's cell: where the seller is, the category and the channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesCell {
    pub place: String,
    pub category: String,
    pub channel: String,
}

/// Buyers of a calendar period: those who paid for an order in it, and those who paid for two
/// or more.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuyerCounts {
    pub buyers: i64,
    pub repeat_buyers: i64,
}

/// A live session as the bureau reads it: what it is, the distinct viewers its room counted
/// (saved when it ended) and its sales whenever they were paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSessionSales {
    pub session_id: LiveSessionId,
    pub title: String,
    pub shop_id: ShopId,
    pub shop_name: String,
    pub status: LiveStatus,
    pub went_live_at: Timestamp,
    /// `None` until the session ends and its room's figures are saved.
    pub unique_viewers: Option<i64>,
    pub figures: RollupFigures,
    /// Distinct buyers who paid for an order in the session.
    pub buyers: i64,
}

/// The live sessions of a scope: the largest few, and the sums over all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveSessionsSales {
    pub top: Vec<LiveSessionSales>,
    pub sessions: i64,
    pub figures: RollupFigures,
    pub buyers: i64,
    /// Distinct viewers summed over the sessions whose room's figures were saved, and those
    /// sessions' buyers: the two sides of the conversion rate.
    pub viewers: i64,
    pub viewed_buyers: i64,
}

/// The network's rollups over some days: the runs that went out, and the villages reached.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkRollup {
    pub runs: RunFigures,
    pub villages_reached: Vec<AreaCode>,
}

/// What a rebuild read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RebuildReport {
    pub paid_orders: i64,
    pub refunds: i64,
}

#[async_trait]
pub trait Rollups: Send + Sync {
    /// The scope's sums grouped by `by`, in order of their keys.
    async fn sales_by(
        &self,
        scope: &RollupScope,
        by: Breakdown,
    ) -> StoreResult<Vec<(String, RollupFigures)>>;
    /// The scope's sums by seller's place, category and channel (slugs as orders store them):
    /// every way the dashboard cuts a period, from one read.
    async fn sales_cells(
        &self,
        scope: &RollupScope,
    ) -> StoreResult<Vec<(SalesCell, RollupFigures)>>;
    /// How many shops had paid orders in the scope.
    async fn shops_with_sales(&self, scope: &RollupScope) -> StoreResult<i64>;
    /// The shops with the largest sales in the scope, largest first.
    async fn top_shops(
        &self,
        scope: &RollupScope,
        limit: i64,
    ) -> StoreResult<Vec<(ShopId, RollupFigures)>>;
    /// The products with the largest sales in the scope, largest first.
    async fn top_products(
        &self,
        scope: &RollupScope,
        limit: i64,
    ) -> StoreResult<Vec<(ProductId, RollupFigures)>>;
    /// Sales by where the buyers are (province code, county name), largest first. Only the
    /// scope's days apply: destinations are not kept by seller, category or channel.
    async fn sales_by_destination(
        &self,
        scope: &RollupScope,
        limit: i64,
    ) -> StoreResult<Vec<((String, String), RollupFigures)>>;
    async fn buyer_counts(&self, period: BuyerPeriod) -> StoreResult<BuyerCounts>;
    /// The live sessions that went live in the scope's days (in China), narrowed by the
    /// scope's shop and place (where the shop is): the `limit` with the largest sales, and
    /// sums over all. Category and channel do not apply: a session sells across categories,
    /// all through the live channel.
    async fn live_sessions_sales(
        &self,
        scope: &RollupScope,
        limit: i64,
    ) -> StoreResult<LiveSessionsSales>;
    /// The network's runs and villages reached over the days from `from` to `to`.
    async fn network_rollup(&self, from: CivilDate, to: CivilDate) -> StoreResult<NetworkRollup>;
    /// Recomputes every rollup from paid orders and completed refunds, runs that went out and
    /// stops done, in one transaction.
    async fn rebuild_rollups(&self) -> StoreResult<RebuildReport>;
}
