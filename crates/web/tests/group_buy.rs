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

/// The seat form's fields: one unit (or `units`) to an address in Xining, with a fresh key.
fn seat_form<'a>(units: &'a str, key: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("units", units),
        ("recipient", "王芳"),
        ("phone", "13800138000"),
        ("province", "63"),
        ("city", "西宁市"),
        ("county", "城西区"),
        ("detail", "五四大街 8 号"),
        ("idempotency_key", key),
    ]
}

#[tokio::test]
async fn the_pages_take_seats_send_buyers_to_pay_and_say_no_in_words() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let form = farmgate_services::group_buys::GroupBuyForm {
        team_price: "59.00".into(),
        team_size: "2".into(),
        time_limit_hours: "24".into(),
        stock_limit: "10".into(),
        per_buyer_limit: "2".into(),
        ..Default::default()
    };
    let offer = app
        .services
        .create_group_buy(&goji.producer, &goji.item.product, &goji.item.sku, &form)
        .await
        .unwrap();

    let opener = app.signed_in("wang@example.cn", &[Role::Buyer]).await;
    let open = opener
        .post_form(
            &format!("/group-buys/{}/teams", offer.id),
            &seat_form("1", "wang-open-key"),
        )
        .await;
    assert_eq!(open.status(), 303);
    let cashier = open.headers()["location"].to_str().unwrap().to_owned();
    assert!(cashier.contains("/sandbox/pay/"), "{cashier}");
    let view = app.services.group_buy(&offer.id).await.unwrap();
    let team = view.open_teams[0].team.id.to_string();
    let provider_ref = cashier.rsplit('/').next().unwrap();
    let payment = app
        .sandbox
        .cashier(provider_ref, app.services.clock.now())
        .await
        .unwrap();
    assert!(
        payment.return_url.ends_with(&format!("/teams/{team}")),
        "the cashier sends the opener back to share the team"
    );
    let (status, page) = opener.page_en(&format!("/teams/{team}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Your place is held until"),
        "the opener is asked to pay"
    );
    assert!(page.contains(&format!("/teams/{team}/poster.svg")));
    assert!(!page.contains("?via="), "a buyer's link carries no mark");

    // A leader's view of the team carries their mark; a visit through it records a click.
    let leader = app
        .signed_in("cairang@example.cn", &[Role::Buyer, Role::Leader])
        .await;
    let (_, page) = leader.page_en(&format!("/teams/{team}")).await;
    assert!(page.contains("This link and poster carry your mark"));
    let start = page.find(&format!("/teams/{team}?via=")).unwrap();
    let marked = &page[start..start + page[start..].find('"').unwrap()];
    let visit = app.visitor().get(marked).await;
    assert_eq!(visit.status(), 303);
    assert_eq!(
        visit.headers()["location"],
        format!("/teams/{team}").as_str()
    );
    let store = &app.services.store;
    let cairang = store.account_by_email("cairang@example.cn").await.unwrap();
    let figures = store.leader_figures(&cairang.unwrap().id).await.unwrap();
    assert_eq!(figures.clicks, 1);

    let joiner = app.signed_in("li@example.cn", &[Role::Buyer]).await;
    let seats = format!("/teams/{team}/seats");
    let (status, page) = joiner.post_en(&seats, &seat_form("0", "li-join-key")).await;
    assert_eq!(status, 422);
    assert!(page.contains(r#"data-field="units""#), "units are checked");
    let join = joiner
        .post_form(&seats, &seat_form("1", "li-join-key"))
        .await;
    assert_eq!(join.status(), 303);

    let late = app.signed_in("zhao@example.cn", &[Role::Buyer]).await;
    let (status, page) = late.post_en(&seats, &seat_form("1", "zhao-join-key")).await;
    assert_eq!(status, 409);
    assert!(page.contains("This team is full. Open a new team or join another."));
    let zhao = app
        .services
        .store
        .account_by_email("zhao@example.cn")
        .await
        .unwrap()
        .unwrap();
    let orders = app
        .services
        .store
        .orders_of_buyer(&zhao.id, farmgate_store::Page::first(10))
        .await
        .unwrap();
    assert!(orders.is_empty());

    let poster = reqwest::get(app.url(&format!("/teams/{team}/poster.svg")))
        .await
        .unwrap();
    assert_eq!(
        poster.headers()["content-type"],
        "image/svg+xml; charset=utf-8"
    );
    let svg = poster.text().await.unwrap();
    assert!(svg.starts_with("<svg") && svg.contains(&format!("/teams/{team}")));
    assert_eq!(
        reqwest::get(app.url("/teams/nope")).await.unwrap().status(),
        404
    );
}
