//! County campaigns through the pages: the hub sets one up on its form (bad rules told against
//! their fields, anyone else refused), lists it running, ends it once; the landing page and its
//! banner show it; product and cart pages show the campaign price checkout charges, and the cart
//! says how near it is to a spend-save.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use support::market::stall;
use support::{TestApp, Visitor};

/// `datetime-local` values in the county's zone: from an hour ago, for `days`.
fn window(app: &TestApp, days: i64) -> (String, String) {
    let at = |millis: i64| {
        jiff::Timestamp::from_millisecond(millis)
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::get("Asia/Shanghai").unwrap())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let now = app.services.clock.now().millis();
    (at(now - 3_600_000), at(now + days * 86_400_000))
}

async fn create(hub: &Visitor, fields: &[(&str, &str)]) -> (u16, String) {
    hub.post_en("/hub/campaigns", fields).await
}

/// The id of the campaign named `name` on the hub's list.
fn campaign_id(list: &str, name: &str) -> String {
    let at = list.find(&format!(">{name}</a>")).expect("listed");
    let start = list[..at].rfind("/campaigns/").unwrap() + "/campaigns/".len();
    list[start..start + 36].to_owned()
}

#[tokio::test]
async fn the_hub_runs_a_campaign_that_pages_and_the_cart_price_as_checkout_does() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "p@example.cn", "黑枸杞", "68.00").await;
    app.services.publish_search_updates().await.unwrap();
    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let buyer = app.signed_in("wang@example.cn", &[Role::Buyer]).await;
    let (starts, ends) = window(&app, 7);

    let (status, page) = hub.page_en("/hub/campaigns").await;
    assert_eq!((status, page.contains("No campaigns yet.")), (200, true));
    let harvest = [
        ("name", "Harvest"),
        ("starts", &starts),
        ("ends", &ends),
        ("rule", "percent_off"),
        ("percent_off", "20"),
        ("platform_share", "40"),
        ("scope", "categories"),
        ("category-fruit", "on"),
    ];
    let (status, _) = create(&buyer, &harvest).await;
    assert_eq!(status, 403, "only the hub sets up campaigns");

    let mut absurd = harvest.to_vec();
    absurd[0] = ("name", "");
    absurd[4] = ("percent_off", "95");
    let (status, page) = create(&hub, &absurd).await;
    assert_eq!(status, 422);
    assert!(page.contains(r#"data-field="name""#));
    assert!(page.contains(r#"data-field="percent_off""#));
    assert!(
        page.contains(r#"value="95""#),
        "the form comes back as typed"
    );
    assert!(!page.contains("campaign-row"), "nothing was created");

    let (status, _) = create(&hub, &harvest).await;
    assert_eq!(status, 303, "back to the list");
    let (_, list) = hub.page_en("/hub/campaigns").await;
    assert!(list.contains("Running") && list.contains("20% off"));
    let id = campaign_id(&list, "Harvest");

    let (status, landing) = app.visitor().page_en(&format!("/campaigns/{id}")).await;
    assert_eq!(status, 200);
    assert!(landing.contains("黑枸杞"), "the fruit takes part");
    assert!(landing.contains("¥54.40") && landing.contains("¥68.00"));
    let banner = app
        .visitor()
        .get(&format!("/campaigns/{id}/banner.svg"))
        .await;
    assert_eq!(
        banner.headers()["content-type"],
        "image/svg+xml; charset=utf-8"
    );
    assert!(banner.text().await.unwrap().contains("Harvest"));

    let (_, product) = buyer
        .page_en(&format!("/products/{}", goji.item.product))
        .await;
    assert!(product.contains(r#"id="campaign-offer""#));
    assert!(product.contains("¥54.40"));
    let (product_id, sku) = goji.ids();
    buyer
        .post_form(
            "/cart",
            &[("product", &product_id), ("sku", &sku), ("quantity", "2")],
        )
        .await;
    let (_, cart) = buyer.page_en("/cart").await;
    assert!(cart.contains("¥108.80"), "two at the campaign price");
    assert!(!cart.contains("cart-saving"));

    let save = [
        ("name", "Winter"),
        ("starts", &starts),
        ("ends", &ends),
        ("rule", "spend_save"),
        ("threshold", "150"),
        ("amount_off", "20"),
        ("platform_share", "100"),
        ("scope", "everything"),
    ];
    assert_eq!(create(&hub, &save).await.0, 303);
    let (_, cart) = buyer.page_en("/cart").await;
    assert!(cart.contains("Winter: add ¥41.20 of its goods for ¥20.00 off"));

    let end = format!("/hub/campaigns/{id}/end");
    assert_eq!(hub.post_en(&end, &[]).await.0, 303);
    let (status, page) = hub.post_en(&end, &[]).await;
    assert_eq!(status, 409);
    assert!(page.contains("already ended"));
    let (_, landing) = app.visitor().page_en(&format!("/campaigns/{id}")).await;
    assert!(landing.contains("campaign-not-running") && !landing.contains("¥54.40"));
    let (_, cart) = buyer.page_en("/cart").await;
    assert!(cart.contains("¥136.00"), "back at the shelf price");
}
