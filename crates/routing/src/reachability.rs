//! Stops that no vehicle could serve even on an otherwise empty run, found before solving so
//! the reason is exact rather than the solver's guess.

use crate::plan::UnassignedReason;
use crate::problem::{RoutingProblem, Stop, Vehicle};

/// Why `stop` cannot be served by any vehicle alone, if it cannot.
pub(crate) fn never_servable(problem: &RoutingProblem, stop: &Stop) -> Option<UnassignedReason> {
    let mut carriers = problem
        .vehicles
        .iter()
        .filter(|vehicle| {
            vehicle.capacity.holds(stop.delivery) && vehicle.capacity.holds(stop.pickup)
        })
        .peekable();
    if carriers.peek().is_none() {
        return Some(UnassignedReason::ExceedsEveryVehicle);
    }
    if carriers.any(|vehicle| reaches_in_time(problem, vehicle, stop)) {
        None
    } else {
        Some(UnassignedReason::WindowUnreachable)
    }
}

/// Leaving the depot at shift start, straight there and straight back.
fn reaches_in_time(problem: &RoutingProblem, vehicle: &Vehicle, stop: &Stop) -> bool {
    let Some(home) = problem.home_of(vehicle) else {
        return false;
    };
    let matrix = &problem.matrix;
    let arrival =
        u64::from(vehicle.shift.open_s) + u64::from(matrix.duration_s(home, stop.location));
    stop.windows.iter().any(|window| {
        let start = arrival.max(u64::from(window.open_s));
        let back =
            start + u64::from(stop.service_s) + u64::from(matrix.duration_s(stop.location, home));
        start <= u64::from(window.close_s) && back <= u64::from(vehicle.shift.close_s)
    })
}
