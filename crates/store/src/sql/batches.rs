//! Batches and their events. A step is one row per (batch, step, disposition, subject), so a
//! packing or inspection recorded twice is kept once.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, BatchEventId, BatchId, OrderId, ParcelId, ProductId, ShopId};
use farmgate_domain::trace::{Batch, BatchEvent, BatchStatus, BatchTie, Gtin, Lot};
use sqlx::AnyConnection;

use super::batch_rows::{place_text, BatchRow, EventRow, TieRow, BATCH_COLUMNS, EVENT_COLUMNS};
use super::catalogue::grade_text;
use super::errors::refused;
use super::{bounds, SqlStore};
use crate::{
    BatchFilter, Batches, Page, ProductTrace, StoreError, StoreResult, BATCH_NOT_OPEN,
    BATCH_OVER_TIED, GTIN_TAKEN, LOT_TAKEN,
};

const TIE_COLUMNS: &str = "order_id, line_no, batch_id, units";

#[async_trait]
impl Batches for SqlStore {
    async fn add_batch(&self, batch: &Batch, commissioning: &BatchEvent) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        let sql = format!(
            "INSERT INTO batches ({BATCH_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
        );
        sqlx::query(&sql)
            .bind(batch.id.as_str())
            .bind(batch.product.as_str())
            .bind(batch.shop.as_str())
            .bind(batch.lot.as_str())
            .bind(batch.harvested_on.to_string())
            .bind(batch.village.as_str())
            .bind(batch.field.map(|point| i64::from(point.lat_e6)))
            .bind(batch.field.map(|point| i64::from(point.lon_e6)))
            .bind(batch.units)
            .bind(grade_text(&batch.grade))
            .bind(batch.notes.as_str())
            .bind(batch.status.as_str())
            .bind(batch.quality.as_str())
            .bind(batch.created_by.as_str())
            .bind(batch.created_at.millis())
            .execute(&mut *tx)
            .await
            .map_err(refused(LOT_TAKEN))?;
        insert_batch_event(&mut tx, commissioning).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn batch(&self, id: &BatchId) -> StoreResult<Option<Batch>> {
        let sql = format!("SELECT {BATCH_COLUMNS} FROM batches WHERE id = $1");
        let row: Option<BatchRow> = sqlx::query_as(&sql)
            .bind(id.as_str())
            .fetch_optional(&self.reader)
            .await?;
        row.map(BatchRow::record).transpose()
    }

    async fn batch_by_lot(&self, product: &ProductId, lot: &Lot) -> StoreResult<Option<Batch>> {
        let sql = format!("SELECT {BATCH_COLUMNS} FROM batches WHERE product_id = $1 AND lot = $2");
        let row: Option<BatchRow> = sqlx::query_as(&sql)
            .bind(product.as_str())
            .bind(lot.as_str())
            .fetch_optional(&self.reader)
            .await?;
        row.map(BatchRow::record).transpose()
    }

