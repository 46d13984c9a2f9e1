//! Buying inside a live room through the use cases: a checkout naming its session counts for
//! the live channel and the session, only while the session is on air and only for its bag;
//! the quote prices what the checkout then charges; the buyer's address on file is where
//! their last order went.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::id::LiveSessionId;
use farmgate_services::checkout::{AddressForm, CheckoutRequest};
use farmgate_services::live::LiveForm;
use farmgate_services::live_buy::{NOT_IN_BAG, SESSION_NOT_LIVE};
use farmgate_services::ServiceError;
use farmgate_store::LiveSessionRecord;
use support::{account, market, request, stall, Market, Stall};

use farmgate_domain::role::Role;

/// A session selling the stall's product, on air when `live`.
async fn session(m: &Market, goji: &Stall, live: bool) -> LiveSessionRecord {
    let form = LiveForm {
        title: "枸杞直播".into(),
        trailer: String::new(),
        starts_at: Some(m.clock.now_ms()),
        products: vec![goji.item.product.to_string()],
    };
    let session = m
        .services
        .schedule_live(&goji.producer, &goji.shop, &form)
        .await
        .unwrap();
    if live {
        m.services
            .live_publish_authorized(&session.stream_key)
            .await
            .unwrap();
    }
    session
}

fn in_room(goji: &Stall, session: &LiveSessionId, key: &str) -> CheckoutRequest {
    CheckoutRequest {
        live_session: Some(session.clone()),
        ..request(vec![goji.item.clone()], key)
    }
}

fn conflict<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> &'static str {
    match result {
        Err(ServiceError::Conflict(why)) => why,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn a_checkout_in_the_room_counts_for_the_live_channel_and_the_session() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68.00", "10").await;
    let live = session(&m, &goji, true).await;
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;

    let order = in_room(&goji, &live.id, "room-key-0001");
    let quote = m.services.quote_checkout(&buyer, &order).await.unwrap();
    let placed = m.services.checkout(&buyer, &order).await.unwrap();
    let stored = m
        .services
        .my_checkout(&buyer, &placed.checkout)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].order.channel, "live");
    assert_eq!(stored[0].order.live_session_id.as_ref(), Some(&live.id));
    assert_eq!(
        quote.total, stored[0].order.total,
        "the quote is what is charged"
    );
    assert_eq!(quote.shipping, stored[0].order.shipping);

    let again = m.services.checkout(&buyer, &order).await.unwrap();
    assert_eq!(
        again.checkout, placed.checkout,
        "the same key is the same checkout"
    );

    let shelf = request(vec![goji.item.clone()], "shelf-key-0001");
    let placed = m.services.checkout(&buyer, &shelf).await.unwrap();
    assert_eq!(placed.orders[0].order.channel, "shelf");
    assert_eq!(placed.orders[0].order.live_session_id, None);
}

#[tokio::test]
async fn a_product_outside_the_bag_is_refused_and_nothing_is_taken() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68.00", "10").await;
    let salt = stall(&m, "tashi@example.cn", "湖盐", "12.00", "10").await;
    let live = session(&m, &goji, true).await;
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;

    let outside = in_room(&salt, &live.id, "room-key-0002");
    assert_eq!(
        conflict(m.services.checkout(&buyer, &outside).await),
        NOT_IN_BAG
    );
    assert_eq!(
        conflict(m.services.quote_checkout(&buyer, &outside).await),
        NOT_IN_BAG
    );
    let salt_now = m.services.product(None, &salt.item.product).await.unwrap();
    assert_eq!(salt_now.skus[0].stock, 10, "no stock taken");
    assert!(
        m.services.default_address(&buyer).await.unwrap().is_none(),
        "no order written"
    );
}

#[tokio::test]
async fn a_session_not_on_air_takes_no_orders() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68.00", "10").await;
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;

    let scheduled = session(&m, &goji, false).await;
    let early = in_room(&goji, &scheduled.id, "room-key-0003");
    assert_eq!(
        conflict(m.services.checkout(&buyer, &early).await),
        SESSION_NOT_LIVE
    );

    let live = session(&m, &goji, true).await;
    m.services.live_stream_ended(&live.id).await.unwrap();
    let late = in_room(&goji, &live.id, "room-key-0004");
    assert_eq!(
        conflict(m.services.checkout(&buyer, &late).await),
        SESSION_NOT_LIVE
    );

    let unknown = in_room(&goji, &farmgate_services::new_id(), "room-key-0005");
    assert!(matches!(
        m.services.checkout(&buyer, &unknown).await,
        Err(ServiceError::Validation(errors)) if errors.0[0].field == "live_session"
    ));
}

#[tokio::test]
async fn the_address_on_file_is_where_the_last_order_went() {
    let m = market().await;
    let goji = stall(&m, "zhuoma@example.cn", "黑枸杞", "68.00", "10").await;
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;
    assert!(m.services.default_address(&buyer).await.unwrap().is_none());

    let first = request(vec![goji.item.clone()], "addr-key-0001");
    m.services.checkout(&buyer, &first).await.unwrap();
    m.clock.advance_millis(1_000);
    let xining = AddressForm {
        recipient: "李明".into(),
        phone: "13900139000".into(),
        province: "63".into(),
        city: "西宁市".into(),
        county: "城西区".into(),
        detail: "五四大街 8 号".into(),
    };
    let second = CheckoutRequest {
        address: xining.clone(),
        ..request(vec![goji.item.clone()], "addr-key-0002")
    };
    m.services.checkout(&buyer, &second).await.unwrap();

    let on_file = m.services.default_address(&buyer).await.unwrap().unwrap();
    assert_eq!(on_file.recipient, xining.recipient);
    assert_eq!(on_file.phone, xining.phone);
    assert_eq!(on_file.province, "63");
    assert_eq!(on_file.detail, xining.detail);
    let other = account(&m.store, "other@example.cn", vec![Role::Buyer]).await;
    assert!(
        m.services.default_address(&other).await.unwrap().is_none(),
        "only one's own"
    );
}
