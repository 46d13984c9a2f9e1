//! Rows of the inspection and certificate tables and their conversion to domain records.

use std::collections::HashMap;

use farmgate_domain::application::DocumentFormat;
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::{AccountId, BatchId, CertificateId, InspectionId, ProductId, ShopId};
use farmgate_domain::time::Timestamp;
use farmgate_domain::trace::{
    Certificate, CertificateHolder, CertificateKind, CompliancePromise, Inspection, InspectionKind,
    MeasureUnit, Measurement, ReportFile, Thousandths,
};

use crate::StoreError;

/// Written besides these: `passed`, and each measurement's `position` (rows are read in it).
pub(super) const INSPECTION_COLUMNS: &str =
    "id, batch_id, kind, lab, inspected_on, by_account, recorded_at";
pub(super) const MEASUREMENT_COLUMNS: &str = "inspection_id, name, value_milli, limit_milli, unit";
pub(super) const REPORT_COLUMNS: &str = "inspection_id, media_type, file_name, size_bytes";
pub(super) const CERTIFICATE_COLUMNS: &str = "id, shop_id, product_id, kind, number, issuer, \
     valid_from, valid_to, promise, quantity, recorded_by, recorded_at";

#[derive(sqlx::FromRow)]
pub(super) struct InspectionRow {
    pub(super) id: String,
    batch_id: String,
    kind: String,
    lab: String,
    inspected_on: String,
    by_account: String,
    recorded_at: i64,
}

#[derive(sqlx::FromRow)]
pub(super) struct MeasurementRow {
    pub(super) inspection_id: String,
    name: String,
    value_milli: i64,
    limit_milli: i64,
    unit: String,
}

#[derive(sqlx::FromRow)]
pub(super) struct ReportRow {
    pub(super) inspection_id: String,
    media_type: String,
    file_name: String,
    size_bytes: i64,
}

impl ReportRow {
    pub(super) fn record(self) -> Result<ReportFile, StoreError> {
        Ok(ReportFile {
            format: DocumentFormat::from_media_type(&self.media_type)
                .ok_or(StoreError::Corrupt("inspection_reports.media_type"))?,
            file_name: self.file_name,
            size_bytes: self.size_bytes,
        })
    }
}

impl MeasurementRow {
    fn record(self) -> Result<Measurement, StoreError> {
        let corrupt = || StoreError::Corrupt("inspection_measurements");
        Ok(Measurement {
            name: self.name,
            value: Thousandths::new(self.value_milli).ok_or_else(corrupt)?,
            limit: Thousandths::new(self.limit_milli).ok_or_else(corrupt)?,
            unit: MeasureUnit::parse(&self.unit).ok_or_else(corrupt)?,
        })
    }
}

impl InspectionRow {
    /// The inspection with its measurements (already in position order) and report.
    pub(super) fn record(
        self,
        measurements: Vec<MeasurementRow>,
        report: Option<ReportRow>,
    ) -> Result<Inspection, StoreError> {
        Ok(Inspection {
            id: InspectionId::new(self.id),
            batch: BatchId::new(self.batch_id),
            kind: InspectionKind::parse(&self.kind)
                .ok_or(StoreError::Corrupt("inspections.kind"))?,
            lab: self.lab,
            inspected_on: CivilDate::parse(&self.inspected_on)
                .ok_or(StoreError::Corrupt("inspections.inspected_on"))?,
            measurements: measurements
                .into_iter()
                .map(MeasurementRow::record)
                .collect::<Result<_, _>>()?,
            report: report.map(ReportRow::record).transpose()?,
            by: AccountId::new(self.by_account),
            recorded_at: Timestamp::from_millis(self.recorded_at),
        })
    }
}

/// Joins inspections with their measurements (read in position order) and reports.
pub(super) fn assemble_inspections(
    rows: Vec<InspectionRow>,
    measurements: Vec<MeasurementRow>,
    reports: Vec<ReportRow>,
) -> Result<Vec<Inspection>, StoreError> {
    let mut by_inspection: HashMap<String, Vec<MeasurementRow>> = HashMap::new();
    for measurement in measurements {
        by_inspection
            .entry(measurement.inspection_id.clone())
            .or_default()
            .push(measurement);
    }
    let mut reports: HashMap<String, ReportRow> = reports
        .into_iter()
        .map(|report| (report.inspection_id.clone(), report))
        .collect();
    rows.into_iter()
        .map(|row| {
            let measurements = by_inspection.remove(&row.id).unwrap_or_default();
            let report = reports.remove(&row.id);
            row.record(measurements, report)
        })
        .collect()
}

#[derive(sqlx::FromRow)]
pub(super) struct CertificateRow {
    id: String,
    shop_id: String,
    product_id: Option<String>,
    kind: String,
    number: String,
    issuer: String,
    valid_from: String,
    valid_to: String,
    promise: Option<String>,
    quantity: Option<String>,
    recorded_by: String,
    recorded_at: i64,
}

impl CertificateRow {
    pub(super) fn record(self) -> Result<Certificate, StoreError> {
        let date = |text: &str, column| CivilDate::parse(text).ok_or(StoreError::Corrupt(column));
        let shop = ShopId::new(self.shop_id);
        Ok(Certificate {
            id: CertificateId::new(self.id),
            holder: match self.product_id {
                Some(product) => CertificateHolder::Product(ProductId::new(product)),
                None => CertificateHolder::Shop(shop.clone()),
            },
            shop,
            kind: CertificateKind::parse(&self.kind)
                .ok_or(StoreError::Corrupt("certificates.kind"))?,
            number: self.number,
            issuer: self.issuer,
            valid_from: date(&self.valid_from, "certificates.valid_from")?,
            valid_to: date(&self.valid_to, "certificates.valid_to")?,
            promise: self
                .promise
                .zip(self.quantity)
                .map(|(promise, quantity)| CompliancePromise { promise, quantity }),
            recorded_by: AccountId::new(self.recorded_by),
            recorded_at: Timestamp::from_millis(self.recorded_at),
        })
    }
}
