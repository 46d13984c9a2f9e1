//! A producer edits a listed product from the console: a new title sends it back to the hub's
//! review and out of search until approved; a new price goes live (and into search) at once; a
//! bad edit is shown back with its errors; a new photo is reviewed like a new title.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::id::ProductId;
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::role::Role;
use reqwest::multipart::{Form, Part};
use support::market::stall;
use support::{TestApp, Visitor, VILLAGE};

struct Listed {
    app: TestApp,
    producer: Visitor,
    product: ProductId,
    sku: String,
}

/// A listed, indexed goji of a signed-in producer's shop.
async fn listed() -> Listed {
    let app = TestApp::spawn().await;
    let stall = stall(&app, "zhuoma@example.cn", "柴达木黑枸杞", "68").await;
    app.services.publish_search_updates().await.unwrap();
    let producer = app.visitor();
    producer.sign_in("zhuoma@example.cn").await;
    Listed {
        app,
        producer,
        product: stall.item.product,
        sku: stall.item.sku.to_string(),
    }
}

impl Listed {
    async fn save(&self, title: &str, price: &str) -> reqwest::Response {
        let fields = [
            ("title", title),
            ("category", "fruit"),
            ("grade", "特级"),
            ("origin", VILLAGE),
            ("sku_id", self.sku.as_str()),
            ("sku_name", "500g"),
            ("price", price),
            ("unit", "g"),
            ("net_weight_g", "500"),
            ("shipping_weight_g", ""),
            ("stock", ""),
        ];
        self.producer
            .post_form(&format!("/console/products/{}/edit", self.product), &fields)
            .await
    }

    /// The search API's answer for "goji": (total, lowest price in fen of the first hit).
    async fn search_goji(&self) -> (u64, Option<i64>) {
        self.app.services.publish_search_updates().await.unwrap();
        let found: serde_json::Value = reqwest::get(self.app.url("/api/v1/products?q=gouqi"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        (
            found["total"].as_u64().unwrap(),
            found["products"][0]["price_fen"].as_i64(),
        )
    }

    async fn status(&self) -> ListingStatus {
        let detail = self
            .app
            .services
            .store
            .product(&self.product)
            .await
            .unwrap();
        detail.unwrap().product.status
    }
}

#[tokio::test]
async fn the_edit_page_is_the_product_form_filled_in() {
    let l = listed().await;
    let page = l
        .producer
        .get(&format!("/console/products/{}/edit", l.product))
        .await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(
        page.contains(r#"name="title" value="柴达木黑枸杞""#),
        "{page}"
    );
    assert!(page.contains(r#"value="68.00""#));
    assert!(page.contains(&format!(r#"name="sku_id" value="{}""#, l.sku)));
    assert!(
        page.contains(r#"name="sku_id" value="""#),
        "a row to add a variant"
    );
    assert!(page.contains("edit-review-note"));
}

#[tokio::test]
async fn a_new_title_is_reviewed_and_hidden_meanwhile() {
    let l = listed().await;
    assert_eq!(l.search_goji().await.0, 1);
    let saved = l.save("柴达木黑枸杞 新货", "68").await;
    assert_eq!(saved.status(), 303);
    assert_eq!(l.status().await, ListingStatus::PendingReview);
    let buyer = l.app.visitor();
    let page = buyer.get(&format!("/products/{}", l.product)).await;
    assert_eq!(page.status(), 404, "hidden until the hub approves");
    assert_eq!(l.search_goji().await.0, 0, "out of search too");

    let hub = l
        .app
        .signed_in("hub@example.cn", &[Role::HubOperator])
        .await;
    let approved = hub
        .post_form(&format!("/hub/listings/{}/approve", l.product), &[])
        .await;
    assert_eq!(approved.status(), 303);
    let page = buyer.get(&format!("/products/{}", l.product)).await;
    assert!(page.text().await.unwrap().contains("柴达木黑枸杞 新货"));
    assert_eq!(l.search_goji().await.0, 1);
}

#[tokio::test]
async fn a_new_price_goes_live_at_once() {
    let l = listed().await;
    let saved = l.save("柴达木黑枸杞", "72.50").await;
    assert_eq!(saved.status(), 303);
    assert_eq!(l.status().await, ListingStatus::Listed);
    let page = l
        .app
        .visitor()
        .get(&format!("/products/{}", l.product))
        .await;
    assert!(page.text().await.unwrap().contains("¥72.50"));
    assert_eq!(
        l.search_goji().await,
        (1, Some(7_250)),
        "the index has the new price"
    );
    let detail = l
        .app
        .services
        .store
        .product(&l.product)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(detail.skus[0].stock, 20, "stock is untouched");
}

#[tokio::test]
async fn a_bad_edit_is_shown_back_and_changes_nothing() {
    let l = listed().await;
    let refused = l.save("柴", "6.8.0").await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains(r#"data-field="title""#), "{page}");
    assert!(page.contains(r#"data-field="price""#));
    assert!(page.contains(r#"value="6.8.0""#), "what was typed is kept");
    assert_eq!(l.status().await, ListingStatus::Listed);

    let stranger = l.app.signed_in("tashi@example.cn", &[Role::Buyer]).await;
    let denied = stranger
        .post_form(
            &format!("/console/products/{}/edit", l.product),
            &[("title", "抢来的"), ("sku_id", &l.sku), ("price", "1")],
        )
        .await;
    assert_eq!(denied.status(), 403);
    assert_eq!(l.search_goji().await, (1, Some(6_800)));
}

#[tokio::test]
async fn a_new_photo_on_a_listed_product_is_reviewed() {
    let l = listed().await;
    let jpeg = farmgate_media::demo_photo(farmgate_media::Subject::BlackGoji, 1)
        .unwrap()
        .rendition(farmgate_media::Rendition::Thumb)
        .unwrap()
        .to_vec();
    let form = Form::new()
        .text("csrf", l.producer.csrf().await)
        .part("photo", Part::bytes(jpeg).file_name("goji.jpg"));
    let uploaded = l
        .producer
        .client
        .post(
            l.producer
                .url(&format!("/console/products/{}/photos", l.product)),
        )
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), 303);
    assert_eq!(l.status().await, ListingStatus::PendingReview);
}
