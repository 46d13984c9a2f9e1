//! Recalls: the reach of a batch over hundreds of orders is all and only the orders holding
//! it; a batch is recalled once however many officers try at once; packing at once never ties
//! more units than a batch holds; notices are an outbox, acknowledged by the buyer.

use std::collections::BTreeSet;
use std::sync::Arc;

use farmgate_domain::id::{AccountId, BatchEventId, OrderId, RecallId};
use farmgate_domain::trace::{
    Batch, BatchEvent, BatchStatus, BatchTie, BizStep, Disposition, EventSubject, Recall,
    RecallState,
};
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::batches::{batch, commissioning};
use crate::fixtures::{add_account, new_id, T0};
use crate::orders::{checkout, pay, stall, Stall};

fn recall_of(batch: &Batch, by: &AccountId) -> (Recall, BatchEvent) {
    let recall = Recall {
        id: RecallId::new(new_id()),
        batch: batch.id.clone(),
        reason: "农残超标 pesticide residue".into(),
        opened_by: by.clone(),
        opened_at: T0.plus_millis(1_000),
        state: RecallState::Open,
    };
    let mut event = BatchEvent::new(
        BatchEventId::new(new_id()),
        batch.id.clone(),
        BizStep::Holding,
        Disposition::Recalled,
        recall.opened_at,
    );
    event.subject = EventSubject::Recall(recall.id.clone());
    (recall, event)
}

fn told() -> RecallNotification {
    RecallNotification {
        title: "召回 黑枸杞".into(),
        link: "/recalls/x".into(),
    }
}

fn tie(order: &OrderId, batch: &Batch, units: i64) -> BatchTie {
    BatchTie {
        order: order.clone(),
        line_no: 0,
        batch: batch.id.clone(),
        units,
    }
}

async fn placed_order(
    store: &SqlStore,
    stall: &Stall,
    buyer: &AccountId,
    quantity: i64,
) -> OrderId {
    let placed = checkout(stall, buyer, &new_id(), quantity);
    store.place_checkout(&placed).await.unwrap();
    placed.orders[0].order.id.clone()
}

async fn added(store: &SqlStore, stall: &Stall, by: &AccountId, lot: &str, units: i64) -> Batch {
    let mut one = batch(stall, by, lot);
    one.units = units;
    store.add_batch(&one, &commissioning(&one)).await.unwrap();
    one
}

pub async fn a_recall_reaches_all_and_only_the_orders_holding_its_batch(store: SqlStore) {
    let stall = stall(&store, 100_000).await;
    let officer = add_account(&store, "officer@example.cn").await.id;
    let mut buyers = Vec::new();
    for n in 0..7 {
        buyers.push(
            add_account(&store, &format!("buyer{n}@example.cn"))
                .await
                .id,
        );
    }
    let batches = [
        added(&store, &stall, &officer, "A", 10_000).await,
        added(&store, &stall, &officer, "B", 10_000).await,
        added(&store, &stall, &officer, "C", 10_000).await,
    ];
    // 300 orders of 3 units, each from one batch; every fifth split with the next batch.
    let mut holding = BTreeSet::new();
    let mut units_of_a = 0;
    let mut shipped_of_a = 0;
    for n in 0..300usize {
        let buyer = &buyers[n % buyers.len()];
        let placed = checkout(&stall, buyer, &new_id(), 3);
        store.place_checkout(&placed).await.unwrap();
        let order = placed.orders[0].order.id.clone();
        let first = &batches[n % 3];
        let ties = if n % 5 == 0 {
            vec![tie(&order, first, 1), tie(&order, &batches[(n + 1) % 3], 2)]
        } else {
            vec![tie(&order, first, 3)]
        };
        store.pack_order_line(&order, 0, &ties, &[]).await.unwrap();
        let in_a: i64 = ties
            .iter()
            .filter(|t| t.batch == batches[0].id)
            .map(|t| t.units)
            .sum();
        if n % 4 == 0 {
            pay(&store, &stall, &placed, T0.plus_millis(10)).await;
            let shipment = ShipmentRecord {
                carrier: "SF".into(),
                tracking_no: format!("SF{n:010}"),
                shipped_at: T0.plus_millis(20),
            };
            store.ship_order(&order, &shipment).await.unwrap();
            shipped_of_a += in_a;
        }
        if in_a > 0 {
            holding.insert((order, buyer.clone()));
            units_of_a += in_a;
        }
    }

    let reach = store.recall_reach(&batches[0].id).await.unwrap();
    let found: BTreeSet<_> = reach
        .orders
        .iter()
        .map(|o| (o.order.clone(), o.buyer.clone()))
        .collect();
    assert_eq!(found, holding, "all and only the orders holding batch A");
    assert_eq!(reach.orders.len(), holding.len(), "each order once");
    assert_eq!(reach.units_shipped, shipped_of_a);
    assert_eq!(reach.units_packed, units_of_a - shipped_of_a);
    assert_eq!(reach.units_in_stock, 10_000 - units_of_a);
    assert!(reach
        .orders
        .iter()
        .all(|o| o.shipped == (o.parcels.len() == 1) && o.units >= 1));
    assert_eq!(reach.buyers().len(), buyers.len());

    let (recall, event) = recall_of(&batches[0], &officer);
    store.open_recall(&recall, &event, &told()).await.unwrap();
    assert_eq!(
        store.recall(&recall.id).await.unwrap(),
        Some(recall.clone())
    );
    assert_eq!(
        store.batch(&batches[0].id).await.unwrap().unwrap().status,
        BatchStatus::Recalled
    );
    let notices = store.recall_notices(&recall.id).await.unwrap();
    let noticed: BTreeSet<_> = notices
        .iter()
        .map(|n| (n.order.clone(), n.buyer.clone()))
        .collect();
    assert_eq!(noticed, holding, "one notice per order holding the batch");
    for buyer in &buyers {
        let inbox = store.notifications(buyer, 50).await.unwrap();
        assert_eq!(
            inbox
                .iter()
                .filter(|n| n.kind == NotificationKind::Recall)
                .count(),
            1,
            "each buyer told once"
        );
    }
}

