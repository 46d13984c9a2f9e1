//! A host uploads a session's cover: checked and resized like product photos, shown on the
//! session's card, replaced by the next upload, and refused once the session is over.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use farmgate_media::{Rendition, Subject};
use reqwest::multipart::{Form, Part};
use support::market::stall;
use support::{TestApp, Visitor};

async fn upload(who: &Visitor, session: &str, bytes: Vec<u8>) -> reqwest::StatusCode {
    let csrf = who.cookie("fg_csrf").unwrap_or_default();
    let form = Form::new()
        .text("csrf", csrf)
        .part("cover", Part::bytes(bytes).file_name("cover.jpg"));
    who.client
        .post(who.url(&format!("/console/live/{session}/cover")))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_host_uploads_a_cover_that_the_sessions_card_shows() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "柴达木黑枸杞", "68.00").await;
    let form = farmgate_services::live::LiveForm {
        title: "枸杞采摘直播".into(),
        trailer: "明早九点".into(),
        starts_at: Some(app.services.clock.now().plus_days(1)),
        products: vec![goji.item.product.to_string()],
    };
    let session = app
        .services
        .schedule_live(&goji.producer, &goji.shop, &form)
        .await
        .unwrap();
    let id = session.id.to_string();
    let jpeg = farmgate_media::demo_photo(Subject::BlackGoji, 3)
        .unwrap()
        .rendition(Rendition::Card)
        .unwrap()
        .to_vec();

    let host = app.visitor();
    host.sign_in("zhuoma@example.cn").await;
    host.csrf().await;
    assert_eq!(upload(&host, &id, b"GIF89a".to_vec()).await, 422);
    assert_eq!(upload(&host, &id, jpeg.clone()).await, 303);
    let first = app
        .services
        .hosted_live(&goji.producer, &session.id)
        .await
        .unwrap()
        .cover_file_id
        .expect("a cover");
    let manage = host.page(&format!("/console/live/{id}")).await;
    assert!(
        manage.contains(&format!("/photos/{first}/card.jpg")),
        "{manage}"
    );
    let listing = app.visitor().page("/live").await;
    assert!(listing.contains(&format!("/photos/{first}/card.jpg")));
    let served = app
        .visitor()
        .get(&format!("/photos/{first}/card.jpg"))
        .await;
    assert_eq!(served.status(), 200);

    assert_eq!(upload(&host, &id, jpeg.clone()).await, 303);
    let second = app
        .services
        .hosted_live(&goji.producer, &session.id)
        .await
        .unwrap()
        .cover_file_id
        .unwrap();
    assert_ne!(second, first, "a new upload replaces the cover");
    let gone = app
        .visitor()
        .get(&format!("/photos/{first}/card.jpg"))
        .await;
    assert_eq!(gone.status(), 404, "the old cover's files are taken back");

    let stranger = app.signed_in("x@example.cn", &[Role::Buyer]).await;
    stranger.csrf().await;
    assert_eq!(upload(&stranger, &id, jpeg.clone()).await, 403);

    app.services
        .cancel_live(&goji.producer, &session.id)
        .await
        .unwrap();
    assert_eq!(upload(&host, &id, jpeg).await, 409);
}
