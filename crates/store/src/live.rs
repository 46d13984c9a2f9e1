//! Live sessions with their shopping bag and pins.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, LiveSessionId, ProductId, ShopId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::time::Timestamp;

use crate::StoreResult;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSessionRecord {
    pub id: LiveSessionId,
    pub shop_id: ShopId,
    pub host_id: AccountId,
    pub title: String,
    pub trailer: String,
    pub cover_file_id: Option<String>,
    pub starts_at: Timestamp,
    pub status: LiveStatus,
    /// Secret: shown to the shop's members only.
    pub stream_key: String,
    pub pinned_product: Option<ProductId>,
    pub went_live_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    pub replay_playlist: Option<String>,
    pub created_at: Timestamp,
    /// The shopping bag, in the host's order.
    pub bag: Vec<ProductId>,
}

/// A session as listings show it: with its shop's name and the cover to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSessionSummary {
    pub id: LiveSessionId,
    pub shop_id: ShopId,
    pub shop_name: String,
    pub title: String,
    pub trailer: String,
    pub starts_at: Timestamp,
    pub status: LiveStatus,
    /// The uploaded cover, or else the first bag product's first photo.
    pub cover_file_id: Option<String>,
    pub has_replay: bool,
}

/// Which sessions a listing wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveFilter {
    pub statuses: Vec<LiveStatus>,
    pub shop: Option<ShopId>,
    /// Only sessions starting at or after this (drops stale schedules).
    pub starts_from: Option<Timestamp>,
    /// After those on air, the latest start first rather than the earliest: what a limit
    /// keeps when a shop has streamed for years.
    pub newest_first: bool,
    /// Only sessions with a shopping bag and no replay yet: those a generated replay can show
    /// (the demo history's sessions have no bag).
    pub needing_replay: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LivePin {
    pub product_id: ProductId,
    pub pinned_at: Timestamp,
}

/// What changing a session's state did: the session as it is now, and whether this call
/// changed it (callbacks arrive more than once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveTransition {
    pub session: LiveSessionRecord,
    pub changed: bool,
}

#[async_trait]
pub trait LiveSessions: Send + Sync {
    /// Stores a session with its bag; every bag product must belong to the session's shop
    /// (`StoreError::Conflict` otherwise, and nothing is written).
    async fn insert_live_session(&self, session: &LiveSessionRecord) -> StoreResult<()>;
    async fn live_session(&self, id: &LiveSessionId) -> StoreResult<Option<LiveSessionRecord>>;
    async fn live_session_by_key(&self, key: &str) -> StoreResult<Option<LiveSessionRecord>>;
    /// Ordered by start time; live ones first when both are asked for.
    async fn live_sessions(
        &self,
        filter: &LiveFilter,
        limit: i64,
    ) -> StoreResult<Vec<LiveSessionSummary>>;
    /// Changes title, trailer, start, cover and bag while the session is scheduled or live
    /// (`StoreError::Conflict` otherwise). A pinned product left out of the bag is unpinned.
    async fn update_live_session(&self, session: &LiveSessionRecord) -> StoreResult<()>;
    /// Scheduled or live → live (keeping the first start time); anything else is a conflict.
    async fn mark_live(&self, id: &LiveSessionId, at: Timestamp) -> StoreResult<LiveTransition>;
    /// Live → ended; ended stays ended (unchanged); scheduled or cancelled is a conflict.
    async fn mark_ended(&self, id: &LiveSessionId, at: Timestamp) -> StoreResult<LiveTransition>;
    /// Scheduled → cancelled; anything else is a conflict.
    async fn cancel_live_session(&self, id: &LiveSessionId, at: Timestamp) -> StoreResult<()>;
    async fn set_replay(&self, id: &LiveSessionId, playlist: &str) -> StoreResult<()>;
    /// Pins a bag product (or unpins with `None`) while live, recording the pin for the replay.
    async fn pin_product(
        &self,
        id: &LiveSessionId,
        product: Option<&ProductId>,
        at: Timestamp,
    ) -> StoreResult<()>;
    /// Oldest first.
    async fn live_pins(&self, id: &LiveSessionId) -> StoreResult<Vec<LivePin>>;
}
