//! Live sessions: stored with a bag of the shop's own products, moved through their states once
//! however often a callback repeats, pins recorded for the replay, followers told once.

use farmgate_domain::id::{LiveSessionId, ProductId, ShopId};
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::live::LiveStatus;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::catalogue::{add_shop, product};
use crate::fixtures::{add_account, add_places, new_id, T0};

struct Studio {
    shop: ShopId,
    products: Vec<ProductId>,
    session: LiveSessionRecord,
}

async fn listed(store: &SqlStore, shop: &ShopId, title: &str) -> ProductId {
    let detail = product(shop, title, ListingStatus::Listed, T0.millis());
    store.insert_product(&detail).await.unwrap();
    detail.product.id
}

pub fn session(
    shop: &ShopId,
    host: &farmgate_domain::id::AccountId,
    bag: Vec<ProductId>,
) -> LiveSessionRecord {
    LiveSessionRecord {
        id: LiveSessionId::new(new_id()),
        shop_id: shop.clone(),
        host_id: host.clone(),
        title: "高原枸杞采摘直播".into(),
        trailer: "明早九点，田间直播".into(),
        cover_file_id: None,
        starts_at: T0.plus_days(1),
        status: LiveStatus::Scheduled,
        stream_key: format!("fgl_{}", new_id()),
        pinned_product: None,
        went_live_at: None,
        ended_at: None,
        replay_playlist: None,
        created_at: T0,
        bag,
    }
}

async fn studio(store: &SqlStore) -> Studio {
    add_places(store).await;
    let shop = add_shop(store).await;
    let host = add_account(store, &format!("{}@example.cn", new_id())).await;
    let products = vec![
        listed(store, &shop, "黑枸杞").await,
        listed(store, &shop, "牦牛肉干").await,
    ];
    let session = session(&shop, &host.id, products.clone());
    store.insert_live_session(&session).await.unwrap();
    Studio {
        shop,
        products,
        session,
    }
}

pub async fn sessions_read_back_with_their_bag(store: SqlStore) {
    let studio = studio(&store).await;
    let read = store.live_session(&studio.session.id).await.unwrap();
    assert_eq!(read, Some(studio.session.clone()));
    let by_key = store
        .live_session_by_key(&studio.session.stream_key)
        .await
        .unwrap();
    assert_eq!(by_key.map(|s| s.id), Some(studio.session.id.clone()));
    assert_eq!(store.live_session_by_key("fgl_nope").await.unwrap(), None);
}

pub async fn a_bag_with_another_shops_product_writes_nothing(store: SqlStore) {
    let studio = studio(&store).await;
    let other_shop = add_shop(&store).await;
    let foreign = listed(&store, &other_shop, "别家的盐").await;
    let host = studio.session.host_id.clone();
    let bad = session(
        &studio.shop,
        &host,
        vec![studio.products[0].clone(), foreign],
    );
    let refused = store.insert_live_session(&bad).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "{refused:?}"
    );
    assert_eq!(store.live_session(&bad.id).await.unwrap(), None);
}

pub async fn going_live_and_ending_happen_once(store: SqlStore) {
    let studio = studio(&store).await;
    let id = &studio.session.id;
    let first = store.mark_live(id, T0.plus_days(1)).await.unwrap();
    assert!(first.changed);
    assert_eq!(first.session.status, LiveStatus::Live);
    let again = store.mark_live(id, T0.plus_days(2)).await.unwrap();
    assert!(!again.changed);
    assert_eq!(again.session.went_live_at, Some(T0.plus_days(1)));

    let ended = store
        .mark_ended(id, T0.plus_days(1).plus_millis(3_600_000))
        .await
        .unwrap();
    assert!(ended.changed);
    assert!(!store.mark_ended(id, T0.plus_days(3)).await.unwrap().changed);
    let restarted = store.mark_live(id, T0.plus_days(3)).await;
    assert!(
        matches!(restarted, Err(StoreError::Conflict(_))),
        "{restarted:?}"
    );
    let bagless = session(&studio.shop, &studio.session.host_id, Vec::new());
    store.insert_live_session(&bagless).await.unwrap();
    store.mark_live(&bagless.id, T0).await.unwrap();
    store
        .mark_ended(&bagless.id, T0.plus_days(1))
        .await
        .unwrap();
    let needing = LiveFilter {
        statuses: vec![LiveStatus::Ended],
        shop: None,
        starts_from: None,
        newest_first: false,
        needing_replay: true,
    };
    let ids =
        |listed: Vec<LiveSessionSummary>| listed.into_iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.live_sessions(&needing, 10).await.unwrap()),
        vec![id.clone()],
        "a replay can show only a session with a bag"
    );
    assert!(store.set_replay(id, "replays/x/index.m3u8").await.is_ok());
    assert!(store.live_sessions(&needing, 10).await.unwrap().is_empty());
    let read = store.live_session(id).await.unwrap().unwrap();
    assert_eq!(read.status, LiveStatus::Ended);
    assert_eq!(
        read.replay_playlist.as_deref(),
        Some("replays/x/index.m3u8")
    );
}

pub async fn only_a_scheduled_session_is_cancelled(store: SqlStore) {
    let studio = studio(&store).await;
    let id = &studio.session.id;
    store.cancel_live_session(id, T0).await.unwrap();
    assert!(matches!(
        store.cancel_live_session(id, T0).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.mark_live(id, T0).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.mark_ended(id, T0).await,
        Err(StoreError::Conflict(_))
    ));
}

