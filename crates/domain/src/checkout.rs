//! From a cart that spans shops to the orders it becomes. Each shop ships its own parcel, so
//! each shop gets its own order with its own shipping fee; pre-sale goods ship later, in their
//! own parcel, so they form their own order too. Commission is taken per line, on goods only.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::address::ShippingZone;
use crate::allocation::{allocate, AllocationError};
use crate::catalogue::Category;
use crate::commission::{commission, CommissionRate, CommissionSchedule};
use crate::id::{ProductId, ShopId, SkuId};
use crate::money::{Currency, Money, MoneyError};
use crate::shipping::{shipping_fee, ShippingError, ShippingTemplate};
use crate::sku::{Price, Quantity};
use crate::time::Timestamp;
use crate::unit::Grams;

/// More lines than anyone buys at once; the limit keeps one request's work bounded.
pub const MAX_CART_LINES: usize = 100;

/// One SKU in the buyer's cart, as the services load it (the quantity as the buyer asked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartLine {
    pub shop: ShopId,
    pub product: ProductId,
    pub sku: SkuId,
    pub category: Category,
    pub unit_price: Price,
    pub quantity: i64,
    /// Shipping weight of one unit.
    pub unit_weight: Grams,
    /// The pre-sale ship date when the SKU sells on pre-sale now (see `availability`).
    pub ships_from: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderLineDraft {
    pub product: ProductId,
    pub sku: SkuId,
    pub category: Category,
    pub unit_price: Money,
    pub quantity: Quantity,
    pub line_total: Money,
    pub commission_rate: CommissionRate,
    /// Commission on this line, rounded per line (see `commission::commission`).
    pub commission: Money,
    pub weight_g: u64,
}

/// One order to be created: one shop, one parcel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderDraft {
    pub shop: ShopId,
    /// Set for a pre-sale order: it ships from this date.
    pub ships_from: Option<Timestamp>,
    pub lines: Vec<OrderLineDraft>,
    /// The lines' value before any coupon: what minimum spends and free shipping look at.
    pub goods_subtotal: Money,
    pub shipping_fee: Money,
    /// The order's part of the checkout's campaign savings (spend-save across shops, see
    /// `campaign::apply_spend_save`), already taken off its lines' totals.
    pub campaign_discount: Money,
    /// Taken off the goods by the shop's coupon (see `coupon::apply_coupon`); zero without one.
    pub discount: Money,
    /// What the buyer pays for this order: goods less both discounts, and shipping.
    pub total: Money,
    /// The platform's commission: the sum of the lines' commissions.
    pub commission: Money,
    pub weight_g: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckoutError {
    #[error("the cart is empty")]
    EmptyCart,
    #[error("the cart has more than {MAX_CART_LINES} lines")]
    TooManyLines,
    #[error("quantity {quantity} of {sku} is out of range (1–999)")]
    QuantityOutOfRange { sku: SkuId, quantity: i64 },
    #[error("{0} appears twice in the cart")]
    DuplicateSku(SkuId),
    #[error("shop {0} has no shipping template")]
    NoShippingTemplate(ShopId),
    #[error("shop {shop} does not deliver to the {} zone", .zone.as_str())]
    NotServed { shop: ShopId, zone: ShippingZone },
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// Splits a cart into orders, one per shop (and per pre-sale ship date), in the order their
/// shops first appear in the cart; lines keep their cart order. The whole cart is refused if
/// any line or shop fails, so the buyer never pays for half a cart by surprise.
pub fn split_checkout(
    lines: &[CartLine],
    zone: ShippingZone,
    templates: &BTreeMap<ShopId, ShippingTemplate>,
    commissions: &CommissionSchedule,
) -> Result<Vec<OrderDraft>, CheckoutError> {
    if lines.is_empty() {
        return Err(CheckoutError::EmptyCart);
    }
    if lines.len() > MAX_CART_LINES {
        return Err(CheckoutError::TooManyLines);
    }
    let mut seen = BTreeSet::new();
    let mut groups: Vec<(ParcelKey<'_>, Vec<OrderLineDraft>)> = Vec::new();
    for line in lines {
        if !seen.insert(&line.sku) {
            return Err(CheckoutError::DuplicateSku(line.sku.clone()));
        }
        let drafted = draft_line(line, commissions)?;
        let key = (&line.shop, line.ships_from);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(drafted),
            None => groups.push((key, vec![drafted])),
        }
    }
    groups
        .into_iter()
        .map(|((shop, ships_from), lines)| {
            let template = templates
                .get(shop)
                .ok_or_else(|| CheckoutError::NoShippingTemplate(shop.clone()))?;
            draft_order(shop, ships_from, lines, template, zone)
        })
        .collect()
}

/// Lines that ship together: same shop, same pre-sale date (or none).
type ParcelKey<'a> = (&'a ShopId, Option<Timestamp>);

