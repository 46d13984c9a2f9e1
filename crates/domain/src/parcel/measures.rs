//! How well the county network works, as the hub and the commerce bureau read it: how many
//! parcels rode together across carriers (co-distribution), how full and how dear the runs were,
//! whether parcels arrived when promised, and how many villages were reached lately. Ratios are
//! kept as counts (numerator and denominator) so nothing here rounds; pages format them.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::calendar::CivilDate;
use crate::id::{CarrierId, RouteRunId};
use crate::money::{Money, MoneyError};
use crate::place::AreaCode;
use crate::time::{Timestamp, MILLIS_PER_DAY};

/// The promise: a parcel is at its village point (down) or with its carrier (up) by the end of
/// the day after the warehouse or the village took it in (次日达 within the county).
pub const PROMISE_DAYS: i64 = 1;

/// One parcel's trip, as far as it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trip {
    /// The carrier that brought it (down) or took it (up).
    pub carrier: Option<CarrierId>,
    pub run: Option<RouteRunId>,
    /// Down: received at the warehouse. Up: declared at the village point.
    pub taken_in: Option<Timestamp>,
    /// Down: left at its village point. Up: handed to its carrier.
    pub arrived: Option<Timestamp>,
}

/// What a run cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunCost {
    pub run: RouteRunId,
    pub distance_m: i64,
    pub cost: Money,
}

/// A village point visited by a run, at the time its stop was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub village: AreaCode,
    pub at: Timestamp,
}

/// A share: `part` of `whole`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Share {
    pub part: u64,
    pub whole: u64,
}

impl Share {
    /// Per mille, rounded half up; `None` when there is nothing to share.
    pub fn permille(self) -> Option<u64> {
        (self.whole > 0).then(|| (self.part * 1000 + self.whole / 2) / self.whole)
    }

    /// In basis points (hundredths of a percent), rounded half up; `None` as for `permille`.
    pub fn basis_points(self) -> Option<u64> {
        (self.whole > 0).then(|| (self.part * 10_000 + self.whole / 2) / self.whole)
    }

    /// Counts one judged case (`Some(true)` is in the part); `None` is not judged.
    fn tally(&mut self, judged: Option<bool>) {
        if let Some(yes) = judged {
            self.whole += 1;
            self.part += u64::from(yes);
        }
    }
}

/// One carrier's part: how many of its parcels rode with another carrier's, and how many
/// arrived when promised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarrierMeasures {
    pub carrier: CarrierId,
    pub co_distribution: Share,
    pub on_time: Share,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkMeasures {
    /// Parcels carried by runs that also carried another carrier's parcels, of all carried.
    pub co_distribution: Share,
    /// Runs that went out (started or done); a run only planned has driven nothing.
    pub runs: u64,
    /// Parcels carried on those runs.
    pub carried: u64,
    pub distance_m: i64,
    pub cost: Money,
    /// Parcels that arrived by their promise, of those whose promise has come due or that
    /// arrived.
    pub on_time: Share,
    /// Villages a run reached within the window, of all villages.
    pub villages_served: Share,
    /// The same shares per carrier, by carrier id; parcels with no carrier yet (up parcels
    /// not handed over) count only in the totals.
    pub per_carrier: Vec<CarrierMeasures>,
}

impl NetworkMeasures {
    /// Metres driven per parcel carried.
    pub fn metres_per_parcel(&self) -> Option<i64> {
        let carried = i64::try_from(self.carried).ok().filter(|n| *n > 0)?;
        Some(self.distance_m / carried)
    }

    /// Cost per parcel carried, in whole minor units (fen), rounded down.
    pub fn cost_per_parcel(&self) -> Option<Money> {
        let carried = i64::try_from(self.carried).ok().filter(|n| *n > 0)?;
        Some(Money::new(
            self.cost.minor() / carried,
            self.cost.currency(),
        ))
    }

    /// Parcels per run in tenths, rounded half up (42 is 4.2).
    pub fn parcels_per_run_tenths(&self) -> Option<u64> {
        (self.runs > 0).then(|| (self.carried * 10 + self.runs / 2) / self.runs)
    }
}