pub async fn pins_need_a_live_session_and_a_bag_product(store: SqlStore) {
    let studio = studio(&store).await;
    let id = &studio.session.id;
    let goji = &studio.products[0];
    assert!(matches!(
        store.pin_product(id, Some(goji), T0).await,
        Err(StoreError::Conflict(_))
    ));
    store.mark_live(id, T0).await.unwrap();
    let outsider = listed(&store, &studio.shop, "不在购物袋里").await;
    assert!(matches!(
        store.pin_product(id, Some(&outsider), T0).await,
        Err(StoreError::Conflict(_))
    ));
    store
        .pin_product(id, Some(goji), T0.plus_millis(60_000))
        .await
        .unwrap();
    store
        .pin_product(id, Some(&studio.products[1]), T0.plus_millis(120_000))
        .await
        .unwrap();
    let read = store.live_session(id).await.unwrap().unwrap();
    assert_eq!(read.pinned_product.as_ref(), Some(&studio.products[1]));
    let pins = store.live_pins(id).await.unwrap();
    assert_eq!(
        pins.iter()
            .map(|p| (&p.product_id, p.pinned_at.millis()))
            .collect::<Vec<_>>(),
        vec![
            (goji, T0.millis() + 60_000),
            (&studio.products[1], T0.millis() + 120_000)
        ]
    );
    // Taking the pinned product out of the bag unpins it.
    let mut edited = read.clone();
    edited.bag = vec![goji.clone()];
    store.update_live_session(&edited).await.unwrap();
    assert_eq!(
        store
            .live_session(id)
            .await
            .unwrap()
            .unwrap()
            .pinned_product,
        None
    );
}

pub async fn listings_put_live_sessions_first(store: SqlStore) {
    let studio = studio(&store).await;
    let host = studio.session.host_id.clone();
    let later = session(&studio.shop, &host, vec![studio.products[1].clone()]);
    store.insert_live_session(&later).await.unwrap();
    store.mark_live(&later.id, T0).await.unwrap();
    let filter = LiveFilter {
        statuses: vec![LiveStatus::Scheduled, LiveStatus::Live],
        shop: Some(studio.shop.clone()),
        starts_from: None,
        newest_first: false,
        needing_replay: false,
    };
    let listed = store.live_sessions(&filter, 10).await.unwrap();
    let ids: Vec<_> = listed.iter().map(|s| &s.id).collect();
    assert_eq!(ids, vec![&later.id, &studio.session.id]);
    assert_eq!(listed[0].status, LiveStatus::Live);
    let mut next_week = session(&studio.shop, &host, vec![studio.products[0].clone()]);
    next_week.starts_at = T0.plus_days(7);
    store.insert_live_session(&next_week).await.unwrap();
    let newest = LiveFilter {
        newest_first: true,
        needing_replay: false,
        ..filter.clone()
    };
    let listed = store.live_sessions(&newest, 2).await.unwrap();
    let ids: Vec<_> = listed.iter().map(|s| &s.id).collect();
    assert_eq!(
        ids,
        vec![&later.id, &next_week.id],
        "on air, then the latest start"
    );
    let none = LiveFilter {
        statuses: vec![LiveStatus::Ended],
        ..filter
    };
    assert!(store.live_sessions(&none, 10).await.unwrap().is_empty());
}

pub async fn followers_are_told_once(store: SqlStore) {
    let studio = studio(&store).await;
    let fan = add_account(&store, "fan@example.cn").await;
    let quitter = add_account(&store, "quitter@example.cn").await;
    store
        .set_following(&studio.shop, &fan.id, true, T0)
        .await
        .unwrap();
    store
        .set_following(&studio.shop, &fan.id, true, T0)
        .await
        .unwrap();
    store
        .set_following(&studio.shop, &quitter.id, true, T0)
        .await
        .unwrap();
    store
        .set_following(&studio.shop, &quitter.id, false, T0)
        .await
        .unwrap();
    assert_eq!(store.follower_count(&studio.shop).await.unwrap(), 1);
    assert!(store.is_following(&studio.shop, &fan.id).await.unwrap());
    assert!(!store.is_following(&studio.shop, &quitter.id).await.unwrap());
    let followed = store.shops_followed_by(&fan.id, 10).await.unwrap();
    assert_eq!(followed, std::slice::from_ref(&studio.shop));
    assert!(store
        .shops_followed_by(&quitter.id, 10)
        .await
        .unwrap()
        .is_empty());

    let notice = FollowerNotice {
        shop: studio.shop.clone(),
        kind: NotificationKind::LiveStarted,
        title: studio.session.title.clone(),
        link: format!("/live/{}", studio.session.id),
        event_key: format!("live:{}", studio.session.id),
        at: T0,
    };
    assert_eq!(store.notify_followers(&notice).await.unwrap(), 1);
    assert_eq!(store.notify_followers(&notice).await.unwrap(), 0);
    assert_eq!(store.unread_notifications(&fan.id).await.unwrap(), 1);
    assert!(store
        .notifications(&quitter.id, 10)
        .await
        .unwrap()
        .is_empty());
    let read = store.notifications(&fan.id, 10).await.unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].link, notice.link);
    store
        .mark_notifications_read(&fan.id, T0.plus_millis(5))
        .await
        .unwrap();
    assert_eq!(store.unread_notifications(&fan.id).await.unwrap(), 0);
}
