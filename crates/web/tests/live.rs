//! Live sessions over HTTP: a producer schedules one from the console form (bad input comes
//! back field by field), gets the push server and key, the session is listed and its room
//! shows the trailer; once the stream starts, followers are notified, the host pins a product
//! and the room shows it; the key never appears on a viewer's page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::id::LiveSessionId;
use farmgate_domain::role::Role;
use support::market::stall;
use support::TestApp;

fn tomorrow_local(app: &TestApp) -> String {
    let at = app.services.clock.now().plus_days(1);
    jiff::Timestamp::from_millisecond(at.millis())
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::get("Asia/Shanghai").unwrap())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

#[tokio::test]
async fn a_host_schedules_streams_and_pins_while_viewers_follow() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "柴达木黑枸杞", "68.00").await;
    let host = app.visitor();
    host.sign_in("zhuoma@example.cn").await;
    let console = format!("/console/shops/{}/live", goji.shop);
    assert!(
        host.page(&console).await.contains("柴达木黑枸杞"),
        "the bag offers the shop's products"
    );

    let bad = host
        .post_form(&console, &[("title", ""), ("starts_at", "not a time")])
        .await;
    assert_eq!(bad.status(), 422);
    let page = bad.text().await.unwrap();
    for field in ["title", "starts_at", "products"] {
        assert!(
            page.contains(&format!("data-field=\"{field}\"")),
            "{field} error shown"
        );
    }

    let product = goji.item.product.to_string();
    let when = tomorrow_local(&app);
    let created = host
        .post_form(
            &console,
            &[
                ("title", "枸杞采摘直播"),
                ("trailer", "明早田间见"),
                ("starts_at", &when),
                ("product", &product),
            ],
        )
        .await;
    assert_eq!(created.status(), 303);
    let manage = created.headers()["location"].to_str().unwrap().to_owned();
    let id = LiveSessionId::parse(manage.trim_start_matches("/console/live/")).unwrap();
    let session = app.services.store.live_session(&id).await.unwrap().unwrap();
    let manage_page = host.page(&manage).await;
    assert!(
        manage_page.contains(&session.stream_key),
        "the host sees the key"
    );
    assert!(
        manage_page.contains("rtmp://127.0.0.1:"),
        "and where to push"
    );

    let fan = app.signed_in("fan@example.cn", &[Role::Buyer]).await;
    let room_path = format!("/live/{id}");
    let room = fan.page(&room_path).await;
    assert!(
        room.contains("明早田间见"),
        "the trailer shows before the stream"
    );
    assert!(
        !room.contains(&session.stream_key),
        "viewers never see the key"
    );
    let follow = fan
        .post_form(
            &format!("/shops/{}/follow", goji.shop),
            &[("next", &room_path)],
        )
        .await;
    assert_eq!(follow.status(), 303);
    assert_eq!(follow.headers()["location"], room_path.as_str());
    assert!(app.visitor().page("/live").await.contains("枸杞采摘直播"));

    // nginx reports the stream; the session is live and followers hear about it.
    app.services
        .live_publish_authorized(&session.stream_key)
        .await
        .unwrap();
    let notes = fan.page("/notifications").await;
    assert!(notes.contains(&room_path), "{notes}");

    let pinned = host
        .post_form(&format!("{manage}/pin"), &[("product", &product)])
        .await;
    assert_eq!(pinned.status(), 303);
    assert!(
        host.page(&manage).await.contains("flash-sales/new"),
        "a live session offers a flash sale"
    );
    let room = app.visitor().page(&room_path).await;
    assert!(room.contains("id=\"pinned-card\""), "the pinned card shows");
    assert!(room.contains(&format!("data-product=\"{product}\"")));
}

#[tokio::test]
async fn strangers_cannot_reach_a_session_and_junk_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "柴达木黑枸杞", "68.00").await;
    let form = farmgate_services::live::LiveForm {
        title: "枸杞采摘直播".into(),
        trailer: String::new(),
        starts_at: Some(app.services.clock.now().plus_days(1)),
        products: vec![goji.item.product.to_string()],
    };
    let session = app
        .services
        .schedule_live(&goji.producer, &goji.shop, &form)
        .await
        .unwrap();
    let stranger = app.signed_in("x@example.cn", &[Role::Buyer]).await;
    let manage = stranger.get(&format!("/console/live/{}", session.id)).await;
    assert_eq!(manage.status(), 403);
    assert_eq!(stranger.get("/live/not-an-id").await.status(), 404);
    assert_eq!(
        stranger
            .get("/live/01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d0e")
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn a_county_host_picks_any_shop_and_a_buyer_has_no_host_page() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "柴达木黑枸杞", "68.00").await;
    let host = app.signed_in("host@example.cn", &[Role::LiveHost]).await;
    let page = host.page("/console/live").await;
    assert!(
        page.contains(&format!("/console/shops/{}/live", goji.shop)),
        "{page}"
    );
    let sessions = host
        .page(&format!("/console/shops/{}/live", goji.shop))
        .await;
    assert!(
        sessions.contains("柴达木黑枸杞"),
        "the host may fill this shop's bag"
    );
    let buyer = app.signed_in("buyer@example.cn", &[Role::Buyer]).await;
    assert_eq!(buyer.get("/console/live").await.status(), 403);
    let picked = buyer
        .get(&format!("/console/live/shop?shop={}", goji.shop))
        .await;
    assert_eq!(picked.status(), 303);
    assert_eq!(
        picked.headers()["location"].to_str().unwrap(),
        format!("/console/shops/{}/live", goji.shop)
    );
}
