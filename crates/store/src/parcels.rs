//! Parcels and their tracking events as stored. A parcel's stage moves only by compare-and-set
//! (`advance_parcel`), so two scanners racing on one parcel cannot both move it, and a step is
//! recorded once however often it is scanned.

use async_trait::async_trait;
use farmgate_domain::id::{CarrierId, NetworkNodeId, OrderId, ParcelId, RouteRunId};
use farmgate_domain::parcel::{Direction, Parcel, ParcelCode, ParcelEvent, ParcelStage};

use crate::StoreResult;

pub const PARCEL_CODE_TAKEN: &str = "parcel code taken";
pub const CARRIER_TRACKING_TAKEN: &str = "this carrier's tracking number is already in the network";

/// Which parcels to list; empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParcelFilter {
    pub direction: Option<Direction>,
    pub stages: Vec<ParcelStage>,
    pub point: Option<NetworkNodeId>,
    pub run: Option<RouteRunId>,
    pub order: Option<OrderId>,
}

#[async_trait]
pub trait Parcels: Send + Sync {
    /// Adds parcels, each with its first event, in one transaction: all or none. A taken
    /// parcel code or carrier tracking number is a `Conflict` naming which.
    async fn add_parcels(&self, parcels: &[(Parcel, ParcelEvent)]) -> StoreResult<()>;
    async fn parcel(&self, id: &ParcelId) -> StoreResult<Option<Parcel>>;
    async fn parcel_by_code(&self, code: &ParcelCode) -> StoreResult<Option<Parcel>>;
    async fn parcel_by_tracking(
        &self,
        carrier: &CarrierId,
        tracking: &str,
    ) -> StoreResult<Option<Parcel>>;
    /// Oldest first.
    async fn parcels(&self, filter: &ParcelFilter) -> StoreResult<Vec<Parcel>>;
    /// Writes the parcel's stage, run, pickup code and carrier fields and records `event`, if
    /// the stored parcel is still at `from`; `false` (nothing written) when another scan moved
    /// it first.
    async fn advance_parcel(
        &self,
        parcel: &Parcel,
        from: ParcelStage,
        event: &ParcelEvent,
    ) -> StoreResult<bool>;
    /// Keeps a scan of a step the parcel has already passed; nothing when that step is
    /// recorded.
    async fn record_parcel_event(&self, event: &ParcelEvent) -> StoreResult<()>;
    /// In the order they happened.
    async fn parcel_events(&self, parcel: &ParcelId) -> StoreResult<Vec<ParcelEvent>>;
    /// Counts one more wrong pickup code; the new count, or `NotFound`.
    async fn count_wrong_pickup_code(&self, parcel: &ParcelId) -> StoreResult<i64>;
}
