//! Recalls and packing within a batch's units. Both write the batch row first (the recall
//! moves its status by compare-and-set, packing rewrites it unchanged) so that, on
//! PostgreSQL, they lock it: a recall and a packing of the same batch happen one after the
//! other, and so do two packings. SQLite has one writer, which serializes them anyway.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, BatchId, OrderId, ProductId, RecallId};
use farmgate_domain::time::Timestamp;
use farmgate_domain::trace::{
    BatchEvent, BatchStock, ReachedOrder, Recall, RecallReach, RecallState,
};

use super::batches::insert_batch_event;
use super::errors::refused;
use super::SqlStore;
use crate::{
    BatchFilter, Batches, Page, RecallNoticeRecord, RecallNotification, Recalls, StoreError,
    StoreResult, BATCH_NOT_OPEN,
};

const RECALL_COLUMNS: &str = "id, batch_id, reason, opened_by, opened_at, state";
const NOTICE_COLUMNS: &str =
    "recall_id, order_id, buyer_id, phone, sent_at, provider, acknowledged_at";
/// More batches than one product ever has open at once; older ones are sold out.
const BATCHES_PER_PRODUCT: i64 = 1_000;

type RecallRow = (String, String, String, String, i64, String);
type NoticeRow = (
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<i64>,
);

