//! Farmgate's problem in `vrp-core`'s terms. A stop is one job with a static delivery (loaded at
//! the depot) and a static pickup (carried back to it); load has two dimensions, kg and parcels.
//! Job and vehicle ids are the indices in the Farmgate problem, so answers map straight back.

use std::sync::Arc;

use vrp_core::models::common::{MultiDimLoad, TimeWindow as VrpWindow};
use vrp_core::models::problem::{JobIdDimension, VehicleIdDimension};
use vrp_core::prelude::*;

use crate::problem::{Load, RoutingProblem, TimeWindow};
use crate::solve::Objective;

/// Violation codes the features report when a job does not fit.
pub(crate) const CAPACITY_CODE: ViolationCode = ViolationCode(1);
pub(crate) const TIME_CODE: ViolationCode = ViolationCode(2);

/// Builds the solver's problem for the given stops (indices into `problem.stops`).
pub(crate) fn to_vrp(
    problem: &RoutingProblem,
    stops: &[usize],
    objective: Objective,
) -> GenericResult<Problem> {
    let transport: Arc<dyn TransportCost> = Arc::new(transport_of(problem)?);
    let goal = goal_of(
        transport.clone(),
        objective,
        has_time_limits(problem, stops),
    )?;
    let jobs = stops
        .iter()
        .filter_map(|&index| problem.stops.get(index).map(|stop| (index, stop)))
        .map(|(index, stop)| {
            SingleBuilder::default()
                .id(&index.to_string())
                .demand(Demand {
                    pickup: (load_of(stop.pickup), load_of(Load::ZERO)),
                    delivery: (load_of(stop.delivery), load_of(Load::ZERO)),
                })
                .location(stop.location)?
                .duration(f64::from(stop.service_s))?
                .times(
                    stop.windows
                        .iter()
                        .map(|w| VrpWindow::new(f64::from(w.open_s), f64::from(w.close_s)))
                        .collect(),
                )?
                .build_as_job()
        })
        .collect::<GenericResult<Vec<_>>>()?;
    let vehicles = problem
        .vehicles
        .iter()
        .enumerate()
        .map(|(index, vehicle)| {
            let home = problem
                .home_of(vehicle)
                .ok_or_else(|| GenericError::from("vehicle without depot"))?;
            let detail = VehicleDetailBuilder::default()
                .set_start_location(home)
                .set_start_time(f64::from(vehicle.shift.open_s))
                .set_end_location(home)
                .set_end_time(f64::from(vehicle.shift.close_s))
                .build()?;
            let per_metre = match objective {
                Objective::Cost => vehicle.cost_per_km.minor() as f64 / 1000.0,
                Objective::Distance => 1.0,
            };
            let mut built = VehicleBuilder::default()
                .id(&index.to_string())
                .add_detail(detail)
                .capacity(load_of(vehicle.capacity))
                .set_distance_cost(per_metre)
                .build()?;
            if objective == Objective::Cost {
                built.costs.fixed = vehicle.fixed_cost.minor() as f64;
            }
            Ok(built)
        })
        .collect::<GenericResult<Vec<_>>>()?;
    ProblemBuilder::default()
        .add_jobs(jobs.into_iter())
        .add_vehicles(vehicles.into_iter())
        .with_goal(goal)
        .with_transport_cost(transport)
        .with_logger(Arc::new(|_: &str| {}))
        .build()
}

/// The Farmgate stop index behind a solver job.
pub(crate) fn stop_of(single: &vrp_core::models::problem::Single) -> Option<usize> {
    single.dimens.get_job_id().and_then(|id| id.parse().ok())
}

/// The Farmgate vehicle index behind a solver vehicle.
pub(crate) fn vehicle_of(vehicle: &vrp_core::models::problem::Vehicle) -> Option<usize> {
    vehicle
        .dimens
        .get_vehicle_id()
        .and_then(|id| id.parse().ok())
}

/// Without opening hours or shift ends the solver can skip all its schedule bookkeeping.
fn has_time_limits(problem: &RoutingProblem, stops: &[usize]) -> bool {
    let timed = |window: TimeWindow| window != TimeWindow::ALWAYS;
    stops
        .iter()
        .filter_map(|index| problem.stops.get(*index))
        .any(|stop| stop.windows.iter().any(|window| timed(*window)))
        || problem.vehicles.iter().any(|vehicle| timed(vehicle.shift))
}

fn goal_of(
    transport: Arc<dyn TransportCost>,
    objective: Objective,
    time_constrained: bool,
) -> GenericResult<GoalContext> {
    let unassigned = MinimizeUnassignedBuilder::new("min-unassigned").build()?;
    let capacity = CapacityFeatureBuilder::<MultiDimLoad>::new("capacity")
        .set_violation_code(CAPACITY_CODE)
        .build()?;
    let transport = TransportFeatureBuilder::new("transport")
        .set_transport_cost(transport)
        .set_time_constrained(time_constrained)
        .set_violation_code(TIME_CODE);
    let transport = match objective {
        Objective::Cost => transport.build_minimize_cost()?,
        Objective::Distance => transport.build_minimize_distance()?,
    };
    GoalContextBuilder::with_features(&[unassigned, transport, capacity])?.build()
}

fn transport_of(problem: &RoutingProblem) -> GenericResult<SimpleTransportCost> {
    let size = problem.matrix.size();
    let cells = || (0..size).flat_map(move |from| (0..size).map(move |to| (from, to)));
    let durations = cells()
        .map(|(from, to)| f64::from(problem.matrix.duration_s(from, to)))
        .collect();
    let distances = cells()
        .map(|(from, to)| f64::from(problem.matrix.distance_m(from, to)))
        .collect();
    SimpleTransportCost::new(durations, distances)
}

/// Validated to fit in `i32` before it gets here; saturates rather than wraps if not.
fn load_of(load: Load) -> MultiDimLoad {
    let count = |value: u32| i32::try_from(value).unwrap_or(i32::MAX);
    MultiDimLoad::new(vec![count(load.kg), count(load.parcels)])
}
