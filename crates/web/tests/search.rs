//! Buyers find listed products in Chinese, pinyin and English, soon after the hub approves
//! them; unlisted products never show; stock that comes back is in stock for search again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;

use farmgate_domain::listing::ListingEvent;
use farmgate_domain::role::Role;
use farmgate_payments::sandbox::REFUND_SETTLES_AFTER_MILLIS;
use farmgate_services::after_sales::AfterSaleForm;
use farmgate_services::catalogue::{ProductForm, SkuForm};
use farmgate_services::FixedClock;
use support::market::{as_actor, checkout_request, paid_order, stall, Http};
use support::{TestApp, VILLAGE};

#[tokio::test]
async fn approved_products_are_found_by_chinese_pinyin_and_english() {
    let app = TestApp::spawn().await;
    let owner = app.account("zhuoma@example.cn", &[Role::Buyer]).await;
    let shop = app.shop_for(&owner, "卓玛家庭农场").await;
    let actor = farmgate_domain::access::Actor {
        account_id: owner.id,
        roles: vec![Role::Producer],
        shops: vec![shop.id.clone()],
    };
    let hub = farmgate_domain::access::Actor {
        account_id: actor.account_id.clone(),
        roles: vec![Role::HubOperator],
        shops: vec![],
    };
    let mut ids = Vec::new();
    for (title, en, category) in [
        ("柴达木黑枸杞 特级", "Qaidam black goji", "fruit"),
        ("高原藜麦", "Highland quinoa", "grain"),
        ("雪山蜂蜜", "Snow mountain honey", "honey"),
    ] {
        let form = ProductForm {
            title: title.into(),
            title_en: en.into(),
            category: category.into(),
            grade: "特级".into(),
            origin: VILLAGE.into(),
            skus: vec![SkuForm {
                name: "500g".into(),
                price: "50".into(),
                unit: "g".into(),
                net_weight_g: "500".into(),
                stock: "9".into(),
                ..SkuForm::default()
            }],
            ..ProductForm::default()
        };
        ids.push(
            app.services
                .create_product(&actor, &shop.id, &form)
                .await
                .unwrap()
                .product
                .id,
        );
    }
    for id in &ids[..2] {
        app.services
            .review_product(&hub, id, ListingEvent::Approve)
            .await
            .unwrap();
    }
    assert_eq!(app.services.publish_search_updates().await.unwrap(), 2);

    let find = |q: &str| {
        let url = app.url(&format!("/api/v1/products?q={q}"));
        async move {
            reqwest::get(url)
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    for q in [
        "枸杞",
        "gouqi",
        "gq",
        "goji",
        "quinoa",
        "quinao",
        "%E8%97%9C%E9%BA%A6",
    ] {
        let found = find(q).await;
        assert!(
            found["total"].as_u64().unwrap() >= 1,
            "{q} finds something: {found}"
        );
    }
    assert_eq!(
        find("goji").await["products"][0]["title"],
        "柴达木黑枸杞 特级"
    );
    assert_eq!(
        find("honey").await["total"],
        0,
        "the unapproved honey is not listed"
    );

    let page = app
        .visitor()
        .get("/search?q=%E6%9E%B8%E6%9D%9E")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("柴达木黑枸杞 特级"), "{page}");
    let bad = reqwest::get(app.url("/api/v1/products?sort=cheapest"))
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
}

/// Stock that an unpaid order's expiry or a refund before shipping gives back is found by "in
/// stock" searches again at the index's next publication.
#[tokio::test]
async fn stock_given_back_is_in_stock_for_search_again() {
    let app = TestApp::spawn().await;
    let stall = stall(&app, "zhuoma@example.cn", "柴达木黑枸杞", "68").await;
    let buyer = app.account("buyer@example.cn", &[Role::Buyer]).await;
    let in_stock = || async {
        app.services.publish_search_updates().await.unwrap();
        let url = app.url("/api/v1/products?q=gouqi&in_stock=true");
        let found: serde_json::Value = reqwest::get(url).await.unwrap().json().await.unwrap();
        found["total"].as_u64().unwrap()
    };
    assert_eq!(in_stock().await, 1);

    app.services
        .checkout(&as_actor(&buyer), &checkout_request(&stall, 20))
        .await
        .unwrap();
    assert_eq!(in_stock().await, 0, "every unit waits for a payment");
    let mut later = app.services.clone();
    let pay_by_passed = app.services.clock.now().plus_millis(31 * 60_000);
    later.clock = Arc::new(FixedClock::new(pay_by_passed));
    assert_eq!(later.expire_unpaid_orders().await.unwrap(), 1);
    assert_eq!(in_stock().await, 1, "the expired order gave its stock back");

    let order = paid_order(&app, &buyer, &stall, 20).await;
    assert_eq!(in_stock().await, 0, "every unit sold");
    let form = AfterSaleForm {
        kind: "refund_only".into(),
        reason: "no_longer_wanted".into(),
        ..AfterSaleForm::default()
    };
    let case = app
        .services
        .open_after_sale(&as_actor(&buyer), &order.id, &form, vec![])
        .await
        .unwrap();
    app.services
        .approve_after_sale(&stall.producer, &case.id, "")
        .await
        .unwrap();
    let settled = app
        .services
        .clock
        .now()
        .plus_millis(REFUND_SETTLES_AFTER_MILLIS);
    app.sandbox.deliver_due(&Http, settled).await.unwrap();
    assert_eq!(
        in_stock().await,
        1,
        "refunded before shipping: back in stock"
    );
}

/// Most checkouts leave a product in stock, so its document is as published: the index is not
/// written. The one that sells the last unit is.
#[tokio::test]
async fn only_checkouts_that_change_a_document_write_the_index() {
    let app = TestApp::spawn().await;
    let stall = stall(&app, "zhuoma@example.cn", "柴达木黑枸杞", "68").await;
    let buyer = as_actor(&app.account("buyer@example.cn", &[Role::Buyer]).await);
    app.services.publish_search_updates().await.unwrap();
    let mut request = checkout_request(&stall, 1);
    app.services.checkout(&buyer, &request).await.unwrap();
    assert_eq!(app.services.publish_search_updates().await.unwrap(), 0);
    request = checkout_request(&stall, 19);
    app.services.checkout(&buyer, &request).await.unwrap();
    assert_eq!(
        app.services.publish_search_updates().await.unwrap(),
        1,
        "sold out"
    );
}
