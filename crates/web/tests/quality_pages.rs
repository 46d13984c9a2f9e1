//! The producer's batch pages and the quality officer's console through HTTP: a batch recorded
//! from the form (each bad field named, in both languages), an inspection recorded with its lab
//! report, and the batch's QR label sheet.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use farmgate_domain::trace::Gtin;
use farmgate_store::ProductTrace;
use reqwest::multipart::{Form, Part};
use support::market::stall;
use support::{TestApp, VILLAGE};

#[tokio::test]
async fn a_producer_records_a_batch_an_officer_inspects_it_and_the_labels_print() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68").await;
    let producer = app.visitor();
    producer.sign_in("zhuoma@example.cn").await;
    let product = goji.item.product.to_string();
    let path = format!("/console/products/{product}/batches");

    let bad = [
        ("lot", "批次一"),
        ("harvested_on", "2999-01-01"),
        ("village", VILLAGE),
        ("units", "0"),
        ("grade", "special"),
    ];
    let (status, html) = producer.post_en(&path, &bad).await;
    assert_eq!(status, 422);
    for field in ["lot", "harvested_on", "units"] {
        assert!(html.contains(&format!("data-field=\"{field}\"")), "{field}");
    }
    assert!(html.contains("Lot: is not valid"), "{html}");
    let csrf = producer.csrf().await;
    let zh = producer
        .client
        .post(producer.url(&path))
        .header("accept-language", "zh-CN")
        .form(&[bad.as_slice(), &[("csrf", csrf.as_str())]].concat())
        .send()
        .await
        .unwrap();
    assert_eq!(zh.status(), 422);
    assert!(zh.text().await.unwrap().contains("批号："));

    let good = [
        ("lot", "GJ-0815"),
        ("harvested_on", "2024-08-15"),
        ("village", VILLAGE),
        ("units", "30"),
        ("grade", "special"),
        ("notes", "有机种植"),
    ];
    let created = producer.post_form(&path, &good).await;
    assert_eq!(created.status(), 303);
    let batch_path = created.headers()["location"].to_str().unwrap().to_owned();
    let batch_id = batch_path.rsplit('/').next().unwrap().to_owned();
    let list = producer
        .page(&format!("/console/shops/{}/batches", goji.shop))
        .await;
    assert!(list.contains("GJ-0815") && list.contains(&batch_id));

    app.account("qa@example.cn", &[Role::QualityOfficer]).await;
    let officer = app.visitor();
    officer.sign_in("qa@example.cn").await;
    let console = officer.page("/quality").await;
    assert!(
        console.contains(&batch_id),
        "the new batch waits for inspection"
    );
    let form = Form::new()
        .text("csrf", officer.csrf().await)
        .text("kind", "pesticide_residue")
        .text("lab", "海西州农产品质量检测中心")
        .text("inspected_on", "2024-09-02")
        .text("m1_name", "吡虫啉")
        .text("m1_value", "1.5")
        .text("m1_limit", "1")
        .text("m1_unit", "mg/kg")
        .part(
            "report",
            Part::bytes(b"%PDF-1.7 report".to_vec()).file_name("report.pdf"),
        );
    let inspected = officer
        .client
        .post(officer.url(&format!("/quality/batches/{batch_id}/inspect")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(inspected.status(), 303);
    let (_, page) = producer.page_en(&batch_path).await;
    assert!(page.contains("吡虫啉") && page.contains("1.5 mg/kg"));
    assert!(page.contains(">Failed<"), "1.5 above a limit of 1 fails");
    assert!(page.contains("/report"), "the lab report is linked");

    let labels = format!("{batch_path}/labels.pdf?per=box&count=3");
    assert_eq!(producer.get(&labels).await.status(), 409, "no GTIN yet");
    app.services
        .store
        .set_product_trace(&ProductTrace {
            product: goji.item.product.clone(),
            gtin: Some(Gtin::parse("09506000134352").unwrap()),
            passed_batches_only: false,
        })
        .await
        .unwrap();
    let pdf = producer.get(&labels).await;
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    let too_many = producer
        .get(&format!("{batch_path}/labels.pdf?per=box&count=31"))
        .await;
    assert_eq!(too_many.status(), 422, "more boxes than units");
}
