//! A campaign's coupons (平台券): the platform hands them out for a festival — an amount off or
//! a percentage off up to a cap, once the checkout's goods taking part in the campaign reach a
//! minimum spend — a number in all and per buyer, each claim usable for some days (never past
//! the campaign's end). A code lets a buyer claim one by typing it. In the priority of
//! `docs/campaigns.md` it is step 3: after item prices and spend-save, before the shop's coupon.

use crate::money::Money;
use crate::range::{whole_number, yuan_amount};
use crate::time::Timestamp;
use crate::validation::{Problem, ValidationErrors};

use super::MAX_PERCENT_OFF;

/// The most a campaign coupon may take off: ¥1,000.
pub const MAX_OFF_FEN: i64 = 100_000;
pub const MAX_MINIMUM_SPEND_FEN: i64 = 10_000_000;
pub const MAX_QUANTITY: i64 = 1_000_000;
pub const MAX_PER_BUYER: i64 = 5;
pub const VALID_DAYS: (i64, i64) = (1, 30);
/// Letters and digits a person reads back without mistakes (no 0/O, 1/I/L).
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const CODE_LENGTH: usize = 8;

/// What it takes off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CouponOff {
    Amount(Money),
    /// A percentage of the covered goods, never more than `cap`.
    Percent {
        percent: i64,
        cap: Money,
    },
}

/// What a hub operator typed, before any checking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CampaignCouponInput<'a> {
    /// `amount` or `percent`.
    pub kind: &'a str,
    pub amount_off: &'a str,
    pub percent_off: &'a str,
    /// For a percentage: the most it takes off, in yuan.
    pub cap: &'a str,
    pub minimum_spend: &'a str,
    pub quantity: &'a str,
    pub per_buyer_limit: &'a str,
    pub valid_days: &'a str,
}

/// Valid terms: the minimum spend is above the most the coupon can take, so it never brings
/// the goods to zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CampaignCouponTerms {
    pub off: CouponOff,
    pub minimum_spend: Money,
    pub quantity: i64,
    pub per_buyer_limit: i64,
    pub valid_days: i64,
}

impl CampaignCouponTerms {
    /// Checks every field at once and reports each problem against its field.
    pub fn parse(input: &CampaignCouponInput<'_>) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let off = match input.kind {
            "amount" => errors
                .check(yuan_amount("amount_off", input.amount_off, MAX_OFF_FEN))
                .map(CouponOff::Amount),
            "percent" => {
                let percent = errors.check(whole_number(
                    "percent_off",
                    input.percent_off,
                    1,
                    MAX_PERCENT_OFF,
                ));
                let cap = errors.check(yuan_amount("cap", input.cap, MAX_OFF_FEN));
                percent
                    .zip(cap)
                    .map(|(percent, cap)| CouponOff::Percent { percent, cap })
            }
            _ => {
                errors.push("kind", Problem::Required);
                None
            }
        };
        let minimum_spend = errors.check(yuan_amount(
            "minimum_spend",
            input.minimum_spend,
            MAX_MINIMUM_SPEND_FEN,
        ));
        let mut count =
            |field, text: &str, min, max| errors.check(whole_number(field, text, min, max));
        let quantity = count("quantity", input.quantity, 1, MAX_QUANTITY);
        let per_buyer_limit = count("per_buyer_limit", input.per_buyer_limit, 1, MAX_PER_BUYER);
        let (min, max) = VALID_DAYS;
        let valid_days = count("valid_days", input.valid_days, min, max);
        if let (Some(off), Some(spend)) = (off, minimum_spend) {
            if spend.minor() <= most(off).minor() {
                errors.push("minimum_spend", Problem::Invalid);
            }
        }
        if let (Some(quantity), Some(per_buyer)) = (quantity, per_buyer_limit) {
            if per_buyer > quantity {
                errors.push("per_buyer_limit", Problem::Invalid);
            }
        }
        match (off, minimum_spend, quantity, per_buyer_limit, valid_days) {
            (Some(off), Some(minimum_spend), Some(quantity), Some(per_buyer_limit), Some(days))
                if errors.is_empty() =>
            {
                Ok(Self {
                    off,
                    minimum_spend,
                    quantity,
                    per_buyer_limit,
                    valid_days: days,
                })
            }
            _ => Err(errors),
        }
    }

    /// What it takes off `covered` goods (of `units` units): nothing below the minimum spend,
    /// and never so much that a unit costs less than a fen.
    pub fn discount_on(&self, covered: Money, units: i64) -> Money {
        if covered.minor() < self.minimum_spend.minor() {
            return Money::new(0, covered.currency());
        }
        let off = match self.off {
            CouponOff::Amount(amount) => amount.minor(),
            CouponOff::Percent { percent, cap } => {
                ((covered.minor() * percent + 50) / 100).min(cap.minor())
            }
        };
        let most = (covered.minor() - units.max(1)).max(0);
        Money::new(off.min(most), covered.currency())
    }

    /// Until when a claim made at `claimed` may be used: its days, but not past `campaign_ends`.
    pub fn usable_until(&self, claimed: Timestamp, campaign_ends: Timestamp) -> Timestamp {
        claimed.plus_days(self.valid_days).min(campaign_ends)
    }
}

/// The most `off` can take.
fn most(off: CouponOff) -> Money {
    match off {
        CouponOff::Amount(amount) => amount,
        CouponOff::Percent { cap, .. } => cap,
    }
}

/// Whether `text` could be a code at all: read case-blind, spaces ignored.
pub fn normalize_code(text: &str) -> Option<String> {
    let code: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == CODE_LENGTH && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}
