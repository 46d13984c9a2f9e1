//! Quality: an inspection, its measurements, report, the batch's quality and the inspecting
//! event are written together; one failure fails the batch for good; certificates and the
//! public trace view read back.

use farmgate_domain::application::DocumentFormat;
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::{AccountId, BatchEventId, BatchId, CertificateId, InspectionId};
use farmgate_domain::trace::{
    Batch, BatchEvent, BizStep, Certificate, CertificateHolder, CertificateKind, CompliancePromise,
    Disposition, EventSubject, Gtin, Inspection, InspectionKind, MeasureUnit, Measurement,
    QualityStatus, ReportFile, Thousandths,
};
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::batches::{batch, commissioning};
use crate::fixtures::{add_account, new_id, T0};
use crate::orders::stall;

fn inspection(batch: &Batch, by: &AccountId, value_milli: i64) -> Inspection {
    Inspection {
        id: InspectionId::new(new_id()),
        batch: batch.id.clone(),
        kind: InspectionKind::PesticideResidue,
        lab: "海西州农产品质量检测中心".into(),
        inspected_on: CivilDate::new(2024, 9, 2).unwrap(),
        measurements: vec![
            Measurement {
                name: "吡虫啉".into(),
                value: Thousandths::new(50).unwrap(),
                limit: Thousandths::new(1_000).unwrap(),
                unit: MeasureUnit::MgPerKg,
            },
            Measurement {
                name: "水分".into(),
                value: Thousandths::new(value_milli).unwrap(),
                limit: Thousandths::new(13_000).unwrap(),
                unit: MeasureUnit::Percent,
            },
        ],
        report: None,
        by: by.clone(),
        recorded_at: T0,
    }
}

fn inspecting(inspection: &Inspection) -> BatchEvent {
    let disposition = if inspection.passed() {
        Disposition::Conformant
    } else {
        Disposition::NonConformant
    };
    let mut event = BatchEvent::new(
        BatchEventId::new(new_id()),
        inspection.batch.clone(),
        BizStep::Inspecting,
        disposition,
        inspection.recorded_at,
    );
    event.subject = EventSubject::Inspection(inspection.id.clone());
    event
}

pub async fn an_inspection_is_written_whole_and_one_failure_fails_the_batch(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let officer = add_account(&store, "officer@example.cn").await.id;
    let goji = batch(&stall, &officer, "GJ-0815");
    store.add_batch(&goji, &commissioning(&goji)).await.unwrap();

    let mut passed = inspection(&goji, &officer, 12_500);
    let pdf = b"%PDF-1.7 lab report".to_vec();
    passed.report = Some(ReportFile {
        format: DocumentFormat::Pdf,
        file_name: "report.pdf".into(),
        size_bytes: 19,
    });
    store
        .add_inspection(&passed, Some(&pdf), &inspecting(&passed))
        .await
        .unwrap();
    let after = store.batch(&goji.id).await.unwrap().unwrap();
    assert_eq!(after.quality, QualityStatus::Passed);
    assert_eq!(store.inspections(&goji.id).await.unwrap(), [passed.clone()]);
    let (of_batch, file, content) = store.inspection_report(&passed.id).await.unwrap().unwrap();
    assert_eq!(
        (of_batch, file.format, content),
        (goji.id.clone(), DocumentFormat::Pdf, pdf)
    );

    let mut failed = inspection(&goji, &officer, 13_001);
    failed.recorded_at = T0.plus_millis(1);
    store
        .add_inspection(&failed, None, &inspecting(&failed))
        .await
        .unwrap();
    let mut again = inspection(&goji, &officer, 1);
    again.recorded_at = T0.plus_millis(2);
    store
        .add_inspection(&again, None, &inspecting(&again))
        .await
        .unwrap();
    let after = store.batch(&goji.id).await.unwrap().unwrap();
    assert_eq!(
        after.quality,
        QualityStatus::Failed,
        "a pass after a failure changes nothing"
    );
    let steps: Vec<_> = store
        .batch_events(&goji.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|event| event.biz_step == BizStep::Inspecting)
        .map(|event| event.disposition)
        .collect();
    assert_eq!(
        steps,
        [
            Disposition::Conformant,
            Disposition::NonConformant,
            Disposition::Conformant
        ]
    );
}

