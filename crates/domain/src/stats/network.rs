//! What the county network adds to the bureau's figures: each run that went out, counted on its
//! day with the parcels it carried, and each village a run's stop was done in. A parcel is
//! co-distributed when its run carried parcels of more than one carrier, the rule of
//! `parcel::measure`, judged when the run goes out: its load is fixed then.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::id::CarrierId;
use crate::parcel::Share;

/// Runs that went out and what they carried; sums of them are sums of days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RunFigures {
    pub runs: i64,
    pub carried: i64,
    pub co_distributed: i64,
    pub distance_m: i64,
}

impl RunFigures {
    /// One run: its parcels' carriers (`None` for an up parcel not yet handed to one) and the
    /// metres it was planned to drive.
    pub fn of_run<'c>(
        carriers: impl IntoIterator<Item = Option<&'c CarrierId>>,
        distance_m: i64,
    ) -> RunFigures {
        let mut carried = 0;
        let mut known = BTreeSet::new();
        for carrier in carriers {
            carried += 1;
            known.extend(carrier);
        }
        RunFigures {
            runs: 1,
            carried,
            co_distributed: if known.len() > 1 { carried } else { 0 },
            distance_m,
        }
    }

    pub fn add(&mut self, other: &RunFigures) {
        self.runs = self.runs.saturating_add(other.runs);
        self.carried = self.carried.saturating_add(other.carried);
        self.co_distributed = self.co_distributed.saturating_add(other.co_distributed);
        self.distance_m = self.distance_m.saturating_add(other.distance_m);
    }

    /// Parcels that rode with another carrier's, of all carried.
    pub fn co_distribution(&self) -> Share {
        Share {
            part: count(self.co_distributed),
            whole: count(self.carried),
        }
    }
}

/// The network over a period: its runs, and the county's villages a run reached.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct NetworkFigures {
    pub runs: RunFigures,
    /// Villages reached, of all the county's rural villages.
    pub coverage: Share,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn carrier(id: &str) -> CarrierId {
        CarrierId::new(id)
    }

    #[test]
    fn a_run_with_two_carriers_co_distributes_every_parcel_it_carries() {
        let (a, b) = (carrier("a"), carrier("b"));
        let run = RunFigures::of_run([Some(&a), Some(&a), Some(&b), None], 12_000);
        assert_eq!((run.carried, run.co_distributed), (4, 4));
        assert_eq!(run.co_distribution().permille(), Some(1000));
    }

    #[test]
    fn a_run_with_one_carrier_or_none_known_co_distributes_nothing() {
        let a = carrier("a");
        let mut total = RunFigures::of_run([Some(&a), Some(&a), None], 5_000);
        total.add(&RunFigures::of_run([None, None], 3_000));
        assert_eq!(
            (
                total.runs,
                total.carried,
                total.co_distributed,
                total.distance_m
            ),
            (2, 5, 0, 8_000)
        );
        assert_eq!(total.co_distribution().permille(), Some(0));
    }

    #[test]
    fn an_empty_run_counts_as_a_run_and_no_share() {
        let run = RunFigures::of_run(std::iter::empty(), 0);
        assert_eq!((run.runs, run.carried), (1, 0));
        assert_eq!(run.co_distribution().permille(), None);
    }
}
