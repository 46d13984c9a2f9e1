//! County campaigns through the pages: the hub sets one up on its form (bad rules told against
//! their fields, anyone else refused), lists it running, ends it once; the landing page and its
//! banner show it; product and cart pages show the campaign price checkout charges, and the cart
//! says how near it is to a spend-save.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use support::market::{paid_order, stall};
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
    let producer = app.visitor();
    producer.sign_in("p@example.cn").await;
    let (_, console) = producer.page_en("/console").await;
    assert!(console.contains(
        "Your products are in Harvest: 20% off, until {ends}. You bear 60% of each discount, the platform 40%."
            .replace("{ends}", &ends[..10])
            .as_str()
    ));

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
    assert!(product.contains(r#"<b id="product-price" style="font-size:1.6rem">¥54.40</b>"#));
    assert!(
        product.contains(r#"id="product-per-500g">¥54.40"#),
        "the price per 500 g follows"
    );
    assert!(product.contains(r#"<s class="muted was-price">¥68.00</s>"#));
    let (_, found) = buyer.page_en("/search?category=fruit").await;
    assert!(found.contains("¥54.40"), "search shows the campaign price");
    let (_, feed) = buyer.page_en("/feed").await;
    assert!(
        feed.contains("¥54.40") && !feed.contains("¥68.00"),
        "so does the feed"
    );
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

    let li = app.account("li@example.cn", &[Role::Buyer]).await;
    paid_order(&app, &li, &goji, 1).await;
    let (status, stats) = hub.page_en("/stats?period=month").await;
    assert_eq!(status, 200);
    let table = &stats[stats
        .find(r#"id="table-campaigns""#)
        .expect("a campaigns table")..];
    let table = &table[..table.find("</table>").unwrap()];
    assert!(
        table.contains("Harvest") && table.contains("13.60"),
        "{table}"
    );

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

/// The code of the coupon on the hub's coupons page (the newest last).
fn last_code(page: &str) -> String {
    let at = page
        .rfind(r#"<code class="coupon-code">"#)
        .expect("a coupon is listed");
    let start = at + r#"<code class="coupon-code">"#.len();
    page[start..start + 8].to_owned()
}

#[tokio::test]
async fn the_hub_issues_a_coupon_a_buyer_claims_it_once_and_checkout_takes_it() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "p@example.cn", "黑枸杞", "68.00").await;
    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let buyer = app.signed_in("wang@example.cn", &[Role::Buyer]).await;
    let (starts, ends) = window(&app, 7);
    let festival = [
        ("name", "New Year"),
        ("starts", &starts),
        ("ends", &ends),
        ("rule", "percent_off"),
        ("percent_off", "10"),
        ("platform_share", "100"),
        ("scope", "everything"),
    ];
    assert_eq!(create(&hub, &festival).await.0, 303);
    let (_, list) = hub.page_en("/hub/campaigns").await;
    let id = campaign_id(&list, "New Year");
    let coupons = format!("/hub/campaigns/{id}/coupons");

    let coupon = |off: &'static str| {
        vec![
            ("kind", "amount"),
            ("amount_off", off),
            ("minimum_spend", "100"),
            ("quantity", "50"),
            ("per_buyer_limit", "1"),
            ("valid_days", "7"),
        ]
    };
    let (status, page) = hub.post_en(&coupons, &coupon("100")).await;
    assert_eq!(status, 422, "a coupon as large as its minimum spend");
    assert!(page.contains(r#"data-field="minimum_spend""#));
    let (status, _) = buyer.post_en(&coupons, &coupon("15")).await;
    assert_eq!(status, 403);
    assert_eq!(hub.post_form(&coupons, &coupon("15")).await.status(), 303);
    let (_, page) = hub.page_en(&coupons).await;
    let code = last_code(&page);
    assert!(page.contains("¥15.00 off from ¥100.00") && page.contains("0 of 50 claimed"));

    let landing = format!("/campaigns/{id}");
    let (_, page) = app.visitor().page_en(&landing).await;
    assert!(page.contains(&code) && page.contains("Sign in to claim"));
    let claim = format!("/campaigns/{id}/claim");
    let claimed = buyer.post_form(&claim, &[("code", &code)]).await;
    assert_eq!(claimed.status(), 303);
    let (_, page) = buyer.page_en(&format!("{landing}?claimed=1")).await;
    assert!(page.contains(r#"id="coupon-claimed""#));
    let (status, page) = buyer.post_en(&claim, &[("code", &code)]).await;
    assert_eq!(status, 409, "one per buyer");
    assert!(page.contains("as many of this coupon as one buyer may"));
    let guessed = if code == "ABCDEFGH" {
        "HGFEDCBA"
    } else {
        "ABCDEFGH"
    };
    let (status, page) = buyer.post_en(&claim, &[("code", guessed)]).await;
    assert_eq!(status, 409);
    assert!(page.contains("No coupon has this code."));

    let (product, sku) = goji.ids();
    buyer
        .post_form(
            "/cart",
            &[("product", &product), ("sku", &sku), ("quantity", "2")],
        )
        .await;
    let (_, cart) = buyer.page_en("/cart").await;
    assert!(cart.contains(r#"id="campaign-coupons""#));
    assert!(cart.contains("New Year · ¥15.00 off from ¥100.00 · saves ¥15.00"));
    let claim_id = {
        let at = cart.find(r#"name="campaign_coupon" value=""#).unwrap();
        let start = at + r#"name="campaign_coupon" value=""#.len();
        cart[start..start + 36].to_owned()
    };
    let key = {
        let at = cart.find(r#"name="idempotency_key" value=""#).unwrap();
        let start = at + r#"name="idempotency_key" value=""#.len();
        cart[start..start + 32].to_owned()
    };
    let placed = buyer
        .post_form(
            "/checkout",
            &[
                ("idempotency_key", &key),
                ("campaign_coupon", &claim_id),
                ("recipient", "王芳"),
                ("phone", "13800138000"),
                ("province", "63"),
                ("city", "海西州"),
                ("county", "格尔木市"),
                ("detail", "昆仑路1号"),
            ],
        )
        .await;
    assert_eq!(placed.status(), 303, "on to the cashier");
    let (_, orders) = buyer.page_en("/orders").await;
    // 2 × ¥61.20 = ¥122.40, less ¥15.00.
    assert!(orders.contains("-¥15.00"), "{orders}");
    let (_, page) = hub.page_en(&coupons).await;
    assert!(page.contains("1 of 50 claimed"));
}

#[tokio::test]
async fn the_hub_chooses_products_by_link_or_producers_to_take_part() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "p@example.cn", "黑枸杞", "68.00").await;
    let salt = stall(&app, "q@example.cn", "茶卡盐", "20.00").await;
    app.services.publish_search_updates().await.unwrap();
    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let (starts, ends) = window(&app, 7);
    let base = |name: &'static str, scope: &'static str| {
        vec![
            ("name", name),
            ("rule", "fixed_price"),
            ("fixed_price", "9.90"),
            ("platform_share", "0"),
            ("scope", scope),
        ]
    };

    let link = format!(
        "https://farmgate.example/products/{}?video=x",
        goji.item.product
    );
    let mut chosen = base("Chosen", "products");
    chosen.extend([("starts", starts.as_str()), ("ends", ends.as_str())]);
    let mut bogus = chosen.clone();
    bogus.push(("products", "not a product"));
    let (status, page) = create(&hub, &bogus).await;
    assert_eq!(status, 422);
    assert!(page.contains(r#"data-field="products""#));
    chosen.push(("products", &link));
    assert_eq!(create(&hub, &chosen).await.0, 303);

    let shop_box = format!("shop-{}", salt.shop);
    let (_, form) = hub.page_en("/hub/campaigns").await;
    assert!(
        form.contains(&format!(r#"name="{shop_box}""#)),
        "the producers are offered"
    );
    let mut producers = base("Producers", "shops");
    producers.extend([
        ("starts", starts.as_str()),
        ("ends", ends.as_str()),
        (&shop_box, "on"),
    ]);
    assert_eq!(create(&hub, &producers).await.0, 303);

    let (_, list) = hub.page_en("/hub/campaigns").await;
    for (name, taking_part, left_out) in [
        ("Chosen", "黑枸杞", "茶卡盐"),
        ("Producers", "茶卡盐", "黑枸杞"),
    ] {
        let (_, landing) = app
            .visitor()
            .page_en(&format!("/campaigns/{}", campaign_id(&list, name)))
            .await;
        let products = &landing[landing.find(r#"id="campaign-products""#).unwrap()..];
        assert!(
            products.contains(taking_part) && !products.contains(left_out),
            "{name}"
        );
        assert!(products.contains("¥9.90"));
    }
}
