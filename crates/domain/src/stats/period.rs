//! The periods figures are asked for — a day, a week (Monday to Sunday), a month, a quarter, a
//! year or any range of days — and the periods they are compared with: the same period last
//! year and the period just before.

use serde::Serialize;
use thiserror::Error;

use crate::calendar::{days_in_month, CivilDate, Month};

/// Ten years of days: longer ranges are a mistake, not a question.
pub const MAX_RANGE_DAYS: i64 = 3_660;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Range,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PeriodError {
    #[error("the period ends before it starts")]
    EndsBeforeStart,
    #[error("a period is at most {MAX_RANGE_DAYS} days")]
    TooLong,
}

/// The days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Period {
    pub kind: PeriodKind,
    pub from: CivilDate,
    pub to: CivilDate,
}

impl Period {
    /// Any range of days, both ends included.
    pub fn range(from: CivilDate, to: CivilDate) -> Result<Period, PeriodError> {
        let days = to.day_number() - from.day_number() + 1;
        if days < 1 {
            return Err(PeriodError::EndsBeforeStart);
        }
        if days > MAX_RANGE_DAYS {
            return Err(PeriodError::TooLong);
        }
        Ok(Period {
            kind: PeriodKind::Range,
            from,
            to,
        })
    }

    /// The days from `from` to `to` as the calendar period they make, when they make one (a
    /// month, a quarter, a year, a week or a day), so they are compared as that; any other
    /// range stays a range.
    pub fn of_days(from: CivilDate, to: CivilDate) -> Result<Period, PeriodError> {
        let range = Period::range(from, to)?;
        let calendar = [
            Period::day(from),
            Period::week_of(from),
            Period::month_of(from),
            Period::quarter_of(from),
            Period::year_of(from),
        ];
        Ok(calendar
            .into_iter()
            .find(|period| period.from == from && period.to == to)
            .unwrap_or(range))
    }

    pub fn day(date: CivilDate) -> Period {
        Period {
            kind: PeriodKind::Day,
            from: date,
            to: date,
        }
    }

    /// The Monday-to-Sunday week holding `date`.
    pub fn week_of(date: CivilDate) -> Period {
        // 1970-01-01 was a Thursday: day 0 is three days after a Monday.
        let since_monday = (date.day_number() + 3).rem_euclid(7);
        let from = date.plus_days(-since_monday);
        Period {
            kind: PeriodKind::Week,
            from,
            to: from.plus_days(6),
        }
    }

    pub fn month_of(date: CivilDate) -> Period {
        Period::months(PeriodKind::Month, date.year, date.month, 1)
    }

    pub fn quarter_of(date: CivilDate) -> Period {
        let first = (date.month.number() - 1) / 3 * 3 + 1;
        Period::months(PeriodKind::Quarter, date.year, month(first), 3)
    }

    pub fn year_of(date: CivilDate) -> Period {
        Period::months(PeriodKind::Year, date.year, Month::JANUARY, 12)
    }

    /// From the first of January to `date`: the "cumulative" figure.
    pub fn year_to_date(date: CivilDate) -> Period {
        Period {
            kind: PeriodKind::Range,
            from: first_of(date.year, Month::JANUARY),
            to: date,
        }
    }

    /// How many days the period holds.
    pub fn days(&self) -> i64 {
        self.to.day_number() - self.from.day_number() + 1
    }

