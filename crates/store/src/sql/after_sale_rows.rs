//! After-sales rows as the database returns them, and their conversion into records.

use farmgate_domain::after_sales::{AfterSaleKind, AfterSaleReason, AfterSaleStatus};
use farmgate_domain::id::{AccountId, AfterSaleId, OrderId, ShopId};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::time::Timestamp;

use crate::{AfterSaleRecord, RefundSource, ShipmentRecord, StoreError, StoreResult};

#[derive(sqlx::FromRow)]
pub(super) struct AfterSaleRow {
    pub(super) id: String,
    order_id: String,
    shop_id: String,
    buyer_id: String,
    kind: String,
    reason: String,
    description: String,
    amount_minor: i64,
    currency: String,
    status: String,
    created_at: i64,
    updated_at: i64,
    answer_by: Option<i64>,
    reject_reason: Option<String>,
    return_address: Option<String>,
    return_carrier: Option<String>,
    return_tracking_no: Option<String>,
    return_shipped_at: Option<i64>,
    escalated_at: Option<i64>,
    ruling_note: Option<String>,
    refunded_at: Option<i64>,
    refund_basis: Option<String>,
    commission_reversed_minor: Option<i64>,
}

pub(super) fn after_sale_record(
    row: AfterSaleRow,
    photos: Vec<String>,
) -> StoreResult<AfterSaleRecord> {
    let corrupt = |column| StoreError::Corrupt(column);
    let currency = Currency::parse(&row.currency).ok_or(corrupt("after_sales.currency"))?;
    let refund_source = match row.refund_basis.as_deref() {
        None => None,
        Some(basis) => Some(RefundSource::parse(basis).ok_or(corrupt("after_sales.refund_basis"))?),
    };
    Ok(AfterSaleRecord {
        id: AfterSaleId::new(row.id),
        order_id: OrderId::new(row.order_id),
        shop_id: ShopId::new(row.shop_id),
        buyer_id: AccountId::new(row.buyer_id),
        kind: AfterSaleKind::parse(&row.kind).ok_or(corrupt("after_sales.kind"))?,
        reason: AfterSaleReason::parse(&row.reason).ok_or(corrupt("after_sales.reason"))?,
        description: row.description,
        amount: Money::new(row.amount_minor, currency),
        status: AfterSaleStatus::parse(&row.status).ok_or(corrupt("after_sales.status"))?,
        photos,
        created_at: Timestamp::from_millis(row.created_at),
        updated_at: Timestamp::from_millis(row.updated_at),
        answer_by: row.answer_by.map(Timestamp::from_millis),
        reject_reason: row.reject_reason,
        return_address: row.return_address,
        return_shipment: match (
            row.return_carrier,
            row.return_tracking_no,
            row.return_shipped_at,
        ) {
            (Some(carrier), Some(tracking_no), Some(at)) => Some(ShipmentRecord {
                carrier,
                tracking_no,
                shipped_at: Timestamp::from_millis(at),
            }),
            _ => None,
        },
        escalated_at: row.escalated_at.map(Timestamp::from_millis),
        ruling_note: row.ruling_note,
        refunded_at: row.refunded_at.map(Timestamp::from_millis),
        refund_source,
        commission_reversed: row
            .commission_reversed_minor
            .map(|minor| Money::new(minor, currency)),
    })
}
