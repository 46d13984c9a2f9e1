//! Generated county days for tests and `farmgate bench routing --county`: depots near the county
//! seat, village points scattered around them with opening hours, parcels both ways, and a mixed
//! fleet of vans and trucks. Deterministic for a seed.

use farmgate_domain::money::Money;
use farmgate_domain::place::GeoPoint;

use crate::matrix::{MatrixError, StraightLine, TravelMatrix};
use crate::problem::{Depot, Load, RoutingProblem, Stop, TimeWindow, Vehicle};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountySpec {
    pub seed: u64,
    pub depots: usize,
    pub stops: usize,
    pub vehicles: usize,
}

/// The county seat the generated villages lie around (micro-degrees).
const SEAT: (i32, i32) = (36_300_000, 101_800_000);
/// Villages lie within this many micro-degrees of the seat (about 35 km).
const SPREAD: i64 = 320_000;
const HOUR: u32 = 3600;
/// County roads wind: 1.4 times the straight line, at 40 km/h.
pub const COUNTY_ROADS: StraightLine = StraightLine {
    detour_permille: 1400,
    speed_kmh: 40,
};

/// One day in a generated county: depots first in the matrix, then one location per stop.
pub fn county(spec: CountySpec) -> Result<RoutingProblem, MatrixError> {
    let mut random = SplitMix(spec.seed);
    let mut points = Vec::new();
    let depots = (0..spec.depots)
        .map(|index| {
            points.push(around(&mut random, SPREAD / 4));
            Depot {
                name: format!("depot {index}"),
                location: index,
            }
        })
        .collect();
    let stops = (0..spec.stops)
        .map(|index| {
            points.push(around(&mut random, SPREAD));
            village(&mut random, index, spec.depots + index)
        })
        .collect();
    let vehicles = (0..spec.vehicles)
        .map(|index| vehicle(index, index % spec.depots.max(1)))
        .collect();
    Ok(RoutingProblem {
        depots,
        stops,
        vehicles,
        matrix: TravelMatrix::straight_line(&points, COUNTY_ROADS)?,
    })
}

fn around(random: &mut SplitMix, spread: i64) -> Option<GeoPoint> {
    let offset =
        |random: &mut SplitMix| (random.below(2 * spread as u64 + 1) as i64 - spread) as i32;
    GeoPoint::new(SEAT.0 + offset(random), SEAT.1 + offset(random))
}

fn village(random: &mut SplitMix, index: usize, location: usize) -> Stop {
    // Two village points in five are open all day; the others a few hours from 8:00 to 14:00 on.
    let window = if random.below(5) < 2 {
        TimeWindow::new(8 * HOUR, 18 * HOUR)
    } else {
        let open = 8 * HOUR + random.below(6) as u32 * HOUR;
        TimeWindow::new(open, open + (2 + random.below(4) as u32) * HOUR)
    };
    let delivery = Load::new(random.below(60) as u32, random.below(12) as u32);
    let pickup = if random.below(2) == 0 {
        Load::new(random.below(80) as u32, random.below(6) as u32)
    } else {
        Load::ZERO
    };
    Stop {
        name: format!("village {index}"),
        location,
        windows: vec![window],
        delivery,
        pickup,
        service_s: 180 + 30 * (delivery.parcels + pickup.parcels),
    }
}

/// Every other vehicle is a truck: more room, dearer per km and to send out.
fn vehicle(index: usize, depot: usize) -> Vehicle {
    let truck = index % 2 == 1;
    Vehicle {
        name: format!("{} {index}", if truck { "truck" } else { "van" }),
        depot,
        capacity: if truck {
            Load::new(2000, 300)
        } else {
            Load::new(800, 120)
        },
        shift: TimeWindow::new(7 * HOUR, 19 * HOUR),
        cost_per_km: Money::fen(if truck { 350 } else { 200 }),
        fixed_cost: Money::fen(if truck { 30_000 } else { 15_000 }),
    }
}

/// A small, good-enough generator (SplitMix64) so the crate needs no random-number dependency.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform enough in `0..bound` for test data; 0 when `bound` is 0.
    fn below(&mut self, bound: u64) -> u64 {
        self.next().checked_rem(bound).unwrap_or(0)
    }
}
