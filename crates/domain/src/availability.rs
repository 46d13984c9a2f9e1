//! When a product can be bought: its season (months of the year, in the county's calendar)
//! and pre-sale (pay now, ships from a date after the harvest). Out of season means "not now"
//! unless the producer has opened a pre-sale for the coming harvest.

use serde::{Deserialize, Serialize};

use crate::calendar::{CivilDate, Month};
use crate::time::Timestamp;
use crate::validation::{FieldError, Problem};

/// The months a product is in season, as a set of months. Ranges may cross the new year
/// (yak meat is sold from November to February).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<u8>", into = "Vec<u8>")]
pub struct Season(u16);

impl Season {
    const ALL_MONTHS: u16 = 0b1_1111_1111_1110;
    pub const ALL_YEAR: Season = Season(Self::ALL_MONTHS);

    /// Months given as numbers 1–12; at least one, because a product never in season could
    /// never be bought.
    pub fn from_months(months: &[u8]) -> Result<Season, FieldError> {
        let invalid = |problem| FieldError {
            field: "season_months",
            problem,
        };
        let mut bits = 0u16;
        for &number in months {
            let month = Month::new(number).ok_or(invalid(Problem::Invalid))?;
            bits |= 1 << month.number();
        }
        if bits == 0 {
            return Err(invalid(Problem::Required));
        }
        Ok(Season(bits))
    }

    /// From `first` to `last` inclusive, wrapping past December.
    pub fn span(first: Month, last: Month) -> Season {
        let mut bits = 1u16 << first.number();
        let mut month = first;
        while month != last {
            month = month.next();
            bits |= 1 << month.number();
        }
        Season(bits)
    }

    pub fn contains(self, month: Month) -> bool {
        self.0 & (1 << month.number()) != 0
    }

    pub fn is_all_year(self) -> bool {
        self.0 == Self::ALL_MONTHS
    }

    pub fn months(self) -> Vec<Month> {
        Month::all().filter(|m| self.contains(*m)).collect()
    }

    /// The next month after `after` that is in season (a year later at most), for "back in July".
    pub fn next_after(self, after: Month) -> Month {
        let mut month = after.next();
        for _ in 0..12 {
            if self.contains(month) {
                return month;
            }
            month = month.next();
        }
        after
    }
}

impl TryFrom<Vec<u8>> for Season {
    type Error = String;
    fn try_from(months: Vec<u8>) -> Result<Self, Self::Error> {
        Season::from_months(&months).map_err(|_| format!("not a season: {months:?}"))
    }
}

impl From<Season> for Vec<u8> {
    fn from(season: Season) -> Vec<u8> {
        season.months().into_iter().map(Month::number).collect()
    }
}

/// Pay now, shipped from `ships_from` (after the harvest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PreSale {
    ships_from: Timestamp,
}

impl PreSale {
    /// Buyers pay months ahead at most for one growing season; longer promises are how
    /// pre-sales go wrong, so the ship date must be within 180 days.
    pub const MAX_LEAD_DAYS: i64 = 180;

    /// A pre-sale opened at `now`: the ship date must be after now and within the lead time.
    pub fn open(ships_from: Timestamp, now: Timestamp) -> Result<PreSale, FieldError> {
        let valid = ships_from > now && ships_from <= now.plus_days(Self::MAX_LEAD_DAYS);
        if valid {
            Ok(PreSale { ships_from })
        } else {
            Err(FieldError {
                field: "ships_from",
                problem: Problem::Invalid,
            })
        }
    }

    /// A pre-sale read back from storage, where its date was checked when it was opened.
    pub const fn stored(ships_from: Timestamp) -> PreSale {
        PreSale { ships_from }
    }

    pub const fn ships_from(self) -> Timestamp {
        self.ships_from
    }
}

/// Whether and how a product sells now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Availability {
    pub season: Season,
    pub presale: Option<PreSale>,
}

/// How a purchase made now will be fulfilled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum SaleMode {
    /// In season: ships within the usual handling time.
    Ready,
    /// Paid now, shipped from the date.
    PreSale { ships_from: Timestamp },
}

