//! Inspections and certificates: only quality officers inspect; one failed measurement fails
//! the inspection and the batch, with its inspecting event; report files are checked; the
//! compliance certificate is the producer's own; expiry is computed from the day; and a
//! scanned Digital Link finds its batch.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use farmgate_domain::trace::{
    BizStep, CertificateForm, CertificateHolder, CertificateState, DigitalLink, Disposition, Gtin,
    InspectionForm, QualityStatus,
};
use farmgate_domain::validation::Problem;
use farmgate_services::trace::UploadedReport;
use farmgate_services::ServiceError;
use farmgate_store::ProductTrace;
use support::trace::{batch_form, inspection_form};
use support::{account, market, stall};

fn problems(result: Result<impl std::fmt::Debug, ServiceError>) -> Vec<(&'static str, Problem)> {
    match result {
        Err(ServiceError::Validation(errors)) => {
            errors.0.iter().map(|e| (e.field, e.problem)).collect()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_officer_inspects_and_one_failure_fails_the_batch_with_its_event() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let batch = m
        .services
        .record_batch(&goji.producer, &goji.item.product, &batch_form("GJ-1", 800))
        .await
        .unwrap();
    let officer = account(&m.store, "qa@example.cn", vec![Role::QualityOfficer]).await;
    let refused = m
        .services
        .record_inspection(&goji.producer, &batch.id, &inspection_form("12"), None)
        .await;
    assert!(matches!(refused, Err(ServiceError::Forbidden)));

    let report = UploadedReport {
        file_name: "C:\\lab\\report.pdf".into(),
        content: b"%PDF-1.7 report".to_vec(),
    };
    let passed = m
        .services
        .record_inspection(
            &officer,
            &batch.id,
            &inspection_form("13.000"),
            Some(report),
        )
        .await
        .unwrap();
    assert!(passed.passed(), "a value at its limit passes");
    assert_eq!(passed.report.as_ref().unwrap().file_name, "report.pdf");
    let quality = |m: &support::Market| {
        let (store, id) = (m.store.clone(), batch.id.clone());
        async move { store.batch(&id).await.unwrap().unwrap().quality }
    };
    assert_eq!(quality(&m).await, QualityStatus::Passed);
    let (file, content) = m
        .services
        .inspection_report(&goji.producer, &passed.id)
        .await
        .unwrap();
    assert_eq!((file.size_bytes, content.len()), (15, 15));

    let failed = m
        .services
        .record_inspection(&officer, &batch.id, &inspection_form("13.001"), None)
        .await
        .unwrap();
    assert!(!failed.passed());
    assert_eq!(quality(&m).await, QualityStatus::Failed);
    let events = m.store.batch_events(&batch.id).await.unwrap();
    let inspecting: Vec<_> = events
        .iter()
        .filter(|event| event.biz_step == BizStep::Inspecting)
        .map(|event| event.disposition)
        .collect();
    assert_eq!(
        inspecting,
        [Disposition::Conformant, Disposition::NonConformant]
    );
    let detail = m
        .services
        .batch_detail(&goji.producer, &batch.id)
        .await
        .unwrap();
    assert_eq!(detail.inspections, [passed, failed]);
    assert_eq!(detail.events.len(), 3, "commissioning and two inspections");
}

#[tokio::test]
async fn bad_inspections_name_each_field_and_the_report_and_write_nothing() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let batch = m
        .services
        .record_batch(&goji.producer, &goji.item.product, &batch_form("GJ-1", 800))
        .await
        .unwrap();
    let officer = account(&m.store, "qa@example.cn", vec![Role::QualityOfficer]).await;
    let bad = InspectionForm {
        lab: String::new(),
        ..inspection_form("1.2345")
    };
    let fake_pdf = UploadedReport {
        file_name: "report.pdf".into(),
        content: b"MZ not a pdf".to_vec(),
    };
    let result = m
        .services
        .record_inspection(&officer, &batch.id, &bad, Some(fake_pdf))
        .await;
    assert_eq!(
        problems(result),
        [
            ("lab", Problem::Required),
            ("m1_value", Problem::Invalid),
            ("report", Problem::UnsupportedFormat)
        ]
    );
    assert!(m.store.inspections(&batch.id).await.unwrap().is_empty());
    assert_eq!(
        m.store.batch(&batch.id).await.unwrap().unwrap().quality,
        QualityStatus::Uninspected
    );
}

#[tokio::test]
async fn certificates_are_recorded_by_their_issuer_and_expire_by_the_day() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let officer = account(&m.store, "qa@example.cn", vec![Role::QualityOfficer]).await;
    let organic = CertificateForm {
        kind: "organic".into(),
        number: "ORG-1".into(),
        issuer: "中绿华夏".into(),
        valid_from: "2025-01-01".into(),
        valid_to: "2025-12-31".into(),
        ..CertificateForm::default()
    };
    let shop = CertificateHolder::Shop(goji.shop.clone());
    assert!(matches!(
        m.services
            .record_certificate(&goji.producer, &shop, &organic)
            .await,
        Err(ServiceError::Forbidden)
    ));
    let expired = m
        .services
        .record_certificate(&officer, &shop, &organic)
        .await
        .unwrap();
    assert_eq!(expired.state(m.services.today()), CertificateState::Expired);

    let compliance = CertificateForm {
        kind: "compliance".into(),
        number: "HG-2026-001".into(),
        issuer: "anyone typed".into(),
        valid_from: "2026-09-01".into(),
        valid_to: "2026-12-01".into(),
        promise: "不使用禁用农药，常规农药残留不超标".into(),
        quantity: "500 kg".into(),
    };
    let product = CertificateHolder::Product(goji.item.product.clone());
    assert!(matches!(
        m.services
            .record_certificate(&officer, &product, &compliance)
            .await,
        Err(ServiceError::Forbidden)
    ));
    let own = m
        .services
        .record_certificate(&goji.producer, &product, &compliance)
        .await
        .unwrap();
    assert_eq!(
        own.issuer, "黑枸杞店",
        "the shop issues it, not whoever typed"
    );
    assert_eq!(own.state(m.services.today()), CertificateState::Valid);
    let shown = m
        .services
        .product_certificates(&goji.shop, &goji.item.product)
        .await
        .unwrap();
    assert_eq!(shown, [own, expired]);
}

#[tokio::test]
async fn a_scanned_link_finds_its_batch_and_an_unknown_lot_or_gtin_finds_nothing() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68", "100").await;
    let batch = m
        .services
        .record_batch(&goji.producer, &goji.item.product, &batch_form("GJ-1", 800))
        .await
        .unwrap();
    let gtin = Gtin::parse("09506000134352").unwrap();
    m.store
        .set_product_trace(&ProductTrace {
            product: goji.item.product.clone(),
            gtin: Some(gtin.clone()),
            passed_batches_only: false,
        })
        .await
        .unwrap();
    let link = DigitalLink::parse_path("/01/09506000134352/10/GJ-1").unwrap();
    let trace = m.services.public_trace(&link).await.unwrap();
    assert_eq!(trace.batch, batch);
    assert_eq!(trace.product_title, "黑枸杞");
    for path in [
        "/01/09506000134352/10/GJ-2",
        "/01/09506000134352",
        "/01/00000000000017/10/GJ-1",
    ] {
        let link = DigitalLink::parse_path(path).unwrap();
        assert!(matches!(
            m.services.public_trace(&link).await,
            Err(ServiceError::NotFound)
        ));
    }
}
