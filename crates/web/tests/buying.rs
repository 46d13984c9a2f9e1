//! A buyer adds products of two shops to the cart, checks out once, pays on the sandbox
//! cashier, the provider's signed callback reaches the real endpoint, and the orders page shows
//! two paid orders. Forged callbacks are refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use support::market::{stall, Http};
use support::TestApp;

/// Checks the cart out to `(province, city, county, detail)` with the key the cart page gave.
async fn check_out(
    buyer: &support::Visitor,
    cart: &str,
    (province, city, county, detail): (&str, &str, &str, &str),
) -> reqwest::Response {
    let key = cart
        .split("name=\"idempotency_key\" value=\"")
        .nth(1)
        .unwrap()[..32]
        .to_owned();
    buyer
        .post_form(
            "/checkout",
            &[
                ("recipient", "王芳"),
                ("phone", "13800138000"),
                ("province", province),
                ("city", city),
                ("county", county),
                ("detail", detail),
                ("idempotency_key", &key),
            ],
        )
        .await
}

#[tokio::test]
async fn one_checkout_over_two_shops_is_paid_through_the_sandbox() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "a@example.cn", "柴达木黑枸杞", "68.00")
        .await
        .ids();
    let salt = stall(&app, "b@example.cn", "茶卡湖盐", "12.50").await.ids();
    let buyer = app.signed_in("buyer@example.cn", &[Role::Buyer]).await;
    for (product, sku) in [&goji, &salt] {
        let added = buyer
            .post_form(
                "/cart",
                &[("product", product), ("sku", sku), ("quantity", "2")],
            )
            .await;
        assert_eq!(added.status(), 303);
    }
    let cart = buyer.get("/cart").await.text().await.unwrap();
    assert!(cart.contains("¥161.00"), "2 × 68 + 2 × 12.50: {cart}");
    let placed = check_out(
        &buyer,
        &cart,
        ("31", "上海市", "浦东新区", "世纪大道 100 号"),
    )
    .await;
    assert_eq!(placed.status(), 303);
    let cashier = placed.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        cashier.starts_with(&app.url("/sandbox/pay/sbx_")),
        "{cashier}"
    );
    let path = cashier.trim_start_matches(&app.base).to_owned();
    assert!(
        buyer
            .get("/cart")
            .await
            .text()
            .await
            .unwrap()
            .contains("cart-empty"),
        "bought lines leave the cart"
    );

    let paid = buyer.post_form(&format!("{path}/pay"), &[]).await;
    assert_eq!(paid.status(), 303);
    let report = app
        .sandbox
        .deliver_due(&Http, app.services.clock.now())
        .await
        .unwrap();
    assert_eq!(
        report.acknowledged, 1,
        "the real endpoint acknowledged the signed callback"
    );

    let orders = buyer.get("/orders").await.text().await.unwrap();
    assert_eq!(
        orders.matches("class=\"card order-row\"").count(),
        2,
        "one order per shop"
    );
    assert_eq!(
        orders.matches("status-approved order-status").count(),
        2,
        "both paid: {orders}"
    );
}

#[tokio::test]
async fn forged_or_unknown_callbacks_are_refused_at_the_endpoint() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let body = r#"{"event":"payment","notification_id":"n","out_trade_no":"01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d0e","provider_ref":"x","outcome":"succeeded","amount_fen":1,"currency":"CNY","at":0}"#;
    let unsigned = client
        .post(app.url("/api/v1/payments/notify/sandbox"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 422);
    let now = app.services.clock.now().millis() / 1_000;
    let signed = app
        .services
        .sandbox_signer()
        .await
        .unwrap()
        .sign(now, "n1", body.as_bytes());
    let unknown = client
        .post(app.url("/api/v1/payments/notify/sandbox"))
        .header("sandbox-timestamp", signed.timestamp.to_string())
        .header("sandbox-nonce", signed.nonce)
        .header("sandbox-signature", signed.signature)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(
        unknown.status(),
        404,
        "a genuine callback for a payment we never made"
    );
}