impl SaleMode {
    pub const fn ships_from(self) -> Option<Timestamp> {
        match self {
            SaleMode::Ready => None,
            SaleMode::PreSale { ships_from } => Some(ships_from),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("out of season; back in month {}", .back_in.number())]
pub struct OutOfSeason {
    pub back_in: Month,
}

impl Availability {
    pub const ALL_YEAR: Availability = Availability {
        season: Season::ALL_YEAR,
        presale: None,
    };

    /// A running pre-sale wins over the season (harvest is still to come); once its ship date
    /// has passed the product sells like any other, in season only.
    pub fn check(&self, now: Timestamp) -> Result<SaleMode, OutOfSeason> {
        if let Some(presale) = self.presale {
            if now < presale.ships_from {
                return Ok(SaleMode::PreSale {
                    ships_from: presale.ships_from,
                });
            }
        }
        let month = CivilDate::in_china(now).month;
        if self.season.contains(month) {
            Ok(SaleMode::Ready)
        } else {
            Err(OutOfSeason {
                back_in: self.season.next_after(month),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(n: u8) -> Month {
        Month::new(n).unwrap()
    }

    fn noon(y: i64, m: u8, d: u8) -> Timestamp {
        CivilDate::new(y, m, d)
            .unwrap()
            .start_in_china()
            .plus_millis(12 * 3_600_000)
    }

    #[test]
    fn seasons_are_month_sets_and_spans_wrap() {
        let winter = Season::span(month(11), month(2));
        assert_eq!(
            winter.months(),
            vec![month(1), month(2), month(11), month(12)]
        );
        assert!(!winter.contains(month(3)));
        assert_eq!(winter.next_after(month(3)), month(11));
        assert_eq!(winter.next_after(month(12)), month(1));
        assert!(Season::span(month(5), month(4)).is_all_year());
        assert_eq!(Season::span(month(7), month(7)).months(), vec![month(7)]);
        assert_eq!(
            Season::from_months(&[7, 8, 9, 7]).unwrap(),
            Season::span(month(7), month(9))
        );
        let only_july = Season::from_months(&[7]).unwrap();
        assert_eq!(only_july.next_after(month(7)), month(7));
    }

    #[test]
    fn seasons_need_real_months() {
        assert_eq!(
            Season::from_months(&[]).unwrap_err().problem,
            Problem::Required
        );
        assert!(Season::from_months(&[0]).is_err());
        assert!(Season::from_months(&[13]).is_err());
        assert!(Season::try_from(vec![1, 2]).is_ok());
        assert_eq!(Vec::<u8>::from(Season::ALL_YEAR).len(), 12);
    }

    #[test]
    fn out_of_season_cannot_be_bought() {
        let goji = Availability {
            season: Season::span(month(7), month(10)),
            presale: None,
        };
        assert_eq!(goji.check(noon(2026, 8, 15)), Ok(SaleMode::Ready));
        assert_eq!(
            goji.check(noon(2026, 3, 1)),
            Err(OutOfSeason { back_in: month(7) })
        );
        assert_eq!(
            Availability::ALL_YEAR.check(noon(2026, 3, 1)),
            Ok(SaleMode::Ready)
        );
    }

    #[test]
    fn the_month_turns_at_midnight_in_china_not_utc() {
        let july_only = Availability {
            season: Season::from_months(&[7]).unwrap(),
            presale: None,
        };
        let first_of_july = CivilDate::new(2026, 7, 1).unwrap().start_in_china();
        assert_eq!(july_only.check(first_of_july), Ok(SaleMode::Ready));
        assert!(july_only.check(first_of_july.plus_millis(-1)).is_err());
    }

    #[test]
    fn a_presale_sells_before_its_ship_date_even_out_of_season() {
        let opened = noon(2026, 3, 1);
        let ships_from = noon(2026, 8, 1);
        let goji = Availability {
            season: Season::span(month(8), month(10)),
            presale: Some(PreSale::open(ships_from, opened).unwrap()),
        };
        assert_eq!(goji.check(opened), Ok(SaleMode::PreSale { ships_from }));
        assert_eq!(
            goji.check(ships_from.plus_millis(-1))
                .map(SaleMode::ships_from),
            Ok(Some(ships_from))
        );
        assert_eq!(goji.check(ships_from), Ok(SaleMode::Ready));
        assert!(goji.check(noon(2026, 11, 2)).is_err());
    }

    #[test]
    fn a_presale_ships_after_now_and_within_180_days() {
        let now = noon(2026, 3, 1);
        assert!(PreSale::open(now, now).is_err());
        assert!(PreSale::open(now.plus_millis(-1), now).is_err());
        assert!(PreSale::open(now.plus_days(180), now).is_ok());
        assert!(PreSale::open(now.plus_days(180).plus_millis(1), now).is_err());
        assert_eq!(
            PreSale::stored(now).ships_from(),
            now,
            "stored pre-sales are not re-checked"
        );
    }
}
