//! Inspections, certificates and the public trace view. The batch's quality is set in the same
//! statement order as the inspection is written, so two inspections at once can only fail a
//! batch, never pass a failed one.

use async_trait::async_trait;
use farmgate_domain::id::{BatchId, InspectionId, ShopId};
use farmgate_domain::time::Timestamp;
use farmgate_domain::trace::{
    Batch, BatchEvent, Certificate, CertificateHolder, Gtin, Inspection, Lot, QualityStatus,
    ReportFile,
};
use sqlx::AnyConnection;

use super::batch_rows::{BatchRow, EventRow, BATCH_COLUMNS, EVENT_COLUMNS};
use super::batches::insert_batch_event;
use super::errors::refused;
use super::quality_rows::{
    assemble_inspections, CertificateRow, InspectionRow, MeasurementRow, ReportRow,
    CERTIFICATE_COLUMNS, INSPECTION_COLUMNS, MEASUREMENT_COLUMNS, REPORT_COLUMNS,
};
use super::{bounds, SqlStore};
use crate::{BatchPhoto, BatchTrace, Page, Quality, StoreError, StoreResult};

const INSPECTION_TAKEN: &str = "inspection id taken";

#[async_trait]
impl Quality for SqlStore {
    async fn add_inspection(
        &self,
        inspection: &Inspection,
        report: Option<&[u8]>,
        inspecting: &BatchEvent,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        let quality = if inspection.passed() {
            QualityStatus::Passed
        } else {
            QualityStatus::Failed
        };
        let updated =
            sqlx::query("UPDATE batches SET quality = $1 WHERE id = $2 AND quality <> 'failed'")
                .bind(quality.as_str())
                .bind(inspection.batch.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if updated == 0 && !batch_exists(&mut tx, &inspection.batch).await? {
            return Err(StoreError::NotFound);
        }
        let sql = format!(
            "INSERT INTO inspections ({INSPECTION_COLUMNS}, passed) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        );
        sqlx::query(&sql)
            .bind(inspection.id.as_str())
            .bind(inspection.batch.as_str())
            .bind(inspection.kind.as_str())
            .bind(inspection.lab.as_str())
            .bind(inspection.inspected_on.to_string())
            .bind(inspection.by.as_str())
            .bind(inspection.recorded_at.millis())
            .bind(i64::from(inspection.passed()))
            .execute(&mut *tx)
            .await
            .map_err(refused(INSPECTION_TAKEN))?;
        let sql = format!(
            "INSERT INTO inspection_measurements ({MEASUREMENT_COLUMNS}, position) \
             VALUES ($1, $2, $3, $4, $5, $6)"
        );
        for (position, measurement) in (0_i64..).zip(&inspection.measurements) {
            sqlx::query(&sql)
                .bind(inspection.id.as_str())
                .bind(measurement.name.as_str())
                .bind(measurement.value.get())
                .bind(measurement.limit.get())
                .bind(measurement.unit.as_str())
                .bind(position)
                .execute(&mut *tx)
                .await
                .map_err(refused(INSPECTION_TAKEN))?;
        }
        if let (Some(file), Some(content)) = (&inspection.report, report) {
            let sql = format!(
                "INSERT INTO inspection_reports ({REPORT_COLUMNS}, content) \
                 VALUES ($1, $2, $3, $4, $5)"
            );
            sqlx::query(&sql)
                .bind(inspection.id.as_str())
                .bind(file.format.media_type())
                .bind(file.file_name.as_str())
                .bind(file.size_bytes)
                .bind(content)
                .execute(&mut *tx)
                .await
                .map_err(refused(INSPECTION_TAKEN))?;
        }
        insert_batch_event(&mut tx, inspecting).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn inspections(&self, batch: &BatchId) -> StoreResult<Vec<Inspection>> {
        let mut conn = self.reader.acquire().await?;
        read_inspections(&mut conn, batch).await
    }

    async fn inspection_report(
        &self,
        id: &InspectionId,
    ) -> StoreResult<Option<(BatchId, ReportFile, Vec<u8>)>> {
        let sql = format!(
            "SELECT {REPORT_COLUMNS}, content, batch_id FROM inspection_reports \
             JOIN inspections ON inspections.id = inspection_reports.inspection_id \
             WHERE inspection_id = $1"
        );
        let row: Option<ReportContentRow> = sqlx::query_as(&sql)
            .bind(id.as_str())
            .fetch_optional(&self.reader)
            .await?;
        row.map(|row| {
            Ok((
                BatchId::new(row.batch_id),
                row.report.record()?,
                row.content,
            ))
        })
        .transpose()
    }

    async fn batches_to_inspect(&self, page: Page) -> StoreResult<Vec<Batch>> {
        let (limit, offset) = bounds(page);
        let sql = format!(
            "SELECT {BATCH_COLUMNS} FROM batches \
             ORDER BY CASE quality WHEN 'uninspected' THEN 0 ELSE 1 END, created_at DESC, id DESC \
             LIMIT $1 OFFSET $2"
        );
        let rows: Vec<BatchRow> = sqlx::query_as(&sql)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.reader)
            .await?;
        rows.into_iter().map(BatchRow::record).collect()
    }

    async fn add_certificate(&self, certificate: &Certificate) -> StoreResult<()> {
        let product = match &certificate.holder {
            CertificateHolder::Product(product) => Some(product.as_str()),
            CertificateHolder::Shop(_) => None,
        };
        let promise = certificate.promise.as_ref();
        let sql = format!(
            "INSERT INTO certificates ({CERTIFICATE_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        );
        sqlx::query(&sql)
            .bind(certificate.id.as_str())
            .bind(certificate.shop.as_str())
            .bind(product)
            .bind(certificate.kind.as_str())
            .bind(certificate.number.as_str())
            .bind(certificate.issuer.as_str())
            .bind(certificate.valid_from.to_string())
            .bind(certificate.valid_to.to_string())
            .bind(promise.map(|p| p.promise.as_str()))
            .bind(promise.map(|p| p.quantity.as_str()))
            .bind(certificate.recorded_by.as_str())
            .bind(certificate.recorded_at.millis())
            .execute(&self.writer)
            .await
            .map_err(refused("certificate id taken"))?;
        Ok(())
    }

    async fn certificates(
        &self,
        shop: Option<&ShopId>,
        page: Page,
    ) -> StoreResult<Vec<Certificate>> {
        let (limit, offset) = bounds(page);
        let sql = format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE ($1 IS NULL OR shop_id = $1) \
             ORDER BY valid_to DESC, id LIMIT $2 OFFSET $3"
        );
        let rows: Vec<CertificateRow> = sqlx::query_as(&sql)
            .bind(shop.map(ShopId::as_str))
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.reader)
            .await?;
        rows.into_iter().map(CertificateRow::record).collect()
    }

    async fn add_batch_photo(&self, photo: &BatchPhoto) -> StoreResult<BatchPhoto> {
        let position: Option<i64> = sqlx::query_scalar(
            "INSERT INTO batch_photos (batch_id, file_id, position, width, height, created_at) \
             SELECT id, $1, (SELECT COALESCE(MAX(position) + 1, 0) FROM batch_photos \
             WHERE batch_id = $2), $3, $4, $5 FROM batches WHERE id = $2 RETURNING position",
        )
        .bind(photo.file_id.as_str())
        .bind(photo.batch.as_str())
        .bind(photo.width)
        .bind(photo.height)
        .bind(photo.created_at.millis())
        .fetch_optional(&self.writer)
        .await
        .map_err(refused("another photo was added at once; try again"))?;
        let position = position.ok_or(StoreError::NotFound)?;
        Ok(BatchPhoto {
            position,
            ..photo.clone()
        })
    }

    async fn batch_photos(&self, batch: &BatchId) -> StoreResult<Vec<BatchPhoto>> {
        let rows: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT file_id, position, width, height, created_at FROM batch_photos \
             WHERE batch_id = $1 ORDER BY position",
        )
        .bind(batch.as_str())
        .fetch_all(&self.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(file_id, position, width, height, created_at)| BatchPhoto {
                    batch: batch.clone(),
                    file_id,
                    position,
                    width,
                    height,
                    created_at: Timestamp::from_millis(created_at),
                },
            )
            .collect())
    }

    async fn batch_trace(&self, gtin: &Gtin, lot: &Lot) -> StoreResult<Option<BatchTrace>> {
        let mut conn = self.reader.acquire().await?;
        // The label's GTIN, its lot, the product's titles and the shop's name in one statement:
        // every scan pays for each round trip to the database.
        let sql = format!(
            "SELECT {BATCH_COLUMNS}, product_title, product_title_en, shop_name FROM ( \
             SELECT batches.*, products.title AS product_title, \
             products.title_en AS product_title_en, shops.name AS shop_name \
             FROM product_trace \
             JOIN batches ON batches.product_id = product_trace.product_id AND batches.lot = $2 \
             JOIN products ON products.id = batches.product_id \
             JOIN shops ON shops.id = products.shop_id \
             WHERE product_trace.gtin = $1) AS found"
        );
        let row: Option<TracedBatchRow> = sqlx::query_as(&sql)
            .bind(gtin.as_str())
            .bind(lot.as_str())
            .fetch_optional(&mut *conn)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let batch = row.batch.record()?;
        let product = &batch.product;
        let inspections = read_inspections(&mut conn, &batch.id).await?;
        let sql = format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates \
             WHERE shop_id = $1 AND (product_id IS NULL OR product_id = $2) \
             ORDER BY valid_to DESC, id"
        );
        let certificates: Vec<CertificateRow> = sqlx::query_as(&sql)
            .bind(batch.shop.as_str())
            .bind(product.as_str())
            .fetch_all(&mut *conn)
            .await?;
        let sql =
            format!("SELECT {EVENT_COLUMNS} FROM batch_events WHERE batch_id = $1 ORDER BY at, id");
        let events: Vec<EventRow> = sqlx::query_as(&sql)
            .bind(batch.id.as_str())
            .fetch_all(&mut *conn)
            .await?;
        Ok(Some(BatchTrace {
            product_title: row.product_title,
            product_title_en: row.product_title_en,
            shop_name: row.shop_name,
            batch,
            inspections,
            certificates: certificates
                .into_iter()
                .map(CertificateRow::record)
                .collect::<Result<_, _>>()?,
            events: events
                .into_iter()
                .map(EventRow::record)
                .collect::<Result<_, _>>()?,
        }))
    }
}

