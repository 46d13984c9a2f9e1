//! Buyers find listed products in Chinese, pinyin and English, soon after the hub approves
//! them; unlisted products never show.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::listing::ListingEvent;
use farmgate_domain::role::Role;
use farmgate_services::catalogue::{ProductForm, SkuForm};
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
