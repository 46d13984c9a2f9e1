//! Lucky draws and the dashboard's figures: one draw open per session, closed once with its
//! winners and their notifications (or interrupted, with none); the room's figures saved and
//! rewritten; a session's sales counted from its paid orders only.

use farmgate_domain::id::{AccountId, LiveDrawId, LiveSessionId, ProductId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::live_draw::DrawStatus;
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::fixtures::{add_account, new_id, T0};
use crate::flash_sales::live_session;
use crate::orders::{checkout, pay, stall};

fn open_draw(session: &LiveSessionId) -> DrawRecord {
    DrawRecord {
        id: LiveDrawId::new(new_id()),
        session_id: session.clone(),
        keyword: "枸杞".into(),
        prize: "黑枸杞一盒".into(),
        winners: 2,
        opens_at: T0,
        closes_at: T0.plus_millis(60_000),
        status: DrawStatus::Open,
        entrants: None,
        closed_at: None,
        won: Vec::new(),
    }
}

async fn winner(store: &SqlStore, name: &str) -> DrawWinner {
    let account = add_account(store, &format!("{}@example.cn", new_id())).await;
    DrawWinner {
        account_id: account.id,
        display_name: name.into(),
    }
}

async fn live(store: &SqlStore) -> LiveSessionId {
    let stall = stall(store, 10).await;
    live_session(store, &stall, LiveStatus::Live).await
}

pub async fn a_draw_closes_once_with_its_winners_told(store: SqlStore) {
    let session = live(&store).await;
    let draw = open_draw(&session);
    store.insert_draw(&draw).await.unwrap();
    let second = store.insert_draw(&open_draw(&session)).await;
    assert!(matches!(second, Err(StoreError::Conflict(_))), "{second:?}");
    assert_eq!(
        store.open_draws().await.unwrap(),
        std::slice::from_ref(&draw)
    );

    let won = vec![winner(&store, "小王").await, winner(&store, "卓玛").await];
    let outcome = DrawOutcome::Drawn {
        entrants: 7,
        won: won.clone(),
        link: format!("/live/{session}"),
    };
    let at = T0.plus_millis(60_000);
    assert!(store.close_draw(&draw.id, &outcome, at).await.unwrap());
    assert!(!store.close_draw(&draw.id, &outcome, at).await.unwrap());
    assert!(!store
        .close_draw(&draw.id, &DrawOutcome::Interrupted, at)
        .await
        .unwrap());

    let read = store.draw(&draw.id).await.unwrap().unwrap();
    assert_eq!(read.status, DrawStatus::Drawn);
    assert_eq!((read.entrants, read.closed_at), (Some(7), Some(at)));
    assert_eq!(read.won, won);
    for w in &won {
        let told = store.notifications(&w.account_id, 10).await.unwrap();
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].kind, NotificationKind::DrawWon);
        assert_eq!(told[0].title, "黑枸杞一盒");
        assert_eq!(told[0].link, format!("/live/{session}"));
    }
    assert!(store.open_draws().await.unwrap().is_empty());

    let next = DrawRecord {
        opens_at: T0.plus_millis(120_000),
        closes_at: T0.plus_millis(180_000),
        ..open_draw(&session)
    };
    store.insert_draw(&next).await.unwrap();
    let listed: Vec<LiveDrawId> = store
        .draws_of(&session)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(listed, [next.id, draw.id], "newest first");
}

pub async fn an_interrupted_draw_draws_nobody(store: SqlStore) {
    let session = live(&store).await;
    let draw = open_draw(&session);
    store.insert_draw(&draw).await.unwrap();
    let at = Timestamp::from_millis(T0.millis() + 5);
    assert!(store
        .close_draw(&draw.id, &DrawOutcome::Interrupted, at)
        .await
        .unwrap());
    let read = store.draw(&draw.id).await.unwrap().unwrap();
    assert_eq!(read.status, DrawStatus::Interrupted);
    assert_eq!(read.entrants, None);
    assert!(read.won.is_empty());
}

