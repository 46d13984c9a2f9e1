//! Group-buys over HTTP: the producer offers one, a buyer opens a team, another joins and both
//! pay; the team fills on the last payment; a third buyer is told clearly that it is full, and
//! bad terms come back field by field.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::access::Actor;
use farmgate_domain::id::CheckoutId;
use farmgate_domain::role::Role;
use serde_json::{json, Value};
use support::market::{as_actor, pay_now, stall};
use support::TestApp;

async fn token(app: &TestApp, actor: &Actor) -> String {
    app.services
        .create_api_token(actor, "phone")
        .await
        .unwrap()
        .secret
}

async fn post(app: &TestApp, path: &str, token: &str, key: &str, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(app.url(path))
        .bearer_auth(token)
        .header("accept-language", "en")
        .header("idempotency-key", key)
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

fn seat_body() -> Value {
    json!({
        "units": 1,
        "address": { "recipient": "王芳", "phone": "13800138000", "province": "63", "city": "西宁市", "county": "城西区", "detail": "五四大街 8 号" }
    })
}

#[tokio::test]
async fn a_team_opens_fills_and_refuses_the_next_buyer_clearly() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let producer = token(&app, &goji.producer).await;
    let product = goji.item.product.to_string();
    let terms = json!({
        "sku": goji.item.sku.to_string(), "team_price_fen": 5_900, "team_size": 2,
        "time_limit_hours": 24, "stock_limit": 10, "per_buyer_limit": 2,
        "tiers": [], "virtual_fill": false
    });
    let path = format!("/api/v1/products/{product}/group-buys");
    let (status, offer) = post(&app, &path, &producer, "unused-key", terms).await;
    assert_eq!(status, 201, "{offer}");
    assert_eq!(
        (
            offer["team_price_fen"].as_i64(),
            offer["regular_price_fen"].as_i64()
        ),
        (Some(5_900), Some(6_800))
    );
    let group_buy = offer["id"].as_str().unwrap().to_owned();

    let mut buyers = Vec::new();
    for email in ["wang@example.cn", "li@example.cn", "zhao@example.cn"] {
        let actor = as_actor(&app.account(email, &[Role::Buyer]).await);
        let secret = token(&app, &actor).await;
        buyers.push((actor, secret));
    }
    let open = format!("/api/v1/group-buys/{group_buy}/teams");
    let (status, opened) = post(&app, &open, &buyers[0].1, "wang-open-key", seat_body()).await;
    assert_eq!(status, 201, "{opened}");
    let team = opened["team_id"].as_str().unwrap().to_owned();
    let join = format!("/api/v1/teams/{team}/seats");
    let (status, joined) = post(&app, &join, &buyers[1].1, "li-join-key", seat_body()).await;
    assert_eq!(status, 201, "{joined}");
    let (status, again) = post(&app, &join, &buyers[1].1, "li-join-key", seat_body()).await;
    assert_eq!(
        (status, &again["order_id"]),
        (201, &joined["order_id"]),
        "same key, same seat"
    );

    let shown: Value = reqwest::get(app.url(&format!("/api/v1/teams/{team}")))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            shown["status"].as_str(),
            shown["members"].as_u64(),
            shown["places_left"].as_u64()
        ),
        (Some("open"), Some(0), Some(0)),
        "both places held while their buyers pay"
    );
    let (status, full) = post(&app, &join, &buyers[2].1, "zhao-join-key", seat_body()).await;
    assert_eq!(status, 409);
    assert_eq!(
        full["error"]["message"],
        "This team is full. Open a new team or join another."
    );

    for ((actor, _), seat) in buyers.iter().zip([&opened, &joined]) {
        let checkout = CheckoutId::parse(seat["checkout_id"].as_str().unwrap()).unwrap();
        pay_now(&app, actor, &checkout).await;
    }
    let shown: Value = reqwest::get(app.url(&format!("/api/v1/teams/{team}")))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            shown["status"].as_str(),
            shown["members"].as_u64(),
            shown["price_fen"].as_i64()
        ),
        (Some("succeeded"), Some(2), Some(5_900))
    );
}

#[tokio::test]
async fn bad_terms_come_back_field_by_field_and_strangers_are_refused() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let producer = token(&app, &goji.producer).await;
    let path = format!("/api/v1/products/{}/group-buys", goji.item.product);
    let bad = json!({
        "sku": goji.item.sku.to_string(), "team_price_fen": 9_900, "team_size": 51,
        "time_limit_hours": 0, "stock_limit": 10, "per_buyer_limit": 2,
        "tiers": [{ "size": 1, "price_fen": 100 }]
    });
    let (status, refused) = post(&app, &path, &producer, "unused-key", bad).await;
    assert_eq!(status, 422, "{refused}");
    let fields: Vec<&str> = refused["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    for field in ["team_price", "team_size", "time_limit_hours"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    let stranger = as_actor(&app.account("li@example.cn", &[Role::Buyer]).await);
    let stranger = token(&app, &stranger).await;
    let fine = json!({
        "sku": goji.item.sku.to_string(), "team_price_fen": 5_900, "team_size": 2,
        "time_limit_hours": 24, "stock_limit": 10, "per_buyer_limit": 2
    });
    let (status, _) = post(&app, &path, &stranger, "unused-key", fine).await;
    assert_eq!(status, 403);
}
