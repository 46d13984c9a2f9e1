//! Coupons at checkout: the claims a buyer chose are checked against the orders the cart
//! splits into (one per shop order at most, each on the order it applies to) and taken off
//! those orders; the store marks them used in the checkout's own transaction. The cart page
//! asks which of the buyer's claims fit each order, the best one first.

use farmgate_domain::checkout::OrderDraft;
use farmgate_domain::coupon::{applicable, apply_coupon, HeldCoupon};
use farmgate_domain::id::ShopId;
use farmgate_domain::id::{AccountId, CouponClaimId};
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;
use farmgate_store::{ClaimRecord, ClaimUse, NewCheckout};

use super::{ClaimState, DOES_NOT_APPLY, EXPIRED, NOT_HELD, ONE_PER_ORDER, USED};
use crate::{ServiceError, ServiceResult, Services};

/// Which draft (by index) each chosen claim is taken off.
pub type ChosenClaims = Vec<(usize, CouponClaimId)>;

impl Services {
    /// The drafts with the chosen claims taken off, and where each went.
    pub(crate) async fn apply_chosen_coupons(
        &self,
        buyer: &AccountId,
        chosen: &[CouponClaimId],
        mut drafts: Vec<OrderDraft>,
        now: Timestamp,
    ) -> ServiceResult<(Vec<OrderDraft>, ChosenClaims)> {
        if chosen.is_empty() {
            return Ok((drafts, Vec::new()));
        }
        if chosen.len() > drafts.len() {
            return Err(ServiceError::Conflict(ONE_PER_ORDER));
        }
        let claims = self.store.claims_of_buyer(buyer).await?;
        let mut placed = Vec::with_capacity(chosen.len());
        for id in chosen {
            if placed.iter().any(|(_, used)| used == id) {
                return Err(ServiceError::Conflict(USED));
            }
            let claim = claims.iter().find(|c| &c.id == id);
            let held = usable(claim, now)?;
            let target = best_order(&drafts, &held, now)?;
            drafts[target] = apply_coupon(&drafts[target], &held, now)
                .map_err(|_| ServiceError::Conflict(DOES_NOT_APPLY))?;
            placed.push((target, id.clone()));
        }
        Ok((drafts, placed))
    }

    /// For each shop's goods in a cart, the buyer's coupons that fit them, the best first:
    /// what the cart page offers (and pre-selects the first of).
    pub async fn coupon_choices(
        &self,
        buyer: &AccountId,
        goods_per_shop: &[(ShopId, Money)],
    ) -> ServiceResult<Vec<Vec<HeldCoupon>>> {
        let now = self.clock.now();
        let claims = self.store.claims_of_buyer(buyer).await?;
        let held: Vec<HeldCoupon> = claims
            .iter()
            .filter(|c| ClaimState::of(c, now) == ClaimState::Unused)
            .map(held_coupon)
            .collect();
        Ok(goods_per_shop
            .iter()
            .map(|(shop, goods)| {
                applicable(&held, shop, *goods, now)
                    .into_iter()
                    .cloned()
                    .collect()
            })
            .collect())
    }
}

/// The claims of a placed checkout, with the order each pays for (orders are in draft order).
pub fn claim_uses(checkout: &NewCheckout, chosen: ChosenClaims) -> Vec<ClaimUse> {
    chosen
        .into_iter()
        .filter_map(|(index, claim)| {
            checkout.orders.get(index).map(|detail| ClaimUse {
                claim,
                order: detail.order.id.clone(),
            })
        })
        .collect()
}

/// A claim the buyer holds, as a coupon to weigh against the orders. A used claim is left to
/// the store: a checkout sent again with its key replays the one that used it, and any other
/// checkout is refused there (`COUPON_USED`, said as `USED`).
fn usable(claim: Option<&ClaimRecord>, now: Timestamp) -> ServiceResult<HeldCoupon> {
    let claim = claim.ok_or(ServiceError::Conflict(NOT_HELD))?;
    match ClaimState::of(claim, now) {
        ClaimState::Expired => Err(ServiceError::Conflict(EXPIRED)),
        ClaimState::Unused | ClaimState::Used => Ok(held_coupon(claim)),
    }
}

/// The order of the coupon's shop it applies to, the largest if several (a shop's pre-sale
/// goods form their own order).
fn best_order(drafts: &[OrderDraft], held: &HeldCoupon, now: Timestamp) -> ServiceResult<usize> {
    let fits = drafts
        .iter()
        .enumerate()
        .filter(|(_, d)| held.applies_to(d, now))
        .max_by_key(|(i, d)| (d.goods_subtotal.minor(), std::cmp::Reverse(*i)));
    if let Some((index, _)) = fits {
        return Ok(index);
    }
    let shop_taken = drafts
        .iter()
        .any(|d| d.shop == held.shop && d.discount.minor() > 0);
    Err(ServiceError::Conflict(if shop_taken {
        ONE_PER_ORDER
    } else {
        DOES_NOT_APPLY
    }))
}

fn held_coupon(claim: &ClaimRecord) -> HeldCoupon {
    HeldCoupon {
        claim: claim.id.clone(),
        coupon: claim.coupon.id.clone(),
        shop: claim.coupon.shop_id.clone(),
        amount_off: claim.coupon.amount_off,
        minimum_spend: claim.coupon.minimum_spend,
        valid_until: claim.coupon.valid_until,
    }
}
