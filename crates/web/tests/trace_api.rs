//! The traceability API over HTTP: a product's GTIN set through the API (a wrong check digit
//! says the right one), a batch's EPCIS document naming the batch by its Digital Link, and the
//! EPCIS export holding only what the reader may see.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::access::Actor;
use farmgate_domain::role::Role;
use farmgate_domain::trace::{Batch, BatchForm};
use serde_json::{json, Value};
use support::market::{as_actor, stall, Stall};
use support::{TestApp, VILLAGE};

async fn token(app: &TestApp, actor: &Actor) -> String {
    app.services
        .create_api_token(actor, "trace")
        .await
        .unwrap()
        .secret
}

async fn batch(app: &TestApp, stall: &Stall, lot: &str) -> Batch {
    let form = BatchForm {
        lot: lot.into(),
        harvested_on: "2026-08-15".into(),
        village: VILLAGE.into(),
        units: "300".into(),
        grade: "special".into(),
        ..BatchForm::default()
    };
    app.services
        .record_batch(&stall.producer, &stall.item.product, &form)
        .await
        .unwrap()
}

async fn get(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn put_trace(app: &TestApp, stall: &Stall, token: &str, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .put(app.url(&format!("/api/v1/products/{}/trace", stall.item.product)))
        .bearer_auth(token)
        .header("accept-language", "en")
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// The epcClass of each event in an EPCIS document.
fn classes(document: &Value) -> Vec<String> {
    document["epcisBody"]["eventList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["quantityList"][0]["epcClass"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn a_producer_sets_the_gtin_and_the_batch_document_names_its_digital_link() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68").await;
    let producer = token(&app, &goji.producer).await;

    let (status, refused) = put_trace(
        &app,
        &goji,
        &producer,
        json!({ "gtin": "6901234567893", "passed_batches_only": true }),
    )
    .await;
    assert_eq!(status, 422);
    let field = &refused["error"]["fields"][0];
    assert_eq!(field["field"], "gtin");
    assert_eq!(field["code"], "check_digit");
    assert_eq!(field["expected"], 2);
    assert_eq!(field["message"], "GTIN: the check digit should be 2");

    let (status, saved) = put_trace(
        &app,
        &goji,
        &producer,
        json!({ "gtin": "6901234567892", "passed_batches_only": true }),
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        saved,
        json!({ "gtin": "06901234567892", "passed_batches_only": true })
    );
    let read = app
        .api_get(
            &format!("/api/v1/products/{}/trace", goji.item.product),
            &producer,
        )
        .await;
    assert_eq!(read, saved);

    let lot = batch(&app, &goji, "GJ-0815").await;
    let response = get(
        &app,
        &format!("/api/v1/batches/{}/epcis", lot.id),
        &producer,
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/ld+json");
    let document: Value = response.json().await.unwrap();
    assert_eq!(document["type"], "EPCISDocument");
    assert_eq!(
        classes(&document),
        [app.url("/01/06901234567892/10/GJ-0815")]
    );
    let commissioning = &document["epcisBody"]["eventList"][0];
    assert_eq!(commissioning["bizStep"], "commissioning");
    assert_eq!(
        commissioning["ilmd"]["cbvmda:harvestStartDate"],
        "2026-08-15"
    );
}

#[tokio::test]
async fn a_producer_exports_only_their_shops_batches_and_a_buyer_nothing() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68").await;
    let barley = stall(&app, "tashi@example.cn", "青稞", "20").await;
    let own = batch(&app, &goji, "GJ-0815").await;
    let other = batch(&app, &barley, "QK-0815").await;
    let producer = token(&app, &goji.producer).await;
    let hub_account = app.account("hub@example.cn", &[Role::HubOperator]).await;
    let hub = token(&app, &as_actor(&hub_account)).await;
    let buyer_account = app.account("buyer@example.cn", &[Role::Buyer]).await;
    let buyer = token(&app, &as_actor(&buyer_account)).await;

    let mine = app.api_get("/api/v1/epcis", &producer).await;
    assert_eq!(classes(&mine), [app.url(&format!("/batches/{}", own.id))]);
    let county = app.api_get("/api/v1/epcis", &hub).await;
    assert_eq!(classes(&county).len(), 2);
    assert_eq!(get(&app, "/api/v1/epcis", &buyer).await.status(), 403);

    let theirs = format!("/api/v1/batches/{}/epcis", other.id);
    assert_eq!(get(&app, &theirs, &producer).await.status(), 404);
    assert_eq!(get(&app, &theirs, &buyer).await.status(), 404);
    assert_eq!(get(&app, &theirs, &hub).await.status(), 200);
    let (status, _) = put_trace(
        &app,
        &barley,
        &producer,
        json!({ "gtin": "", "passed_batches_only": true }),
    )
    .await;
    assert_eq!(status, 403, "not their product");
}
