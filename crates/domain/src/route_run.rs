//! A route run: one vehicle's trip of one day from its depot through village points and back,
//! with what it drops and picks up at each stop. Planning writes runs as `planned`; the driver's
//! first scan takes a run `out`, the last stop done makes it `done`. Only a planned run may be
//! replaced by planning the day again.

use serde::{Deserialize, Serialize};

use crate::calendar::CivilDate;
use crate::id::{NetworkNodeId, ParcelId, RouteRunId, VehicleId};
use crate::money::Money;
use crate::time::Timestamp;

/// The day a run is for, as the county reads it; written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RunDay(CivilDate);

impl RunDay {
    pub fn new(date: CivilDate) -> Self {
        Self(date)
    }

    /// The day it is now in China.
    pub fn of(at: Timestamp) -> Self {
        Self(CivilDate::in_china(at))
    }

    /// Reads `2026-11-26`.
    pub fn parse(text: &str) -> Option<Self> {
        CivilDate::parse(text).map(Self)
    }

    pub fn date(self) -> CivilDate {
        self.0
    }

    /// Midnight of this day in China: run times are minutes after it.
    pub fn start(self) -> Timestamp {
        self.0.start_in_china()
    }
}

impl std::fmt::Display for RunDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Planned; planning the day again replaces it.
    Planned,
    /// The driver has started loading or driving it.
    Out,
    /// Every stop is done.
    Done,
}

impl RunStatus {
    pub const ALL: [RunStatus; 3] = [RunStatus::Planned, RunStatus::Out, RunStatus::Done];

    pub const fn as_str(self) -> &'static str {
        match self {
            RunStatus::Planned => "planned",
            RunStatus::Out => "out",
            RunStatus::Done => "done",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }
}

/// How much goes off or on at a stop.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StopLoad {
    pub grams: i64,
    pub parcels: i64,
}

impl StopLoad {
    pub fn add(&mut self, grams: i64) {
        self.grams += grams;
        self.parcels += 1;
    }
}

/// A village point on a run, in the order the run visits them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunStop {
    pub point: NetworkNodeId,
    /// Minutes after midnight of the run's day.
    pub arrival_minute: i64,
    pub departure_minute: i64,
    /// Down parcels left here.
    pub drop: StopLoad,
    /// Up parcels taken on here.
    pub pick_up: StopLoad,
    /// When the driver marked it done.
    pub done_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteRun {
    pub id: RouteRunId,
    pub day: RunDay,
    pub depot: NetworkNodeId,
    pub vehicle: VehicleId,
    pub status: RunStatus,
    /// Leaves the depot, minutes after midnight.
    pub depart_minute: i64,
    /// Back at the depot.
    pub return_minute: i64,
    pub distance_m: i64,
    pub cost: Money,
    pub stops: Vec<RunStop>,
    pub planned_at: Timestamp,
}

impl RouteRun {
    pub fn duration_minutes(&self) -> i64 {
        self.return_minute - self.depart_minute
    }

    pub fn parcels(&self) -> i64 {
        self.stops
            .iter()
            .map(|stop| stop.drop.parcels + stop.pick_up.parcels)
            .sum()
    }

    /// The cost shared over the parcels it carries; `None` for a run carrying none.
    pub fn cost_per_parcel(&self) -> Option<Money> {
        let parcels = self.parcels();
        (parcels > 0).then(|| {
            let minor = (self.cost.minor() + parcels / 2) / parcels;
            Money::new(minor, self.cost.currency())
        })
    }

    /// Whether every stop has been marked done.
    pub fn all_stops_done(&self) -> bool {
        self.stops.iter().all(|stop| stop.done_at.is_some())
    }
}

/// Why a parcel of the day is on no run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnplannedReason {
    /// Its stop's loads are more than any vehicle carries.
    ExceedsEveryVehicle,
    /// No vehicle reaches the point while it is open and is back within its shift.
    WindowUnreachable,
    /// The vehicles that could serve it are full.
    NoCapacityLeft,
    /// The vehicles that could serve it have no time left.
    NoTimeLeft,
    /// The solver found no place for it within the time limit.
    NotPlaced,
    /// The network has no vehicle.
    NoVehicle,
    /// The village point is closed all day.
    PointNeverOpen,
}

impl UnplannedReason {
    pub const ALL: [UnplannedReason; 7] = [
        UnplannedReason::ExceedsEveryVehicle,
        UnplannedReason::WindowUnreachable,
        UnplannedReason::NoCapacityLeft,
        UnplannedReason::NoTimeLeft,
        UnplannedReason::NotPlaced,
        UnplannedReason::NoVehicle,
        UnplannedReason::PointNeverOpen,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            UnplannedReason::ExceedsEveryVehicle => "exceeds_every_vehicle",
            UnplannedReason::WindowUnreachable => "window_unreachable",
            UnplannedReason::NoCapacityLeft => "no_capacity_left",
            UnplannedReason::NoTimeLeft => "no_time_left",
            UnplannedReason::NotPlaced => "not_placed",
            UnplannedReason::NoVehicle => "no_vehicle",
            UnplannedReason::PointNeverOpen => "point_never_open",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == text.trim())
    }
}

/// A parcel the day's plan leaves behind, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplanned {
    pub parcel: ParcelId,
    pub reason: UnplannedReason,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_reads_and_writes_as_iso_text() {
        let day = RunDay::parse("2026-11-26").unwrap();
        assert_eq!(day.to_string(), "2026-11-26");
        assert_eq!(RunDay::parse("2026-02-30"), None);
        assert_eq!(RunDay::parse("26-11-26"), None);
        assert_eq!(RunDay::parse("2026-11-26-1"), None);
        assert_eq!(RunDay::of(day.start()), day);
    }

    #[test]
    fn statuses_and_reasons_round_trip_through_text() {
        for status in RunStatus::ALL {
            assert_eq!(RunStatus::parse(status.as_str()), Some(status));
        }
        for reason in UnplannedReason::ALL {
            assert_eq!(UnplannedReason::parse(reason.as_str()), Some(reason));
        }
    }

    #[test]
    fn cost_per_parcel_rounds_to_the_fen_and_needs_parcels() {
        let stop = |drop: i64, pick: i64| RunStop {
            point: NetworkNodeId::new("p"),
            arrival_minute: 540,
            departure_minute: 550,
            drop: StopLoad {
                grams: 1_000,
                parcels: drop,
            },
            pick_up: StopLoad {
                grams: 0,
                parcels: pick,
            },
            done_at: None,
        };
        let mut run = RouteRun {
            id: RouteRunId::new("r"),
            day: RunDay::parse("2026-11-26").unwrap(),
            depot: NetworkNodeId::new("d"),
            vehicle: VehicleId::new("v"),
            status: RunStatus::Planned,
            depart_minute: 480,
            return_minute: 600,
            distance_m: 42_000,
            cost: Money::fen(1_000),
            stops: vec![stop(2, 1)],
            planned_at: Timestamp::from_millis(0),
        };
        assert_eq!(run.cost_per_parcel(), Some(Money::fen(333)));
        assert_eq!(run.duration_minutes(), 120);
        run.stops = vec![stop(0, 0)];
        assert_eq!(run.cost_per_parcel(), None);
        assert!(!run.all_stops_done());
    }
}