pub async fn a_refused_inspection_writes_nothing(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let officer = add_account(&store, "officer@example.cn").await.id;
    let goji = batch(&stall, &officer, "GJ-0815");
    store.add_batch(&goji, &commissioning(&goji)).await.unwrap();
    let first = inspection(&goji, &officer, 1);
    store
        .add_inspection(&first, None, &inspecting(&first))
        .await
        .unwrap();
    // The same id again, now failing: refused, and the batch keeps its pass.
    let mut twin = inspection(&goji, &officer, 99_000);
    twin.id = first.id.clone();
    let mut event = inspecting(&twin);
    event.subject = EventSubject::Inspection(InspectionId::new(new_id()));
    assert!(matches!(
        store.add_inspection(&twin, None, &event).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store.batch(&goji.id).await.unwrap().unwrap().quality,
        QualityStatus::Passed
    );
    assert_eq!(store.inspections(&goji.id).await.unwrap(), [first]);
    let mut missing = goji.clone();
    missing.id = BatchId::new(new_id());
    let stray = inspection(&missing, &officer, 1);
    assert!(matches!(
        store
            .add_inspection(&stray, None, &inspecting(&stray))
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn certificates_and_the_trace_view_read_back(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let officer = add_account(&store, "officer@example.cn").await.id;
    let goji = batch(&stall, &officer, "GJ-0815");
    store.add_batch(&goji, &commissioning(&goji)).await.unwrap();
    let later = batch(&stall, &officer, "GJ-0816");
    store
        .add_batch(&later, &commissioning(&later))
        .await
        .unwrap();
    let organic = Certificate {
        id: CertificateId::new(new_id()),
        holder: CertificateHolder::Shop(stall.shop.clone()),
        shop: stall.shop.clone(),
        kind: CertificateKind::Organic,
        number: "ORG-2024-0042".into(),
        issuer: "中绿华夏".into(),
        valid_from: CivilDate::new(2024, 1, 1).unwrap(),
        valid_to: CivilDate::new(2024, 12, 31).unwrap(),
        promise: None,
        recorded_by: officer.clone(),
        recorded_at: T0,
    };
    let compliance = Certificate {
        id: CertificateId::new(new_id()),
        holder: CertificateHolder::Product(stall.product.clone()),
        kind: CertificateKind::Compliance,
        issuer: String::new(),
        valid_to: CivilDate::new(2025, 3, 1).unwrap(),
        promise: Some(CompliancePromise {
            promise: "常规农药残留不超标".into(),
            quantity: "500 kg".into(),
        }),
        ..organic.clone()
    };
    store.add_certificate(&organic).await.unwrap();
    store.add_certificate(&compliance).await.unwrap();
    assert_eq!(
        store
            .certificates(Some(&stall.shop), Page::first(50))
            .await
            .unwrap(),
        [compliance.clone(), organic.clone()]
    );
    let mut unpromised = compliance.clone();
    unpromised.id = CertificateId::new(new_id());
    unpromised.promise = None;
    assert!(matches!(
        store.add_certificate(&unpromised).await,
        Err(StoreError::Conflict(_))
    ));

    let checked = inspection(&goji, &officer, 1);
    store
        .add_inspection(&checked, None, &inspecting(&checked))
        .await
        .unwrap();
    let gtin = Gtin::parse("06901234000016").unwrap();
    assert_eq!(store.batch_trace(&gtin, &goji.lot).await.unwrap(), None);
    store
        .set_product_trace(&ProductTrace {
            product: stall.product.clone(),
            gtin: Some(gtin.clone()),
            passed_batches_only: false,
        })
        .await
        .unwrap();
    let trace = store.batch_trace(&gtin, &goji.lot).await.unwrap().unwrap();
    assert_eq!(trace.batch.quality, QualityStatus::Passed);
    assert_eq!(trace.inspections, [checked]);
    assert_eq!(trace.certificates, [compliance, organic]);
    assert_eq!(trace.events.len(), 2, "commissioning and inspecting");
    assert!(!trace.product_title.is_empty() && !trace.shop_name.is_empty());
    let unknown = farmgate_domain::trace::Lot::parse("NOPE").unwrap();
    assert_eq!(store.batch_trace(&gtin, &unknown).await.unwrap(), None);

    let to_inspect = store.batches_to_inspect(Page::first(50)).await.unwrap();
    let ids: Vec<_> = to_inspect.iter().map(|batch| batch.id.clone()).collect();
    assert_eq!(ids, [later.id, goji.id], "uninspected first");
}

pub async fn batch_photos_are_numbered_in_order(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let owner = add_account(&store, "owner2@example.cn").await.id;
    let goji = batch(&stall, &owner, "GJ-0815");
    store.add_batch(&goji, &commissioning(&goji)).await.unwrap();
    let photo = BatchPhoto {
        batch: goji.id.clone(),
        file_id: "f1".into(),
        position: 0,
        width: 800,
        height: 600,
        created_at: T0,
    };
    let first = store.add_batch_photo(&photo).await.unwrap();
    let second = store
        .add_batch_photo(&BatchPhoto {
            file_id: "f2".into(),
            ..photo.clone()
        })
        .await
        .unwrap();
    assert_eq!((first.position, second.position), (0, 1));
    assert_eq!(store.batch_photos(&goji.id).await.unwrap(), [first, second]);
    let stray = BatchPhoto {
        batch: BatchId::new(new_id()),
        ..photo
    };
    assert!(matches!(
        store.add_batch_photo(&stray).await,
        Err(StoreError::NotFound)
    ));
}
