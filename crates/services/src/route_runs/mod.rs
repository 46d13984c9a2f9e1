//! Planning the day's route runs and showing them. `plan_day` gathers the parcels waiting for a
//! run (down parcels received at the warehouse, up parcels declared at their point, and those
//! on a run of the day not yet started), solves the day with `farmgate-routing` within a time
//! limit, checks the plan with the routing checker, and replaces the day's not-started runs.

mod driver;
mod labels;
mod problem;
mod sheet;

use std::collections::HashMap;
use std::time::Duration;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::{NetworkNodeId, RouteRunId, VehicleId};
use farmgate_domain::network::{NetworkNode, Vehicle};
use farmgate_domain::parcel::{Parcel, ParcelEvent, ParcelStage};
use farmgate_domain::route_run::{
    RouteRun, RunDay, RunStatus, RunStop, Unplanned, UnplannedReason,
};
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_routing::{MatrixError, StraightLine, TravelMatrix};
use farmgate_store::{DayPlan, ParcelFilter};

pub use driver::{RunParcels, RunScan, StopScanned, NOT_FOR_THIS_STOP, NOT_ON_THIS_RUN};
pub use labels::{LabelParcel, LabelRoute};
pub use sheet::{RunSheet, SheetParcel, SheetStop};

use crate::{new_id, ServiceError, ServiceResult, Services};

/// Where the county keeps its detour factor (per mille) for straight-line distances.
const DETOUR_KEY: &str = "routing.detour_permille";
/// Roads in the county are about a third longer than the straight line.
pub const DEFAULT_DETOUR_PERMILLE: u32 = 1_350;
/// Average van speed on county and village roads.
const SPEED_KMH: u32 = 40;
/// The longest a person may make the planner think.
pub const MAX_TIME_LIMIT: Duration = Duration::from_secs(60);
pub const MATRIX_DOES_NOT_FIT: &str =
    "the matrix file must have one location per network site, in code order";

/// Where distances come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Distances {
    /// Straight line times the county's detour factor.
    StraightLine,
    /// A matrix file the hub supplied (`read_matrix_file`).
    File(TravelMatrix),
}

/// What planning did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSummary {
    pub runs: usize,
    pub planned: usize,
    pub unplanned: usize,
}

/// A day's runs and what was left behind, with the sites and vehicles they name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayRuns {
    pub day: RunDay,
    pub runs: Vec<RouteRun>,
    pub unplanned: Vec<(Parcel, UnplannedReason)>,
    pub nodes: HashMap<NetworkNodeId, NetworkNode>,
    pub vehicles: HashMap<VehicleId, Vehicle>,
}

/// Reads a supplied matrix file, JSON or CSV by its name; the error says what is wrong where.
pub fn read_matrix_file(name: &str, text: &str) -> Result<TravelMatrix, MatrixError> {
    if name.to_ascii_lowercase().ends_with(".json") {
        TravelMatrix::from_json(text)
    } else {
        TravelMatrix::from_csv(text)
    }
}

impl Services {
    /// Plans `day` again: the runs not started are replaced, every waiting parcel ends on a run
    /// or in the unplanned list with a reason.
    pub async fn plan_day(
        &self,
        actor: &Actor,
        day: RunDay,
        distances: Distances,
        time_limit: Duration,
    ) -> ServiceResult<PlanSummary> {
        authorize(actor, &Action::HandleParcels)?;
        let nodes = self.store.network_nodes().await?;
        let vehicles = self.store.vehicles().await?;
        let waiting = self.parcels_waiting(day).await?;
        let matrix = match distances {
            Distances::File(matrix) if matrix.size() == nodes.len() => matrix,
            Distances::File(_) => return Err(ServiceError::Conflict(MATRIX_DOES_NOT_FIT)),
            Distances::StraightLine => {
                let line = StraightLine {
                    detour_permille: self.detour_permille().await?,
                    speed_kmh: SPEED_KMH,
                };
                let points: Vec<_> = nodes.iter().map(|node| Some(node.location)).collect();
                TravelMatrix::straight_line(&points, line)
                    .map_err(|e| ServiceError::Internal(e.to_string()))?
            }
        };
        let day_problem = problem::build(&nodes, &vehicles, &waiting, matrix);
        let limit = time_limit.min(MAX_TIME_LIMIT);
        let solving = day_problem.problem.clone();
        let solved = tokio::task::spawn_blocking(move || {
            let plan = farmgate_routing::plan(&solving, limit);
            let violations = match &plan {
                Ok(plan) => farmgate_routing::check(&solving, plan),
                Err(_) => Vec::new(),
            };
            (plan, violations)
        })
        .await
        .map_err(|e| ServiceError::Internal(format!("planning stopped: {e}")))?;
        let plan = match solved {
            (Ok(plan), violations) if violations.is_empty() => plan,
            (Ok(_), violations) => {
                tracing::error!(?violations, %day, "the routing checker refused a plan");
                return Err(ServiceError::Internal("the plan failed its check".into()));
            }
            (Err(error), _) => return Err(ServiceError::Internal(error.to_string())),
        };
        let day_plan = self.day_plan(actor, day, &day_problem, &plan);
        let summary = PlanSummary {
            runs: day_plan.runs.len(),
            planned: day_plan.planned.len(),
            unplanned: day_plan.unplanned.len(),
        };
        self.store.replace_day_plan(&day_plan).await?;
        Ok(summary)
    }

