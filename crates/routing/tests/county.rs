//! A county-sized day: 2 depots, 500 village points, 30 vehicles, opening hours and parcels both
//! ways, planned within the 10 seconds (a 5 s limit leaves room for a busy machine) and
//! passing the independent checker.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use farmgate_routing::synthetic::{county, CountySpec};
use farmgate_routing::{check, plan};

#[test]
fn a_county_day_is_planned_within_ten_seconds_and_checks_out() {
    let problem = county(CountySpec {
        seed: 5,
        depots: 2,
        stops: 500,
        vehicles: 30,
    })
    .unwrap();
    let started = Instant::now();
    let plan = plan(&problem, Duration::from_secs(5)).unwrap();
    let took = started.elapsed();
    eprintln!(
        "500 stops: {} runs, {} unassigned, {} km in {took:?}",
        plan.runs.len(),
        plan.unassigned.len(),
        plan.total_distance_m() / 1000
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert_eq!(check(&problem, &plan), vec![]);
    assert!(plan.unassigned.is_empty(), "{:?}", plan.unassigned);
}
