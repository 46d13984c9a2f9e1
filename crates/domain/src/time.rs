//! Time is a UTC instant in integer milliseconds since the Unix epoch: exact, sortable, and the
//! same in every database. Showing it in the county's time zone is the presentation layer's job.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(i64);

impl Timestamp {
    pub const fn from_millis(millis: i64) -> Self {
        Self(millis)
    }

    pub const fn millis(self) -> i64 {
        self.0
    }

    /// Saturates instead of overflowing: a far-future expiry is still "far future".
    pub const fn plus_millis(self, millis: i64) -> Self {
        Self(self.0.saturating_add(millis))
    }

    pub const fn plus_days(self, days: i64) -> Self {
        self.plus_millis(days.saturating_mul(MILLIS_PER_DAY))
    }
}

pub const MILLIS_PER_DAY: i64 = 86_400_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_days_saturates() {
        let t = Timestamp::from_millis(1_000);
        assert_eq!(t.plus_days(1).millis(), 1_000 + MILLIS_PER_DAY);
        assert_eq!(
            Timestamp::from_millis(i64::MAX - 1).plus_days(1).millis(),
            i64::MAX
        );
    }
}
