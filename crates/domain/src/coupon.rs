//! Shop coupons dropped in a live room (直播间优惠券): an amount off an order of the shop's
//! goods that reaches a minimum spend, a number that may be claimed in all and per buyer, and
//! a date until which a claimed coupon can be used. These are the terms a host may set, and the
//! rules that say which claimed coupon applies to an order and what it does to it.

use serde::Serialize;

use crate::checkout::{shares_per_line, OrderDraft};
use crate::commission::commission;
use crate::id::{CouponClaimId, CouponId, ShopId};
use crate::money::{Money, MoneyError};
use crate::range::{whole_number, yuan_amount};
use crate::time::Timestamp;
use crate::validation::{Problem, ValidationErrors};

/// The most a coupon may take off: ¥1,000.
pub const MAX_AMOUNT_OFF_FEN: i64 = 100_000;
/// The highest minimum spend a coupon may ask for: ¥100,000.
pub const MAX_MINIMUM_SPEND_FEN: i64 = 10_000_000;
/// Coupons one drop may hand out at most.
pub const MAX_QUANTITY: i64 = 100_000;
/// Claims one buyer may make of one coupon at most, whatever the host sets.
pub const MAX_PER_BUYER: i64 = 5;
/// How many days a claimed coupon stays usable: 1 to 30, a week unless the host says.
pub const VALID_DAYS: (i64, i64) = (1, 30);
pub const DEFAULT_VALID_DAYS: i64 = 7;

/// What a host typed, before any checking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CouponInput<'a> {
    /// In yuan, as typed: "5".
    pub amount_off: &'a str,
    /// In yuan: the order's goods (before shipping) must come to at least this.
    pub minimum_spend: &'a str,
    pub quantity: &'a str,
    pub per_buyer_limit: &'a str,
    pub valid_days: &'a str,
}

/// Valid terms of a coupon. The minimum spend is always above the amount off, so a coupon never
/// brings an order's goods to zero or below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CouponTerms {
    pub amount_off: Money,
    pub minimum_spend: Money,
    pub quantity: i64,
    pub per_buyer_limit: i64,
    /// Claims are usable before this instant.
    pub valid_until: Timestamp,
}

impl CouponTerms {
    /// Checks every field at once and reports each problem against its field; the validity
    /// runs from `now`.
    pub fn parse(input: &CouponInput<'_>, now: Timestamp) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let amount_off = errors.check(yuan_amount(
            "amount_off",
            input.amount_off,
            MAX_AMOUNT_OFF_FEN,
        ));
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
        if let (Some(off), Some(spend)) = (amount_off, minimum_spend) {
            if spend.minor() <= off.minor() {
                errors.push("minimum_spend", Problem::Invalid);
            }
        }
        if let (Some(quantity), Some(per_buyer)) = (quantity, per_buyer_limit) {
            if per_buyer > quantity {
                errors.push("per_buyer_limit", Problem::Invalid);
            }
        }
        match (
            amount_off,
            minimum_spend,
            quantity,
            per_buyer_limit,
            valid_days,
        ) {
            (
                Some(amount_off),
                Some(minimum_spend),
                Some(quantity),
                Some(per_buyer_limit),
                Some(days),
            ) if errors.is_empty() => Ok(Self {
                amount_off,
                minimum_spend,
                quantity,
                per_buyer_limit,
                valid_until: now.plus_days(days),
            }),
            _ => Err(errors),
        }
    }
}

/// A coupon a buyer holds and has not used: what checkout weighs against an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldCoupon {
    pub claim: CouponClaimId,
    pub coupon: CouponId,
    pub shop: ShopId,
    pub amount_off: Money,
    pub minimum_spend: Money,
    pub valid_until: Timestamp,
}

impl HeldCoupon {
    /// Whether it may be used on `goods` (before shipping) of `shop` at `now`: its shop, still
    /// valid, and the goods reach the minimum spend.
    pub fn fits(&self, shop: &ShopId, goods: Money, now: Timestamp) -> bool {
        shop == &self.shop && now < self.valid_until && goods.minor() >= self.minimum_spend.minor()
    }

    /// Whether it may take its amount off `order` at `now`: it fits the goods after campaign
    /// savings and the order has no coupon yet.
    pub fn applies_to(&self, order: &OrderDraft, now: Timestamp) -> bool {
        order.discount.minor() == 0 && self.fits(&order.shop, order.goods_after_campaigns(), now)
    }
}

/// The coupons among `held` that fit `goods` of `shop`, the largest discount first (then the
/// one that expires soonest, so the buyer keeps the longer-lived one).
pub fn applicable<'a>(
    held: &'a [HeldCoupon],
    shop: &ShopId,
    goods: Money,
    now: Timestamp,
) -> Vec<&'a HeldCoupon> {
    let mut fitting: Vec<&HeldCoupon> = held.iter().filter(|c| c.fits(shop, goods, now)).collect();
    fitting.sort_by(|a, b| {
        b.amount_off
            .minor()
            .cmp(&a.amount_off.minor())
            .then(a.valid_until.cmp(&b.valid_until))
            .then(a.claim.cmp(&b.claim))
    });
    fitting
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CouponError {
    #[error("the coupon does not apply to this order")]
    DoesNotApply,
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// Takes the coupon's amount off the order's goods; shipping is unaffected. The shop bears the
/// discount: the buyer pays the reduced total, and commission is taken on what was actually
/// paid for each line — the discount is shared over the lines in proportion to their totals
/// (largest remainder, so the shares add up to the fen) and each line's commission is
/// recomputed on its total less its share.
pub fn apply_coupon(
    order: &OrderDraft,
    coupon: &HeldCoupon,
    now: Timestamp,
) -> Result<OrderDraft, CouponError> {
    if !coupon.applies_to(order, now) || coupon.amount_off.minor() <= 0 {
        return Err(CouponError::DoesNotApply);
    }
    let shares =
        shares_per_line(order, coupon.amount_off).map_err(|_| CouponError::DoesNotApply)?;
    let mut discounted = order.clone();
    let mut total_commission = Money::zero(order.total.currency());
    for (line, share) in discounted.lines.iter_mut().zip(shares) {
        let paid = line.line_total.checked_sub(share)?;
        line.commission = commission(paid, line.commission_rate);
        total_commission = total_commission.checked_add(line.commission)?;
    }
    discounted.discount = coupon.amount_off;
    discounted.total = order.total.checked_sub(coupon.amount_off)?;
    discounted.commission = total_commission;
    Ok(discounted)
}

#[cfg(test)]
mod tests;