fn draft_line(
    line: &CartLine,
    commissions: &CommissionSchedule,
) -> Result<OrderLineDraft, CheckoutError> {
    let quantity = Quantity::parse("quantity", line.quantity).map_err(|_| {
        CheckoutError::QuantityOutOfRange {
            sku: line.sku.clone(),
            quantity: line.quantity,
        }
    })?;
    let line_total = line.unit_price.times(quantity)?;
    let rate = commissions.rate_for(line.category);
    Ok(OrderLineDraft {
        product: line.product.clone(),
        sku: line.sku.clone(),
        category: line.category,
        unit_price: line.unit_price.money(),
        quantity,
        line_total,
        commission_rate: rate,
        commission: commission(line_total, rate),
        weight_g: u64::from(line.unit_weight.get()) * u64::from(quantity.get()),
    })
}

fn draft_order(
    shop: &ShopId,
    ships_from: Option<Timestamp>,
    lines: Vec<OrderLineDraft>,
    template: &ShippingTemplate,
    zone: ShippingZone,
) -> Result<OrderDraft, CheckoutError> {
    let mut goods_subtotal = Money::zero(Currency::Cny);
    let mut total_commission = Money::zero(Currency::Cny);
    let mut weight_g: u64 = 0;
    for line in &lines {
        goods_subtotal = goods_subtotal.checked_add(line.line_total)?;
        total_commission = total_commission.checked_add(line.commission)?;
        weight_g = weight_g.saturating_add(line.weight_g);
    }
    let fee = shipping_fee(template, zone, weight_g, goods_subtotal).map_err(|e| match e {
        ShippingError::NotServed(zone) => CheckoutError::NotServed {
            shop: shop.clone(),
            zone,
        },
        ShippingError::Money(e) => CheckoutError::Money(e),
    })?;
    Ok(OrderDraft {
        shop: shop.clone(),
        ships_from,
        lines,
        goods_subtotal,
        shipping_fee: fee,
        campaign_discount: Money::zero(Currency::Cny),
        discount: Money::zero(Currency::Cny),
        total: goods_subtotal.checked_add(fee)?,
        commission: total_commission,
        weight_g,
    })
}

/// What the one payment for the checkout must collect: the sum of its orders' totals.
pub fn checkout_total(orders: &[OrderDraft]) -> Result<Money, MoneyError> {
    orders
        .iter()
        .try_fold(Money::zero(Currency::Cny), |sum, order| {
            sum.checked_add(order.total)
        })
}

/// Shares of an amount for each order (a platform coupon, a payment-level discount), in
/// proportion to the orders' goods subtotals, by largest remainder (see `allocation`).
pub fn shares_per_order(
    orders: &[OrderDraft],
    amount: Money,
) -> Result<Vec<Money>, AllocationError> {
    let weights: Vec<Money> = orders.iter().map(|o| o.goods_subtotal).collect();
    allocate(amount, &weights)
}

impl OrderDraft {
    /// The goods after campaign savings, before the shop's coupon: what its minimum spend reads.
    pub fn goods_after_campaigns(&self) -> Money {
        Money::new(
            self.goods_subtotal.minor() - self.campaign_discount.minor(),
            self.goods_subtotal.currency(),
        )
    }
}

/// Shares of an amount for each line of one order (a shop coupon, a partial refund), in
/// proportion to the line totals, by largest remainder.
pub fn shares_per_line(order: &OrderDraft, amount: Money) -> Result<Vec<Money>, AllocationError> {
    let weights: Vec<Money> = order.lines.iter().map(|l| l.line_total).collect();
    allocate(amount, &weights)
}

#[cfg(test)]
mod tests;