/// The measures over `trips` and `runs`, judged at `now`; `runs` are the runs that went out,
/// and a trip counts as carried only on one of them. `villages` are all the county's villages
/// and `visits` the stops done, of which those since `now - service_days` count.
pub fn measure(
    trips: &[Trip],
    runs: &[RunCost],
    villages: &[AreaCode],
    visits: &[Visit],
    service_days: i64,
    now: Timestamp,
    zero: Money,
) -> Result<NetworkMeasures, MoneyError> {
    let went: HashSet<&RouteRunId> = runs.iter().map(|run| &run.run).collect();
    let mut carriers_of_run: HashMap<&RouteRunId, HashSet<&CarrierId>> = HashMap::new();
    for trip in trips {
        if let (Some(run), Some(carrier)) = (carried_on(trip, &went), &trip.carrier) {
            carriers_of_run.entry(run).or_default().insert(carrier);
        }
    }
    let mut co_distribution = Share::default();
    let mut on_time = Share::default();
    let mut per_carrier: BTreeMap<&CarrierId, (Share, Share)> = BTreeMap::new();
    for trip in trips {
        let consolidated = carried_on(trip, &went).map(|run| {
            carriers_of_run
                .get(run)
                .is_some_and(|carriers| carriers.len() > 1)
        });
        let judged = judge(trip, now);
        co_distribution.tally(consolidated);
        on_time.tally(judged);
        if let Some(carrier) = &trip.carrier {
            let (co, late) = per_carrier.entry(carrier).or_default();
            co.tally(consolidated);
            late.tally(judged);
        }
    }
    let cost = runs
        .iter()
        .try_fold(zero, |total, run| total.checked_add(run.cost))?;
    let since = now.plus_millis(-service_days * MILLIS_PER_DAY);
    let reached: HashSet<&AreaCode> = visits
        .iter()
        .filter(|v| v.at >= since && v.at <= now)
        .map(|v| &v.village)
        .collect();
    let all_villages: HashSet<&AreaCode> = villages.iter().collect();
    Ok(NetworkMeasures {
        co_distribution,
        runs: count(runs.len()),
        carried: co_distribution.whole,
        distance_m: runs.iter().map(|r| r.distance_m).sum(),
        cost,
        on_time,
        villages_served: Share {
            part: count(all_villages.intersection(&reached).count()),
            whole: count(all_villages.len()),
        },
        per_carrier: per_carrier
            .into_iter()
            .map(|(carrier, (co_distribution, on_time))| CarrierMeasures {
                carrier: carrier.clone(),
                co_distribution,
                on_time,
            })
            .collect(),
    })
}

/// The trip's run, if that run went out.
fn carried_on<'t>(trip: &'t Trip, went: &HashSet<&RouteRunId>) -> Option<&'t RouteRunId> {
    trip.run.as_ref().filter(|run| went.contains(run))
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// The end of the promised day for something taken in at `taken_in`, in the county's time.
pub fn promised_by(taken_in: Timestamp) -> Timestamp {
    CivilDate::in_china(taken_in)
        .start_in_china()
        .plus_days(PROMISE_DAYS + 1)
}

