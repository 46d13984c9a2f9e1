//! Batches and inspections as producers and quality officers record them through the services.

use farmgate_domain::trace::{Batch, BatchForm, InspectionForm, MeasurementForm};

use super::{Market, Stall, VILLAGE};

/// A special-grade harvest of 15 August in the market's village.
pub fn batch_form(lot: &str, units: i64) -> BatchForm {
    BatchForm {
        lot: lot.into(),
        harvested_on: "2026-08-15".into(),
        village: VILLAGE.into(),
        units: units.to_string(),
        grade: "special".into(),
        ..BatchForm::default()
    }
}

/// A moisture test against a 13% limit: 13 and under passes.
pub fn inspection_form(moisture: &str) -> InspectionForm {
    InspectionForm {
        kind: "moisture".into(),
        lab: "海西州农产品质量检测中心".into(),
        inspected_on: "2026-09-02".into(),
        measurements: vec![MeasurementForm {
            name: "水分".into(),
            value: moisture.into(),
            limit: "13".into(),
            unit: "%".into(),
        }],
    }
}

/// A batch of the stall's product, recorded by its producer.
pub async fn recorded_batch(m: &Market, stall: &Stall, lot: &str, units: i64) -> Batch {
    m.services
        .record_batch(
            &stall.producer,
            &stall.item.product,
            &batch_form(lot, units),
        )
        .await
        .unwrap()
}
