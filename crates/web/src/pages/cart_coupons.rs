//! The cart's coupon choice: for each shop in the cart, the buyer's coupons that fit its goods,
//! the largest discount pre-selected (one radio group per shop, "no coupon" among them), and
//! the chosen claims read back from the checkout form's `coupon-<shop>` fields. The cart weighs
//! a shop's goods together; when its pre-sale goods make a separate order, checkout puts the
//! coupon on the order it fits, or says it does not apply.

use std::collections::HashMap;

use farmgate_domain::id::{AccountId, CouponClaimId, ShopId};
use farmgate_domain::money::Money;
use farmgate_domain::validation::Problem;

use super::PageContext;
use crate::error::WebError;
use crate::state::AppState;

/// One shop's radio group.
pub struct ShopCoupons {
    pub shop_id: String,
    pub shop: String,
    /// `(claim id, terms)`, the best first; the first is pre-selected.
    pub options: Vec<(String, String)>,
}

/// The groups of the shops that have a coupon to offer, in cart order; `goods` is each shop's
/// goods at the prices checkout charges, after the campaigns' savings.
pub async fn choices(
    state: &AppState,
    page: &PageContext,
    buyer: &AccountId,
    goods: &[(ShopId, Money)],
) -> Result<Vec<ShopCoupons>, WebError> {
    let fitting = state.services.coupon_choices(buyer, goods).await?;
    let t = page.t.coupon;
    let mut groups = Vec::new();
    for ((shop, _), coupons) in goods.iter().zip(fitting) {
        if coupons.is_empty() {
            continue;
        }
        groups.push(ShopCoupons {
            shop_id: shop.to_string(),
            shop: state.services.shop(shop).await?.name,
            options: coupons
                .iter()
                .map(|c| {
                    (
                        c.claim.to_string(),
                        t.describe(c.amount_off, c.minimum_spend),
                    )
                })
                .collect(),
        });
    }
    Ok(groups)
}

/// The claims chosen in the form: every non-empty `coupon-<shop>` field.
pub fn chosen(fields: &HashMap<String, String>) -> Result<Vec<CouponClaimId>, WebError> {
    let mut chosen: Vec<CouponClaimId> = fields
        .iter()
        .filter(|(name, value)| name.starts_with("coupon-") && !value.is_empty())
        .map(|(_, value)| {
            CouponClaimId::parse(value).ok_or(WebError::field("coupons", Problem::Invalid))
        })
        .collect::<Result<_, _>>()?;
    chosen.sort();
    Ok(chosen)
}
