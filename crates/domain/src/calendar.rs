//! Calendar dates in the county's time, for rules that speak in months and days (seasons,
//! statistics periods). China keeps one time zone, UTC+8, without daylight saving, so the
//! conversion is plain integer arithmetic and needs no time-zone database.

use serde::{Deserialize, Serialize};

use crate::time::{Timestamp, MILLIS_PER_DAY};

/// China Standard Time is eight hours ahead of UTC all year.
pub const CHINA_UTC_OFFSET_MILLIS: i64 = 8 * 3_600_000;

/// A month of the year, 1 (January) to 12 (December).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Month(u8);

impl Month {
    pub const JANUARY: Month = Month(1);
    pub const DECEMBER: Month = Month(12);

    pub const fn new(number: u8) -> Option<Month> {
        if number >= 1 && number <= 12 {
            Some(Month(number))
        } else {
            None
        }
    }

    pub const fn number(self) -> u8 {
        self.0
    }

    /// The month after this one, December wrapping to January.
    pub const fn next(self) -> Month {
        Month(self.0 % 12 + 1)
    }

    pub fn all() -> impl Iterator<Item = Month> {
        (1..=12).map(Month)
    }
}

impl TryFrom<u8> for Month {
    type Error = String;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Month::new(value).ok_or_else(|| format!("not a month: {value}"))
    }
}

impl From<Month> for u8 {
    fn from(month: Month) -> u8 {
        month.0
    }
}

/// A day on the calendar (proleptic Gregorian), as people in the county read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CivilDate {
    pub year: i64,
    pub month: Month,
    pub day: u8,
}

impl CivilDate {
    /// The date an instant falls on in China.
    pub fn in_china(at: Timestamp) -> CivilDate {
        let local = at.millis().saturating_add(CHINA_UTC_OFFSET_MILLIS);
        civil_from_days(local.div_euclid(MILLIS_PER_DAY))
    }

    /// A date, when the day exists in that month and year.
    pub fn new(year: i64, month: u8, day: u8) -> Option<CivilDate> {
        let month = Month::new(month)?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(CivilDate { year, month, day })
    }

    /// Reads `2026-08-15`.
    pub fn parse(text: &str) -> Option<CivilDate> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?;
        let month = parts.next()?;
        let day = parts.next()?;
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        CivilDate::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    /// Days since 1970-01-01: consecutive dates have consecutive numbers.
    pub fn day_number(self) -> i64 {
        days_from_civil(self)
    }

    /// The date `days` after (or before, when negative) this one.
    pub fn plus_days(self, days: i64) -> CivilDate {
        civil_from_days(days_from_civil(self).saturating_add(days))
    }

    /// Midnight at the start of this date in China. Years far outside human history saturate.
    pub fn start_in_china(self) -> Timestamp {
        let days = days_from_civil(self);
        let millis = days
            .saturating_mul(MILLIS_PER_DAY)
            .saturating_sub(CHINA_UTC_OFFSET_MILLIS);
        Timestamp::from_millis(millis)
    }
}

impl std::fmt::Display for CivilDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month.0, self.day)
    }
}

pub fn is_leap_year(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

pub fn days_in_month(year: i64, month: Month) -> u8 {
    match month.number() {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 to a date (Howard Hinnant's `days_from_civil`, exact for all years).
fn days_from_civil(date: CivilDate) -> i64 {
    let month = i64::from(date.month.number());
    let year = if month <= 2 {
        date.year.saturating_sub(1)
    } else {
        date.year
    };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(date.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era.saturating_mul(146_097)
        .saturating_add(day_of_era)
        .saturating_sub(719_468)
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> CivilDate {
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = era * 400 + year_of_era + i64::from(month <= 2);
    // Both values are in range by construction (1..=12 and 1..=31).
    CivilDate {
        year,
        month: Month(u8::try_from(month).unwrap_or(1)),
        day: u8::try_from(day).unwrap_or(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_is_eight_in_the_morning_in_china() {
        let date = CivilDate::in_china(Timestamp::from_millis(0));
        assert_eq!(date, CivilDate::new(1970, 1, 1).unwrap());
        // 16:00 UTC on 31 Dec is already 1 January in Xining.
        let new_year = Timestamp::from_millis(1_767_196_800_000); // 2025-12-31T16:00:00Z
        assert_eq!(
            CivilDate::in_china(new_year),
            CivilDate::new(2026, 1, 1).unwrap()
        );
        assert_eq!(
            CivilDate::in_china(new_year.plus_millis(-1)),
            CivilDate::new(2025, 12, 31).unwrap()
        );
    }

    #[test]
    fn dates_round_trip_through_instants() {
        for (y, m, d) in [
            (2024, 2, 29),
            (2000, 2, 29),
            (1969, 12, 31),
            (2026, 3, 1),
            (1, 1, 1),
            (-44, 3, 15),
        ] {
            let date = CivilDate::new(y, m, d).unwrap();
            assert_eq!(CivilDate::in_china(date.start_in_china()), date);
            assert_eq!(
                CivilDate::in_china(date.start_in_china().plus_millis(-1)),
                civil_from_days(days_from_civil(date) - 1)
            );
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(CivilDate::new(2025, 2, 29).is_none());
        assert!(CivilDate::new(1900, 2, 29).is_none());
        assert!(CivilDate::new(2025, 4, 31).is_none());
        assert!(CivilDate::new(2025, 13, 1).is_none());
        assert!(CivilDate::new(2025, 1, 0).is_none());
    }

    #[test]
    fn extreme_instants_do_not_panic() {
        let _ = CivilDate::in_china(Timestamp::from_millis(i64::MAX));
        let _ = CivilDate::in_china(Timestamp::from_millis(i64::MIN));
        let far = CivilDate {
            year: i64::MAX,
            month: Month::DECEMBER,
            day: 31,
        };
        let _ = far.start_in_china();
        let early = CivilDate {
            year: i64::MIN,
            month: Month::JANUARY,
            day: 1,
        };
        let _ = early.start_in_china();
    }

    #[test]
    fn months_wrap() {
        assert_eq!(Month::DECEMBER.next(), Month::JANUARY);
        assert_eq!(Month::new(6).unwrap().next().number(), 7);
        assert_eq!(Month::all().count(), 12);
        assert!(Month::new(0).is_none() && Month::new(13).is_none());
    }
}
