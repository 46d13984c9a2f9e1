//! Flash sales over HTTP: the host starts one from the console form or the API, anyone reads
//! its state, buyers buy with an idempotency key and are told clearly when the sale says no.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;

use farmgate_domain::id::OrderId;
use farmgate_domain::role::Role;
use farmgate_services::flash_sale::FlashSaleForm;
use farmgate_services::{FixedClock, Services};
use serde_json::{json, Value};
use support::market::{as_actor, on_air, stall, Stall};
use support::TestApp;

/// A sale that opened a moment ago: started through services whose clock is 11 s behind.
async fn open_sale(app: &TestApp, stall: &Stall, units: &str, per_buyer: &str) -> String {
    let session = on_air(app, stall).await;
    let mut earlier: Services = app.services.clone();
    earlier.clock = Arc::new(FixedClock::new(
        app.services.clock.now().plus_millis(-11_000),
    ));
    let form = FlashSaleForm {
        sku: stall.item.sku.to_string(),
        price: "19.90".into(),
        stock_limit: units.into(),
        per_buyer_limit: per_buyer.into(),
        countdown_seconds: "10".into(),
        duration_minutes: "30".into(),
    };
    let sale = earlier
        .start_flash_sale(&stall.producer, &session.id, &form)
        .await
        .unwrap();
    sale.id.to_string()
}

async fn buyer_token(app: &TestApp, email: &str) -> String {
    let account = app.account(email, &[Role::Buyer]).await;
    app.services
        .create_api_token(&as_actor(&account), "phone")
        .await
        .unwrap()
        .secret
}

fn purchase_body(quantity: i64) -> Value {
    json!({
        "quantity": quantity,
        "address": { "recipient": "王芳", "phone": "13800138000", "province": "63", "city": "西宁市", "county": "城西区", "detail": "五四大街 8 号" }
    })
}

async fn buy(
    app: &TestApp,
    sale: &str,
    token: &str,
    key: Option<&str>,
    body: Value,
) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/flash-sales/{sale}/purchases")))
        .bearer_auth(token)
        .header("accept-language", "en")
        .json(&body);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn buyers_get_an_order_once_per_key_and_clear_refusals() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let sale = open_sale(&app, &goji, "3", "2").await;
    let wang = buyer_token(&app, "wang@example.cn").await;
    let li = buyer_token(&app, "li@example.cn").await;

    let (status, bought) = buy(&app, &sale, &wang, Some("wang-first-key"), purchase_body(2)).await;
    assert_eq!(status, 201, "{bought}");
    assert_eq!(bought["quantity"], 2);
    let order = bought["order_id"].as_str().unwrap().to_owned();
    let (status, again) = buy(&app, &sale, &wang, Some("wang-first-key"), purchase_body(2)).await;
    assert_eq!(
        (status, again["order_id"].as_str()),
        (201, Some(order.as_str()))
    );

    let (status, over) = buy(
        &app,
        &sale,
        &wang,
        Some("wang-second-key"),
        purchase_body(1),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(
        over["error"]["message"],
        "That would take you over this flash sale's limit per buyer."
    );
    let (status, _) = buy(&app, &sale, &li, Some("li-first-key"), purchase_body(1)).await;
    assert_eq!(status, 201);
    let (status, sold_out) = buy(&app, &sale, &li, Some("li-second-key"), purchase_body(1)).await;
    assert_eq!(status, 409);
    assert_eq!(sold_out["error"]["message"], "This flash sale is sold out.");

    let (status, missing) = buy(&app, &sale, &li, None, purchase_body(1)).await;
    assert_eq!(
        (status, missing["error"]["fields"][0]["field"].as_str()),
        (422, Some("idempotency_key"))
    );
    let (status, bad) = buy(&app, &sale, &li, Some("li-third-key"), purchase_body(0)).await;
    assert_eq!(
        (status, bad["error"]["fields"][0]["field"].as_str()),
        (422, Some("quantity"))
    );

    let state: Value = reqwest::get(app.url(&format!("/api/v1/flash-sales/{sale}")))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(state["remaining"], 0);
    assert_eq!(state["phase"], "sold_out");
    assert_eq!(state["price_fen"], 1_990);

    let payment = reqwest::Client::new()
        .post(app.url(bought["payment"].as_str().unwrap()))
        .bearer_auth(&wang)
        .send()
        .await
        .unwrap();
    assert_eq!(
        payment.status(),
        200,
        "the flash-sale order is paid like any order"
    );
    let detail = app
        .services
        .store
        .order(&OrderId::new(order))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.order.channel, "live");
    assert_eq!(
        detail.order.total.minor(),
        bought["total_fen"].as_i64().unwrap()
    );
}

