//! What the network's measures read: the parcels taken in over a window with the steps that
//! say when they arrived and which run carried them, the runs that went out, and the stops
//! done. Each is one query however many parcels there are.

use async_trait::async_trait;
use farmgate_domain::parcel::{RunCost, Trip, Visit};
use farmgate_domain::route_run::RunDay;
use farmgate_domain::time::Timestamp;

use crate::StoreResult;

#[async_trait]
pub trait MeasureReads: Send + Sync {
    /// Parcels taken in from `since` to `until` (down: received at the warehouse; up: declared
    /// at the village point) with their carrier, their run (the parcel's, else its `planned`
    /// step's) and when they arrived (down: at their point; up: handed to their carrier).
    async fn trips_taken_in(&self, since: Timestamp, until: Timestamp) -> StoreResult<Vec<Trip>>;
    /// Runs of the days `first..=last` that went out (out or done), with distance and cost.
    async fn runs_gone_out(&self, first: RunDay, last: RunDay) -> StoreResult<Vec<RunCost>>;
    /// Stops done from `since` to `until`, each as the village of its point.
    async fn visits_between(&self, since: Timestamp, until: Timestamp) -> StoreResult<Vec<Visit>>;
}
