//! Flash sales (秒杀): during a live session the host offers a number of units of one bag
//! product's SKU at a special price, opening after a short countdown and for a set time. These
//! are the terms a host may set and the phase a sale is in; the gate that sells its units is an
//! engine in the services.

use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::range::whole_number;
use crate::sku::Price;
use crate::time::Timestamp;
use crate::validation::{Problem, ValidationErrors};

/// Units one sale may offer at most.
pub const MAX_STOCK_LIMIT: i64 = 100_000;
/// Units one buyer may take from one sale at most, whatever the host sets.
pub const MAX_PER_BUYER: i64 = 99;
/// The countdown before a sale opens, so viewers see it coming: 10 s to 5 min.
pub const COUNTDOWN_SECONDS: (i64, i64) = (10, 300);
/// How long a sale stays open: 1 min to 2 h.
pub const DURATION_MINUTES: (i64, i64) = (1, 120);
/// An unpaid flash-sale order gives its units back this soon, so they can sell again while
/// the sale is still on.
pub const PAYMENT_WINDOW_MINUTES: i64 = 10;

/// What a host typed, before any checking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlashSaleInput<'a> {
    /// In yuan, as typed: "19.9".
    pub price: &'a str,
    pub stock_limit: &'a str,
    pub per_buyer_limit: &'a str,
    pub countdown_seconds: &'a str,
    pub duration_minutes: &'a str,
}

/// The SKU the sale draws on, as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkuOffer {
    pub price: Money,
    pub stock: i64,
}

/// Valid terms of a sale: a special price below the SKU's, units the SKU has, and a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlashSaleTerms {
    pub price: Price,
    pub stock_limit: i64,
    pub per_buyer_limit: i64,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
}

impl FlashSaleTerms {
    /// Checks every field at once and reports each problem against its field. The countdown
    /// and duration start from `now`.
    pub fn parse(
        input: &FlashSaleInput<'_>,
        sku: SkuOffer,
        now: Timestamp,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let price = errors.check(Price::typed_below("price", input.price, sku.price));
        let mut count =
            |field, text: &str, min, max| errors.check(whole_number(field, text, min, max));
        let stock_limit = count(
            "stock_limit",
            input.stock_limit,
            1,
            MAX_STOCK_LIMIT.min(sku.stock),
        );
        let per_buyer_limit = count("per_buyer_limit", input.per_buyer_limit, 1, MAX_PER_BUYER);
        let (min, max) = COUNTDOWN_SECONDS;
        let countdown = count("countdown_seconds", input.countdown_seconds, min, max);
        let (min, max) = DURATION_MINUTES;
        let duration = count("duration_minutes", input.duration_minutes, min, max);
        if let (Some(stock), Some(per_buyer)) = (stock_limit, per_buyer_limit) {
            if per_buyer > stock {
                errors.push("per_buyer_limit", Problem::Invalid);
            }
        }
        match (price, stock_limit, per_buyer_limit, countdown, duration) {
            (
                Some(price),
                Some(stock_limit),
                Some(per_buyer_limit),
                Some(countdown),
                Some(duration),
            ) if errors.is_empty() => {
                let opens_at = now.plus_millis(countdown * 1_000);
                Ok(Self {
                    price,
                    stock_limit,
                    per_buyer_limit,
                    opens_at,
                    closes_at: opens_at.plus_millis(duration * 60_000),
                })
            }
            _ => Err(errors),
        }
    }
}

/// Where a sale stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlashSalePhase {
    /// Counting down to its opening.
    Upcoming,
    Open,
    /// Open, but every unit is taken; units of an order left unpaid may come back.
    SoldOut,
    Closed,
}

