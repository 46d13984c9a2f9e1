//! After-sales requests. Status changes are guarded `UPDATE … WHERE status = <as read>`, so two
//! producers pressing "approve" at once change it once; a partial unique index keeps one open
//! request per order; completing a refund is guarded the same way and writes the ledger entry
//! and the order's refunded total in the same transaction, under the shop's payout lock when
//! the producer pays part of it.

use std::collections::HashMap;

use async_trait::async_trait;
use farmgate_domain::after_sales::AfterSaleStatus;
use farmgate_domain::id::{AccountId, AfterSaleId, OrderId, ShopId};
use farmgate_domain::ledger::LedgerAccount;
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::after_sale_rows::{after_sale_record, AfterSaleRow};
use super::errors::refused;
use super::payments::insert_entry;
use super::payouts::{balance_in, lock_shop};
use super::stats_writes::record_refund;
use super::{bounds, placeholders, SqlStore};
use crate::{
    AfterSaleChange, AfterSaleRecord, AfterSales, CompleteOutcome, Page, RefundCompletion,
    RefundTotals, StoreError, StoreResult,
};

macro_rules! after_sale_columns {
    () => {
        "id, order_id, shop_id, buyer_id, kind, reason, description, amount_minor, currency, \
         status, created_at, updated_at, answer_by, reject_reason, return_address, return_carrier, \
         return_tracking_no, return_shipped_at, escalated_at, ruling_note, refunded_at, \
         refund_basis, commission_reversed_minor"
    };
}

#[async_trait]
impl AfterSales for SqlStore {
    async fn insert_after_sale(&self, r: &AfterSaleRecord) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        insert_case(&mut tx, r).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn after_sale(&self, id: &AfterSaleId) -> StoreResult<Option<AfterSaleRecord>> {
        let rows = self.after_sales_where("id = $1", id.as_str(), "id", Page::first(1));
        Ok(rows.await?.pop())
    }

    async fn after_sales_of_order(&self, order: &OrderId) -> StoreResult<Vec<AfterSaleRecord>> {
        self.after_sales_where("order_id = $1", order.as_str(), NEWEST, Page::first(100))
            .await
    }

    async fn after_sales_of_buyer(
        &self,
        buyer: &AccountId,
        page: Page,
    ) -> StoreResult<Vec<AfterSaleRecord>> {
        self.after_sales_where("buyer_id = $1", buyer.as_str(), NEWEST, page)
            .await
    }

    async fn after_sales_of_shop(
        &self,
        shop: &ShopId,
        page: Page,
    ) -> StoreResult<Vec<AfterSaleRecord>> {
        self.after_sales_where("shop_id = $1", shop.as_str(), NEWEST, page)
            .await
    }

    async fn after_sales_in(
        &self,
        status: AfterSaleStatus,
        page: Page,
    ) -> StoreResult<Vec<AfterSaleRecord>> {
        self.after_sales_where("status = $1", status.as_str(), "updated_at, id", page)
            .await
    }

    async fn advance_after_sale(&self, c: &AfterSaleChange) -> StoreResult<bool> {
        let shipment = c.return_shipment.as_ref();
        let done = sqlx::query(
            "UPDATE after_sales SET status = $3, updated_at = $4, \
             reject_reason = COALESCE($5, reject_reason), \
             return_address = COALESCE($6, return_address), \
             return_carrier = COALESCE($7, return_carrier), \
             return_tracking_no = COALESCE($8, return_tracking_no), \
             return_shipped_at = COALESCE($9, return_shipped_at), \
             escalated_at = CASE WHEN $10 = 1 THEN $4 ELSE escalated_at END, \
             ruling_note = COALESCE($11, ruling_note), \
             amount_minor = COALESCE($12, amount_minor) \
             WHERE id = $1 AND status = $2",
        )
        .bind(c.id.as_str())
        .bind(c.from.as_str())
        .bind(c.to.as_str())
        .bind(c.at.millis())
        .bind(c.reject_reason.as_deref())
        .bind(c.return_address.as_deref())
        .bind(shipment.map(|s| s.carrier.as_str()))
        .bind(shipment.map(|s| s.tracking_no.as_str()))
        .bind(shipment.map(|s| s.shipped_at.millis()))
        .bind(i64::from(c.escalated))
        .bind(c.ruling_note.as_deref())
        .bind(c.amount.map(|m| m.minor()))
        .execute(&self.writer)
        .await
        .map_err(refused(
            "this order already has an open after-sales request",
        ))?;
        Ok(done.rows_affected() == 1)
    }