    async fn batches(&self, filter: &BatchFilter, page: Page) -> StoreResult<Vec<Batch>> {
        let (limit, offset) = bounds(page);
        let sql = format!(
            "SELECT {BATCH_COLUMNS} FROM batches WHERE ($1 IS NULL OR shop_id = $1) \
             AND ($2 IS NULL OR product_id = $2) AND ($3 IS NULL OR status = $3) \
             ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5"
        );
        let rows: Vec<BatchRow> = sqlx::query_as(&sql)
            .bind(filter.shop.as_ref().map(ShopId::as_str))
            .bind(filter.product.as_ref().map(ProductId::as_str))
            .bind(filter.status.map(BatchStatus::as_str))
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.reader)
            .await?;
        rows.into_iter().map(BatchRow::record).collect()
    }

    async fn count_batches_on(&self, product: &ProductId, harvested_on: &str) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM batches WHERE product_id = $1 AND harvested_on = $2",
        )
        .bind(product.as_str())
        .bind(harvested_on)
        .fetch_one(&self.reader)
        .await?)
    }

    async fn record_batch_event(&self, event: &BatchEvent) -> StoreResult<bool> {
        let mut conn = self.writer.acquire().await?;
        insert_batch_event(&mut conn, event).await
    }

    async fn batch_events(&self, batch: &BatchId) -> StoreResult<Vec<BatchEvent>> {
        let sql =
            format!("SELECT {EVENT_COLUMNS} FROM batch_events WHERE batch_id = $1 ORDER BY at, id");
        let rows: Vec<EventRow> = sqlx::query_as(&sql)
            .bind(batch.as_str())
            .fetch_all(&self.reader)
            .await?;
        rows.into_iter().map(EventRow::record).collect()
    }

    async fn batch_events_after(
        &self,
        after: Option<&BatchEventId>,
        limit: i64,
    ) -> StoreResult<Vec<BatchEvent>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM batch_events WHERE ($1 IS NULL OR id > $1) \
             ORDER BY id LIMIT $2"
        );
        let rows: Vec<EventRow> = sqlx::query_as(&sql)
            .bind(after.map(BatchEventId::as_str))
            .bind(limit.max(0))
            .fetch_all(&self.reader)
            .await?;
        rows.into_iter().map(EventRow::record).collect()
    }

    async fn product_trace(&self, product: &ProductId) -> StoreResult<ProductTrace> {
        let row: Option<(Option<String>, i64)> = sqlx::query_as(
            "SELECT gtin, passed_batches_only FROM product_trace WHERE product_id = $1",
        )
        .bind(product.as_str())
        .fetch_optional(&self.reader)
        .await?;
        let (gtin, passed_batches_only) = row.unwrap_or((None, 0));
        Ok(ProductTrace {
            product: product.clone(),
            gtin: gtin
                .map(|text| {
                    Gtin::parse(&text).map_err(|_| StoreError::Corrupt("product_trace.gtin"))
                })
                .transpose()?,
            passed_batches_only: passed_batches_only != 0,
        })
    }

    async fn set_product_trace(&self, trace: &ProductTrace) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO product_trace (product_id, gtin, passed_batches_only) VALUES ($1, $2, $3) \
             ON CONFLICT (product_id) DO UPDATE SET gtin = excluded.gtin, \
             passed_batches_only = excluded.passed_batches_only",
        )
        .bind(trace.product.as_str())
        .bind(trace.gtin.as_ref().map(Gtin::as_str))
        .bind(i64::from(trace.passed_batches_only))
        .execute(&self.writer)
        .await
        .map_err(refused(GTIN_TAKEN))?;
        Ok(())
    }

    async fn product_by_gtin(&self, gtin: &Gtin) -> StoreResult<Option<ProductId>> {
        let id: Option<String> =
            sqlx::query_scalar("SELECT product_id FROM product_trace WHERE gtin = $1")
                .bind(gtin.as_str())
                .fetch_optional(&self.reader)
                .await?;
        Ok(id.map(ProductId::new))
    }

    async fn pack_order_line(
        &self,
        order: &OrderId,
        line_no: i64,
        ties: &[BatchTie],
        events: &[BatchEvent],
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query("DELETE FROM order_line_batches WHERE order_id = $1 AND line_no = $2")
            .bind(order.as_str())
            .bind(line_no)
            .execute(&mut *tx)
            .await?;
        // Batches locked in one order, so two packings never wait on each other crosswise.
        let mut sorted: Vec<&BatchTie> = ties.iter().collect();
        sorted.sort_by(|a, b| a.batch.cmp(&b.batch));
        for tie in sorted {
            tie_within_units(&mut tx, order, line_no, tie).await?;
        }
        for event in events {
            insert_batch_event(&mut tx, event).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn order_batch_ties(&self, order: &OrderId) -> StoreResult<Vec<BatchTie>> {
        self.ties("order_id = $1 ORDER BY line_no, batch_id", order.as_str())
            .await
    }

    async fn batch_ties(&self, batch: &BatchId) -> StoreResult<Vec<BatchTie>> {
        self.ties("batch_id = $1 ORDER BY order_id, line_no", batch.as_str())
            .await
    }
}

impl SqlStore {
    async fn ties(&self, condition: &str, value: &str) -> StoreResult<Vec<BatchTie>> {
        let sql = format!("SELECT {TIE_COLUMNS} FROM order_line_batches WHERE {condition}");
        let rows: Vec<TieRow> = sqlx::query_as(&sql)
            .bind(value)
            .fetch_all(&self.reader)
            .await?;
        Ok(rows.into_iter().map(TieRow::record).collect())
    }
}

/// Records a batch event inside the caller's transaction; `false` when that step is already
/// recorded for the batch and subject.
pub(super) async fn insert_batch_event(
    conn: &mut AnyConnection,
    event: &BatchEvent,
) -> StoreResult<bool> {
    let sql = format!(
        "INSERT INTO batch_events ({EVENT_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
         ON CONFLICT (batch_id, biz_step, disposition, subject) DO NOTHING"
    );
    let inserted = sqlx::query(&sql)
        .bind(event.id.as_str())
        .bind(event.batch.as_str())
        .bind(event.kind.as_str())
        .bind(event.action.as_str())
        .bind(event.biz_step.as_str())
        .bind(event.disposition.as_str())
        .bind(event.subject.key())
        .bind(event.at.millis())
        .bind(i64::from(event.zone_offset_minutes))
        .bind(event.read_point.as_ref().map(place_text))
        .bind(event.biz_location.as_ref().map(place_text))
        .bind(event.units)
        .bind(event.parcel.as_ref().map(ParcelId::as_str))
        .bind(event.by.as_ref().map(AccountId::as_str))
        .bind(event.recorded_at.millis())
        .execute(conn)
        .await
        .map_err(refused("batch event id taken"))?
        .rows_affected();
    Ok(inserted == 1)
}

/// Locks the open batch, checks its units left and ties the units to the line.
async fn tie_within_units(
    conn: &mut AnyConnection,
    order: &OrderId,
    line_no: i64,
    tie: &BatchTie,
) -> StoreResult<()> {
    let locked =
        sqlx::query("UPDATE batches SET status = status WHERE id = $1 AND status = 'open'")
            .bind(tie.batch.as_str())
            .execute(&mut *conn)
            .await?
            .rows_affected();
    if locked != 1 {
        return Err(StoreError::Conflict(BATCH_NOT_OPEN));
    }
    let left: i64 = sqlx::query_scalar(
        "SELECT units - CAST(COALESCE((SELECT SUM(units) FROM order_line_batches \
         WHERE batch_id = $1), 0) AS BIGINT) FROM batches WHERE id = $1",
    )
    .bind(tie.batch.as_str())
    .fetch_one(&mut *conn)
    .await?;
    if left < tie.units {
        return Err(StoreError::Conflict(BATCH_OVER_TIED));
    }
    let sql = format!("INSERT INTO order_line_batches ({TIE_COLUMNS}) VALUES ($1, $2, $3, $4)");
    sqlx::query(&sql)
        .bind(order.as_str())
        .bind(line_no)
        .bind(tie.batch.as_str())
        .bind(tie.units)
        .execute(&mut *conn)
        .await
        .map_err(refused("the same batch is given twice for this line"))?;
    Ok(())
}
