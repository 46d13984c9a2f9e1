//! Which rollup rows answer a range of days. Rollups are kept at two grains, days and months;
//! whole months are read from the month rows and only the days at either end from the day rows,
//! so a year is a few hundred rows whatever the number of orders.

use crate::calendar::{days_in_month, CivilDate};

/// A day as rollups key it: `yyyymmdd`.
pub fn day_key(day: CivilDate) -> i64 {
    month_key(day) * 100 + i64::from(day.day)
}

/// A month as rollups key it: `yyyymm`.
pub fn month_key(day: CivilDate) -> i64 {
    day.year * 100 + i64::from(day.month.number())
}

/// Ranges of keys, both ends included, that together cover a range of days exactly once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Whole months, as `yyyymm`.
    pub months: Option<(i64, i64)>,
    /// The days outside those months, as `yyyymmdd`: at most one range at each end.
    pub days: Vec<(i64, i64)>,
}

impl Coverage {
    pub fn of(from: CivilDate, to: CivilDate) -> Coverage {
        if to < from {
            return Coverage {
                months: None,
                days: Vec::new(),
            };
        }
        let first_whole = if from.day == 1 {
            from
        } else {
            last_of_month(from).plus_days(1)
        };
        let last_whole = if to == last_of_month(to) {
            to
        } else {
            to.plus_days(-i64::from(to.day))
        };
        if first_whole > last_whole {
            return Coverage {
                months: None,
                days: vec![(day_key(from), day_key(to))],
            };
        }
        let mut days = Vec::new();
        if from < first_whole {
            days.push((day_key(from), day_key(first_whole.plus_days(-1))));
        }
        if last_whole < to {
            days.push((day_key(last_whole.plus_days(1)), day_key(to)));
        }
        Coverage {
            months: Some((month_key(first_whole), month_key(last_whole))),
            days,
        }
    }
}

fn last_of_month(day: CivilDate) -> CivilDate {
    CivilDate {
        day: days_in_month(day.year, day.month),
        ..day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> CivilDate {
        CivilDate::parse(text).unwrap()
    }

    #[test]
    fn whole_months_come_from_month_rows() {
        let year = Coverage::of(d("2026-01-01"), d("2026-12-31"));
        assert_eq!(year.months, Some((202_601, 202_612)));
        assert!(year.days.is_empty());
    }

    #[test]
    fn the_ends_of_a_range_come_from_day_rows() {
        let range = Coverage::of(d("2026-01-15"), d("2026-04-10"));
        assert_eq!(range.months, Some((202_602, 202_603)));
        assert_eq!(
            range.days,
            [(20_260_115, 20_260_131), (20_260_401, 20_260_410)]
        );
        let across_a_year = Coverage::of(d("2025-12-31"), d("2026-01-31"));
        assert_eq!(across_a_year.months, Some((202_601, 202_601)));
        assert_eq!(across_a_year.days, [(20_251_231, 20_251_231)]);
    }

    #[test]
    fn a_range_within_one_month_is_days_only() {
        let week = Coverage::of(d("2026-02-23"), d("2026-03-01"));
        assert_eq!(week.months, None);
        assert_eq!(week.days, [(20_260_223, 20_260_301)]);
        let leap = Coverage::of(d("2024-02-01"), d("2024-02-29"));
        assert_eq!(leap.months, Some((202_402, 202_402)));
        assert!(Coverage::of(d("2026-02-02"), d("2026-02-01"))
            .days
            .is_empty());
    }
}
