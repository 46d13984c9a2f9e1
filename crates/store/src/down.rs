//! What the down flow keeps besides the parcels themselves: each carrier's intake-API token
//! (only its hash) and the pickup notices sent to villagers, one per parcel. A down parcel at
//! its point without a notice is the outbox: the sender finds it there, so a notice cannot be
//! lost between the step and the send.

use async_trait::async_trait;
use farmgate_domain::id::{CarrierId, ParcelId};
use farmgate_domain::parcel::PickupNotice;
use farmgate_domain::time::Timestamp;

use crate::StoreResult;

pub const CARRIER_TOKEN_TAKEN: &str = "this token is another carrier's";

/// A carrier's intake token as kept: the SHA-256 of the secret, never the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarrierToken {
    pub carrier: CarrierId,
    pub token_hash: String,
    pub issued_at: Timestamp,
}

#[async_trait]
pub trait DownFlow: Send + Sync {
    /// Gives the carrier this token, replacing any it had.
    async fn set_carrier_token(&self, token: &CarrierToken) -> StoreResult<()>;
    /// `false` when the carrier had none.
    async fn revoke_carrier_token(&self, carrier: &CarrierId) -> StoreResult<bool>;
    async fn carrier_tokens(&self) -> StoreResult<Vec<CarrierToken>>;
    async fn carrier_by_token(&self, token_hash: &str) -> StoreResult<Option<CarrierId>>;
    /// Down parcels at their point, with a pickup code and no notice yet: oldest first.
    async fn parcels_awaiting_notice(&self, limit: i64) -> StoreResult<Vec<ParcelId>>;
    /// Keeps a sent notice; `false` when the parcel already had one.
    async fn record_pickup_notice(&self, notice: &PickupNotice) -> StoreResult<bool>;
    /// Newest first.
    async fn pickup_notices(&self, limit: i64) -> StoreResult<Vec<PickupNotice>>;
}