#[derive(sqlx::FromRow)]
struct TracedBatchRow {
    #[sqlx(flatten)]
    batch: BatchRow,
    product_title: String,
    product_title_en: String,
    shop_name: String,
}

#[derive(sqlx::FromRow)]
struct ReportContentRow {
    #[sqlx(flatten)]
    report: ReportRow,
    content: Vec<u8>,
    batch_id: String,
}

async fn batch_exists(conn: &mut AnyConnection, batch: &BatchId) -> StoreResult<bool> {
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM batches WHERE id = $1")
        .bind(batch.as_str())
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

async fn read_inspections(
    conn: &mut AnyConnection,
    batch: &BatchId,
) -> StoreResult<Vec<Inspection>> {
    let sql = format!(
        "SELECT {INSPECTION_COLUMNS} FROM inspections WHERE batch_id = $1 \
         ORDER BY inspected_on, recorded_at, id"
    );
    let rows: Vec<InspectionRow> = sqlx::query_as(&sql)
        .bind(batch.as_str())
        .fetch_all(&mut *conn)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {MEASUREMENT_COLUMNS} FROM inspection_measurements \
         JOIN inspections ON inspections.id = inspection_measurements.inspection_id \
         WHERE inspections.batch_id = $1 ORDER BY inspection_id, position"
    );
    let measurements: Vec<MeasurementRow> = sqlx::query_as(&sql)
        .bind(batch.as_str())
        .fetch_all(&mut *conn)
        .await?;
    let sql = format!(
        "SELECT {REPORT_COLUMNS} FROM inspection_reports \
         JOIN inspections ON inspections.id = inspection_reports.inspection_id \
         WHERE inspections.batch_id = $1"
    );
    let reports: Vec<ReportRow> = sqlx::query_as(&sql)
        .bind(batch.as_str())
        .fetch_all(&mut *conn)
        .await?;
    assemble_inspections(rows, measurements, reports)
}