impl FlashSalePhase {
    /// A sale opens at `opens_at` and is over at `closes_at` (exclusive).
    pub fn at(opens_at: Timestamp, closes_at: Timestamp, remaining: i64, now: Timestamp) -> Self {
        if now < opens_at {
            Self::Upcoming
        } else if now >= closes_at {
            Self::Closed
        } else if remaining <= 0 {
            Self::SoldOut
        } else {
            Self::Open
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Upcoming => "upcoming",
            Self::Open => "open",
            Self::SoldOut => "sold_out",
            Self::Closed => "closed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp::from_millis(1_800_000_000_000);
    const SKU: SkuOffer = SkuOffer {
        price: Money::fen(3_800),
        stock: 500,
    };

    fn input() -> FlashSaleInput<'static> {
        FlashSaleInput {
            price: "19.9",
            stock_limit: "200",
            per_buyer_limit: "2",
            countdown_seconds: "30",
            duration_minutes: "10",
        }
    }

    fn fields(errors: &ValidationErrors) -> Vec<(&str, Problem)> {
        errors.0.iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn good_terms_open_after_the_countdown_for_the_duration() {
        let terms = FlashSaleTerms::parse(&input(), SKU, NOW).unwrap();
        assert_eq!(terms.price.money(), Money::fen(1_990));
        assert_eq!((terms.stock_limit, terms.per_buyer_limit), (200, 2));
        assert_eq!(terms.opens_at, NOW.plus_millis(30_000));
        assert_eq!(terms.closes_at, NOW.plus_millis(30_000 + 600_000));
    }

    #[test]
    fn every_problem_is_reported_against_its_field() {
        let bad = FlashSaleInput {
            price: "",
            stock_limit: "many",
            per_buyer_limit: "0",
            countdown_seconds: "5",
            duration_minutes: "121",
        };
        let errors = FlashSaleTerms::parse(&bad, SKU, NOW).unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                ("price", Problem::Required),
                ("stock_limit", Problem::Invalid),
                ("per_buyer_limit", Problem::Invalid),
                ("countdown_seconds", Problem::Invalid),
                ("duration_minutes", Problem::Invalid),
            ]
        );
        let blank = FlashSaleTerms::parse(&FlashSaleInput::default(), SKU, NOW).unwrap_err();
        assert!(blank.0.iter().all(|e| e.problem == Problem::Required));
        assert_eq!(blank.0.len(), 5);
    }

    #[test]
    fn the_special_price_is_above_zero_and_below_the_skus() {
        for price in ["38", "38.00", "40", "0", "0.00", "-1", "abc", "1.999"] {
            let errors =
                FlashSaleTerms::parse(&FlashSaleInput { price, ..input() }, SKU, NOW).unwrap_err();
            assert_eq!(fields(&errors), [("price", Problem::Invalid)], "{price}");
        }
        let cent_below = FlashSaleInput {
            price: "37.99",
            ..input()
        };
        assert!(FlashSaleTerms::parse(&cent_below, SKU, NOW).is_ok());
    }

    #[test]
    fn the_stock_limit_is_what_the_sku_has_up_to_a_hundred_thousand() {
        let more_than_the_sku = FlashSaleInput {
            stock_limit: "501",
            ..input()
        };
        assert!(FlashSaleTerms::parse(&more_than_the_sku, SKU, NOW).is_err());
        let all_of_it = FlashSaleInput {
            stock_limit: "500",
            ..input()
        };
        assert!(FlashSaleTerms::parse(&all_of_it, SKU, NOW).is_ok());
        let plenty = SkuOffer {
            stock: 1_000_000,
            ..SKU
        };
        let too_many = FlashSaleInput {
            stock_limit: "100001",
            ..input()
        };
        assert!(FlashSaleTerms::parse(&too_many, plenty, NOW).is_err());
    }

    #[test]
    fn a_buyer_may_take_at_most_the_stock_and_ninety_nine() {
        for (stock_limit, per_buyer_limit, ok) in [
            ("3", "3", true),
            ("3", "4", false),
            ("500", "99", true),
            ("500", "100", false),
        ] {
            let terms = FlashSaleInput {
                stock_limit,
                per_buyer_limit,
                ..input()
            };
            let parsed = FlashSaleTerms::parse(&terms, SKU, NOW);
            assert_eq!(parsed.is_ok(), ok, "{stock_limit} / {per_buyer_limit}");
            if let Err(errors) = parsed {
                assert_eq!(fields(&errors), [("per_buyer_limit", Problem::Invalid)]);
            }
        }
    }

    #[test]
    fn countdown_and_duration_bounds_are_inclusive() {
        for (countdown_seconds, duration_minutes, ok) in [
            ("10", "1", true),
            ("300", "120", true),
            ("9", "1", false),
            ("301", "1", false),
            ("10", "0", false),
        ] {
            let terms = FlashSaleInput {
                countdown_seconds,
                duration_minutes,
                ..input()
            };
            assert_eq!(FlashSaleTerms::parse(&terms, SKU, NOW).is_ok(), ok);
        }
    }

    #[test]
    fn the_phase_follows_the_clock_and_the_remaining_units() {
        let opens = NOW.plus_millis(10_000);
        let closes = opens.plus_millis(60_000);
        let phase = |remaining, at| FlashSalePhase::at(opens, closes, remaining, at);
        assert_eq!(phase(5, NOW), FlashSalePhase::Upcoming);
        assert_eq!(phase(5, opens), FlashSalePhase::Open);
        assert_eq!(phase(0, opens), FlashSalePhase::SoldOut);
        assert_eq!(phase(5, closes.plus_millis(-1)), FlashSalePhase::Open);
        assert_eq!(phase(5, closes), FlashSalePhase::Closed);
        assert_eq!(phase(0, closes), FlashSalePhase::Closed);
    }
}
