//! The public trace page at a GS1 Digital Link path: anyone sees the product, producer,
//! village, inspections, certificates and journey of a batch — and nothing private — and a
//! bad code answers with a clear page, never a crash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::account::{DisplayName, Email};
use farmgate_domain::id::{BatchEventId, OrderId};
use farmgate_domain::role::Role;
use farmgate_domain::trace::{
    Batch, BatchEvent, BatchForm, BatchTie, BizStep, CertificateForm, CertificateHolder,
    Disposition, EventKind, EventSubject, Gtin, InspectionForm, MeasurementForm,
};
use farmgate_services::new_id;
use farmgate_store::ProductTrace;
use support::market::{as_actor, paid_order, stall, Stall};
use support::{TestApp, PASSWORD, VILLAGE};

const GTIN: &str = "09506000134352";
const BUYER_NAME: &str = "买家卓玛草";

/// A batch of the stall's product with a GTIN, a passed inspection, a certificate, and one
/// paid order packed and shipped from it.
async fn traced_batch(app: &TestApp) -> (Stall, Batch, OrderId) {
    let goji = stall(app, "zhuoma@example.cn", "黑枸杞", "68").await;
    let services = &app.services;
    services
        .store
        .set_product_trace(&ProductTrace {
            product: goji.item.product.clone(),
            gtin: Some(Gtin::parse(GTIN).unwrap()),
            passed_batches_only: false,
        })
        .await
        .unwrap();
    let batch_form = BatchForm {
        lot: "GJ-0815".into(),
        harvested_on: "2024-08-15".into(),
        village: VILLAGE.into(),
        units: "800".into(),
        grade: "special".into(),
        notes: "有机种植".into(),
        ..BatchForm::default()
    };
    let batch = services
        .record_batch(&goji.producer, &goji.item.product, &batch_form)
        .await
        .unwrap();
    let officer = as_actor(&app.account("qa@example.cn", &[Role::QualityOfficer]).await);
    let inspection = InspectionForm {
        kind: "pesticide_residue".into(),
        lab: "海西州农产品质量检测中心".into(),
        inspected_on: "2024-09-02".into(),
        measurements: vec![MeasurementForm {
            name: "吡虫啉".into(),
            value: "0.05".into(),
            limit: "1".into(),
            unit: "mg/kg".into(),
        }],
    };
    services
        .record_inspection(&officer, &batch.id, &inspection, None)
        .await
        .unwrap();
    let organic = CertificateForm {
        kind: "organic".into(),
        number: "ORG-2024-0042".into(),
        issuer: "中绿华夏".into(),
        valid_from: "2020-01-01".into(),
        valid_to: "2020-12-31".into(),
        ..CertificateForm::default()
    };
    services
        .record_certificate(
            &officer,
            &CertificateHolder::Shop(goji.shop.clone()),
            &organic,
        )
        .await
        .unwrap();

    let buyer = services
        .create_account(
            &Email::parse("buyer-private@example.cn").unwrap(),
            &DisplayName::parse(BUYER_NAME).unwrap(),
            PASSWORD,
            vec![Role::Buyer],
        )
        .await
        .unwrap();
    let order = paid_order(app, &buyer, &goji, 2).await;
    let mut packing = step(&batch, BizStep::Packing, Disposition::InProgress, &order.id);
    packing.kind = EventKind::Aggregation;
    packing.units = Some(2);
    let tie = BatchTie {
        order: order.id.clone(),
        line_no: 0,
        batch: batch.id.clone(),
        units: 2,
    };
    services
        .store
        .pack_order_line(&order.id, 0, &[tie], &[packing])
        .await
        .unwrap();
    let shipping = step(&batch, BizStep::Shipping, Disposition::InTransit, &order.id);
    services.store.record_batch_event(&shipping).await.unwrap();
    (goji, batch, order.id)
}

fn step(batch: &Batch, biz_step: BizStep, disposition: Disposition, order: &OrderId) -> BatchEvent {
    let mut event = BatchEvent::new(
        new_id::<BatchEventId>(),
        batch.id.clone(),
        biz_step,
        disposition,
        batch.created_at.plus_millis(60_000),
    );
    event.subject = EventSubject::Order(order.clone());
    event
}