    pub async fn day_runs(&self, actor: &Actor, day: RunDay) -> ServiceResult<DayRuns> {
        authorize(actor, &Action::HandleParcels)?;
        let runs = self.store.runs_of_day(day).await?;
        let mut unplanned = Vec::new();
        for left in self.store.unplanned_of_day(day).await? {
            if let Some(parcel) = self.store.parcel(&left.parcel).await? {
                unplanned.push((parcel, left.reason));
            }
        }
        let nodes = self.store.network_nodes().await?;
        let vehicles = self.store.vehicles().await?;
        Ok(DayRuns {
            day,
            runs,
            unplanned,
            nodes: nodes.into_iter().map(|n| (n.id.clone(), n)).collect(),
            vehicles: vehicles.into_iter().map(|v| (v.id.clone(), v)).collect(),
        })
    }

    /// The county's detour factor, per mille.
    pub async fn detour_permille(&self) -> ServiceResult<u32> {
        let stored = self.store.meta(DETOUR_KEY).await?;
        Ok(stored
            .and_then(|text| text.parse().ok())
            .unwrap_or(DEFAULT_DETOUR_PERMILLE))
    }

    /// Sets the detour factor from a form's `1.35`-style text (1.00 to 3.00).
    pub async fn set_detour(&self, actor: &Actor, text: &str) -> ServiceResult<u32> {
        authorize(actor, &Action::ManageNetwork)?;
        let permille = parse_detour(text)
            .ok_or_else(|| ValidationErrors::single("detour", Problem::Invalid))?;
        self.store
            .set_meta(DETOUR_KEY, &permille.to_string())
            .await?;
        Ok(permille)
    }

    /// Down parcels at the warehouse, up parcels at their point, and the parcels of the day's
    /// runs not yet started.
    async fn parcels_waiting(&self, day: RunDay) -> ServiceResult<Vec<Parcel>> {
        let replaceable: Vec<RouteRunId> = self
            .store
            .runs_of_day(day)
            .await?
            .into_iter()
            .filter(|run| run.status == RunStatus::Planned)
            .map(|run| run.id)
            .collect();
        let filter = ParcelFilter {
            stages: vec![
                ParcelStage::Received,
                ParcelStage::Declared,
                ParcelStage::Planned,
            ],
            ..ParcelFilter::default()
        };
        let parcels = self.store.parcels(&filter).await?;
        Ok(parcels
            .into_iter()
            .filter(|parcel| match parcel.stage {
                ParcelStage::Planned => parcel
                    .run
                    .as_ref()
                    .is_some_and(|run| replaceable.contains(run)),
                stage => stage.awaits_run(parcel.direction),
            })
            .collect())
    }

    fn day_plan(
        &self,
        actor: &Actor,
        day: RunDay,
        day_problem: &problem::DayProblem,
        plan: &farmgate_routing::RoutingPlan,
    ) -> DayPlan {
        let now = self.clock.now();
        let mut runs = Vec::new();
        let mut planned = Vec::new();
        for run in &plan.runs {
            let Some(vehicle) = day_problem.vehicles.get(run.vehicle) else {
                continue;
            };
            let id: RouteRunId = new_id();
            let mut stops = Vec::new();
            for visit in &run.visits {
                let Some(stop) = day_problem.stops.get(visit.stop) else {
                    continue;
                };
                planned.extend(stop.parcels.iter().map(|parcel| ParcelEvent {
                    parcel: parcel.clone(),
                    stage: ParcelStage::Planned,
                    at: now,
                    node: Some(vehicle.depot.clone()),
                    run: Some(id.clone()),
                    by: Some(actor.account_id.clone()),
                    recorded_at: now,
                }));
                stops.push(RunStop {
                    point: stop.point.clone(),
                    arrival_minute: i64::from(visit.arrival_s / 60),
                    departure_minute: i64::from(visit.departure_s.div_ceil(60)),
                    drop: stop.drop,
                    pick_up: stop.pick_up,
                    done_at: None,
                });
            }
            runs.push(RouteRun {
                id,
                day,
                depot: vehicle.depot.clone(),
                vehicle: vehicle.id.clone(),
                status: RunStatus::Planned,
                depart_minute: i64::from(run.depart_s / 60),
                return_minute: i64::from(run.return_s.div_ceil(60)),
                distance_m: i64::try_from(run.distance_m).unwrap_or(i64::MAX),
                cost: run.cost,
                stops,
                planned_at: now,
            });
        }
        let mut unplanned = day_problem.set_aside.clone();
        for left in &plan.unassigned {
            if let Some(stop) = day_problem.stops.get(left.stop) {
                unplanned.extend(stop.parcels.iter().map(|parcel| Unplanned {
                    parcel: parcel.clone(),
                    reason: problem::reason_of(left.reason),
                }));
            }
        }
        DayPlan {
            day,
            runs,
            planned,
            unplanned,
        }
    }
}

/// `1.35` → 1350‰; between 1.00 and 3.00, at most three decimals.
fn parse_detour(text: &str) -> Option<u32> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || fraction.len() > 3 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let fraction: u32 = format!("{fraction:0<3}").parse().ok()?;
    let permille = whole.checked_mul(1000)?.checked_add(fraction)?;
    (1_000..=3_000).contains(&permille).then_some(permille)
}

#[cfg(test)]
mod tests {
    use super::parse_detour;

    #[test]
    fn a_detour_factor_reads_as_per_mille_within_reason() {
        assert_eq!(parse_detour("1.35"), Some(1_350));
        assert_eq!(parse_detour(" 2 "), Some(2_000));
        assert_eq!(parse_detour("1.005"), Some(1_005));
        assert_eq!(parse_detour("0.9"), None);
        assert_eq!(parse_detour("3.5"), None);
        assert_eq!(parse_detour("1.0001"), None);
        assert_eq!(parse_detour("1,35"), None);
        assert_eq!(parse_detour(".5"), None);
    }
}