#[async_trait]
impl Recalls for SqlStore {
    async fn open_recall(
        &self,
        recall: &Recall,
        event: &BatchEvent,
        notification: &RecallNotification,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        let moved =
            sqlx::query("UPDATE batches SET status = 'recalled' WHERE id = $1 AND status = 'open'")
                .bind(recall.batch.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if moved != 1 {
            return Err(StoreError::Conflict(BATCH_NOT_OPEN));
        }
        let sql = format!("INSERT INTO recalls ({RECALL_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)");
        sqlx::query(&sql)
            .bind(recall.id.as_str())
            .bind(recall.batch.as_str())
            .bind(recall.reason.as_str())
            .bind(recall.opened_by.as_str())
            .bind(recall.opened_at.millis())
            .bind(recall.state.as_str())
            .execute(&mut *tx)
            .await
            .map_err(refused(BATCH_NOT_OPEN))?;
        insert_batch_event(&mut tx, event).await?;
        sqlx::query(
            "INSERT INTO recall_notices (recall_id, order_id, buyer_id, phone) \
             SELECT $1, o.id, o.buyer_id, o.phone FROM orders o WHERE o.id IN \
             (SELECT order_id FROM order_line_batches WHERE batch_id = $2)",
        )
        .bind(recall.id.as_str())
        .bind(recall.batch.as_str())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO notifications (account_id, kind, title, link, created_at, event_key) \
             SELECT DISTINCT buyer_id, 'recall', $2, $3, $4, $5 FROM recall_notices \
             WHERE recall_id = $1 ON CONFLICT DO NOTHING",
        )
        .bind(recall.id.as_str())
        .bind(notification.title.as_str())
        .bind(notification.link.as_str())
        .bind(recall.opened_at.millis())
        .bind(format!("recall:{}", recall.id))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn recall(&self, id: &RecallId) -> StoreResult<Option<Recall>> {
        let sql = format!("SELECT {RECALL_COLUMNS} FROM recalls WHERE id = $1");
        let row: Option<RecallRow> = sqlx::query_as(&sql)
            .bind(id.as_str())
            .fetch_optional(&self.reader)
            .await?;
        row.map(recall_record).transpose()
    }

    async fn recalls(&self, page: Page) -> StoreResult<Vec<Recall>> {
        let sql = format!(
            "SELECT {RECALL_COLUMNS} FROM recalls ORDER BY opened_at DESC, id DESC \
             LIMIT $1 OFFSET $2"
        );
        let rows: Vec<RecallRow> = sqlx::query_as(&sql)
            .bind(page.limit.max(0))
            .bind(page.offset.max(0))
            .fetch_all(&self.reader)
            .await?;
        rows.into_iter().map(recall_record).collect()
    }

    async fn recall_reach(&self, batch: &BatchId) -> StoreResult<RecallReach> {
        let orders: Vec<(String, String, String, i64, Option<i64>, Option<String>)> =
            sqlx::query_as(
                "SELECT o.id, o.buyer_id, o.status, CAST(SUM(t.units) AS BIGINT), o.shipped_at, \
                 o.tracking_no FROM order_line_batches t JOIN orders o ON o.id = t.order_id \
                 WHERE t.batch_id = $1 \
                 GROUP BY o.id, o.buyer_id, o.status, o.shipped_at, o.tracking_no ORDER BY o.id",
            )
            .bind(batch.as_str())
            .fetch_all(&self.reader)
            .await?;
        let parcels: Vec<(String, String)> = sqlx::query_as(
            "SELECT order_id, code FROM parcels WHERE order_id IN \
             (SELECT order_id FROM order_line_batches WHERE batch_id = $1) ORDER BY order_id, code",
        )
        .bind(batch.as_str())
        .fetch_all(&self.reader)
        .await?;
        let units: Option<i64> = sqlx::query_scalar("SELECT units FROM batches WHERE id = $1")
            .bind(batch.as_str())
            .fetch_optional(&self.reader)
            .await?;
        let mut reach = RecallReach {
            orders: Vec::with_capacity(orders.len()),
            units_shipped: 0,
            units_packed: 0,
            units_in_stock: units.unwrap_or(0),
        };
        for (order, buyer, status, tied, shipped_at, tracking) in orders {
            let mut codes: Vec<String> = parcels
                .iter()
                .filter(|(of, _)| *of == order)
                .map(|(_, code)| code.clone())
                .collect();
            if let Some(tracking) = tracking.filter(|number| !codes.contains(number)) {
                codes.push(tracking);
            }
            if shipped_at.is_some() {
                reach.units_shipped += tied;
            } else {
                reach.units_packed += tied;
            }
            reach.units_in_stock -= tied;
            reach.orders.push(ReachedOrder {
                order: OrderId::new(order),
                buyer: AccountId::new(buyer),
                status,
                units: tied,
                shipped: shipped_at.is_some(),
                parcels: codes,
            });
        }
        reach.units_in_stock = reach.units_in_stock.max(0);
        Ok(reach)
    }

    async fn recall_notices(&self, recall: &RecallId) -> StoreResult<Vec<RecallNoticeRecord>> {
        let sql = format!(
            "SELECT {NOTICE_COLUMNS} FROM recall_notices WHERE recall_id = $1 ORDER BY order_id"
        );
        let rows: Vec<NoticeRow> = sqlx::query_as(&sql)
            .bind(recall.as_str())
            .fetch_all(&self.reader)
            .await?;
        Ok(rows.into_iter().map(notice_record).collect())
    }

    async fn unsent_recall_notices(&self, limit: i64) -> StoreResult<Vec<RecallNoticeRecord>> {
        let sql = format!(
            "SELECT {NOTICE_COLUMNS} FROM recall_notices WHERE sent_at IS NULL \
             ORDER BY recall_id, order_id LIMIT $1"
        );
        let rows: Vec<NoticeRow> = sqlx::query_as(&sql)
            .bind(limit.max(0))
            .fetch_all(&self.reader)
            .await?;
        Ok(rows.into_iter().map(notice_record).collect())
    }

    async fn mark_recall_notice_sent(
        &self,
        notice: &RecallNoticeRecord,
        provider: &str,
        reference: &str,
        at: Timestamp,
    ) -> StoreResult<bool> {
        let updated = sqlx::query(
            "UPDATE recall_notices SET sent_at = $3, provider = $4, provider_ref = $5 \
             WHERE recall_id = $1 AND order_id = $2 AND sent_at IS NULL",
        )
        .bind(notice.recall.as_str())
        .bind(notice.order.as_str())
        .bind(at.millis())
        .bind(provider)
        .bind(reference)
        .execute(&self.writer)
        .await?;
        Ok(updated.rows_affected() == 1)
    }

    async fn acknowledge_recall(
        &self,
        recall: &RecallId,
        buyer: &AccountId,
        at: Timestamp,
    ) -> StoreResult<u64> {
        let updated = sqlx::query(
            "UPDATE recall_notices SET acknowledged_at = $3 \
             WHERE recall_id = $1 AND buyer_id = $2 AND acknowledged_at IS NULL",
        )
        .bind(recall.as_str())
        .bind(buyer.as_str())
        .bind(at.millis())
        .execute(&self.writer)
        .await?;
        Ok(updated.rows_affected())
    }

    async fn product_batch_stock(&self, product: &ProductId) -> StoreResult<Vec<BatchStock>> {
        let filter = BatchFilter {
            product: Some(product.clone()),
            ..BatchFilter::default()
        };
        let page = Page {
            limit: BATCHES_PER_PRODUCT,
            offset: 0,
        };
        let batches = self.batches(&filter, page).await?;
        if batches.is_empty() {
            // Most products record no batches: checkout asks this for each of them.
            return Ok(Vec::new());
        }
        let tied: Vec<(String, i64)> = sqlx::query_as(
            "SELECT t.batch_id, CAST(SUM(t.units) AS BIGINT) FROM order_line_batches t \
             JOIN batches b ON b.id = t.batch_id WHERE b.product_id = $1 GROUP BY t.batch_id",
        )
        .bind(product.as_str())
        .fetch_all(&self.reader)
        .await?;
        Ok(batches
            .into_iter()
            .map(|batch| BatchStock {
                tied_units: tied
                    .iter()
                    .find(|(id, _)| id == batch.id.as_str())
                    .map_or(0, |(_, units)| *units),
                batch,
            })
            .collect())
    }
}

fn recall_record(row: RecallRow) -> StoreResult<Recall> {
    let (id, batch, reason, opened_by, opened_at, state) = row;
    Ok(Recall {
        id: RecallId::new(id),
        batch: BatchId::new(batch),
        reason,
        opened_by: AccountId::new(opened_by),
        opened_at: Timestamp::from_millis(opened_at),
        state: RecallState::parse(&state).ok_or(StoreError::Corrupt("recalls.state"))?,
    })
}

fn notice_record(row: NoticeRow) -> RecallNoticeRecord {
    let (recall, order, buyer, phone, sent_at, provider, acknowledged_at) = row;
    RecallNoticeRecord {
        recall: RecallId::new(recall),
        order: OrderId::new(order),
        buyer: AccountId::new(buyer),
        phone,
        sent_at: sent_at.map(Timestamp::from_millis),
        provider,
        acknowledged_at: acknowledged_at.map(Timestamp::from_millis),
    }
}
