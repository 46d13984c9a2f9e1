//! Live coupons over HTTP: the host drops one in a live session, buyers claim it (with clear
//! refusals), and the claim comes off an order at checkout — the buyer pays less, the shop's
//! escrow and commission follow what was paid, a claim pays for one order only, and an order
//! left unpaid gives it back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;

use farmgate_domain::id::CouponClaimId;
use farmgate_domain::ledger::LedgerAccount;
use farmgate_domain::role::Role;
use farmgate_services::FixedClock;
use serde_json::{json, Value};
use support::market::{as_actor, checkout_request, on_air, stall, Http, Stall};
use support::TestApp;

async fn token(app: &TestApp, email: &str) -> String {
    let account = app.account(email, &[Role::Buyer]).await;
    app.services
        .create_api_token(&as_actor(&account), "phone")
        .await
        .unwrap()
        .secret
}

async fn post(app: &TestApp, path: &str, token: &str, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(app.url(path))
        .bearer_auth(token)
        .header("accept-language", "en")
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// Drops ¥10 off from ¥50, `quantity` in all, one per buyer, through the API; its id.
async fn drop_coupon(app: &TestApp, stall: &Stall, quantity: i64) -> String {
    let session = on_air(app, stall).await;
    let host = app
        .services
        .create_api_token(&stall.producer, "obs")
        .await
        .unwrap()
        .secret;
    let terms = json!({ "amount_off_fen": 1_000, "minimum_spend_fen": 5_000,
                        "quantity": quantity, "per_buyer_limit": 1 });
    let path = format!("/api/v1/live/{}/coupons", session.id);
    let (status, coupon) = post(app, &path, &host, terms).await;
    assert_eq!(status, 201, "{coupon}");
    assert_eq!(coupon["remaining"], quantity);
    coupon["id"].as_str().unwrap().to_owned()
}

fn checkout_body(stall: &Stall, coupons: &[&str]) -> Value {
    json!({
        "items": [{ "product": stall.item.product.to_string(), "sku": stall.item.sku.to_string(), "quantity": 1 }],
        "address": { "recipient": "王芳", "phone": "13800138000", "province": "63", "city": "西宁市", "county": "城西区", "detail": "五四大街 8 号" },
        "coupons": coupons,
    })
}

async fn checkout(app: &TestApp, token: &str, key: &str, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/checkouts"))
        .bearer_auth(token)
        .header("accept-language", "en")
        .header("idempotency-key", key)
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

async fn balance(app: &TestApp, account: LedgerAccount) -> i64 {
    let balance = app
        .services
        .store
        .balance_of(&account.code())
        .await
        .unwrap();
    account.normal_balance(balance).minor()
}

#[tokio::test]
async fn a_claimed_coupon_comes_off_the_order_and_the_shop_bears_it() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let coupon = drop_coupon(&app, &goji, 2).await;
    let wang = token(&app, "wang@example.cn").await;
    let li = token(&app, "li@example.cn").await;
    let zhao = token(&app, "zhao@example.cn").await;
    let claims = format!("/api/v1/coupons/{coupon}/claims");

    let (status, claim) = post(&app, &claims, &wang, json!({})).await;
    assert_eq!(
        (status, claim["state"].as_str()),
        (201, Some("unused")),
        "{claim}"
    );
    let (status, again) = post(&app, &claims, &wang, json!({})).await;
    assert_eq!(status, 409);
    assert_eq!(
        again["error"]["message"],
        "You have claimed as many of this coupon as one buyer may."
    );
    assert_eq!(post(&app, &claims, &li, json!({})).await.0, 201);
    let (status, gone) = post(&app, &claims, &zhao, json!({})).await;
    assert_eq!(status, 409);
    assert_eq!(
        gone["error"]["message"],
        "Every coupon of this drop has been claimed."
    );

    let mine = app.api_get("/api/v1/me/coupons", &wang).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let claim_id = mine[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(mine[0]["coupon"]["amount_off_fen"], 1_000);

    // Li's claim is not Wang's to use; below the minimum spend it does not apply.
    let li_claim = app.api_get("/api/v1/me/coupons", &li).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, refused) = checkout(
        &app,
        &wang,
        "wang-steal",
        checkout_body(&goji, &[&li_claim]),
    )
    .await;
    assert_eq!(
        (status, refused["error"]["message"].as_str()),
        (409, Some("This coupon is not one you have claimed."))
    );

    let (status, placed) = checkout(
        &app,
        &wang,
        "wang-first",
        checkout_body(&goji, &[&claim_id]),
    )
    .await;
    assert_eq!(status, 201, "{placed}");
    let order = &placed["orders"][0];
    assert_eq!(order["goods_fen"], 6_800);
    assert_eq!(order["discount_fen"], 1_000);
    let shipping = order["shipping_fen"].as_i64().unwrap();
    let total = order["total_fen"].as_i64().unwrap();
    assert_eq!(
        total,
        6_800 - 1_000 + shipping,
        "shipping is not discounted"
    );

    let (status, replayed) = checkout(
        &app,
        &wang,
        "wang-first",
        checkout_body(&goji, &[&claim_id]),
    )
    .await;
    assert_eq!(
        status, 201,
        "the same key replays the checkout that used the claim"
    );
    assert_eq!(replayed["checkout_id"], placed["checkout_id"]);
    let (status, reused) = checkout(
        &app,
        &wang,
        "wang-second",
        checkout_body(&goji, &[&claim_id]),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(
        reused["error"]["message"],
        "This coupon has already been used."
    );
    let mine = app.api_get("/api/v1/me/coupons", &wang).await;
    assert_eq!(mine[0]["state"], "used");

    // Paid and delivered: escrow held what was paid, and the shop earns it less commission on
    // the goods actually paid for.
    let order_id = farmgate_domain::id::OrderId::new(order["id"].as_str().unwrap().to_owned());
    let detail = app.services.store.order(&order_id).await.unwrap().unwrap();
    let actor = farmgate_domain::access::Actor {
        account_id: detail.order.buyer_id.clone(),
        roles: vec![Role::Buyer],
        shops: vec![],
    };
    let cashier = app
        .services
        .pay_checkout(&actor, &detail.order.checkout_id)
        .await
        .unwrap();
    let now = app.services.clock.now();
    app.sandbox
        .complete(cashier.rsplit('/').next().unwrap(), true, now)
        .await
        .unwrap();
    app.sandbox.deliver_due(&Http, now).await.unwrap();
    let escrow = LedgerAccount::OrderEscrow(goji.shop.clone());
    assert_eq!(balance(&app, escrow.clone()).await, total);

    let full_price = app
        .services
        .checkout(
            &as_actor(&app.account("chen@example.cn", &[Role::Buyer]).await),
            &checkout_request(&goji, 1),
        )
        .await
        .unwrap();
    let full_commission = full_price.orders[0].order.commission.minor();
    assert!(
        detail.order.commission.minor() < full_commission,
        "commission on ¥58 paid, not on ¥68: {} vs {full_commission}",
        detail.order.commission
    );
    assert_eq!(
        detail.order.commission,
        detail
            .lines
            .iter()
            .try_fold(farmgate_domain::money::Money::fen(0), |s, l| s
                .checked_add(l.commission))
            .unwrap()
    );
    let ledger_sum: i64 = app
        .services
        .store
        .ledger_balances()
        .await
        .unwrap()
        .iter()
        .map(|(_, m)| m.minor())
        .sum();
    assert_eq!(ledger_sum, 0);
}

#[tokio::test]
async fn an_order_left_unpaid_gives_its_coupon_back() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let coupon = drop_coupon(&app, &goji, 10).await;
    let buyer = app.account("wang@example.cn", &[Role::Buyer]).await;
    let actor = as_actor(&buyer);
    let coupon = farmgate_domain::id::CouponId::parse(&coupon).unwrap();
    let claim = app.services.claim_coupon(&actor, &coupon).await.unwrap();
    let mut request = checkout_request(&goji, 1);
    request.coupons = vec![claim.id.clone()];
    let placed = app.services.checkout(&actor, &request).await.unwrap();
    assert_eq!(placed.orders[0].order.discount.minor(), 1_000);

    let mut later = app.services.clone();
    later.clock = Arc::new(FixedClock::new(
        app.services.clock.now().plus_millis(31 * 60_000),
    ));
    assert_eq!(later.expire_unpaid_orders().await.unwrap(), 1);
    let held = app.services.my_coupons(&actor).await.unwrap();
    assert_eq!(held[0].used_order_id, None, "unused again");

    let mut again = checkout_request(&goji, 1);
    again.coupons = vec![claim.id];
    let placed = app.services.checkout(&actor, &again).await.unwrap();
    assert_eq!(placed.orders[0].order.discount.minor(), 1_000);
    let mut junk = checkout_request(&goji, 1);
    junk.coupons = vec![CouponClaimId::new("not-a-claim")];
    assert!(app.services.checkout(&actor, &junk).await.is_err());
}

#[tokio::test]
async fn the_room_and_the_cart_offer_the_coupon_and_my_coupons_lists_it() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let session = on_air(&app, &goji).await;
    // The host's console: drop through the form on the session's page.
    let console = app.visitor();
    console.sign_in("zhuoma@example.cn").await;
    let page = console.page(&format!("/console/live/{}", session.id)).await;
    assert!(
        page.contains("id=\"coupon-form\""),
        "the drop form on the console"
    );
    let bad = console
        .post_form(
            &format!("/console/live/{}/coupons", session.id),
            &[
                ("amount_off", "50"),
                ("minimum_spend", "50"),
                ("quantity", "10"),
                ("per_buyer_limit", "1"),
                ("valid_days", "7"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);
    assert!(bad
        .text()
        .await
        .unwrap()
        .contains("data-field=\"minimum_spend\""));
    let dropped = console
        .post_form(
            &format!("/console/live/{}/coupons", session.id),
            &[
                ("amount_off", "10"),
                ("minimum_spend", "50"),
                ("quantity", "10"),
                ("per_buyer_limit", "1"),
                ("valid_days", "7"),
            ],
        )
        .await;
    assert!(dropped.status().is_success() || dropped.status().is_redirection());
    let coupons = app
        .services
        .store
        .coupons_of_session(&session.id)
        .await
        .unwrap();
    assert_eq!(coupons.len(), 1);

    let buyer = app.signed_in("wang@example.cn", &[Role::Buyer]).await;
    let room = buyer.page(&format!("/live/{}", session.id)).await;
    assert!(room.contains("id=\"coupon-card\"") && room.contains("/assets/live_coupon.js"));
    let script = buyer.get("/assets/live_coupon.js").await;
    assert_eq!(script.status(), 200);
    let csrf = buyer.csrf().await;
    let claimed = buyer
        .client
        .post(buyer.url(&format!("/api/v1/coupons/{}/claims", coupons[0].id)))
        .header("x-csrf-token", csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(
        claimed.status(),
        201,
        "a claim from the room's page session"
    );

    let (product, sku) = goji.ids();
    buyer
        .post_form(
            "/cart",
            &[("product", &product), ("sku", &sku), ("quantity", "1")],
        )
        .await;
    let cart = buyer.page("/cart").await;
    assert!(cart.contains("id=\"cart-coupons\""), "{cart}");
    assert!(
        cart.contains(" checked>"),
        "the best coupon is pre-selected"
    );

    let mine = buyer.page("/account/coupons").await;
    assert!(mine.contains("claim-unused"), "{mine}");
    assert!(buyer.page("/account").await.contains("/account/coupons"));
}
