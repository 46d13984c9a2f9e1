//! How a campaign's rule meets every other discount, in the order they apply (the priority
//! `docs/campaigns.md` explains):
//!
//! 1. **Item price**, one per line and never more than one: a flash-sale or group-buy line
//!    keeps its special price and takes no campaign rule at all; a shelf line takes the lowest
//!    item price of the running campaigns covering it.
//! 2. **Spend-save across shops**, once per checkout, on the shelf lines of its campaign after
//!    step 1.
//! 3. **The shop's coupon** (`coupon.rs`), on its order's goods after steps 1 and 2, its
//!    minimum spend read against the same.
//!
//! No step can take a line below one fen a unit, so nothing is ever given away or sold below
//! zero.

use super::{CampaignTerms, PriceRule};
use crate::allocation::{allocate, AllocationError};
use crate::catalogue::Category;
use crate::checkout::{OrderDraft, OrderLineDraft};
use crate::commission::commission;
use crate::id::{ProductId, ShopId};
use crate::money::{Money, MoneyError};
use crate::time::Timestamp;

/// Where a line's price comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineSource {
    /// The product's own price: campaigns may lower it.
    Shelf,
    /// A live room's flash-sale price: already the lowest, it takes no campaign rule.
    FlashSale,
    /// A group-buy's team price: likewise.
    GroupBuy,
}

/// What a campaign looks at in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineFacts<'a> {
    pub product: &'a ProductId,
    pub shop: &'a ShopId,
    pub category: Category,
    /// The unit price before campaigns.
    pub price: Money,
    pub source: LineSource,
}

impl CampaignTerms {
    /// Whether the campaign's rule may touch the line at `now`.
    pub fn applies_to(&self, line: &LineFacts<'_>, now: Timestamp) -> bool {
        line.source == LineSource::Shelf
            && self.is_running(now)
            && self.scope.covers(line.product, line.shop, line.category)
    }

    /// The unit price under the campaign's item rule, when it lowers `price`; never below a
    /// fen. A spend-save rule has no item price.
    pub fn item_price(&self, price: Money) -> Option<Money> {
        let lowered = match self.rule {
            PriceRule::PercentOff { percent } => (price.minor() * (100 - percent) + 50) / 100,
            PriceRule::FixedPrice { price: fixed } => fixed.minor(),
            PriceRule::SpendSave { .. } => return None,
        };
        let lowered = lowered.max(1);
        (lowered < price.minor()).then(|| Money::new(lowered, price.currency()))
    }
}

/// The lowest item price the running campaigns give the line, and the campaign giving it (on
/// a tie, the first listed); `None` when none lowers it.
pub fn best_item_price<'a, K>(
    campaigns: &'a [(K, CampaignTerms)],
    line: &LineFacts<'_>,
    now: Timestamp,
) -> Option<(&'a K, Money)> {
    campaigns
        .iter()
        .filter(|(_, terms)| terms.applies_to(line, now))
        .filter_map(|(key, terms)| terms.item_price(line.price).map(|price| (key, price)))
        .min_by_key(|(_, price)| price.minor())
}

/// What a spend-save rule takes off `eligible` — the checkout's shelf lines in its campaign,
/// at their prices after step 1 — leaving at least a fen a unit of `units`: `off` once the
/// threshold is reached, nothing below it or for any other rule.
pub fn spend_save_discount(rule: &PriceRule, eligible: Money, units: i64) -> Money {
    let zero = Money::new(0, eligible.currency());
    match *rule {
        PriceRule::SpendSave { threshold, off } if eligible.minor() >= threshold.minor() => {
            let most = (eligible.minor() - units.max(1)).max(0);
            Money::new(off.minor().min(most), eligible.currency())
        }
        _ => zero,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SavingError {
    #[error(transparent)]
    Allocation(#[from] AllocationError),
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// The goods and units of the drafts' lines `covers` accepts, at what they cost now.
pub fn covered_goods(
    drafts: &[OrderDraft],
    covers: impl Fn(&ShopId, &OrderLineDraft) -> bool,
) -> (Money, i64) {
    let (mut goods, mut units) = (0i64, 0i64);
    for draft in drafts {
        for line in draft.lines.iter().filter(|line| covers(&draft.shop, line)) {
            goods += line.line_total.minor();
            units += i64::from(line.quantity.get());
        }
    }
    (Money::fen(goods), units)
}

/// Step 2 over a whole checkout: what `rule` saves on the drafts' lines `covers` accepts (see
/// `share_saving`); all zero when the threshold is not reached.
pub fn apply_spend_save(
    drafts: &mut [OrderDraft],
    rule: &PriceRule,
    covers: impl Fn(&ShopId, &OrderLineDraft) -> bool,
) -> Result<Vec<Money>, SavingError> {
    let (goods, units) = covered_goods(drafts, &covers);
    let saving = spend_save_discount(rule, goods, units);
    share_saving(drafts, saving, covers)
}

/// Takes `saving` off the drafts' lines `covers` accepts, shared over them in proportion to
/// their totals (largest remainder, so the shares add up to the fen). Each covered line's
/// total and commission go down, and so do its order's total and commission, while its
/// campaign discount goes up. Returns what came off each order, in the drafts' order.
pub fn share_saving(
    drafts: &mut [OrderDraft],
    saving: Money,
    covers: impl Fn(&ShopId, &OrderLineDraft) -> bool,
) -> Result<Vec<Money>, SavingError> {
    let mut per_order = vec![Money::fen(0); drafts.len()];
    if saving.minor() == 0 {
        return Ok(per_order);
    }
    let mut covered = Vec::new();
    for (order, draft) in drafts.iter().enumerate() {
        for (line, found) in draft.lines.iter().enumerate() {
            if covers(&draft.shop, found) {
                covered.push((order, line, found.line_total));
            }
        }
    }
    let weights: Vec<Money> = covered.iter().map(|(_, _, total)| *total).collect();
    for ((order, line, _), share) in covered.into_iter().zip(allocate(saving, &weights)?) {
        let draft = &mut drafts[order];
        let found = &mut draft.lines[line];
        let before = found.commission;
        found.line_total = found.line_total.checked_sub(share)?;
        found.commission = commission(found.line_total, found.commission_rate);
        draft.commission = draft
            .commission
            .checked_sub(before)?
            .checked_add(found.commission)?;
        draft.campaign_discount = draft.campaign_discount.checked_add(share)?;
        draft.total = draft.total.checked_sub(share)?;
        per_order[order] = per_order[order].checked_add(share)?;
    }
    Ok(per_order)
}
