//! Short videos: stored with their products in order; progress only rises and only while the
//! video is being made; it becomes ready or failed once; cart lines and orders remember the
//! video a buyer came from, and a video counts its paid orders.

use farmgate_domain::id::{ProductId, ShortVideoId};
use farmgate_domain::money::Money;
use farmgate_domain::short_video::VideoStatus;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::fixtures::{add_account, new_id, T0};
use crate::orders::{checkout, pay, stall, Stall};

fn video(stall: &Stall, products: Vec<ProductId>, minutes: i64) -> ShortVideoRecord {
    ShortVideoRecord {
        id: ShortVideoId::new(new_id()),
        shop_id: stall.shop.clone(),
        title: "Picking goji at dawn".into(),
        status: VideoStatus::Processing,
        progress: 0,
        duration_ms: None,
        failure: None,
        created_at: T0.plus_millis(minutes * 60_000),
        ready_at: None,
        products,
        orders: 0,
        paid: Money::fen(0),
    }
}

async fn read(store: &SqlStore, id: &ShortVideoId) -> ShortVideoRecord {
    store.short_video(id).await.unwrap().unwrap()
}

pub async fn a_video_is_made_once_and_its_progress_only_rises(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let first = video(&stall, vec![stall.product.clone()], 0);
    let second = video(&stall, vec![stall.product.clone()], 1);
    store.insert_short_video(&first).await.unwrap();
    store.insert_short_video(&second).await.unwrap();
    assert_eq!(read(&store, &first.id).await, first, "reads back whole");
    let listed: Vec<_> = store
        .short_videos_of_shop(&stall.shop, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|v| v.id)
        .collect();
    assert_eq!(
        listed,
        [second.id.clone(), first.id.clone()],
        "newest first"
    );
    assert_eq!(
        store.processing_short_videos().await.unwrap(),
        [first.id.clone(), second.id.clone()]
    );

    store.set_short_video_progress(&first.id, 40).await.unwrap();
    store.set_short_video_progress(&first.id, 30).await.unwrap();
    assert_eq!(
        read(&store, &first.id).await.progress,
        40,
        "never goes back"
    );
    assert!(store
        .short_video_ready(&first.id, 12_500, T0.plus_days(1))
        .await
        .unwrap());
    assert!(!store
        .short_video_ready(&first.id, 1, T0.plus_days(2))
        .await
        .unwrap());
    assert!(!store.short_video_failed(&first.id, "late").await.unwrap());
    store.set_short_video_progress(&first.id, 50).await.unwrap();
    let ready = read(&store, &first.id).await;
    assert_eq!(ready.status, VideoStatus::Ready);
    assert_eq!((ready.progress, ready.duration_ms), (100, Some(12_500)));
    assert_eq!(ready.ready_at, Some(T0.plus_days(1)));
    assert_eq!(ready.failure, None);

    assert!(store
        .short_video_failed(&second.id, "unreadable")
        .await
        .unwrap());
    let failed = read(&store, &second.id).await;
    assert_eq!(failed.status, VideoStatus::Failed);
    assert_eq!(failed.failure.as_deref(), Some("unreadable"));

    let shown = store.ready_short_videos_after(None, 10).await.unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].id, first.id, "only ready videos are shown");
    let after = store
        .ready_short_videos_after(Some(&first.id), 10)
        .await
        .unwrap();
    assert!(after.is_empty());
    assert!(store.processing_short_videos().await.unwrap().is_empty());
}

pub async fn a_video_with_a_product_that_does_not_exist_writes_nothing(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let missing = ProductId::new(new_id());
    let refused = video(&stall, vec![stall.product.clone(), missing], 0);
    assert!(matches!(
        store.insert_short_video(&refused).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(store.short_video(&refused.id).await.unwrap().is_none());
}

pub async fn orders_from_a_video_count_for_it_and_keep_their_channel(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let made = video(&stall, vec![stall.product.clone()], 0);
    store.insert_short_video(&made).await.unwrap();
    store.short_video_ready(&made.id, 9_000, T0).await.unwrap();

    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let line = |video: Option<ShortVideoId>| CartLineRecord {
        product_id: stall.product.clone(),
        sku_id: stall.sku.clone(),
        quantity: 1,
        added_at: T0,
        short_video: video,
    };
    store
        .add_to_cart(&buyer, &line(Some(made.id.clone())))
        .await
        .unwrap();
    store.add_to_cart(&buyer, &line(None)).await.unwrap();
    let cart = store.cart(&buyer).await.unwrap();
    assert_eq!(cart[0].quantity, 2);
    assert_eq!(
        cart[0].short_video.as_ref(),
        Some(&made.id),
        "adding again from the shelf keeps the video"
    );

    let mut placed = checkout(&stall, &buyer, "video-key-1", 2);
    placed.orders[0].order.channel = "short_video".into();
    placed.orders[0].order.short_video_id = Some(made.id.clone());
    store.place_checkout(&placed).await.unwrap();
    let unpaid = read(&store, &made.id).await;
    assert_eq!(unpaid.orders, 0, "unpaid orders do not count");
    pay(&store, &stall, &placed, T0.plus_millis(1_000)).await;
    let counted = read(&store, &made.id).await;
    assert_eq!(counted.orders, 1);
    assert_eq!(counted.paid, placed.total);

    let order = &placed.orders[0].order.id;
    let stored = store.order(order).await.unwrap().unwrap();
    assert_eq!(stored.order.short_video_id.as_ref(), Some(&made.id));
    store.delete_short_video(&made.id).await.unwrap();
    assert!(store.short_video(&made.id).await.unwrap().is_none());
    let kept = store.order(order).await.unwrap().unwrap();
    assert_eq!(
        kept.order.channel, "short_video",
        "the sale stays a video's"
    );
    assert_eq!(kept.order.short_video_id, None);
    assert!(store.cart(&buyer).await.unwrap()[0].short_video.is_none());
}
