//! The cart under the running campaigns: each line at the price checkout will charge, how near
//! the cart is to each spend-save, which of the buyer's campaign coupons its goods reach, and
//! what is left of each line's goods after them — the same steps checkout takes, in its order.

use farmgate_domain::allocation::allocate;
use farmgate_domain::campaign::{spend_save_discount, CampaignTerms, PriceRule};
use farmgate_domain::id::{AccountId, CampaignId};
use farmgate_domain::money::Money;
use farmgate_store::CampaignClaimRecord;

use super::internal;
use super::pricing::{terms_of, CampaignPrice};
use crate::cart::CartEntry;
use crate::{ServiceResult, Services};

/// A running spend-save campaign the cart has goods in: how far they are from its threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpendSaveProgress {
    pub campaign: CampaignId,
    pub name: String,
    pub threshold: Money,
    pub off: Money,
    /// The cart's covered goods, at their campaign prices.
    pub covered: Money,
}

/// A campaign coupon the buyer holds that the cart's goods reach, and what it would save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponChoice {
    pub claim: CampaignClaimRecord,
    /// Its campaign's name.
    pub campaign: String,
    pub saves: Money,
}

/// The cart as checkout will price it: each line's unit price, the spend-saves it meets and
/// the campaign coupons it may use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CampaignCart {
    /// One per cart entry, in order: the lowered price, when a campaign lowers it.
    pub prices: Vec<Option<CampaignPrice>>,
    pub spend_saves: Vec<SpendSaveProgress>,
    /// The largest saving first: the one the cart pre-selects.
    pub coupons: Vec<CouponChoice>,
    /// One per cart entry: its goods after spend-saves and the pre-selected coupon.
    pub goods: Vec<Money>,
}

impl Services {
    /// The cart's lines at the prices checkout will charge, its spend-save progress, the
    /// buyer's campaign coupons its goods reach after spend-save, and each line's goods after
    /// both and the best coupon — what a shop coupon's minimum spend will read.
    pub async fn campaign_cart(
        &self,
        buyer: &AccountId,
        entries: &[CartEntry],
    ) -> ServiceResult<CampaignCart> {
        let campaigns = self.open_campaigns().await?;
        let now = self.clock.now();
        let mut cart = CampaignCart::default();
        let mut paid = Vec::with_capacity(entries.len());
        for entry in entries {
            let lowered = self.campaign_prices(&entry.product).await?;
            let found = lowered.into_iter().find(|p| p.sku == entry.line.sku_id);
            let shelf = entry
                .product
                .skus
                .iter()
                .find(|sku| sku.id == entry.line.sku_id)
                .map_or(0, |sku| sku.price.minor());
            let unit = found.as_ref().map_or(shelf, |p| p.price.minor());
            paid.push(unit.saturating_mul(entry.line.quantity));
            cart.prices.push(found);
        }
        for (id, terms) in campaigns.iter().filter(|(_, t)| t.is_running(now)) {
            let PriceRule::SpendSave { threshold, off } = terms.rule else {
                continue;
            };
            let (goods, units) = covered(entries, &paid, terms);
            if goods.minor() > 0 {
                cart.spend_saves.push(SpendSaveProgress {
                    campaign: id.clone(),
                    name: terms.name.clone(),
                    threshold,
                    off,
                    covered: goods,
                });
            }
            let saving = spend_save_discount(&terms.rule, goods, units);
            take(entries, &mut paid, terms, saving)?;
        }
        for claim in self.held_campaign_coupons(buyer).await? {
            let Some(terms) = terms_of(&campaigns, &claim.coupon.campaign_id) else {
                continue;
            };
            let (goods, units) = covered(entries, &paid, terms);
            let saves = claim.coupon.terms.discount_on(goods, units);
            if terms.is_running(now) && saves.minor() > 0 {
                cart.coupons.push(CouponChoice {
                    campaign: terms.name.clone(),
                    saves,
                    claim,
                });
            }
        }
        cart.coupons
            .sort_by_key(|c| std::cmp::Reverse(c.saves.minor()));
        if let Some(best) = cart.coupons.first() {
            if let Some(terms) = terms_of(&campaigns, &best.claim.coupon.campaign_id) {
                take(entries, &mut paid, terms, best.saves)?;
            }
        }
        cart.goods = paid.into_iter().map(Money::fen).collect();
        Ok(cart)
    }
}

/// The goods and units of the entries the campaign covers, at what is `paid` for each.
fn covered(entries: &[CartEntry], paid: &[i64], terms: &CampaignTerms) -> (Money, i64) {
    let (mut goods, mut units) = (0i64, 0i64);
    for (entry, paid) in entries.iter().zip(paid) {
        let product = &entry.product.product;
        if terms
            .scope
            .covers(&product.id, &product.shop_id, product.category)
        {
            goods += paid;
            units += entry.line.quantity;
        }
    }
    (Money::fen(goods), units)
}

/// Takes `saving` off the covered entries in proportion, as checkout shares it over lines.
fn take(
    entries: &[CartEntry],
    paid: &mut [i64],
    terms: &CampaignTerms,
    saving: Money,
) -> ServiceResult<()> {
    if saving.minor() == 0 {
        return Ok(());
    }
    let weights: Vec<Money> = entries
        .iter()
        .zip(paid.iter())
        .map(|(entry, paid)| {
            let product = &entry.product.product;
            let covers = terms
                .scope
                .covers(&product.id, &product.shop_id, product.category);
            Money::fen(if covers { *paid } else { 0 })
        })
        .collect();
    for (paid, share) in paid
        .iter_mut()
        .zip(allocate(saving, &weights).map_err(internal)?)
    {
        *paid -= share.minor();
    }
    Ok(())
}
