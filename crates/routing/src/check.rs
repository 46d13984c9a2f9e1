//! An independent checker of plans, written from the problem's rules and sharing nothing with
//! the solver: every stop served once or reported, each vehicle out at most once, loads within
//! capacity at every point (all deliveries on board when leaving, pickups added stop by stop),
//! travel times respected, service inside opening hours, back before the shift ends, and the
//! reported distances true.

use std::collections::HashSet;

use crate::plan::{RoutingPlan, Run};
use crate::problem::{Load, RoutingProblem, Vehicle};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    UnknownVehicle {
        run: usize,
        vehicle: usize,
    },
    VehicleOutTwice {
        vehicle: usize,
    },
    EmptyRun {
        run: usize,
    },
    UnknownStop {
        stop: usize,
    },
    StopServedTwice {
        stop: usize,
    },
    StopMissing {
        stop: usize,
    },
    DepartsBeforeShift {
        run: usize,
        depart_s: u32,
    },
    /// Arrives sooner than the drive from the previous place allows.
    ArrivesTooSoon {
        run: usize,
        visit: usize,
        arrival_s: u32,
        earliest_s: u64,
    },
    /// Service starts before the vehicle is there, or while the point is closed (before its
    /// first window or between two).
    StartsBeforeOpen {
        run: usize,
        visit: usize,
        start_s: u32,
    },
    /// Service starts after the point's last window closed.
    StartsAfterClose {
        run: usize,
        visit: usize,
        start_s: u32,
        close_s: u32,
    },
    /// Leaves before the service time has passed.
    LeavesTooSoon {
        run: usize,
        visit: usize,
        departure_s: u32,
    },
    ReturnsTooSoon {
        run: usize,
        return_s: u32,
        earliest_s: u64,
    },
    ReturnsAfterShift {
        run: usize,
        return_s: u32,
        close_s: u32,
    },
    /// `after_visits` is how many stops were done: 0 means leaving the depot.
    OverCapacity {
        run: usize,
        after_visits: usize,
        load_kg: u64,
        load_parcels: u64,
    },
    WrongDistance {
        run: usize,
        reported_m: u64,
        actual_m: u64,
    },
}

/// Every rule the plan breaks; empty when the plan is valid.
pub fn check(problem: &RoutingProblem, plan: &RoutingPlan) -> Vec<Violation> {
    let mut violations = coverage(problem, plan);
    let mut out = HashSet::new();
    for (index, run) in plan.runs.iter().enumerate() {
        let Some(vehicle) = problem.vehicles.get(run.vehicle) else {
            violations.push(Violation::UnknownVehicle {
                run: index,
                vehicle: run.vehicle,
            });
            continue;
        };
        if !out.insert(run.vehicle) {
            violations.push(Violation::VehicleOutTwice {
                vehicle: run.vehicle,
            });
        }
        if run.visits.is_empty() {
            violations.push(Violation::EmptyRun { run: index });
        }
        if run
            .visits
            .iter()
            .any(|visit| visit.stop >= problem.stops.len())
        {
            continue; // reported by `coverage`; times and loads of unknown stops mean nothing
        }
        violations.extend(capacity(problem, index, run, vehicle));
        violations.extend(schedule(problem, index, run, vehicle));
        violations.extend(distance(problem, index, run, vehicle));
    }
    violations
}

fn coverage(problem: &RoutingProblem, plan: &RoutingPlan) -> Vec<Violation> {
    let mut violations = Vec::new();
    let mut seen = vec![false; problem.stops.len()];
    let visited = plan
        .runs
        .iter()
        .flat_map(|run| run.visits.iter().map(|visit| visit.stop));
    let reported = plan.unassigned.iter().map(|entry| entry.stop);
    for stop in visited.chain(reported) {
        match seen.get_mut(stop) {
            None => violations.push(Violation::UnknownStop { stop }),
            Some(true) => violations.push(Violation::StopServedTwice { stop }),
            Some(flag) => *flag = true,
        }
    }
    let missing = seen.iter().enumerate().filter(|(_, seen)| !**seen);
    violations.extend(missing.map(|(stop, _)| Violation::StopMissing { stop }));
    violations
}

