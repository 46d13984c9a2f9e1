//! A priced checkout as the store keeps it: one order record per draft, each line with the
//! product's title and variant as they were when bought, every order awaiting payment.

use std::collections::BTreeMap;
use std::sync::Arc;

use farmgate_domain::address::ShippingAddress;
use farmgate_domain::checkout::OrderDraft;
use farmgate_domain::id::{AccountId, CheckoutId, ProductId};
use farmgate_domain::money::Money;
use farmgate_domain::order::{OrderPolicy, OrderStatus};
use farmgate_domain::time::Timestamp;
use farmgate_store::{
    DeliveryAddress, NewCheckout, OrderDetail, OrderLineRecord, OrderRecord, ProductDetail,
};

use crate::{new_id, ServiceError, ServiceResult};

pub(crate) fn new_checkout(
    buyer: &AccountId,
    key: String,
    drafts: &[OrderDraft],
    products: &BTreeMap<ProductId, Arc<ProductDetail>>,
    address: &ShippingAddress,
    now: Timestamp,
) -> ServiceResult<NewCheckout> {
    let id: CheckoutId = new_id();
    let policy = OrderPolicy::default();
    let mut total = Money::fen(0);
    let mut orders = Vec::with_capacity(drafts.len());
    for draft in drafts {
        total = total.checked_add(draft.total).map_err(internal)?;
        let lines = draft
            .lines
            .iter()
            .enumerate()
            .map(|(line_no, line)| {
                let product = &products[&line.product];
                let sku_name = product
                    .skus
                    .iter()
                    .find(|sku| sku.id == line.sku)
                    .map(|sku| sku.name.clone())
                    .unwrap_or_default();
                OrderLineRecord {
                    line_no: line_no as i64,
                    sku_id: line.sku.clone(),
                    product_id: line.product.clone(),
                    title: product.product.title.clone(),
                    sku_name,
                    category: line.category,
                    unit_price: line.unit_price,
                    quantity: i64::from(line.quantity.get()),
                    weight_g: i64::try_from(line.weight_g).unwrap_or(i64::MAX),
                    commission: line.commission,
                }
            })
            .collect();
        orders.push(OrderDetail {
            order: OrderRecord {
                id: new_id(),
                checkout_id: id.clone(),
                shop_id: draft.shop.clone(),
                buyer_id: buyer.clone(),
                status: OrderStatus::PendingPayment,
                channel: "shelf".to_owned(),
                live_session_id: None,
                short_video_id: None,
                goods: draft
                    .goods_after_campaigns()
                    .checked_sub(draft.discount)
                    .map_err(internal)?,
                // The shop's coupon and the order's part of campaign savings: what came off
                // the goods after their item prices.
                discount: draft
                    .discount
                    .checked_add(draft.campaign_discount)
                    .map_err(internal)?,
                shipping: draft.shipping_fee,
                total: draft.total,
                commission: draft.commission,
                ships_from: draft.ships_from,
                address: DeliveryAddress {
                    recipient: address.recipient.clone(),
                    phone: address.phone.as_str().to_owned(),
                    province: format!("{:02}", address.province.code()),
                    city: address.city.clone(),
                    county: address.county.clone(),
                    detail: address.detail.clone(),
                },
                created_at: now,
                pay_by: policy.payment_due(now),
                paid_at: None,
                shipment: None,
                delivered_at: None,
                closed_at: None,
            },
            lines,
        });
    }
    Ok(NewCheckout {
        id,
        buyer: buyer.clone(),
        idempotency_key: key,
        total,
        created_at: now,
        orders,
        claims: Vec::new(),
        campaign_parts: Vec::new(),
        campaign_claim: None,
    })
}

fn internal(error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(error.to_string())
}
