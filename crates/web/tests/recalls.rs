//! Packing and recalls over HTTP: the producer ties an order line to a batch (too many units
//! is a 422 naming the field), a quality officer opens a recall and sees its reach, and the
//! buyer is notified, reads the notice and acknowledges it, which the recall page shows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use farmgate_domain::trace::BatchForm;
use support::market::{paid_order, stall};
use support::{TestApp, VILLAGE};

#[tokio::test]
async fn a_packed_batch_is_recalled_and_its_buyer_acknowledges_the_notice() {
    let app = TestApp::spawn().await;
    let farm = stall(&app, "farm@example.cn", "黑枸杞", "68.00").await;
    let buyer = app.account("buyer@example.cn", &[Role::Buyer]).await;
    let order = paid_order(&app, &buyer, &farm, 2).await;
    let form = BatchForm {
        lot: "GJ-0815".into(),
        harvested_on: "2026-08-15".into(),
        village: VILLAGE.into(),
        units: "10".into(),
        grade: "special".into(),
        ..BatchForm::default()
    };
    let batch = app
        .services
        .record_batch(&farm.producer, &farm.item.product, &form)
        .await
        .unwrap();

    let producer = app.visitor();
    producer.sign_in("farm@example.cn").await;
    let packing = format!("/console/orders/{}/packing", order.id);
    let (_, page) = producer.page_en(&packing).await;
    assert!(
        page.contains("GJ-0815 · 10 left"),
        "the open batch is offered"
    );
    let pack = format!("{packing}/0");
    let batch_id = batch.id.to_string();
    let (status, body) = producer
        .post_en(&pack, &[("batch_1", &batch_id), ("units_1", "3")])
        .await;
    assert_eq!(status, 422);
    assert!(body.contains(r#"data-field="units""#));
    let packed = producer
        .post_form(&pack, &[("batch_1", &batch_id), ("units_1", "2")])
        .await;
    assert_eq!(packed.status(), 303);
    assert!(producer.page(&packing).await.contains("GJ-0815 × 2"));

    let officer = app
        .signed_in("qa@example.cn", &[Role::QualityOfficer])
        .await;
    let (status, body) = officer
        .post_en(
            "/quality/recalls",
            &[("batch", "no-such-batch"), ("reason", "")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(body.contains(r#"data-field="batch""#) && body.contains(r#"data-field="reason""#));
    let opened = officer
        .post_form(
            "/quality/recalls",
            &[("batch", &batch_id), ("reason", "农残超标")],
        )
        .await;
    assert_eq!(opened.status(), 303);
    let recall_page = opened.headers()["location"].to_str().unwrap().to_owned();
    let recall = recall_page.rsplit('/').next().unwrap().to_owned();
    let reach = officer.page(&recall_page).await;
    assert!(reach.contains(&format!(r#"data-order="{}""#, order.id)));
    assert!(reach.contains(r#"<b id="units-packed">2</b>"#));
    assert!(reach.contains(r#"<b id="units-in-stock">8</b>"#));
    assert!(officer.page("/quality/recalls").await.contains("GJ-0815"));

    let reader = app.visitor();
    reader.sign_in("buyer@example.cn").await;
    let notice = format!("/recalls/{recall}");
    assert!(reader.page("/notifications").await.contains(&notice));
    assert!(reader.page(&notice).await.contains(r#"id="acknowledge""#));
    assert_eq!(
        producer.get(&notice).await.status(),
        404,
        "only its buyers see a recall notice"
    );
    let acknowledged = reader
        .post_form(&format!("{notice}/acknowledge"), &[])
        .await;
    assert_eq!(acknowledged.status(), 303);
    assert!(reader.page(&notice).await.contains(r#"id="acknowledged""#));
    let (_, reach) = officer.page_en(&recall_page).await;
    assert!(reach.contains(r#"<span class="acknowledgement">Acknowledged</span>"#));
}
