//! Live sessions through the use cases: only the shop hosts, only its key publishes and only
//! while the session is on, followers hear about it once, the replay knows where products were.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::live::LiveStatus;
use farmgate_domain::role::Role;
use farmgate_services::live::LiveForm;
use farmgate_services::ServiceError;
use support::{account, market, stall};

fn form(m: &support::Market, products: Vec<String>) -> LiveForm {
    LiveForm {
        title: "高原枸杞采摘直播".into(),
        trailer: "明早九点，田间直播".into(),
        starts_at: Some(m.clock.now_ms().plus_days(1)),
        products,
    }
}

#[tokio::test]
async fn a_session_goes_live_on_its_key_and_tells_followers_once() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68.00", "100").await;
    let fan = account(&m.store, "fan@example.cn", vec![Role::Buyer]).await;
    m.services
        .set_following(&fan, &goji.shop, true)
        .await
        .unwrap();
    let session = m
        .services
        .schedule_live(
            &goji.producer,
            &goji.shop,
            &form(&m, vec![goji.item.product.to_string()]),
        )
        .await
        .unwrap();
    assert!(session.stream_key.starts_with("fgl_"));

    let refused = m.services.live_publish_authorized("fgl_wrong").await;
    assert!(
        matches!(refused, Err(ServiceError::Forbidden)),
        "{refused:?}"
    );
    assert_eq!(m.services.unread_notifications(&fan).await.unwrap(), 0);

    for _ in 0..3 {
        let id = m
            .services
            .live_publish_authorized(&session.stream_key)
            .await
            .unwrap();
        assert_eq!(id, session.id);
    }
    let notes = m.services.read_notifications(&fan).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].link, format!("/live/{}", session.id));
    assert_eq!(m.services.unread_notifications(&fan).await.unwrap(), 0);

    m.services
        .pin_live_product(
            &goji.producer,
            &session.id,
            Some(goji.item.product.as_str()),
        )
        .await
        .unwrap();
    m.clock.advance_millis(90_000);
    m.services.live_stream_ended(&session.id).await.unwrap();
    m.services.live_stream_ended(&session.id).await.unwrap();
    let after = m
        .services
        .live_publish_authorized(&session.stream_key)
        .await;
    assert!(
        matches!(after, Err(ServiceError::Forbidden)),
        "an ended session's key is dead"
    );

    m.services
        .live_replay_ready(&session.id, "replays/x/index.m3u8")
        .await
        .unwrap();
    let room = m.services.live_room(&session.id).await.unwrap();
    assert_eq!(room.status, LiveStatus::Ended);
    assert_eq!(room.moments, vec![(goji.item.product.clone(), 0)]);
    assert_eq!(room.bag.len(), 1);
    let listing = m.services.live_listing(Some(&goji.shop)).await.unwrap();
    assert_eq!(listing.len(), 1, "the replay is on the shop's page");
}

