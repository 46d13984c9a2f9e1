//! The driver's day: a run's stops with the parcels expected at each, scans at the depot (down
//! parcels into the van) and at a stop (down parcels off, up parcels on), and stops marked
//! done. Every scan goes through `scan_parcel`, so repeated and late scans change nothing.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::RouteRunId;
use farmgate_domain::parcel::{Advance, Direction, Parcel, ParcelCode, ParcelStage};
use farmgate_domain::route_run::{RouteRun, RunStatus};
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::ParcelFilter;

use crate::parcels::Scan;
use crate::{ServiceError, ServiceResult, Services};

pub const NOT_ON_THIS_RUN: &str = "this parcel is not on this run";
pub const NOT_FOR_THIS_STOP: &str = "this parcel belongs to another village point";

/// A scan on a run: at the depot (`stop` is `None`) or at the stop at that position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunScan {
    pub run: RouteRunId,
    pub stop: Option<usize>,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopScanned {
    pub parcel: Parcel,
    /// `false` when it had been scanned there already.
    pub moved: bool,
}

/// A run with its parcels, for the driver's pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunParcels {
    pub run: RouteRun,
    pub parcels: Vec<Parcel>,
    /// The stops' village point names, in stop order.
    pub stop_names: Vec<String>,
}

impl RunParcels {
    /// The run's parcels for the stop at `position`.
    pub fn at_stop(&self, position: usize) -> Vec<&Parcel> {
        let Some(stop) = self.run.stops.get(position) else {
            return Vec::new();
        };
        self.parcels
            .iter()
            .filter(|parcel| parcel.point == stop.point)
            .collect()
    }

    /// The down parcels to load at the depot.
    pub fn to_load(&self) -> Vec<&Parcel> {
        self.parcels
            .iter()
            .filter(|parcel| parcel.direction == Direction::Down)
            .collect()
    }
}

impl Services {
    pub async fn run_parcels(&self, actor: &Actor, id: &RouteRunId) -> ServiceResult<RunParcels> {
        authorize(actor, &Action::HandleParcels)?;
        let run = self
            .store
            .route_run(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let filter = ParcelFilter {
            run: Some(id.clone()),
            ..ParcelFilter::default()
        };
        let parcels = self.store.parcels(&filter).await?;
        let nodes = self.store.network_nodes().await?;
        let stop_names = run
            .stops
            .iter()
            .map(|stop| {
                nodes
                    .iter()
                    .find(|node| node.id == stop.point)
                    .map_or_else(String::new, |node| node.name.clone())
            })
            .collect();
        Ok(RunParcels {
            run,
            parcels,
            stop_names,
        })
    }

    /// Takes a parcel into the van at the depot, or off (down) or on (up) at a stop. The run
    /// goes out with its first scan.
    pub async fn scan_on_run(&self, actor: &Actor, scan: &RunScan) -> ServiceResult<StopScanned> {
        authorize(actor, &Action::HandleParcels)?;
        let code = ParcelCode::parse(&scan.code)
            .ok_or_else(|| ValidationErrors::single("code", Problem::Invalid))?;
        let run = self
            .store
            .route_run(&scan.run)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let parcel = self.parcel_by_code(&code).await?;
        let (stage, node) = match scan.stop {
            None => {
                if parcel.run.as_ref() != Some(&run.id) || parcel.direction != Direction::Down {
                    return Err(ServiceError::Conflict(NOT_ON_THIS_RUN));
                }
                (ParcelStage::Loaded, run.depot.clone())
            }
            Some(position) => {
                let stop = run.stops.get(position).ok_or(ServiceError::NotFound)?;
                if parcel.point != stop.point {
                    return Err(ServiceError::Conflict(NOT_FOR_THIS_STOP));
                }
                // An up parcel declared after planning is still taken; a down one rides its run.
                if parcel.direction == Direction::Down && parcel.run.as_ref() != Some(&run.id) {
                    return Err(ServiceError::Conflict(NOT_ON_THIS_RUN));
                }
                let stage = match parcel.direction {
                    Direction::Down => ParcelStage::AtPoint,
                    Direction::Up => ParcelStage::PickedUp,
                };
                (stage, stop.point.clone())
            }
        };
        let scanned = self
            .scan_parcel(
                actor,
                &Scan {
                    code,
                    stage,
                    at: None,
                    node: Some(node),
                    run: Some(run.id.clone()),
                },
            )
            .await?;
        self.store
            .set_run_status(&run.id, RunStatus::Planned, RunStatus::Out)
            .await?;
        Ok(StopScanned {
            parcel: scanned.parcel,
            moved: scanned.advance == Advance::Moved,
        })
    }

    /// Marks a stop done (the first time counts); the run is done with its last stop.
    pub async fn finish_stop(
        &self,
        actor: &Actor,
        id: &RouteRunId,
        position: usize,
    ) -> ServiceResult<RouteRun> {
        authorize(actor, &Action::HandleParcels)?;
        let run = self
            .store
            .route_run(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if position >= run.stops.len() {
            return Err(ServiceError::NotFound);
        }
        self.store
            .mark_stop_done(id, position, self.clock.now())
            .await?;
        self.store
            .set_run_status(id, RunStatus::Planned, RunStatus::Out)
            .await?;
        let run = self
            .store
            .route_run(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if run.all_stops_done() {
            self.store
                .set_run_status(id, RunStatus::Out, RunStatus::Done)
                .await?;
            return self
                .store
                .route_run(id)
                .await?
                .ok_or(ServiceError::NotFound);
        }
        Ok(run)
    }
}