pub async fn the_host_and_shop_members_may_not_enter(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let session = live_session(&store, &stall, LiveStatus::Live).await;
    let host = store.live_session(&session).await.unwrap().unwrap().host_id;
    let owner = store
        .account_by_email("owner@example.cn")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut excluded = store.draw_excluded_accounts(&session).await.unwrap();
    excluded.sort();
    let mut expected = vec![host, owner];
    expected.sort();
    assert_eq!(excluded, expected);
}

pub async fn room_figures_are_saved_and_rewritten(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let session = live_session(&store, &stall, LiveStatus::Live).await;
    assert_eq!(store.room_figures(&session).await.unwrap(), None);
    let mut figures = SavedRoomFigures {
        session_id: session.clone(),
        peak_viewers: 12,
        unique_viewers: 30,
        unique_capped: false,
        likes: 400,
        clicks: vec![(stall.product.clone(), 9)],
        saved_at: T0,
    };
    store.save_room_figures(&figures).await.unwrap();
    assert_eq!(
        store.room_figures(&session).await.unwrap(),
        Some(figures.clone())
    );
    figures.unique_capped = true;
    figures.clicks = vec![];
    store.save_room_figures(&figures).await.unwrap();
    assert_eq!(
        store.room_figures(&session).await.unwrap(),
        Some(figures.clone())
    );
    figures.clicks = vec![(ProductId::new(new_id()), 1)];
    let unknown = store.save_room_figures(&figures).await;
    assert!(
        matches!(unknown, Err(StoreError::Conflict(_))),
        "{unknown:?}"
    );
}

pub async fn live_sales_count_paid_orders_of_the_session_only(store: SqlStore) {
    let stall = stall(&store, 50).await;
    let session = live_session(&store, &stall, LiveStatus::Live).await;
    let buyer = |n: usize| format!("buyer{n}-{}@example.cn", new_id());
    let mut buyers: Vec<AccountId> = Vec::new();
    for n in 0..3 {
        buyers.push(add_account(&store, &buyer(n)).await.id);
    }
    let in_room = |who: &AccountId, key: &str, quantity| {
        let mut placed = checkout(&stall, who, key, quantity);
        placed.orders[0].order.live_session_id = Some(session.clone());
        placed.orders[0].order.channel = "live".into();
        placed
    };
    // Paid in the room: two by the first buyer, one by the second.
    for (who, key, quantity) in [
        (&buyers[0], "a", 2),
        (&buyers[0], "b", 1),
        (&buyers[1], "c", 3),
    ] {
        let placed = in_room(who, key, quantity);
        store.place_checkout(&placed).await.unwrap();
        pay(&store, &stall, &placed, T0.plus_millis(1_000)).await;
    }
    // Not counted: unpaid in the room, paid off the shelf.
    store
        .place_checkout(&in_room(&buyers[2], "d", 4))
        .await
        .unwrap();
    let shelf = checkout(&stall, &buyers[2], "e", 5);
    store.place_checkout(&shelf).await.unwrap();
    pay(&store, &stall, &shelf, T0.plus_millis(1_000)).await;

    let sales = store.live_sales(&session).await.unwrap();
    assert_eq!((sales.orders, sales.buyers), (3, 2));
    assert_eq!(sales.gmv, Money::fen(6_800 * 6));
    assert_eq!(sales.products.len(), 1);
    assert_eq!(sales.products[0].product_id, stall.product);
    assert_eq!(
        (sales.products[0].units, sales.products[0].sales),
        (6, Money::fen(6_800 * 6))
    );
    let quiet = live_session(&store, &stall, LiveStatus::Live).await;
    let none = store.live_sales(&quiet).await.unwrap();
    assert_eq!((none.orders, none.buyers, none.gmv), (0, 0, Money::fen(0)));
}