    async fn unanswered_after_sales(
        &self,
        now: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<AfterSaleRecord>> {
        let sql = format!(
            "SELECT {} FROM after_sales WHERE status = 'requested' AND answer_by < $1 \
             ORDER BY answer_by LIMIT $2",
            after_sale_columns!()
        );
        let rows: Vec<AfterSaleRow> = sqlx::query_as(&sql)
            .bind(now.millis())
            .bind(limit.max(0))
            .fetch_all(&self.writer)
            .await?;
        self.with_photos(rows).await
    }

    async fn refunds_outstanding(
        &self,
        before: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<AfterSaleRecord>> {
        let sql = format!(
            "SELECT {} FROM after_sales WHERE status = 'refund_approved' AND updated_at < $1 \
             ORDER BY updated_at LIMIT $2",
            after_sale_columns!()
        );
        let rows: Vec<AfterSaleRow> = sqlx::query_as(&sql)
            .bind(before.millis())
            .bind(limit.max(0))
            .fetch_all(&self.writer)
            .await?;
        self.with_photos(rows).await
    }

    async fn refund_totals(&self, order: &OrderId) -> StoreResult<RefundTotals> {
        let (held, settled, reversed): (i64, i64, i64) = sqlx::query_as(
            "SELECT \
             CAST(COALESCE(SUM(CASE WHEN refund_basis = 'held' THEN amount_minor ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN refund_basis = 'settled' THEN amount_minor ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(commission_reversed_minor), 0) AS BIGINT) \
             FROM after_sales WHERE order_id = $1 AND status = 'refunded'",
        )
        .bind(order.as_str())
        .fetch_one(&self.writer)
        .await?;
        Ok(RefundTotals {
            held: Money::fen(held),
            settled: Money::fen(settled),
            commission_reversed: Money::fen(reversed),
        })
    }

    async fn complete_refund(&self, c: &RefundCompletion) -> StoreResult<CompleteOutcome> {
        let mut tx = self.writer.begin().await?;
        let refund = &c.refund;
        // After delivery the producer's part comes out of their payable: wait for any payout
        // of the shop, so it is read as it stands and a payout cannot spend it meanwhile.
        let draws_on_payable = refund.from_producer.minor() > 0;
        if draws_on_payable {
            lock_shop(&mut tx, &refund.shop).await?;
        }
        let done = sqlx::query(
            "UPDATE after_sales SET status = 'refunded', refunded_at = $2, updated_at = $2, \
             refund_basis = $3, commission_reversed_minor = $4 \
             WHERE id = $1 AND status = 'refund_approved' AND amount_minor = $5",
        )
        .bind(c.after_sale.as_str())
        .bind(c.at.millis())
        .bind(c.source.as_str())
        .bind(refund.commission_reversed.minor())
        .bind(refund.amount.minor())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            drop(tx);
            return match self.after_sale(&c.after_sale).await? {
                Some(record) if record.status == AfterSaleStatus::Refunded => {
                    Ok(CompleteOutcome::AlreadyCompleted)
                }
                Some(_) => Err(StoreError::Conflict("the refund is not due")),
                None => Err(StoreError::NotFound),
            };
        }
        // The order as the entry was computed from: same status, same refunded total.
        let shipped_at: Option<Option<i64>> = sqlx::query_scalar(
            "UPDATE orders SET refunded_minor = refunded_minor + $4, \
             status = CASE WHEN $5 = 1 THEN 'refunded' ELSE status END, \
             closed_at = CASE WHEN $5 = 1 THEN $6 ELSE closed_at END \
             WHERE id = $1 AND status = $2 AND refunded_minor = $3 RETURNING shipped_at",
        )
        .bind(c.order.as_str())
        .bind(c.order_status.as_str())
        .bind(c.refunded_before.minor())
        .bind(refund.amount.minor())
        .bind(i64::from(c.order_refunded_in_full))
        .bind(c.at.millis())
        .fetch_optional(&mut *tx)
        .await
        .map_err(refused("refund refused"))?;
        let Some(shipped_at) = shipped_at else {
            return Err(StoreError::Conflict("the order changed while refunding"));
        };
        let payable = if draws_on_payable {
            balance_in(&mut tx, LedgerAccount::ProducerPayable(refund.shop.clone())).await?
        } else {
            Money::zero(refund.amount.currency())
        };
        let refused_entry = |_| StoreError::Conflict("the ledger refused the refund");
        let mut entry = refund.entry(payable).map_err(refused_entry)?;
        if let Some((leader, amount)) = &c.leader_reversal {
            entry = entry
                .with_leader_commission(leader, *amount, true)
                .map_err(refused_entry)?;
        }
        if c.campaign_reversal.minor() > 0 {
            entry = entry
                .with_campaign_subsidy(&refund.shop, c.campaign_reversal, true)
                .map_err(refused_entry)?;
        }
        insert_entry(&mut tx, &c.entry_id, &entry, c.after_sale.as_str(), c.at).await?;
        if self.rollups {
            let (order, before) = (c.order.as_str(), c.refunded_before);
            record_refund(&mut tx, self.backend, order, refund.amount, before, c.at).await?;
        }
        if c.order_refunded_in_full && shipped_at.is_none() {
            // Never left the farm: the goods can be sold again.
            sqlx::query(
                "UPDATE skus SET stock = stock + (SELECT CAST(SUM(l.quantity) AS BIGINT) \
                 FROM order_lines l WHERE l.order_id = $1 AND l.sku_id = skus.id) \
                 WHERE id IN (SELECT sku_id FROM order_lines WHERE order_id = $1)",
            )
            .bind(c.order.as_str())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(CompleteOutcome::Completed)
    }
}

/// Newest first, ties broken by id (UUIDv7, so also by time).
const NEWEST: &str = "created_at DESC, id DESC";

impl SqlStore {
    /// `condition` and `order` are fixed texts from this file, never user input.
    async fn after_sales_where(
        &self,
        condition: &'static str,
        value: &str,
        order: &'static str,
        page: Page,
    ) -> StoreResult<Vec<AfterSaleRecord>> {
        let (limit, offset) = bounds(page);
        let sql = format!(
            "SELECT {} FROM after_sales WHERE {condition} ORDER BY {order} LIMIT $2 OFFSET $3",
            after_sale_columns!()
        );
        let rows: Vec<AfterSaleRow> = sqlx::query_as(&sql)
            .bind(value)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.writer)
            .await?;
        self.with_photos(rows).await
    }

    async fn with_photos(&self, rows: Vec<AfterSaleRow>) -> StoreResult<Vec<AfterSaleRecord>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT after_sale_id, file_id FROM after_sale_photos \
             WHERE after_sale_id IN ({}) ORDER BY position",
            placeholders(1, rows.len())
        );
        let mut query = sqlx::query_as::<_, (String, String)>(&sql);
        for row in &rows {
            query = query.bind(row.id.as_str());
        }
        let mut photos: HashMap<String, Vec<String>> = HashMap::new();
        for (id, file_id) in query.fetch_all(&self.writer).await? {
            photos.entry(id).or_default().push(file_id);
        }
        rows.into_iter()
            .map(|row| {
                let files = photos.remove(&row.id).unwrap_or_default();
                after_sale_record(row, files)
            })
            .collect()
    }
}

