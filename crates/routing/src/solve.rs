//! Planning: validate, set aside the stops no vehicle could ever serve, let `vrp-core` search
//! for the rest within the time limit, and translate its best solution back.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use vrp_core::construction::heuristics::UnassignmentInfo;
use vrp_core::prelude::*;
use vrp_core::rosomaxa::evolution::TelemetryMode;
use vrp_core::rosomaxa::utils::{Parallelism, TimeQuota};

use crate::error::RoutingError;
use crate::model::{self, CAPACITY_CODE, TIME_CODE};
use crate::plan::{RoutingPlan, Run, Unassigned, UnassignedReason, Visit};
use crate::problem::RoutingProblem;
use crate::reachability::never_servable;

/// What the planner minimises once every stop it can serve is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objective {
    /// Money: each vehicle's fixed cost if used plus its cost per km.
    Cost,
    /// Total distance, whatever the vehicles cost: the measure of the published benchmarks.
    Distance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanOptions {
    pub time_limit: Duration,
    pub objective: Objective,
}

impl PlanOptions {
    pub fn new(time_limit: Duration) -> Self {
        Self {
            time_limit,
            objective: Objective::Cost,
        }
    }
}

/// Plans the cheapest runs found within `time_limit`.
pub fn plan(problem: &RoutingProblem, time_limit: Duration) -> Result<RoutingPlan, RoutingError> {
    plan_with(problem, PlanOptions::new(time_limit))
}

pub fn plan_with(
    problem: &RoutingProblem,
    options: PlanOptions,
) -> Result<RoutingPlan, RoutingError> {
    problem.validate()?;
    let mut unassigned = Vec::new();
    let mut servable = Vec::new();
    for (index, stop) in problem.stops.iter().enumerate() {
        match never_servable(problem, stop) {
            Some(reason) => unassigned.push(Unassigned {
                stop: index,
                reason,
            }),
            None => servable.push(index),
        }
    }
    if servable.is_empty() {
        return Ok(RoutingPlan {
            runs: Vec::new(),
            unassigned,
        });
    }
    // The solver is a large search over our input: should it ever panic, the caller still gets
    // an error, never a crash.
    let solution =
        std::panic::catch_unwind(AssertUnwindSafe(|| solve(problem, &servable, options)))
            .map_err(|_| RoutingError::Solver("the solver stopped unexpectedly".into()))?
            .map_err(|error| RoutingError::Solver(error.to_string()))?;
    let mut plan = translate(problem, &solution);
    plan.unassigned.extend(unassigned);
    plan.unassigned.sort_by_key(|entry| entry.stop);
    Ok(plan)
}

fn solve(
    problem: &RoutingProblem,
    stops: &[usize],
    options: PlanOptions,
) -> GenericResult<Solution> {
    let vrp = Arc::new(model::to_vrp(problem, stops, options.objective)?);
    let seconds = options.time_limit.as_secs_f64().max(0.001);
    let environment = Arc::new(Environment::new(
        Arc::new(DefaultRandom::default()),
        Some(Arc::new(TimeQuota::new(seconds))),
        Parallelism::default(),
        Arc::new(|_: &str| {}),
        false,
    ));
    let config = VrpConfigBuilder::new(vrp.clone())
        .set_environment(environment)
        .set_telemetry_mode(TelemetryMode::None)
        .prebuild()?
        .with_max_time(Some(options.time_limit.as_secs().max(1) as usize))
        .build()?;
    Solver::new(vrp, config).solve()
}

fn translate(problem: &RoutingProblem, solution: &Solution) -> RoutingPlan {
    let runs = solution
        .routes
        .iter()
        .filter_map(|route| {
            let vehicle_index = model::vehicle_of(&route.actor.vehicle)?;
            let vehicle = problem.vehicles.get(vehicle_index)?;
            let home = problem.home_of(vehicle)?;
            let visits: Vec<Visit> = route
                .tour
                .all_activities()
                .filter_map(|activity| {
                    let stop = model::stop_of(activity.job.as_ref()?)?;
                    let service = problem.stops.get(stop)?.service_s;
                    let departure_s = seconds(activity.schedule.departure);
                    Some(Visit {
                        stop,
                        arrival_s: seconds(activity.schedule.arrival),
                        start_s: departure_s.saturating_sub(service),
                        departure_s,
                    })
                })
                .collect();
            if visits.is_empty() {
                return None;
            }
            let path =
                std::iter::once(home)
                    .chain(visits.iter().filter_map(|visit| {
                        problem.stops.get(visit.stop).map(|stop| stop.location)
                    }))
                    .chain(std::iter::once(home));
            let legs = path.clone().zip(path.skip(1));
            let distance_m = legs
                .map(|(from, to)| u64::from(problem.matrix.distance_m(from, to)))
                .sum();
            let return_s = route
                .tour
                .end()
                .map_or(vehicle.shift.close_s, |end| seconds(end.schedule.arrival));
            Some(Run {
                vehicle: vehicle_index,
                depart_s: route.tour.start().map_or(vehicle.shift.open_s, |start| {
                    seconds(start.schedule.departure)
                }),
                visits,
                return_s,
                distance_m,
                cost: Run::cost_of(vehicle.fixed_cost, vehicle.cost_per_km, distance_m),
            })
        })
        .collect();
    let unassigned = solution
        .unassigned
        .iter()
        .filter_map(|(job, info)| {
            let stop = model::stop_of(job.as_single()?)?;
            Some(Unassigned {
                stop,
                reason: reason_of(info),
            })
        })
        .collect();
    RoutingPlan { runs, unassigned }
}

fn reason_of(info: &UnassignmentInfo) -> UnassignedReason {
    let codes: Vec<ViolationCode> = match info {
        UnassignmentInfo::Simple(code) => vec![*code],
        UnassignmentInfo::Detailed(pairs) => pairs.iter().map(|(_, code)| *code).collect(),
        UnassignmentInfo::Unknown => Vec::new(),
    };
    if codes.contains(&CAPACITY_CODE) {
        UnassignedReason::NoCapacityLeft
    } else if codes.contains(&TIME_CODE) {
        UnassignedReason::NoTimeLeft
    } else {
        UnassignedReason::NotPlaced
    }
}

/// Solver times are whole seconds held in floats; anything else is rounded, never wrapped.
fn seconds(value: f64) -> u32 {
    value.round() as u32
}