    pub fn contains(&self, date: CivilDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// The same period a year earlier: the same month, quarter or year; the week 52 weeks
    /// earlier (the same weekdays); the same dates otherwise, 29 February becoming the 28th.
    pub fn last_year(&self) -> Period {
        match self.kind {
            PeriodKind::Week => self.shifted(-364),
            PeriodKind::Month | PeriodKind::Quarter | PeriodKind::Year => {
                self.same_kind_at(year_earlier(self.from))
            }
            PeriodKind::Day | PeriodKind::Range => Period {
                kind: self.kind,
                from: year_earlier(self.from),
                to: year_earlier(self.to),
            },
        }
    }

    /// The period just before: the day, week, month, quarter or year before, or as many days
    /// ending the day before a range starts.
    pub fn previous(&self) -> Period {
        match self.kind {
            PeriodKind::Day | PeriodKind::Week | PeriodKind::Range => self.shifted(-self.days()),
            PeriodKind::Month | PeriodKind::Quarter | PeriodKind::Year => {
                self.same_kind_at(self.from.plus_days(-1))
            }
        }
    }

    fn shifted(&self, days: i64) -> Period {
        Period {
            kind: self.kind,
            from: self.from.plus_days(days),
            to: self.to.plus_days(days),
        }
    }

    fn same_kind_at(&self, date: CivilDate) -> Period {
        match self.kind {
            PeriodKind::Quarter => Period::quarter_of(date),
            PeriodKind::Year => Period::year_of(date),
            _ => Period::month_of(date),
        }
    }

    fn months(kind: PeriodKind, year: i64, first: Month, count: u8) -> Period {
        let last = month(first.number() + count - 1);
        Period {
            kind,
            from: first_of(year, first),
            to: first_of(year, last).plus_days(i64::from(days_in_month(year, last)) - 1),
        }
    }
}

/// The same date a year earlier; 29 February becomes the 28th.
fn year_earlier(date: CivilDate) -> CivilDate {
    let year = date.year - 1;
    let day = date.day.min(days_in_month(year, date.month));
    CivilDate {
        year,
        month: date.month,
        day,
    }
}

fn first_of(year: i64, month: Month) -> CivilDate {
    CivilDate {
        year,
        month,
        day: 1,
    }
}

/// A month number known to be 1 to 12.
fn month(number: u8) -> Month {
    Month::new(number).unwrap_or(Month::JANUARY)
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_that_make_a_calendar_period_are_that_period() {
        let d = |t: &str| CivilDate::parse(t).unwrap();
        let quarter = Period::of_days(d("2026-07-01"), d("2026-09-30")).unwrap();
        assert_eq!(quarter.kind, PeriodKind::Quarter);
        assert_eq!(quarter.previous().from, d("2026-04-01"));
        let year = Period::of_days(d("2025-01-01"), d("2025-12-31")).unwrap();
        assert_eq!(year.kind, PeriodKind::Year);
        let week = Period::of_days(d("2026-11-16"), d("2026-11-22")).unwrap();
        assert_eq!(week.kind, PeriodKind::Week);
        let range = Period::of_days(d("2026-07-02"), d("2026-09-30")).unwrap();
        assert_eq!(range.kind, PeriodKind::Range);
        assert!(Period::of_days(d("2026-07-02"), d("2026-07-01")).is_err());
    }

    use super::*;

    fn d(text: &str) -> CivilDate {
        CivilDate::parse(text).unwrap()
    }

    fn ends(period: Period) -> (String, String) {
        (period.from.to_string(), period.to.to_string())
    }

    fn pair(from: &str, to: &str) -> (String, String) {
        (from.to_owned(), to.to_owned())
    }

    #[test]
    fn calendar_periods_hold_their_whole_span() {
        assert_eq!(
            ends(Period::week_of(d("2026-11-22"))),
            pair("2026-11-16", "2026-11-22")
        );
        assert_eq!(
            ends(Period::week_of(d("2026-11-23"))),
            pair("2026-11-23", "2026-11-29")
        );
        assert_eq!(
            ends(Period::month_of(d("2028-02-10"))),
            pair("2028-02-01", "2028-02-29")
        );
        assert_eq!(
            ends(Period::quarter_of(d("2026-11-23"))),
            pair("2026-10-01", "2026-12-31")
        );
        assert_eq!(
            ends(Period::quarter_of(d("2026-03-31"))),
            pair("2026-01-01", "2026-03-31")
        );
        assert_eq!(
            ends(Period::year_of(d("2026-06-01"))),
            pair("2026-01-01", "2026-12-31")
        );
        assert_eq!(
            ends(Period::year_to_date(d("2026-11-23"))),
            pair("2026-01-01", "2026-11-23")
        );
        assert_eq!(Period::year_of(d("2028-06-01")).days(), 366);
    }

    #[test]
    fn last_year_is_the_same_calendar_period_or_the_same_weekdays() {
        let feb = Period::month_of(d("2029-02-01")).last_year();
        assert_eq!(ends(feb), pair("2028-02-01", "2028-02-29"));
        let q = Period::quarter_of(d("2026-11-23")).last_year();
        assert_eq!(ends(q), pair("2025-10-01", "2025-12-31"));
        let week = Period::week_of(d("2026-11-23")).last_year();
        assert_eq!(ends(week), pair("2025-11-24", "2025-11-30"));
        assert_eq!(week, Period::week_of(week.from));
        let leap_day = Period::day(d("2028-02-29")).last_year();
        assert_eq!(ends(leap_day), pair("2027-02-28", "2027-02-28"));
        let range = Period::range(d("2026-11-01"), d("2026-11-11")).unwrap();
        assert_eq!(ends(range.last_year()), pair("2025-11-01", "2025-11-11"));
    }

    #[test]
    fn previous_is_the_period_just_before() {
        let q1 = Period::quarter_of(d("2026-02-14")).previous();
        assert_eq!(
            (q1.kind, ends(q1)),
            (PeriodKind::Quarter, pair("2025-10-01", "2025-12-31"))
        );
        let march = Period::month_of(d("2026-03-31")).previous();
        assert_eq!(ends(march), pair("2026-02-01", "2026-02-28"));
        let range = Period::range(d("2026-11-01"), d("2026-11-11")).unwrap();
        assert_eq!(ends(range.previous()), pair("2026-10-21", "2026-10-31"));
        assert_eq!(
            ends(Period::day(d("2026-01-01")).previous()),
            pair("2025-12-31", "2025-12-31")
        );
    }

    #[test]
    fn ranges_are_checked() {
        assert_eq!(
            Period::range(d("2026-11-02"), d("2026-11-01")),
            Err(PeriodError::EndsBeforeStart)
        );
        assert_eq!(
            Period::range(d("2000-01-01"), d("2026-11-01")),
            Err(PeriodError::TooLong)
        );
        let one = Period::range(d("2026-11-01"), d("2026-11-01")).unwrap();
        assert_eq!(one.days(), 1);
        assert!(one.contains(d("2026-11-01")) && !one.contains(d("2026-11-02")));
    }
}
