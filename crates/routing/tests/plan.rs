//! Planning small county days: everything served within the rules (by the independent
//! checker), and what cannot be served reported with its reason.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use farmgate_domain::money::Money;
use farmgate_routing::{
    check, plan, Load, MatrixError, RoutingError, TimeWindow, TravelMatrix, UnassignedReason,
};
use support::{county, stop, HOUR, POTATO_STOP, ROADS, TRUCK};

const LIMIT: Duration = Duration::from_secs(1);

#[test]
fn a_two_depot_day_with_both_flows_is_served_within_the_rules() {
    let problem = county();
    let plan = plan(&problem, LIMIT).unwrap();

    assert_eq!(check(&problem, &plan), vec![]);
    assert!(plan.unassigned.is_empty(), "{:?}", plan.unassigned);
    let served: usize = plan.runs.iter().map(|run| run.visits.len()).sum();
    assert_eq!(served, problem.stops.len());
    let potato_run = plan
        .runs
        .iter()
        .find(|run| run.visits.iter().any(|visit| visit.stop == POTATO_STOP))
        .unwrap();
    assert_eq!(
        potato_run.vehicle, TRUCK,
        "only the truck carries 900 kg back"
    );
    for run in &plan.runs {
        let vehicle = &problem.vehicles[run.vehicle];
        let per_km = vehicle.cost_per_km.minor() * run.distance_m as i64;
        assert_eq!(
            run.cost,
            Money::fen(vehicle.fixed_cost.minor() + (per_km + 500) / 1000)
        );
    }
}

#[test]
fn a_parcel_heavier_than_every_vehicle_and_a_window_nobody_reaches_are_explained() {
    let mut problem = county();
    let far_too_heavy = problem.stops.len();
    problem.stops.push(stop(
        5,
        TimeWindow::new(8 * HOUR, 17 * HOUR),
        Load::new(1600, 1),
        Load::ZERO,
    ));
    let too_early = problem.stops.len();
    // Closes at 7:05, five minutes into every shift, 13 km from the nearest depot.
    problem.stops.push(stop(
        9,
        TimeWindow::new(6 * HOUR, 7 * HOUR + 300),
        Load::new(5, 1),
        Load::ZERO,
    ));

    let plan = plan(&problem, LIMIT).unwrap();

    assert_eq!(check(&problem, &plan), vec![]);
    let reasons: Vec<_> = plan
        .unassigned
        .iter()
        .map(|entry| (entry.stop, entry.reason))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (far_too_heavy, UnassignedReason::ExceedsEveryVehicle),
            (too_early, UnassignedReason::WindowUnreachable),
        ]
    );
}

#[test]
fn a_full_fleet_leaves_the_rest_unassigned_with_a_reason() {
    let mut problem = county();
    problem.vehicles.truncate(1);
    problem.stops.retain(|stop| stop.pickup.kg < 900);

    let plan = plan(&problem, LIMIT).unwrap();

    assert_eq!(check(&problem, &plan), vec![]);
    assert!(!plan.unassigned.is_empty());
    assert!(plan.unassigned.iter().all(|entry| matches!(
        entry.reason,
        UnassignedReason::NoCapacityLeft
            | UnassignedReason::NoTimeLeft
            | UnassignedReason::NotPlaced
    )));
}

#[test]
fn a_day_without_stops_plans_no_runs() {
    let mut problem = county();
    problem.stops.clear();
    let plan = plan(&problem, LIMIT).unwrap();
    assert!(plan.runs.is_empty() && plan.unassigned.is_empty());
}

#[test]
fn bad_input_is_a_typed_error_not_a_panic() {
    let with = |change: &dyn Fn(&mut farmgate_routing::RoutingProblem)| {
        let mut problem = county();
        change(&mut problem);
        plan(&problem, LIMIT).unwrap_err()
    };
    assert!(matches!(
        with(&|problem| problem.stops[2].location = 99),
        RoutingError::UnknownLocation {
            location: 99,
            size: 14,
            ..
        }
    ));
    assert_eq!(
        with(&|problem| problem.vehicles[1].depot = 7),
        RoutingError::UnknownDepot {
            vehicle: 1,
            depot: 7
        }
    );
    assert!(matches!(
        with(&|problem| problem.stops[0].windows = vec![TimeWindow::new(15 * HOUR, 9 * HOUR)]),
        RoutingError::InvertedWindow { .. }
    ));
    assert!(matches!(
        with(&|problem| problem.vehicles[0].capacity.kg = u32::MAX),
        RoutingError::ValueTooLarge {
            value: 4_294_967_295,
            ..
        }
    ));
    assert_eq!(
        with(&|problem| problem.vehicles[2].cost_per_km = Money::fen(-1)),
        RoutingError::NegativeCost { vehicle: 2 }
    );
    assert_eq!(
        with(&|problem| problem.vehicles.clear()),
        RoutingError::NoVehicles
    );
}

#[test]
fn a_village_without_coordinates_is_named_in_the_error() {
    let mut points: Vec<_> = (0..14).map(support::point).collect();
    points[6] = None;
    let error: RoutingError = TravelMatrix::straight_line(&points, ROADS)
        .unwrap_err()
        .into();
    assert_eq!(
        error,
        RoutingError::Matrix(MatrixError::MissingCoordinates { location: 6 })
    );
    assert_eq!(
        error.to_string(),
        "the distance matrix is unusable: location 6 has no coordinates"
    );
}

#[test]
fn a_point_open_twice_a_day_is_served_in_a_window_the_van_can_reach() {
    let mut problem = county();
    // Open before any van could get there, and again in the afternoon.
    problem.stops[0].windows = vec![
        TimeWindow::new(0, 60),
        TimeWindow::new(14 * HOUR, 16 * HOUR),
    ];
    let plan = plan(&problem, LIMIT).unwrap();

    assert_eq!(check(&problem, &plan), vec![]);
    assert!(plan.unassigned.is_empty(), "{:?}", plan.unassigned);
    let visit = plan
        .runs
        .iter()
        .flat_map(|run| &run.visits)
        .find(|visit| visit.stop == 0)
        .unwrap();
    assert!(
        (14 * HOUR..=16 * HOUR).contains(&visit.start_s),
        "{visit:?}"
    );
}