/// Writes a case with its photos; `Conflict` when its order already has an open one.
pub(super) async fn insert_case(tx: &mut AnyConnection, r: &AfterSaleRecord) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO after_sales (id, order_id, shop_id, buyer_id, kind, reason, description, \
         amount_minor, currency, status, created_at, updated_at, answer_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(r.id.as_str())
    .bind(r.order_id.as_str())
    .bind(r.shop_id.as_str())
    .bind(r.buyer_id.as_str())
    .bind(r.kind.as_str())
    .bind(r.reason.as_str())
    .bind(r.description.as_str())
    .bind(r.amount.minor())
    .bind(r.amount.currency().code())
    .bind(r.status.as_str())
    .bind(r.created_at.millis())
    .bind(r.updated_at.millis())
    .bind(r.answer_by.map(Timestamp::millis))
    .execute(&mut *tx)
    .await
    .map_err(refused(
        "this order already has an open after-sales request",
    ))?;
    for (position, file_id) in r.photos.iter().enumerate() {
        sqlx::query(
            "INSERT INTO after_sale_photos (after_sale_id, position, file_id) VALUES ($1, $2, $3)",
        )
        .bind(r.id.as_str())
        .bind(position as i64)
        .bind(file_id.as_str())
        .execute(&mut *tx)
        .await
        .map_err(refused("photo refused"))?;
    }
    Ok(())
}