/// Whether the trip kept its promise: `None` while it is travelling and not yet due.
fn judge(trip: &Trip, now: Timestamp) -> Option<bool> {
    let promise = promised_by(trip.taken_in?);
    match trip.arrived {
        Some(arrived) => Some(arrived < promise),
        // Not there yet: late once the promise has passed, not yet judged before.
        None => (now >= promise).then_some(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;
    /// 2026-11-23 00:00 in China.
    const DAY_START: i64 = 1_795_363_200_000;

    fn at(hours: i64) -> Timestamp {
        Timestamp::from_millis(DAY_START + hours * HOUR)
    }

    fn trip(carrier: &str, run: Option<&str>, taken_in: i64, arrived: Option<i64>) -> Trip {
        Trip {
            carrier: Some(CarrierId::new(carrier)),
            run: run.map(RouteRunId::new),
            taken_in: Some(at(taken_in)),
            arrived: arrived.map(at),
        }
    }

    fn run(id: &str, km: i64, fen: i64) -> RunCost {
        RunCost {
            run: RouteRunId::new(id),
            distance_m: km * 1000,
            cost: Money::fen(fen),
        }
    }

    fn village(code: &str) -> AreaCode {
        AreaCode::parse(code).unwrap()
    }

    #[test]
    fn the_day_starts_at_midnight_in_china() {
        assert_eq!(
            CivilDate::in_china(at(0)),
            CivilDate::new(2026, 11, 23).unwrap()
        );
        assert_eq!(promised_by(at(23)), at(48));
    }

    #[test]
    fn parcels_on_a_run_with_another_carrier_count_as_co_distributed() {
        let trips = [
            trip("sf", Some("r1"), 8, Some(14)),
            trip("zto", Some("r1"), 8, Some(15)),
            trip("sf", Some("r2"), 8, Some(16)),
            trip("sf", None, 9, None),
        ];
        let m = measure(
            &trips,
            &[run("r1", 40, 9_000), run("r2", 20, 4_000)],
            &[],
            &[],
            7,
            at(20),
            Money::fen(0),
        )
        .unwrap();
        assert_eq!(m.co_distribution, Share { part: 2, whole: 3 });
        assert_eq!(m.co_distribution.permille(), Some(667));
        assert_eq!((m.runs, m.carried), (2, 3));
        assert_eq!(m.metres_per_parcel(), Some(20_000));
        assert_eq!(m.cost_per_parcel(), Some(Money::fen(4_333)));
        assert_eq!(m.parcels_per_run_tenths(), Some(15));
        let sf = &m.per_carrier[0];
        assert_eq!(sf.carrier, CarrierId::new("sf"));
        assert_eq!(sf.co_distribution, Share { part: 1, whole: 2 });
        assert_eq!(
            m.per_carrier[1].co_distribution,
            Share { part: 1, whole: 1 }
        );
    }

    #[test]
    fn parcels_on_a_run_that_has_not_gone_out_are_not_carried() {
        let trips = [
            trip("sf", Some("went"), 8, Some(14)),
            trip("zto", Some("only-planned"), 8, None),
        ];
        let m = measure(
            &trips,
            &[run("went", 10, 1_000)],
            &[],
            &[],
            7,
            at(20),
            Money::fen(0),
        )
        .unwrap();
        // The ZTO parcel's run never left, so the SF parcel rode alone.
        assert_eq!(m.co_distribution, Share { part: 0, whole: 1 });
        assert_eq!(m.carried, 1);
    }

    #[test]
    fn a_parcel_is_on_time_by_the_end_of_the_next_day_and_judged_only_when_due() {
        let trips = [
            trip("sf", Some("r"), 10, Some(47)),
            trip("sf", Some("r"), 10, Some(49)),
            // Still travelling; its promise runs out at hour 48.
            trip("sf", Some("r"), 10, None),
        ];
        let before = measure(&trips, &[], &[], &[], 7, at(30), Money::fen(0)).unwrap();
        assert_eq!(before.on_time, Share { part: 1, whole: 2 });
        let after = measure(&trips, &[], &[], &[], 7, at(50), Money::fen(0)).unwrap();
        assert_eq!(after.on_time, Share { part: 1, whole: 3 });
        assert_eq!(after.per_carrier[0].on_time, Share { part: 1, whole: 3 });
    }

    #[test]
    fn villages_served_count_visits_within_the_window_once() {
        let villages = [
            village("632830101201"),
            village("632830101202"),
            village("632830101203"),
        ];
        let visits = [
            Visit {
                village: village("632830101201"),
                at: at(-24),
            },
            Visit {
                village: village("632830101201"),
                at: at(-1),
            },
            // Too long ago.
            Visit {
                village: village("632830101202"),
                at: at(-24 * 9),
            },
        ];
        let m = measure(&[], &[], &villages, &visits, 7, at(0), Money::fen(0)).unwrap();
        assert_eq!(m.villages_served, Share { part: 1, whole: 3 });
        assert_eq!(m.metres_per_parcel(), None);
        assert_eq!(m.co_distribution.permille(), None);
    }
}