#[tokio::test]
async fn checkout_needs_a_signed_in_buyer_and_a_valid_address() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "a@example.cn", "黑枸杞", "68.00").await.ids();
    let anonymous = app.visitor();
    let refused = anonymous
        .post_form(
            "/cart",
            &[("product", &goji.0), ("sku", &goji.1), ("quantity", "1")],
        )
        .await;
    assert_eq!(refused.headers()["location"], "/signin?next=/cart");
    let buyer = app.signed_in("buyer@example.cn", &[Role::Buyer]).await;
    buyer
        .post_form(
            "/cart",
            &[("product", &goji.0), ("sku", &goji.1), ("quantity", "1")],
        )
        .await;
    let bad = buyer
        .client
        .post(buyer.url("/checkout"))
        .header("accept-language", "en")
        .form(&[
            ("csrf", buyer.csrf().await.as_str()),
            ("recipient", "王芳"),
            ("phone", "12345"),
            ("province", "31"),
            ("city", "上海市"),
            ("county", "浦东"),
            ("detail", "x"),
            ("idempotency_key", "k-0000000001"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let page = bad.text().await.unwrap();
    assert!(
        page.contains(r#"data-field="phone">Mobile phone: is not valid"#),
        "{page}"
    );
    assert!(page.contains(r#"data-field="detail""#));
    let zero = buyer
        .post_form(
            "/cart",
            &[("product", &goji.0), ("sku", &goji.1), ("quantity", "0")],
        )
        .await;
    assert_eq!(zero.status(), 422);
}

#[tokio::test]
async fn the_checkout_api_is_idempotent_and_refuses_overselling() {
    let app = TestApp::spawn().await;
    let (product, sku) = stall(&app, "a@example.cn", "黑枸杞", "68.00").await.ids();
    let buyer = app.account("api-buyer@example.cn", &[Role::Buyer]).await;
    let actor = farmgate_domain::access::Actor {
        account_id: buyer.id,
        roles: vec![Role::Buyer],
        shops: vec![],
    };
    let token = app
        .services
        .create_api_token(&actor, "app")
        .await
        .unwrap()
        .secret;
    let body = |quantity: i64| {
        serde_json::json!({
            "items": [{ "product": product, "sku": sku, "quantity": quantity }],
            "address": { "recipient": "王芳", "phone": "13800138000", "province": "上海", "city": "上海市", "county": "浦东新区", "detail": "世纪大道 100 号" }
        })
    };
    let client = reqwest::Client::new();
    let post = |key: Option<&str>, quantity: i64| {
        let mut request = client
            .post(app.url("/api/v1/checkouts"))
            .bearer_auth(&token)
            .json(&body(quantity));
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        request.send()
    };
    let first = post(Some("order-20261122-0001"), 2).await.unwrap();
    assert_eq!(first.status(), 201);
    let first: serde_json::Value = first.json().await.unwrap();
    assert_eq!(first["orders"][0]["total_fen"], 13_600 + 1_200);
    let again: serde_json::Value = post(Some("order-20261122-0001"), 2)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        again["checkout_id"], first["checkout_id"],
        "the same key is the same checkout"
    );
    let pay = |path: String, token: String| {
        let client = client.clone();
        let url = app.url(&path);
        async move { client.post(url).bearer_auth(token).send().await.unwrap() }
    };
    let path = first["payment"].as_str().unwrap().to_owned();
    let cashier: serde_json::Value = pay(path.clone(), token.clone()).await.json().await.unwrap();
    let cashier_url = cashier["cashier_url"].as_str().unwrap();
    assert!(
        cashier_url.starts_with(&app.url("/sandbox/pay/sbx_")),
        "{cashier_url}"
    );
    let again: serde_json::Value = pay(path.clone(), token.clone()).await.json().await.unwrap();
    assert_eq!(again["cashier_url"], cashier["cashier_url"], "one payment");
    let stranger = app.account("stranger@example.cn", &[Role::Buyer]).await;
    let stranger = farmgate_domain::access::Actor {
        account_id: stranger.id,
        roles: vec![Role::Buyer],
        shops: vec![],
    };
    let stranger_token = app
        .services
        .create_api_token(&stranger, "app")
        .await
        .unwrap()
        .secret;
    assert_eq!(pay(path, stranger_token).await.status(), 404, "not theirs");
    assert_eq!(post(None, 1).await.unwrap().status(), 422);
    assert_eq!(
        post(Some("order-20261122-0002"), 19)
            .await
            .unwrap()
            .status(),
        409,
        "18 left"
    );
    let detail = app
        .services
        .product(None, &farmgate_domain::id::ProductId::new(product.clone()))
        .await
        .unwrap();
    assert_eq!(detail.skus[0].stock, 18);
}

#[tokio::test]
async fn the_producer_ships_the_buyer_confirms_and_the_console_shows_the_earnings() {
    let app = TestApp::spawn().await;
    let (product, sku) = stall(&app, "a@example.cn", "柴达木黑枸杞", "68.00")
        .await
        .ids();
    let buyer = app.signed_in("buyer@example.cn", &[Role::Buyer]).await;
    buyer
        .post_form(
            "/cart",
            &[("product", &product), ("sku", &sku), ("quantity", "2")],
        )
        .await;
    let cart = buyer.get("/cart").await.text().await.unwrap();
    let placed = check_out(&buyer, &cart, ("63", "西宁市", "城西区", "五四大街 8 号")).await;
    let cashier = placed.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches(&app.base)
        .to_owned();
    buyer.post_form(&format!("{cashier}/pay"), &[]).await;
    app.sandbox
        .deliver_due(&Http, app.services.clock.now())
        .await
        .unwrap();

    let producer = app.visitor();
    producer.sign_in("a@example.cn").await;
    let console = producer.get("/console").await.text().await.unwrap();
    let shop = console.split("href=\"/console/shops/").nth(1).unwrap()[..36].to_owned();
    let orders = producer
        .get(&format!("/console/shops/{shop}/orders"))
        .await
        .text()
        .await
        .unwrap();
    let order = orders.split("id=\"order-").nth(1).unwrap()[..36].to_owned();
    let ship = |tracking: &'static str| {
        let (producer, order) = (&producer, &order);
        async move {
            producer
                .post_form(
                    &format!("/console/orders/{order}/ship"),
                    &[("carrier", "顺丰"), ("tracking", tracking)],
                )
                .await
        }
    };
    let refused = ship("12").await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains(r#"data-field="tracking_number""#),
        "the message is on the tracking number: {page}"
    );
    assert_eq!(ship("SF 1234 5678 90").await.status(), 303);
    assert_eq!(ship("SF1234567890").await.status(), 409, "ships once");
    let stranger = app.signed_in("stranger@example.cn", &[Role::Buyer]).await;
    assert_eq!(
        stranger
            .get(&format!("/console/shops/{shop}/orders"))
            .await
            .status(),
        403
    );

    let mine = buyer.get("/orders").await.text().await.unwrap();
    assert!(
        mine.contains("SF1234567890"),
        "the buyer sees the tracking number"
    );
    assert_eq!(
        producer
            .post_form(&format!("/orders/{order}/confirm"), &[])
            .await
            .status(),
        404,
        "only the buyer confirms"
    );
    assert_eq!(
        buyer
            .post_form(&format!("/orders/{order}/confirm"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(
        buyer
            .post_form(&format!("/orders/{order}/confirm"), &[])
            .await
            .status(),
        409,
        "delivered once"
    );

    let detail = app
        .services
        .store
        .order(&farmgate_domain::id::OrderId::new(order))
        .await
        .unwrap()
        .unwrap()
        .order;
    let earned =
        farmgate_domain::money::Money::fen(detail.total.minor() - detail.commission.minor());
    let console = producer.get("/console").await.text().await.unwrap();
    assert!(
        console.contains(&format!(r#"<b class="payable">{earned}</b>"#)),
        "{console}"
    );
    assert!(console.contains(r#"<b class="held">¥0.00</b>"#));
}
