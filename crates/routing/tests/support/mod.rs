//! A small hand-made county: two depots, a dozen village points with opening hours and parcels
//! both ways, vans and a truck.

#![allow(dead_code, clippy::unwrap_used)]

use farmgate_domain::money::Money;
use farmgate_domain::place::GeoPoint;
use farmgate_routing::{
    Depot, Load, RoutingProblem, Stop, StraightLine, TimeWindow, TravelMatrix, Vehicle,
};

pub const HOUR: u32 = 3600;
pub const ROADS: StraightLine = StraightLine {
    detour_permille: 1300,
    speed_kmh: 40,
};

/// Micro-degree offsets from the county seat, north and east, of the two depots and the villages.
const PLACES: [(i32, i32); 14] = [
    (0, 0),
    (150_000, 200_000),
    (30_000, -40_000),
    (-50_000, 20_000),
    (60_000, 60_000),
    (-20_000, -70_000),
    (90_000, -10_000),
    (140_000, 150_000),
    (180_000, 230_000),
    (120_000, 260_000),
    (200_000, 170_000),
    (-80_000, -30_000),
    (10_000, 110_000),
    (170_000, 120_000),
];

pub fn point(index: usize) -> Option<GeoPoint> {
    let (north, east) = PLACES[index];
    GeoPoint::new(36_300_000 + north, 101_800_000 + east)
}

pub fn stop(location: usize, window: TimeWindow, delivery: Load, pickup: Load) -> Stop {
    Stop {
        name: format!("village {location}"),
        location,
        windows: vec![window],
        delivery,
        pickup,
        service_s: 300,
    }
}

pub fn vehicle(
    name: &str,
    depot: usize,
    capacity: Load,
    fen_per_km: i64,
    fixed_fen: i64,
) -> Vehicle {
    Vehicle {
        name: name.to_string(),
        depot,
        capacity,
        shift: TimeWindow::new(7 * HOUR, 18 * HOUR),
        cost_per_km: Money::fen(fen_per_km),
        fixed_cost: Money::fen(fixed_fen),
    }
}

/// Stop 3 sends up 900 kg of potatoes: only the truck can carry that.
pub const POTATO_STOP: usize = 3;
pub const TRUCK: usize = 3;

pub fn county() -> RoutingProblem {
    let morning = TimeWindow::new(8 * HOUR, 11 * HOUR);
    let afternoon = TimeWindow::new(13 * HOUR, 17 * HOUR);
    let all_day = TimeWindow::new(8 * HOUR, 17 * HOUR);
    let stops = (2..PLACES.len())
        .map(|location| {
            let window = [morning, afternoon, all_day][location % 3];
            let delivery = Load::new(20 + 7 * location as u32, 3 + location as u32 % 5);
            let pickup = if location % 2 == 0 {
                Load::new(40, 2)
            } else {
                Load::ZERO
            };
            stop(location, window, delivery, pickup)
        })
        .enumerate()
        .map(|(index, stop)| {
            if index == POTATO_STOP {
                Stop {
                    pickup: Load::new(900, 30),
                    ..stop
                }
            } else {
                stop
            }
        })
        .collect();
    let points: Vec<_> = (0..PLACES.len()).map(point).collect();
    RoutingProblem {
        depots: vec![
            Depot {
                name: "county warehouse".into(),
                location: 0,
            },
            Depot {
                name: "north station".into(),
                location: 1,
            },
        ],
        stops,
        vehicles: vec![
            vehicle("van A", 0, Load::new(400, 60), 180, 10_000),
            vehicle("van B", 0, Load::new(400, 60), 180, 10_000),
            vehicle("van C", 1, Load::new(400, 60), 180, 10_000),
            vehicle("truck", 0, Load::new(1500, 120), 320, 25_000),
        ],
        matrix: TravelMatrix::straight_line(&points, ROADS).unwrap(),
    }
}