#[tokio::test]
async fn only_the_shop_hosts_and_only_its_own_products() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68.00", "100").await;
    let salt = stall(&m, "dorje@example.cn", "茶卡湖盐", "12.00", "100").await;
    let stranger = account(&m.store, "x@example.cn", vec![Role::Buyer]).await;
    let county_host = account(&m.store, "host@example.cn", vec![Role::LiveHost]).await;
    let mine = form(&m, vec![goji.item.product.to_string()]);
    let forbidden = m.services.schedule_live(&stranger, &goji.shop, &mine).await;
    assert!(matches!(forbidden, Err(ServiceError::Forbidden)));
    assert!(m
        .services
        .schedule_live(&county_host, &goji.shop, &mine)
        .await
        .is_ok());

    let theirs = form(&m, vec![salt.item.product.to_string()]);
    let refused = m
        .services
        .schedule_live(&goji.producer, &goji.shop, &theirs)
        .await;
    match refused {
        Err(ServiceError::Validation(errors)) => assert_eq!(errors.0[0].field, "products"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    let empty = LiveForm {
        title: String::new(),
        starts_at: None,
        ..form(&m, vec!["junk".into()])
    };
    match m
        .services
        .schedule_live(&goji.producer, &goji.shop, &empty)
        .await
    {
        Err(ServiceError::Validation(errors)) => {
            let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
            assert_eq!(fields, ["title", "starts_at", "products"]);
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    let stored = m
        .services
        .shop_live_sessions(&goji.producer, &goji.shop)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1, "only the county host's session was stored");
}

#[tokio::test]
async fn a_cancelled_session_is_gone_for_viewers_and_its_key() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68.00", "100").await;
    let session = m
        .services
        .schedule_live(
            &goji.producer,
            &goji.shop,
            &form(&m, vec![goji.item.product.to_string()]),
        )
        .await
        .unwrap();
    assert_eq!(m.services.live_listing(None).await.unwrap().len(), 1);
    m.services
        .cancel_live(&goji.producer, &session.id)
        .await
        .unwrap();
    assert!(matches!(
        m.services.live_room(&session.id).await,
        Err(ServiceError::NotFound)
    ));
    assert!(matches!(
        m.services
            .live_publish_authorized(&session.stream_key)
            .await,
        Err(ServiceError::Forbidden)
    ));
    assert!(m.services.live_listing(None).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_push_that_comes_back_within_the_grace_keeps_the_session_live() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68.00", "100").await;
    let grace = std::time::Duration::from_millis(300);
    let services = m.services.clone().with_reconnect_grace(grace);
    let products = vec![goji.item.product.to_string()];
    let session = services
        .schedule_live(&goji.producer, &goji.shop, &form(&m, products))
        .await
        .unwrap();
    let status = || async { services.live_room(&session.id).await.unwrap().status };

    services
        .live_publish_authorized(&session.stream_key)
        .await
        .unwrap();
    services.live_stream_ended(&session.id).await.unwrap();
    assert_eq!(status().await, LiveStatus::Live, "ended inside the grace");
    services
        .live_publish_authorized(&session.stream_key)
        .await
        .unwrap();
    tokio::time::sleep(grace * 2).await;
    assert_eq!(status().await, LiveStatus::Live, "the host came back");

    services.live_stream_ended(&session.id).await.unwrap();
    tokio::time::sleep(grace * 2).await;
    assert_eq!(status().await, LiveStatus::Ended, "the host stayed away");
}

#[tokio::test]
async fn sessions_left_live_by_the_last_run_end_unless_pushed_again() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68.00", "100").await;
    let products = vec![goji.item.product.to_string()];
    let mut sessions = Vec::new();
    for _ in 0..2 {
        let session = m
            .services
            .schedule_live(&goji.producer, &goji.shop, &form(&m, products.clone()))
            .await
            .unwrap();
        m.services
            .live_publish_authorized(&session.stream_key)
            .await
            .unwrap();
        sessions.push(session);
    }
    let grace = std::time::Duration::from_millis(300);
    let restarted = farmgate_services::Services::new(m.store.clone()).with_reconnect_grace(grace);
    assert_eq!(restarted.resume_broadcasts().await.unwrap(), 2);
    restarted
        .live_publish_authorized(&sessions[0].stream_key)
        .await
        .unwrap();
    tokio::time::sleep(grace * 2).await;
    let status = |i: usize| {
        let restarted = restarted.clone();
        let id = sessions[i].id.clone();
        async move { restarted.live_room(&id).await.unwrap().status }
    };
    assert_eq!(status(0).await, LiveStatus::Live, "its host pushed again");
    assert_eq!(status(1).await, LiveStatus::Ended, "nobody pushed");
}

#[tokio::test]
async fn a_room_opened_after_a_restart_shows_its_pinned_sale_and_coupon_cards() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68.00", "100").await;
    let products = vec![goji.item.product.to_string()];
    let session = m
        .services
        .schedule_live(&goji.producer, &goji.shop, &form(&m, products))
        .await
        .unwrap();
    m.services
        .live_publish_authorized(&session.stream_key)
        .await
        .unwrap();
    let pinned = Some(goji.item.product.as_str());
    m.services
        .pin_live_product(&goji.producer, &session.id, pinned)
        .await
        .unwrap();

    let sale = m
        .services
        .start_flash_sale(
            &goji.producer,
            &session.id,
            &farmgate_services::flash_sale::FlashSaleForm {
                sku: goji.item.sku.to_string(),
                price: "50".into(),
                stock_limit: "10".into(),
                per_buyer_limit: "1".into(),
                countdown_seconds: "10".into(),
                duration_minutes: "5".into(),
            },
        )
        .await
        .unwrap();
    let coupon = m
        .services
        .drop_coupon(
            &goji.producer,
            &session.id,
            &farmgate_services::coupons::CouponForm {
                amount_off: "5".into(),
                minimum_spend: "49".into(),
                quantity: "100".into(),
                per_buyer_limit: "1".into(),
                valid_days: "7".into(),
            },
        )
        .await
        .unwrap();

    let mut restarted = farmgate_services::Services::new(m.store.clone());
    restarted.clock = m.clock.clone();
    restarted
        .enter_live_room(session.id.as_str(), None)
        .await
        .unwrap();
    let joined = restarted.rooms.join(session.id.as_str(), None);
    let snapshot: serde_json::Value =
        serde_json::from_str(joined.first.last().unwrap().text()).unwrap();
    assert_eq!(snapshot["type"], "snapshot");
    assert_eq!(snapshot["pinned"]["id"], goji.item.product.as_str());
    assert_eq!(snapshot["pinned"]["title"], "黑枸杞");
    assert_eq!(snapshot["live_state"]["state"], "live");
    assert_eq!(
        snapshot["sale"]["id"],
        sale.id.as_str(),
        "the sale card is back"
    );
    assert_eq!(snapshot["sale"]["remaining"], 10);
    assert_eq!(
        snapshot["coupon"]["id"],
        coupon.id.as_str(),
        "the coupon card is back"
    );
}
