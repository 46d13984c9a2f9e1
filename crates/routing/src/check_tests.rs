use farmgate_domain::money::Money;

use super::*;
use crate::matrix::TravelMatrix;
use crate::plan::{Unassigned, UnassignedReason, Visit};
use crate::problem::{Depot, Stop, TimeWindow};

/// One depot (0) and two villages (1, 2), ten minutes and 5 km apart each way.
fn problem() -> RoutingProblem {
    let ring = |value: u32| {
        vec![
            vec![0, value, value],
            vec![value, 0, value],
            vec![value, value, 0],
        ]
    };
    let stop = |location: usize, delivery: Load, pickup: Load| Stop {
        name: format!("village {location}"),
        location,
        windows: vec![TimeWindow::new(1000, 2000)],
        delivery,
        pickup,
        service_s: 100,
    };
    RoutingProblem {
        depots: vec![Depot {
            name: "depot".into(),
            location: 0,
        }],
        stops: vec![
            stop(1, Load::new(60, 6), Load::ZERO),
            stop(2, Load::new(30, 3), Load::new(70, 1)),
        ],
        vehicles: vec![Vehicle {
            name: "van".into(),
            depot: 0,
            capacity: Load::new(100, 10),
            shift: TimeWindow::new(0, 3000),
            cost_per_km: Money::fen(100),
            fixed_cost: Money::fen(0),
        }],
        matrix: TravelMatrix::new(ring(5000), ring(600)).unwrap(),
    }
}

/// Leaves at 400, village 1 at 1000–1100, village 2 at 1700–1800, back at 2400.
fn valid_plan() -> RoutingPlan {
    RoutingPlan {
        runs: vec![Run {
            vehicle: 0,
            depart_s: 400,
            visits: vec![
                Visit {
                    stop: 0,
                    arrival_s: 1000,
                    start_s: 1000,
                    departure_s: 1100,
                },
                Visit {
                    stop: 1,
                    arrival_s: 1700,
                    start_s: 1700,
                    departure_s: 1800,
                },
            ],
            return_s: 2400,
            distance_m: 15_000,
            cost: Money::fen(1500),
        }],
        unassigned: vec![],
    }
}

#[test]
fn a_valid_plan_has_no_violations() {
    assert_eq!(check(&problem(), &valid_plan()), vec![]);
}

#[test]
fn loads_count_deliveries_from_the_start_and_pickups_as_they_come() {
    // 90 kg leaves the depot; after village 1: 30; after village 2: 30 - 30 + 70 = 70. Fine at
    // 100 kg; at 80 kg the departure is fine but not at 90 kg leaving the depot.
    let mut problem = problem();
    problem.vehicles[0].capacity.kg = 80;
    assert_eq!(
        check(&problem, &valid_plan()),
        vec![Violation::OverCapacity {
            run: 0,
            after_visits: 0,
            load_kg: 90,
            load_parcels: 9
        }]
    );
    // Picking up 130 kg at the last stop overflows only after it.
    problem.vehicles[0].capacity.kg = 100;
    problem.stops[1].pickup.kg = 130;
    assert_eq!(
        check(&problem, &valid_plan()),
        vec![Violation::OverCapacity {
            run: 0,
            after_visits: 2,
            load_kg: 130,
            load_parcels: 1
        }]
    );
}

#[test]
fn times_must_follow_travel_windows_service_and_shift() {
    let problem = problem();
    let mut plan = valid_plan();
    plan.runs[0].visits[0].arrival_s = 900;
    plan.runs[0].visits[1].start_s = 2100;
    plan.runs[0].visits[1].departure_s = 2150;
    plan.runs[0].return_s = 2750;
    assert_eq!(
        check(&problem, &plan),
        vec![
            Violation::ArrivesTooSoon {
                run: 0,
                visit: 0,
                arrival_s: 900,
                earliest_s: 1000
            },
            Violation::StartsAfterClose {
                run: 0,
                visit: 1,
                start_s: 2100,
                close_s: 2000
            },
            Violation::LeavesTooSoon {
                run: 0,
                visit: 1,
                departure_s: 2150
            },
        ]
    );
    let mut plan = valid_plan();
    plan.runs[0].depart_s = 0;
    plan.runs[0].visits[0] = Visit {
        stop: 0,
        arrival_s: 600,
        start_s: 600,
        departure_s: 700,
    };
    plan.runs[0].return_s = 3100;
    assert_eq!(
        check(&problem, &plan),
        vec![
            Violation::StartsBeforeOpen {
                run: 0,
                visit: 0,
                start_s: 600
            },
            Violation::ReturnsAfterShift {
                run: 0,
                return_s: 3100,
                close_s: 3000
            },
        ]
    );
    let mut plan = valid_plan();
    plan.runs[0].return_s = 2300;
    assert_eq!(
        check(&problem, &plan),
        vec![Violation::ReturnsTooSoon {
            run: 0,
            return_s: 2300,
            earliest_s: 2400
        }]
    );
}

#[test]
fn every_stop_once_on_a_run_or_reported() {
    let problem = problem();
    let mut plan = valid_plan();
    plan.runs[0].visits.pop();
    plan.runs[0].distance_m = 10_000;
    assert_eq!(
        check(&problem, &plan),
        vec![Violation::StopMissing { stop: 1 }]
    );

    plan.unassigned.push(Unassigned {
        stop: 1,
        reason: UnassignedReason::NotPlaced,
    });
    assert_eq!(check(&problem, &plan), vec![]);

    plan.unassigned.push(Unassigned {
        stop: 0,
        reason: UnassignedReason::NotPlaced,
    });
    plan.unassigned.push(Unassigned {
        stop: 9,
        reason: UnassignedReason::NotPlaced,
    });
    assert_eq!(
        check(&problem, &plan),
        vec![
            Violation::StopServedTwice { stop: 0 },
            Violation::UnknownStop { stop: 9 }
        ]
    );
}

#[test]
fn vehicles_go_out_once_and_distances_are_true() {
    let problem = problem();
    let mut plan = valid_plan();
    plan.runs[0].distance_m = 14_000;
    let mut second = plan.runs[0].clone();
    second.visits.clear();
    second.distance_m = 0;
    plan.runs.push(second.clone());
    plan.runs.push(Run {
        vehicle: 4,
        ..second
    });
    assert_eq!(
        check(&problem, &plan),
        vec![
            Violation::WrongDistance {
                run: 0,
                reported_m: 14_000,
                actual_m: 15_000
            },
            Violation::VehicleOutTwice { vehicle: 0 },
            Violation::EmptyRun { run: 1 },
            Violation::UnknownVehicle { run: 2, vehicle: 4 },
        ]
    );
}

#[test]
fn service_may_start_in_any_of_a_points_windows_but_not_between_them() {
    let mut problem = problem();
    problem.stops[0].windows = vec![TimeWindow::new(100, 200), TimeWindow::new(1000, 2000)];
    let plan = valid_plan();
    assert_eq!(check(&problem, &plan), vec![]);

    problem.stops[0].windows = vec![TimeWindow::new(100, 200), TimeWindow::new(1500, 2000)];
    assert!(matches!(
        check(&problem, &plan)[..],
        [Violation::StartsBeforeOpen { visit: 0, .. }]
    ));
}
