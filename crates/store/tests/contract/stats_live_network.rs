//! The live sessions' and the network's rollups: written with the events that change them,
//! read by period and scope, and rebuilt to exactly what the events wrote.

use farmgate_domain::catalogue::Category;
use farmgate_domain::id::{AccountId, CarrierId, ParcelId};
use farmgate_domain::parcel::{Direction, ParcelCode, ParcelEvent, ParcelStage};
use farmgate_domain::route_run::RunStatus;
use farmgate_domain::stats::{Channel, RollupFigures, RunFigures};
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::fixtures::{add_account, code, new_id, T0, TOWNSHIP_A, VILLAGE_A1};
use crate::network::carrier;
use crate::route_runs::{day, fixture, plan, planned, run};
use crate::stats::{at, buy, date, give_back, purchase, scope, two_shops};

async fn live_of(store: &SqlStore, scope: &RollupScope) -> LiveSessionsSales {
    store.live_sessions_sales(scope, 10).await.unwrap()
}

pub async fn a_live_session_counts_whole_in_the_period_it_went_live(store: SqlStore) {
    let (goji, honey) = two_shops(&store).await;
    let host = add_account(&store, "host@example.cn").await.id;
    let session = crate::live::session(&goji.shop, &host, Vec::new());
    store.insert_live_session(&session).await.unwrap();
    store
        .mark_live(&session.id, at("2026-05-01"))
        .await
        .unwrap();
    let (ama, tashi) = (
        add_account(&store, "ama@example.cn").await.id,
        add_account(&store, "tashi@example.cn").await.id,
    );
    let live_order = |buyer: &AccountId, quantity: i64| {
        let mut placed = purchase(&goji, Category::Fruit, buyer, quantity, 0, Channel::Live);
        placed.orders[0].order.live_session_id = Some(session.id.clone());
        placed
    };
    let (first, second, third) = (
        live_order(&ama, 1),
        live_order(&ama, 2),
        live_order(&tashi, 1),
    );
    let refunded = buy(&store, &goji, &first, "2026-05-01").await;
    buy(&store, &goji, &second, "2026-05-01").await;
    // Bought from the replay two days later: still the session's.
    buy(&store, &goji, &third, "2026-05-03").await;
    let shelf = purchase(&honey, Category::Honey, &ama, 1, 0, Channel::Shelf);
    buy(&store, &honey, &shelf, "2026-05-01").await;
    give_back(&store, &refunded, 1_000, "2026-06-01").await;

    let may_day = scope("2026-05-01", "2026-05-01");
    let before_saved = live_of(&store, &may_day).await;
    assert_eq!(before_saved.top[0].unique_viewers, None);
    assert_eq!((before_saved.viewers, before_saved.viewed_buyers), (0, 0));
    store
        .save_room_figures(&SavedRoomFigures {
            session_id: session.id.clone(),
            peak_viewers: 25,
            unique_viewers: 40,
            unique_capped: false,
            likes: 3,
            clicks: Vec::new(),
            saved_at: at("2026-05-01"),
        })
        .await
        .unwrap();

    let read = live_of(&store, &may_day).await;
    let goods: i64 = [&first, &second, &third]
        .iter()
        .map(|placed| placed.orders[0].order.goods.minor())
        .sum();
    assert_eq!(read.sessions, 1);
    assert_eq!(
        read.figures,
        RollupFigures {
            paid_minor: goods,
            refunded_minor: 1_000,
            orders: 3,
            units: 4,
        }
    );
    assert_eq!((read.buyers, read.viewers, read.viewed_buyers), (2, 40, 2));
    let top = &read.top[0];
    assert_eq!(
        (top.session_id.clone(), top.shop_id.clone()),
        (session.id.clone(), goji.shop.clone())
    );
    assert_eq!((top.unique_viewers, top.buyers), (Some(40), 2));

    let april = live_of(&store, &scope("2026-04-01", "2026-04-30")).await;
    assert_eq!((april.sessions, april.top.len()), (0, 0));
    let mut township = may_day.clone();
    township.place = Some(code(TOWNSHIP_A));
    assert_eq!(live_of(&store, &township).await.sessions, 1);
    let mut other_shop = may_day.clone();
    other_shop.shop = Some(honey.shop.clone());
    assert_eq!(live_of(&store, &other_shop).await.sessions, 0);

    store.rebuild_rollups().await.unwrap();
    assert_eq!(live_of(&store, &may_day).await, read);
}

pub async fn runs_going_out_and_stops_done_fill_the_network_rollup(store: SqlStore) {
    let fx = fixture(&store).await;
    let zto = carrier("ZTO");
    store.save_carrier(&zto).await.unwrap();
    let other = other_carriers_parcel(&store, &fx, &zto.id).await;
    let together = run(&fx);
    let alone = run(&fx);
    store
        .replace_day_plan(&plan(
            vec![together.clone(), alone.clone()],
            vec![
                planned(&fx.down, &together),
                planned(&other, &together),
                planned(&fx.up, &alone),
            ],
            vec![],
        ))
        .await
        .unwrap();
    let the_day = day().date();
    let read =
        |store: SqlStore| async move { store.network_rollup(the_day, the_day).await.unwrap() };
    assert_eq!(
        read(store.clone()).await,
        NetworkRollup::default(),
        "planned runs count nowhere"
    );

    for r in [&together, &alone] {
        assert!(store
            .set_run_status(&r.id, RunStatus::Planned, RunStatus::Out)
            .await
            .unwrap());
    }
    let done_at = the_day.start_in_china().plus_millis(10 * 3_600_000);
    assert!(store
        .mark_stop_done(&together.id, 0, done_at)
        .await
        .unwrap());
    assert!(store.mark_stop_done(&alone.id, 0, done_at).await.unwrap());
    let rollup = read(store.clone()).await;
    assert_eq!(
        rollup.runs,
        RunFigures {
            runs: 2,
            carried: 3,
            co_distributed: 2,
            distance_m: 63_000,
        }
    );
    assert_eq!(rollup.villages_reached, vec![code(VILLAGE_A1)]);
    let month = store
        .network_rollup(date("2026-11-01"), date("2026-11-30"))
        .await
        .unwrap();
    assert_eq!(month, rollup, "the month's rows say what its days say");
    let next_day = the_day.plus_days(1);
    assert_eq!(
        store.network_rollup(next_day, next_day).await.unwrap(),
        NetworkRollup::default()
    );

    store.rebuild_rollups().await.unwrap();
    assert_eq!(read(store.clone()).await, rollup);
}

/// A down parcel of another carrier, received for the same village point.
async fn other_carriers_parcel(
    store: &SqlStore,
    fx: &crate::route_runs::Fixture,
    carrier: &CarrierId,
) -> farmgate_domain::parcel::Parcel {
    let parcel = farmgate_domain::parcel::Parcel {
        id: ParcelId::new(new_id()),
        code: ParcelCode::from_number(3),
        carrier: Some(carrier.clone()),
        carrier_tracking: Some("ZTO3".into()),
        ..fx.down.clone()
    };
    let received = ParcelEvent {
        parcel: parcel.id.clone(),
        stage: ParcelStage::Received,
        at: T0,
        node: None,
        run: None,
        by: None,
        recorded_at: T0,
    };
    assert_eq!(parcel.direction, Direction::Down);
    store
        .add_parcels(&[(parcel.clone(), received)])
        .await
        .unwrap();
    parcel
}
