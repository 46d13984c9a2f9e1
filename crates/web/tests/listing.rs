//! A producer lists a product through the console's form, the hub approves it, and buyers see
//! its page with price per unit and per 500 g.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use support::{TestApp, VILLAGE};

fn goji_form(price: &str) -> Vec<(&'static str, String)> {
    let mut form = vec![
        ("title", "柴达木黑枸杞 特级".to_owned()),
        ("title_en", "Qaidam black goji".to_owned()),
        ("category", "fruit".to_owned()),
        ("grade", "特级".to_owned()),
        ("origin", VILLAGE.to_owned()),
        ("description", "海拔三千米，自然晾晒。".to_owned()),
        ("season", "8".to_owned()),
        ("season", "9".to_owned()),
        ("ships_from", String::new()),
    ];
    for (name, price, unit, net, stock) in [
        ("250g 袋装", price, "g", "250", "120"),
        ("", "", "g", "", ""),
    ] {
        form.extend([
            ("sku_name", name.to_owned()),
            ("price", price.to_owned()),
            ("unit", unit.to_owned()),
            ("net_weight_g", net.to_owned()),
            ("shipping_weight_g", String::new()),
            ("stock", stock.to_owned()),
        ]);
    }
    form
}

async fn post(
    visitor: &support::Visitor,
    path: &str,
    form: &[(&str, String)],
) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    visitor.post_form(path, &fields).await
}

#[tokio::test]
async fn a_product_goes_from_the_console_form_through_review_to_its_public_page() {
    let app = TestApp::spawn().await;
    let owner = app.account("zhuoma@example.cn", &[Role::Buyer]).await;
    let shop = app.shop_for(&owner, "卓玛家庭农场").await;
    let producer = app.visitor();
    producer.sign_in("zhuoma@example.cn").await;

    let form_page = producer
        .get(&format!("/console/shops/{}/products/new", shop.id))
        .await;
    assert_eq!(form_page.status(), 200);
    let created = post(
        &producer,
        &format!("/console/shops/{}/products", shop.id),
        &goji_form("68.00"),
    )
    .await;
    assert_eq!(created.status(), 303);
    let list = producer
        .get(&format!("/console/shops/{}/products", shop.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("柴达木黑枸杞 特级"));
    assert!(list.contains("status-pending"));
    let start = list.find("id=\"product-").unwrap() + "id=\"product-".len();
    let product_id = list[start..start + 36].to_owned();

    let buyer = app.visitor();
    assert_eq!(
        buyer.get(&format!("/products/{product_id}")).await.status(),
        404,
        "not listed yet"
    );
    assert_eq!(
        producer
            .get(&format!("/products/{product_id}"))
            .await
            .status(),
        200,
        "its shop sees it before the hub has"
    );

    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let queue = hub.get("/hub/listings").await.text().await.unwrap();
    assert!(queue.contains(&format!("listing-{product_id}")));
    assert_eq!(
        hub.post_form(&format!("/hub/listings/{product_id}/approve"), &[])
            .await
            .status(),
        303
    );

    let page = buyer.get(&format!("/products/{product_id}")).await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("¥68.00"));
    assert!(
        page.contains("¥136.00"),
        "price per 500 g of a 250 g bag: {page}"
    );
    assert!(page.contains("卓玛家庭农场"));
}

#[tokio::test]
async fn a_bad_listing_is_shown_back_with_its_errors_and_other_shops_are_refused() {
    let app = TestApp::spawn().await;
    let owner = app.account("zhuoma@example.cn", &[Role::Buyer]).await;
    let shop = app.shop_for(&owner, "卓玛家庭农场").await;
    let producer = app.visitor();
    producer.sign_in("zhuoma@example.cn").await;
    let refused = producer
        .client
        .post(producer.url(&format!("/console/shops/{}/products", shop.id)))
        .header("accept-language", "en")
        .form(&[
            ("csrf", producer.csrf().await),
            ("title", "x".into()),
            ("sku_name", "bag".into()),
            ("price", "6.8.0".into()),
            ("unit", "g".into()),
            ("net_weight_g", "250".into()),
            ("stock", "1".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains(r#"data-field="title">Title: must be at least 2 characters"#),
        "{page}"
    );
    assert!(page.contains(r#"data-field="price">Price: is not valid"#));
    assert!(page.contains(r#"value="x""#), "what was typed is kept");

    let stranger = app.signed_in("other@example.cn", &[Role::Buyer]).await;
    let other = app.account("tashi@example.cn", &[Role::Buyer]).await;
    app.shop_for(&other, "扎西合作社").await;
    assert_eq!(
        post(
            &stranger,
            &format!("/console/shops/{}/products", shop.id),
            &goji_form("68")
        )
        .await
        .status(),
        403
    );
    let list = producer
        .get(&format!("/console/shops/{}/products", shop.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(!list.contains("柴达木黑枸杞"), "nothing was stored");
}