fn capacity(
    problem: &RoutingProblem,
    index: usize,
    run: &Run,
    vehicle: &Vehicle,
) -> Vec<Violation> {
    let stops = || {
        run.visits
            .iter()
            .filter_map(|visit| problem.stops.get(visit.stop))
    };
    let mut kg: u64 = stops().map(|stop| u64::from(stop.delivery.kg)).sum();
    let mut parcels: u64 = stops().map(|stop| u64::from(stop.delivery.parcels)).sum();
    let mut violations = Vec::new();
    let mut check_load = |after_visits: usize, kg: u64, parcels: u64| {
        if kg > u64::from(vehicle.capacity.kg) || parcels > u64::from(vehicle.capacity.parcels) {
            violations.push(Violation::OverCapacity {
                run: index,
                after_visits,
                load_kg: kg,
                load_parcels: parcels,
            });
        }
    };
    check_load(0, kg, parcels);
    for (done, stop) in stops().enumerate() {
        let Load {
            kg: down_kg,
            parcels: down_parcels,
        } = stop.delivery;
        kg = kg - u64::from(down_kg) + u64::from(stop.pickup.kg);
        parcels = parcels - u64::from(down_parcels) + u64::from(stop.pickup.parcels);
        check_load(done + 1, kg, parcels);
    }
    violations
}

fn schedule(
    problem: &RoutingProblem,
    index: usize,
    run: &Run,
    vehicle: &Vehicle,
) -> Vec<Violation> {
    let mut violations = Vec::new();
    let Some(home) = problem.home_of(vehicle) else {
        return violations;
    };
    if run.depart_s < vehicle.shift.open_s {
        violations.push(Violation::DepartsBeforeShift {
            run: index,
            depart_s: run.depart_s,
        });
    }
    let (mut place, mut free_s) = (home, u64::from(run.depart_s));
    for (position, visit) in run.visits.iter().enumerate() {
        let Some(stop) = problem.stops.get(visit.stop) else {
            continue;
        };
        let earliest_s = free_s + u64::from(problem.matrix.duration_s(place, stop.location));
        if u64::from(visit.arrival_s) < earliest_s {
            violations.push(Violation::ArrivesTooSoon {
                run: index,
                visit: position,
                arrival_s: visit.arrival_s,
                earliest_s,
            });
        }
        let last_close_s = stop.windows.iter().map(|w| w.close_s).max().unwrap_or(0);
        let open = stop
            .windows
            .iter()
            .any(|w| w.open_s <= visit.start_s && visit.start_s <= w.close_s);
        if visit.start_s > last_close_s {
            violations.push(Violation::StartsAfterClose {
                run: index,
                visit: position,
                start_s: visit.start_s,
                close_s: last_close_s,
            });
        } else if visit.start_s < visit.arrival_s || !open {
            violations.push(Violation::StartsBeforeOpen {
                run: index,
                visit: position,
                start_s: visit.start_s,
            });
        }
        if u64::from(visit.departure_s) < u64::from(visit.start_s) + u64::from(stop.service_s) {
            violations.push(Violation::LeavesTooSoon {
                run: index,
                visit: position,
                departure_s: visit.departure_s,
            });
        }
        (place, free_s) = (stop.location, u64::from(visit.departure_s));
    }
    let earliest_s = free_s + u64::from(problem.matrix.duration_s(place, home));
    if u64::from(run.return_s) < earliest_s {
        violations.push(Violation::ReturnsTooSoon {
            run: index,
            return_s: run.return_s,
            earliest_s,
        });
    }
    if run.return_s > vehicle.shift.close_s {
        violations.push(Violation::ReturnsAfterShift {
            run: index,
            return_s: run.return_s,
            close_s: vehicle.shift.close_s,
        });
    }
    violations
}

fn distance(
    problem: &RoutingProblem,
    index: usize,
    run: &Run,
    vehicle: &Vehicle,
) -> Option<Violation> {
    let home = problem.home_of(vehicle)?;
    let mut places = vec![home];
    places.extend(
        run.visits
            .iter()
            .filter_map(|visit| problem.stops.get(visit.stop).map(|stop| stop.location)),
    );
    places.push(home);
    let actual_m = places
        .windows(2)
        .map(|leg| u64::from(problem.matrix.distance_m(leg[0], leg[1])))
        .sum();
    (actual_m != run.distance_m).then_some(Violation::WrongDistance {
        run: index,
        reported_m: run.distance_m,
        actual_m,
    })
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
