//! The day's route runs as stored. Planning replaces a day's runs that have not started, and
//! moves the parcels onto them, in one transaction whose parcel moves are compare-and-set: a
//! parcel scanned while the plan was being made fails the whole replacement.

use async_trait::async_trait;
use farmgate_domain::id::RouteRunId;
use farmgate_domain::parcel::ParcelEvent;
use farmgate_domain::route_run::{RouteRun, RunDay, RunStatus, Unplanned};
use farmgate_domain::time::Timestamp;

use crate::StoreResult;

pub const PLAN_OUTDATED: &str = "a parcel moved while the day was being planned; plan again";

/// A new plan for a day: its runs, the parcels put on them, and those left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPlan {
    pub day: RunDay,
    pub runs: Vec<RouteRun>,
    /// One `planned` event per parcel, naming its run.
    pub planned: Vec<ParcelEvent>,
    pub unplanned: Vec<Unplanned>,
}

#[async_trait]
pub trait RouteRuns: Send + Sync {
    /// In one transaction: deletes the day's runs still `planned` (their parcels go back to
    /// waiting, their `planned` steps are withdrawn), writes the new runs with their stops, and
    /// moves each parcel of `planned` from waiting to `planned` on its run. A parcel no longer
    /// waiting (scanned meanwhile, or on a run that started) is a `Conflict` (`PLAN_OUTDATED`)
    /// and nothing is written.
    async fn replace_day_plan(&self, plan: &DayPlan) -> StoreResult<()>;
    /// The day's runs with their stops, by departure.
    async fn runs_of_day(&self, day: RunDay) -> StoreResult<Vec<RouteRun>>;
    async fn route_run(&self, id: &RouteRunId) -> StoreResult<Option<RouteRun>>;
    /// What the day's last plan could not put on a run.
    async fn unplanned_of_day(&self, day: RunDay) -> StoreResult<Vec<Unplanned>>;
    /// Moves the run from `from` to `to`; `false` when it was not at `from`.
    async fn set_run_status(
        &self,
        id: &RouteRunId,
        from: RunStatus,
        to: RunStatus,
    ) -> StoreResult<bool>;
    /// Marks the stop at `position` done at `at`; `false` when it already was (the first time
    /// is kept) or there is no such stop.
    async fn mark_stop_done(
        &self,
        id: &RouteRunId,
        position: usize,
        at: Timestamp,
    ) -> StoreResult<bool>;
}