pub async fn a_batch_is_recalled_once_however_many_officers_try_at_once(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let officer = add_account(&store, "officer@example.cn").await.id;
    let one = added(&store, &stall, &officer, "A", 100).await;
    let store = Arc::new(store);
    let tries = (0..8).map(|_| {
        let (store, one, officer) = (store.clone(), one.clone(), officer.clone());
        tokio::spawn(async move {
            let (recall, event) = recall_of(&one, &officer);
            store.open_recall(&recall, &event, &told()).await
        })
    });
    let mut opened = 0;
    for handle in tries {
        match handle.await.unwrap() {
            Ok(()) => opened += 1,
            Err(StoreError::Conflict(BATCH_NOT_OPEN)) => {}
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(opened, 1);
    let recalls = store
        .recalls(Page {
            limit: 10,
            offset: 0,
        })
        .await
        .unwrap();
    assert_eq!(recalls.len(), 1);
    let holding = store
        .batch_events(&one.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.biz_step == BizStep::Holding)
        .count();
    assert_eq!(holding, 1);
}

pub async fn packing_at_once_never_ties_more_than_a_batch_holds(store: SqlStore) {
    let stall = stall(&store, 1_000).await;
    let officer = add_account(&store, "officer@example.cn").await.id;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let one = added(&store, &stall, &officer, "A", 10).await;
    let mut orders = Vec::new();
    for _ in 0..16 {
        orders.push(placed_order(&store, &stall, &buyer, 2).await);
    }
    let store = Arc::new(store);
    let packs = orders.iter().map(|order| {
        let (store, ties) = (store.clone(), [tie(order, &one, 2)]);
        let order = order.clone();
        tokio::spawn(async move { store.pack_order_line(&order, 0, &ties, &[]).await })
    });
    let mut packed = 0;
    for handle in packs {
        match handle.await.unwrap() {
            Ok(()) => packed += 1,
            Err(StoreError::Conflict(BATCH_OVER_TIED)) => {}
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(packed, 5, "10 units, 2 per order");
    let stock = store.product_batch_stock(&stall.product).await.unwrap();
    assert_eq!((stock[0].tied_units, stock[0].units_left()), (10, 0));

    // Repacking a line replaces its own units rather than counting them twice.
    let first_packed = store.batch_ties(&one.id).await.unwrap()[0].order.clone();
    store
        .pack_order_line(&first_packed, 0, &[tie(&first_packed, &one, 1)], &[])
        .await
        .unwrap();
    assert_eq!(
        store.product_batch_stock(&stall.product).await.unwrap()[0].units_left(),
        1
    );

    let (recall, event) = recall_of(&one, &officer);
    store.open_recall(&recall, &event, &told()).await.unwrap();
    let refused = store
        .pack_order_line(&orders[15], 0, &[tie(&orders[15], &one, 1)], &[])
        .await;
    assert!(matches!(refused, Err(StoreError::Conflict(BATCH_NOT_OPEN))));
}

pub async fn recall_notices_are_sent_once_and_acknowledged_by_their_buyer(store: SqlStore) {
    let stall = stall(&store, 100).await;
    let officer = add_account(&store, "officer@example.cn").await.id;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let other = add_account(&store, "other@example.cn").await.id;
    let one = added(&store, &stall, &officer, "A", 100).await;
    let mut orders = Vec::new();
    for who in [&buyer, &buyer, &other] {
        let order = placed_order(&store, &stall, who, 1).await;
        store
            .pack_order_line(&order, 0, &[tie(&order, &one, 1)], &[])
            .await
            .unwrap();
        orders.push(order);
    }
    let (recall, event) = recall_of(&one, &officer);
    store.open_recall(&recall, &event, &told()).await.unwrap();

    let unsent = store.unsent_recall_notices(100).await.unwrap();
    assert_eq!(unsent.len(), 3);
    assert_eq!(unsent[0].phone, "13800000000");
    let at = T0.plus_millis(5_000);
    assert!(store
        .mark_recall_notice_sent(&unsent[0], "outbox", "ref-1", at)
        .await
        .unwrap());
    assert!(!store
        .mark_recall_notice_sent(&unsent[0], "outbox", "ref-2", at)
        .await
        .unwrap());
    assert_eq!(store.unsent_recall_notices(100).await.unwrap().len(), 2);

    assert_eq!(
        store
            .acknowledge_recall(&recall.id, &buyer, at)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .acknowledge_recall(&recall.id, &buyer, at)
            .await
            .unwrap(),
        0
    );
    let notices = store.recall_notices(&recall.id).await.unwrap();
    let acknowledged: Vec<_> = notices
        .iter()
        .filter(|n| n.acknowledged_at.is_some())
        .map(|n| n.buyer.clone())
        .collect();
    assert_eq!(acknowledged, [buyer.clone(), buyer]);
}