#[tokio::test]
async fn the_host_starts_a_sale_over_the_api_and_it_counts_down() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let session = on_air(&app, &goji).await;
    let host = app
        .services
        .create_api_token(&goji.producer, "obs")
        .await
        .unwrap()
        .secret;
    let url = app.url(&format!("/api/v1/live/{}/flash-sales", session.id));
    let terms = |price_fen: i64| {
        json!({ "sku": goji.item.sku.to_string(), "price_fen": price_fen, "stock_limit": 10,
                "per_buyer_limit": 2, "countdown_seconds": 60, "duration_minutes": 5 })
    };
    let refused = reqwest::Client::new()
        .post(&url)
        .bearer_auth(&host)
        .json(&terms(6_800))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422, "not below the variant's price");
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["fields"][0]["field"], "price");

    let started = reqwest::Client::new()
        .post(&url)
        .bearer_auth(&host)
        .json(&terms(1_990))
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), 201);
    let sale: Value = started.json().await.unwrap();
    assert_eq!(sale["phase"], "upcoming");
    assert_eq!(
        (sale["stock_limit"].as_i64(), sale["remaining"].as_i64()),
        (Some(10), Some(10))
    );
    assert_eq!(
        sale["closes_at"].as_i64().unwrap() - sale["opens_at"].as_i64().unwrap(),
        300_000
    );

    let buyer = buyer_token(&app, "wang@example.cn").await;
    let (status, early) = buy(
        &app,
        sale["id"].as_str().unwrap(),
        &buyer,
        Some("too-early-key"),
        purchase_body(1),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(
        early["error"]["message"],
        "This flash sale has not opened yet."
    );
    let stock = app
        .services
        .store
        .product(&goji.item.product)
        .await
        .unwrap()
        .unwrap()
        .skus[0]
        .stock;
    assert_eq!(stock, 10, "the sale's units left the variant's stock");
}

#[tokio::test]
async fn the_console_form_starts_a_sale_and_shows_each_problem() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let session = on_air(&app, &goji).await;
    let host = app.visitor();
    host.sign_in("zhuoma@example.cn").await;
    let page = host
        .page(&format!("/console/live/{}/flash-sales/new", session.id))
        .await;
    assert!(page.contains(r#"id="flash-sale-form""#));
    assert!(
        page.contains(&goji.item.sku.to_string()),
        "the bag's variant is offered"
    );

    let path = format!("/console/live/{}/flash-sales", session.id);
    let sku = goji.item.sku.to_string();
    let bad = host
        .post_form(
            &path,
            &[
                ("sku", &sku),
                ("price", "0"),
                ("stock_limit", "21"),
                ("per_buyer_limit", "1"),
                ("countdown_seconds", "5"),
                ("duration_minutes", "10"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    for field in ["price", "stock_limit", "countdown_seconds"] {
        assert!(
            html.contains(&format!(r#"data-field="{field}""#)),
            "{field}"
        );
    }
    assert!(!html.contains(r#"data-field="duration_minutes""#));

    let good = host
        .post_form(
            &path,
            &[
                ("sku", &sku),
                ("price", "19.9"),
                ("stock_limit", "20"),
                ("per_buyer_limit", "2"),
                ("countdown_seconds", "30"),
                ("duration_minutes", "10"),
            ],
        )
        .await;
    assert_eq!(good.status(), 303);
    let next = good.headers()["location"].to_str().unwrap().to_owned();
    let done = host.page(&next).await;
    assert!(done.contains(r#"id="flash-sale-started""#), "{done}");
    assert!(done.contains("¥19.90"));
    let sales = app.services.live_flash_sales(&session.id).await.unwrap();
    assert_eq!(sales.len(), 1);
    assert_eq!(sales[0].stock_limit, 20);
}