#[tokio::test]
async fn a_scan_shows_the_batch_its_inspection_and_journey_without_signing_in() {
    let app = TestApp::spawn().await;
    let (_, batch, _) = traced_batch(&app).await;
    let response = app
        .visitor()
        .client
        .get(app.url(&format!("/01/{GTIN}/10/GJ-0815")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let cache = response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cache.starts_with("public"), "{cache}");
    assert!(
        response.headers().get("set-cookie").is_none(),
        "no cookie on a public page"
    );
    let html = response.text().await.unwrap();
    for shown in [
        "黑枸杞",
        "黑枸杞店",
        "2024-08-15",
        "GJ-0815",
        "海西州农产品质量检测中心",
        "吡虫啉",
        "0.05 mg/kg",
        "≤ 1 mg/kg",
        "Passed",
        "Organic",
        "Expired",
        "Harvested",
        "Inspected",
        "Packed",
        "Shipped",
        "1 times · 2 units",
        "id=\"trace-map\"",
    ] {
        assert!(html.contains(shown), "the page should show {shown}");
    }
    assert!(!html.contains("<script"), "no script needed");
    assert!(!html.contains("trace-recalled"));
    let with_serial = app
        .visitor()
        .page(&format!("/01/{GTIN}/10/GJ-0815/21/0001"))
        .await;
    assert!(with_serial.contains("trace-serial") && with_serial.contains(batch.lot.as_str()));
    let (status, product_page) = app
        .visitor()
        .page_en(&format!("/products/{}", batch.product))
        .await;
    assert_eq!(status, 200);
    assert!(product_page.contains("product-certificates"));
    assert!(product_page.contains("ORG-2024-0042") && product_page.contains("Expired"));
}

#[tokio::test]
async fn a_recall_shows_on_the_next_scan_though_the_page_is_remembered() {
    let app = TestApp::spawn().await;
    let (_, batch, _) = traced_batch(&app).await;
    let path = format!("/01/{GTIN}/10/GJ-0815");
    let before = app.visitor().page(&path).await;
    assert!(!before.contains("trace-recalled"));
    let officer = as_actor(
        &app.account("recaller@example.cn", &[Role::QualityOfficer])
            .await,
    );
    app.services
        .open_recall(&officer, batch.id.as_str(), "镉超标")
        .await
        .unwrap();
    let after = app.visitor().page(&path).await;
    assert!(after.contains("trace-recalled"), "the recall shows at once");
}

#[tokio::test]
async fn the_trace_page_leaks_no_private_field() {
    let app = TestApp::spawn().await;
    let (goji, batch, order) = traced_batch(&app).await;
    let html = app.visitor().page(&format!("/01/{GTIN}/10/GJ-0815")).await;
    let producer_email = "zhuoma@example.cn";
    for private in [
        BUYER_NAME,
        "buyer-private@example.cn",
        producer_email,
        "王芳",
        "13800138000",
        "五四大街",
        order.as_str(),
        goji.producer.account_id.as_str(),
        batch.created_by.as_str(),
        batch.id.as_str(),
    ] {
        assert!(!html.contains(private), "the public page shows {private}");
    }
}

#[tokio::test]
async fn bad_or_unknown_codes_answer_with_a_clear_page() {
    let app = TestApp::spawn().await;
    traced_batch(&app).await;
    let visitor = app.visitor();
    let get = |path: &'static str| {
        let visitor = &visitor;
        async move {
            let response = visitor
                .client
                .get(visitor.url(path))
                .header("accept-language", "en")
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let (status, html) = get("/01/09506000134353/10/GJ-0815").await;
    assert_eq!(status, 400);
    assert!(html.contains("check digit should be 2, not 3"), "{html}");
    let (status, html) = get("/01/09506000134352/10/GJ-0816").await;
    assert_eq!(status, 404);
    assert!(html.contains("trace-missing"));
    for path in [
        "/01/09506000134352",
        "/01/00000000000017/10/GJ-0815",
        "/01/abc/10/x",
        "/01/09506000134352/10/%FF",
        "/01/09506000134352/10/GJ-0815/21/%20",
        "/01/09506000134352/10/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ] {
        let (status, html) = get(path).await;
        assert!(matches!(status, 400 | 404), "{path}: {status}");
        assert!(html.contains("trace-missing"), "{path}");
    }
}
