//! Buying in the live room over HTTP, as the room's script does it (session cookie and CSRF
//! header): the quote, a checkout naming the session (live channel, session recorded), its
//! state while paying, refusals in the reader's language; the room page's buy sheet with the
//! address on file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use farmgate_store::LiveSessionRecord;
use serde_json::{json, Value};
use support::market::{as_actor, checkout_request, on_air, stall, Stall};
use support::{TestApp, Visitor};

/// A session of the stall's shop selling its product, on air, with the product pinned.
async fn pinned_on_air(app: &TestApp, stall: &Stall) -> LiveSessionRecord {
    let session = on_air(app, stall).await;
    let product = stall.item.product.to_string();
    app.services
        .pin_live_product(&stall.producer, &session.id, Some(&product))
        .await
        .unwrap();
    session
}

fn order_body(stall: &Stall, session: &LiveSessionRecord) -> Value {
    let (product, sku) = stall.ids();
    json!({
        "items": [{ "product": product, "sku": sku, "quantity": 2 }],
        "address": { "recipient": "王芳", "phone": "13800138000", "province": "31",
            "city": "上海市", "county": "浦东新区", "detail": "世纪大道 100 号" },
        "live_session": session.id.to_string(),
    })
}

/// A JSON request from the room's script: the session cookie, the CSRF header.
async fn send(
    visitor: &Visitor,
    method: reqwest::Method,
    path: &str,
    body: Option<&Value>,
    lang: &str,
) -> (u16, Value) {
    let mut request = visitor
        .client
        .request(method, visitor.url(path))
        .header("x-csrf-token", visitor.csrf().await)
        .header("idempotency-key", "room-sheet-key-1")
        .header("accept-language", lang);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.unwrap();
    (
        response.status().as_u16(),
        response.json().await.unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn a_room_checkout_is_quoted_placed_in_the_live_channel_and_followed_until_paid() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let session = pinned_on_air(&app, &goji).await;
    let buyer = app.signed_in("wang@example.cn", &[Role::Buyer]).await;
    let body = order_body(&goji, &session);
    let post = reqwest::Method::POST;

    let (status, quote) = send(
        &buyer,
        post.clone(),
        "/api/v1/checkouts/quote",
        Some(&body),
        "en",
    )
    .await;
    assert_eq!(status, 200, "{quote}");
    assert_eq!(quote["goods_fen"], 13_600);
    assert_eq!(quote["goods"], "¥136.00");
    assert_eq!(
        quote["total_fen"].as_i64().unwrap(),
        13_600 + quote["shipping_fen"].as_i64().unwrap()
    );

    let (status, placed) = send(&buyer, post.clone(), "/api/v1/checkouts", Some(&body), "en").await;
    assert_eq!(status, 201, "{placed}");
    let order = &placed["orders"][0];
    assert_eq!(order["channel"], "live");
    assert_eq!(order["live_session_id"], session.id.to_string());
    assert_eq!(
        order["total_fen"], quote["total_fen"],
        "the quote is what is charged"
    );
    let checkout = placed["checkout_id"].as_str().unwrap();
    let stored = app
        .services
        .store
        .orders_of_checkout(&farmgate_domain::id::CheckoutId::parse(checkout).unwrap())
        .await
        .unwrap();
    assert_eq!(stored[0].order.channel, "live");
    assert_eq!(stored[0].order.live_session_id.as_ref(), Some(&session.id));

    let path = format!("/api/v1/checkouts/{checkout}");
    let (status, state) = send(&buyer, reqwest::Method::GET, &path, None, "en").await;
    assert_eq!(
        (status, &state["orders"][0]["status"]),
        (200, &json!("pending_payment"))
    );
    let stranger = app.signed_in("li@example.cn", &[Role::Buyer]).await;
    let (status, _) = send(&stranger, reqwest::Method::GET, &path, None, "en").await;
    assert_eq!(status, 404, "only the buyer follows their checkout");
}

#[tokio::test]
async fn refusals_are_told_in_the_readers_language() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let salt = stall(&app, "tashi@example.cn", "湖盐", "12.00").await;
    let session = pinned_on_air(&app, &goji).await;
    let buyer = app.signed_in("wang@example.cn", &[Role::Buyer]).await;
    let post = reqwest::Method::POST;

    let outside = order_body(&salt, &session);
    let (status, answer) = send(
        &buyer,
        post.clone(),
        "/api/v1/checkouts",
        Some(&outside),
        "en",
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(
        answer["error"]["message"],
        "This product is not sold in this live session."
    );
    let (_, answer) = send(
        &buyer,
        post.clone(),
        "/api/v1/checkouts/quote",
        Some(&outside),
        "zh",
    )
    .await;
    assert_eq!(answer["error"]["message"], "这场直播不卖这件商品。");

    app.services.live_stream_ended(&session.id).await.unwrap();
    let late = order_body(&goji, &session);
    let (status, answer) = send(&buyer, post.clone(), "/api/v1/checkouts", Some(&late), "zh").await;
    assert_eq!(status, 409);
    assert_eq!(
        answer["error"]["message"],
        "这场直播不在进行中，现在不能下单。"
    );

    let mut bad = order_body(&goji, &session);
    bad["live_session"] = json!("not-a-session");
    let (status, answer) = send(&buyer, post, "/api/v1/checkouts", Some(&bad), "en").await;
    assert_eq!(status, 422);
    assert_eq!(answer["error"]["fields"][0]["field"], "live_session");
}

#[tokio::test]
async fn the_room_offers_the_buy_sheet_with_the_address_of_the_last_order() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let session = pinned_on_air(&app, &goji).await;
    let room = format!("/live/{}", session.id);
    let (product, sku) = goji.ids();

    let watcher = app.visitor();
    let page = watcher.page(&room).await;
    assert!(
        page.contains(&format!("href=\"/signin?next={room}\"")),
        "a sign-in link back to the room"
    );
    assert!(page.contains(&format!("data-product-click=\"{product}\"")));
    assert!(!page.contains("id=\"buy-form\""));

    let account = app.account("wang@example.cn", &[Role::Buyer]).await;
    let buyer = app.visitor();
    buyer.sign_in("wang@example.cn").await;
    let page = buyer.page(&room).await;
    assert!(
        page.contains("<fieldset id=\"buy-address\">"),
        "no order yet, no address on file"
    );
    assert!(page.contains(&format!("data-product=\"{product}\"")));
    assert!(page.contains(&format!("value=\"{sku}\" data-stock=\"20\"")));

    app.services
        .checkout(&as_actor(&account), &checkout_request(&goji, 1))
        .await
        .unwrap();
    let page = buyer.page(&room).await;
    assert!(page.contains("<fieldset id=\"buy-address\" hidden>"));
    assert!(
        page.contains("王芳 · 青海省 西宁市 城西区 五四大街 8 号"),
        "the last order's address"
    );
    assert!(
        page.contains("value=\"五四大街 8 号\""),
        "the form holds it for a change"
    );
}
