//! A producer adds a photo to a product; it is resized, stored and served with its page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use farmgate_media::{Rendition, Subject};
use farmgate_services::catalogue::{ProductForm, SkuForm};
use reqwest::multipart::{Form, Part};
use support::{TestApp, VILLAGE};

#[tokio::test]
async fn an_uploaded_photo_is_resized_stored_and_served() {
    let app = TestApp::spawn().await;
    let owner = app.account("zhuoma@example.cn", &[Role::Buyer]).await;
    let shop = app.shop_for(&owner, "卓玛家庭农场").await;
    let actor = farmgate_domain::access::Actor {
        account_id: owner.id,
        roles: vec![Role::Producer],
        shops: vec![shop.id.clone()],
    };
    let form = ProductForm {
        title: "柴达木黑枸杞".into(),
        category: "fruit".into(),
        grade: "特级".into(),
        origin: VILLAGE.into(),
        skus: vec![SkuForm {
            name: "250g".into(),
            price: "98".into(),
            unit: "g".into(),
            net_weight_g: "250".into(),
            stock: "3".into(),
            ..SkuForm::default()
        }],
        ..ProductForm::default()
    };
    let product = app
        .services
        .create_product(&actor, &shop.id, &form)
        .await
        .unwrap()
        .product
        .id;
    let jpeg = farmgate_media::demo_photo(Subject::BlackGoji, 3)
        .unwrap()
        .rendition(Rendition::Card)
        .unwrap()
        .to_vec();

    let producer = app.visitor();
    producer.sign_in("zhuoma@example.cn").await;
    let upload = |bytes: Vec<u8>, who: &support::Visitor| {
        let csrf = who.cookie("fg_csrf").unwrap_or_default();
        let form = Form::new()
            .text("csrf", csrf)
            .part("photo", Part::bytes(bytes).file_name("goji.jpg"));
        who.client
            .post(who.url(&format!("/console/products/{product}/photos")))
            .multipart(form)
            .send()
    };
    producer.csrf().await;
    assert_eq!(upload(jpeg.clone(), &producer).await.unwrap().status(), 303);
    assert_eq!(
        upload(b"GIF89a not allowed".to_vec(), &producer)
            .await
            .unwrap()
            .status(),
        422
    );

    let stranger = app.signed_in("stranger@example.cn", &[Role::Buyer]).await;
    stranger.csrf().await;
    assert_eq!(upload(jpeg, &stranger).await.unwrap().status(), 403);

    let detail = app.services.product(Some(&actor), &product).await.unwrap();
    assert_eq!(detail.photos.len(), 1, "only the valid upload was kept");
    let file = &detail.photos[0].file_id;
    let page = producer
        .get(&format!("/console/shops/{}/products", shop.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("/photos/{file}/thumb.jpg")));
    for rendition in ["thumb.jpg", "card.jpg", "large.jpg"] {
        let served = producer.get(&format!("/photos/{file}/{rendition}")).await;
        assert_eq!(served.status(), 200);
        assert_eq!(served.headers()["content-type"], "image/jpeg");
        assert!(served.bytes().await.unwrap().starts_with(&[0xFF, 0xD8]));
    }
    for bad in [
        format!("/photos/{file}/huge.jpg"),
        "/photos/..%2F..%2Fetc/card.jpg".into(),
        "/photos/not-an-id/card.jpg".into(),
    ] {
        assert_eq!(producer.get(&bad).await.status(), 404, "{bad}");
    }
}
