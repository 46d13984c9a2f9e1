//! The planner's answer: one run per vehicle that goes out, with its stops in order and their
//! times, and the stops nobody could serve, each with the reason.

use farmgate_domain::money::Money;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingPlan {
    pub runs: Vec<Run>,
    pub unassigned: Vec<Unassigned>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Index into the problem's vehicles.
    pub vehicle: usize,
    pub depart_s: u32,
    pub visits: Vec<Visit>,
    /// Back at the depot.
    pub return_s: u32,
    pub distance_m: u64,
    /// Fixed cost plus cost per km over `distance_m`, rounded to the fen.
    pub cost: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    /// Index into the problem's stops.
    pub stop: usize,
    pub arrival_s: u32,
    /// Service starts when both the vehicle is there and the village point is open.
    pub start_s: u32,
    pub departure_s: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unassigned {
    pub stop: usize,
    pub reason: UnassignedReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnassignedReason {
    /// What goes down or comes up is heavier or more parcels than any vehicle carries.
    ExceedsEveryVehicle,
    /// No vehicle that can carry it reaches the village point while it is open and gets back
    /// before its shift ends, even with nothing else to do.
    WindowUnreachable,
    /// Could be served alone, but the vehicles that could are full.
    NoCapacityLeft,
    /// Could be served alone, but the vehicles that could have no time left.
    NoTimeLeft,
    /// The solver found no place for it within the time limit.
    NotPlaced,
}

impl UnassignedReason {
    /// A stable code for logs and pages.
    pub fn code(self) -> &'static str {
        match self {
            UnassignedReason::ExceedsEveryVehicle => "exceeds_every_vehicle",
            UnassignedReason::WindowUnreachable => "window_unreachable",
            UnassignedReason::NoCapacityLeft => "no_capacity_left",
            UnassignedReason::NoTimeLeft => "no_time_left",
            UnassignedReason::NotPlaced => "not_placed",
        }
    }
}

impl RoutingPlan {
    pub fn total_distance_m(&self) -> u64 {
        self.runs.iter().map(|run| run.distance_m).sum()
    }
}

impl Run {
    /// Fixed cost plus `cost_per_km` over `distance_m`, rounded half up to the fen.
    pub(crate) fn cost_of(fixed: Money, cost_per_km: Money, distance_m: u64) -> Money {
        let per_km = i128::from(cost_per_km.minor());
        let driven = (per_km * i128::from(distance_m) + 500) / 1000;
        let total = i128::from(fixed.minor()).saturating_add(driven);
        Money::new(i64::try_from(total).unwrap_or(i64::MAX), fixed.currency())
    }
}
