//! Order rows as the database returns them, and their conversion into records.

use farmgate_domain::catalogue::Category;
use farmgate_domain::id::{
    AccountId, CheckoutId, LiveSessionId, OrderId, ProductId, ShopId, ShortVideoId, SkuId,
};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::order::OrderStatus;
use farmgate_domain::time::Timestamp;

use crate::{
    DeliveryAddress, OrderLineRecord, OrderRecord, ShipmentRecord, StoreError, StoreResult,
};

#[derive(sqlx::FromRow)]
pub(super) struct OrderRow {
    pub(super) id: String,
    checkout_id: String,
    shop_id: String,
    buyer_id: String,
    status: String,
    channel: String,
    goods_minor: i64,
    shipping_minor: i64,
    total_minor: i64,
    commission_minor: i64,
    currency: String,
    ships_from: Option<i64>,
    recipient: String,
    phone: String,
    province: String,
    city: String,
    county: String,
    address_detail: String,
    created_at: i64,
    pay_by: i64,
    paid_at: Option<i64>,
    carrier: Option<String>,
    tracking_no: Option<String>,
    shipped_at: Option<i64>,
    delivered_at: Option<i64>,
    closed_at: Option<i64>,
    live_session_id: Option<String>,
    discount_minor: i64,
    short_video_id: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct LineRow {
    pub(super) order_id: String,
    line_no: i64,
    sku_id: String,
    product_id: String,
    title: String,
    sku_name: String,
    category: String,
    unit_price_minor: i64,
    quantity: i64,
    weight_g: i64,
    commission_minor: i64,
}

fn cny(minor: i64, currency: &str, column: &'static str) -> StoreResult<Money> {
    let currency = Currency::parse(currency).ok_or(StoreError::Corrupt(column))?;
    Ok(Money::new(minor, currency))
}

pub(super) fn order_record(row: OrderRow) -> StoreResult<OrderRecord> {
    let money = |minor| cny(minor, &row.currency, "orders.currency");
    Ok(OrderRecord {
        id: OrderId::new(row.id.clone()),
        checkout_id: CheckoutId::new(row.checkout_id.clone()),
        shop_id: ShopId::new(row.shop_id.clone()),
        buyer_id: AccountId::new(row.buyer_id.clone()),
        status: OrderStatus::parse(&row.status).ok_or(StoreError::Corrupt("orders.status"))?,
        channel: row.channel.clone(),
        live_session_id: row.live_session_id.map(LiveSessionId::new),
        short_video_id: row.short_video_id.map(ShortVideoId::new),
        goods: money(row.goods_minor)?,
        discount: money(row.discount_minor)?,
        shipping: money(row.shipping_minor)?,
        total: money(row.total_minor)?,
        commission: money(row.commission_minor)?,
        ships_from: row.ships_from.map(Timestamp::from_millis),
        address: DeliveryAddress {
            recipient: row.recipient,
            phone: row.phone,
            province: row.province,
            city: row.city,
            county: row.county,
            detail: row.address_detail,
        },
        created_at: Timestamp::from_millis(row.created_at),
        pay_by: Timestamp::from_millis(row.pay_by),
        paid_at: row.paid_at.map(Timestamp::from_millis),
        shipment: match (row.carrier, row.tracking_no, row.shipped_at) {
            (Some(carrier), Some(tracking_no), Some(at)) => Some(ShipmentRecord {
                carrier,
                tracking_no,
                shipped_at: Timestamp::from_millis(at),
            }),
            _ => None,
        },
        delivered_at: row.delivered_at.map(Timestamp::from_millis),
        closed_at: row.closed_at.map(Timestamp::from_millis),
    })
}

pub(super) fn line_record(row: LineRow) -> StoreResult<OrderLineRecord> {
    Ok(OrderLineRecord {
        line_no: row.line_no,
        sku_id: SkuId::new(row.sku_id),
        product_id: ProductId::new(row.product_id),
        title: row.title,
        sku_name: row.sku_name,
        category: Category::parse(&row.category)
            .ok_or(StoreError::Corrupt("order_lines.category"))?,
        unit_price: Money::fen(row.unit_price_minor),
        quantity: row.quantity,
        weight_g: row.weight_g,
        commission: Money::fen(row.commission_minor),
    })
}
