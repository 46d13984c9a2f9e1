//! Batches: a lot is unique per product, a GTIN per product, events are kept once per step
//! and subject, and packing ties order lines to batches all or nothing.

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::catalogue::Grade;
use farmgate_domain::id::{AccountId, BatchEventId, BatchId, InspectionId, OrderId};
use farmgate_domain::place::GeoPoint;
use farmgate_domain::trace::{
    Batch, BatchEvent, BatchStatus, BatchTie, BizStep, Disposition, EventKind, EventPlace,
    EventSubject, Gtin, Lot, QualityStatus,
};
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::fixtures::{add_account, code, new_id, T0, VILLAGE_A1};
use crate::network::conflict;
use crate::orders::{checkout, stall, Stall};

pub(crate) fn batch(stall: &Stall, by: &AccountId, lot: &str) -> Batch {
    Batch {
        id: BatchId::new(new_id()),
        product: stall.product.clone(),
        shop: stall.shop.clone(),
        lot: Lot::parse(lot).unwrap(),
        harvested_on: CivilDate::new(2024, 8, 15).unwrap(),
        village: code(VILLAGE_A1),
        field: GeoPoint::new(36_512_000, 99_100_000),
        units: 800,
        grade: Grade::Special,
        notes: "有机种植".into(),
        status: BatchStatus::Open,
        quality: QualityStatus::Uninspected,
        created_by: by.clone(),
        created_at: T0,
    }
}

pub(crate) fn commissioning(batch: &Batch) -> BatchEvent {
    let mut event = BatchEvent::new(
        BatchEventId::new(new_id()),
        batch.id.clone(),
        BizStep::Commissioning,
        Disposition::Active,
        batch.created_at,
    );
    event.read_point = Some(EventPlace::Village(batch.village.clone()));
    event.units = Some(batch.units);
    event.by = Some(batch.created_by.clone());
    event
}

pub async fn batches_read_back_and_lots_are_unique_per_product(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let owner = add_account(&store, "quality@example.cn").await.id;
    let first = batch(&stall, &owner, "GJ-0815");
    store
        .add_batch(&first, &commissioning(&first))
        .await
        .unwrap();
    let mut unfielded = batch(&stall, &owner, "GJ-0816");
    unfielded.field = None;
    unfielded.created_at = T0.plus_millis(1);
    store
        .add_batch(&unfielded, &commissioning(&unfielded))
        .await
        .unwrap();

    assert_eq!(store.batch(&first.id).await.unwrap(), Some(first.clone()));
    assert_eq!(
        store
            .batch_by_lot(&stall.product, &first.lot)
            .await
            .unwrap(),
        Some(first.clone())
    );
    let listed = store
        .batches(
            &BatchFilter {
                shop: Some(stall.shop.clone()),
                ..Default::default()
            },
            Page::first(10),
        )
        .await
        .unwrap();
    assert_eq!(listed, [unfielded.clone(), first.clone()], "newest first");
    let recalled = BatchFilter {
        status: Some(BatchStatus::Recalled),
        ..Default::default()
    };
    assert!(store
        .batches(&recalled, Page::first(10))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .count_batches_on(&stall.product, "2024-08-15")
            .await
            .unwrap(),
        2
    );

    let again = batch(&stall, &owner, "GJ-0815");
    let refused = store.add_batch(&again, &commissioning(&again)).await;
    assert_eq!(conflict(refused), LOT_TAKEN);
    assert_eq!(
        store.batch(&again.id).await.unwrap(),
        None,
        "nothing written"
    );
    assert_eq!(store.batch_events(&again.id).await.unwrap(), []);
}

pub async fn a_step_is_recorded_once_per_subject(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let owner = add_account(&store, "quality@example.cn").await.id;
    let batch = batch(&stall, &owner, "GJ-1");
    let first = commissioning(&batch);
    store.add_batch(&batch, &first).await.unwrap();

    let inspected = |inspection: &str, at| {
        let mut event = BatchEvent::new(
            BatchEventId::new(new_id()),
            batch.id.clone(),
            BizStep::Inspecting,
            Disposition::Conformant,
            at,
        );
        event.subject = EventSubject::Inspection(InspectionId::new(inspection));
        event
    };
    let one = inspected("i-1", T0.plus_millis(10));
    assert!(store.record_batch_event(&one).await.unwrap());
    assert!(!store
        .record_batch_event(&inspected("i-1", T0.plus_millis(20)))
        .await
        .unwrap());
    let two = inspected("i-2", T0.plus_millis(5));
    assert!(store.record_batch_event(&two).await.unwrap());

    let events = store.batch_events(&batch.id).await.unwrap();
    assert_eq!(
        events,
        [first.clone(), two.clone(), one.clone()],
        "in time order"
    );
    let page = store.batch_events_after(None, 2).await.unwrap();
    assert_eq!(page, [first.clone(), one.clone()], "in id order");
    let rest = store.batch_events_after(Some(&one.id), 10).await.unwrap();
    assert_eq!(rest, [two]);
}

pub async fn gtins_belong_to_one_product(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let untouched = store.product_trace(&stall.product).await.unwrap();
    assert_eq!(untouched.gtin, None);
    assert!(!untouched.passed_batches_only);

    let gtin = Gtin::parse("06901234000016").unwrap();
    let trace = ProductTrace {
        product: stall.product.clone(),
        gtin: Some(gtin.clone()),
        passed_batches_only: true,
    };
    store.set_product_trace(&trace).await.unwrap();
    assert_eq!(store.product_trace(&stall.product).await.unwrap(), trace);
    assert_eq!(
        store.product_by_gtin(&gtin).await.unwrap(),
        Some(stall.product.clone())
    );

    let other = crate::orders::second_stall(&store, &stall, 5).await;
    let taken = store
        .set_product_trace(&ProductTrace {
            product: other.product.clone(),
            ..trace.clone()
        })
        .await;
    assert_eq!(conflict(taken), GTIN_TAKEN);
    assert_eq!(
        store.product_trace(&other.product).await.unwrap().gtin,
        None
    );
}

pub async fn packing_ties_order_lines_to_batches_all_or_nothing(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let owner = add_account(&store, "quality@example.cn").await.id;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let placed = checkout(&stall, &buyer, "k", 3);
    store.place_checkout(&placed).await.unwrap();
    let order = placed.orders[0].order.id.clone();
    let (a, b) = (batch(&stall, &owner, "A"), batch(&stall, &owner, "B"));
    for one in [&a, &b] {
        store.add_batch(one, &commissioning(one)).await.unwrap();
    }
    let tie = |batch: &Batch, units| BatchTie {
        order: order.clone(),
        line_no: 0,
        batch: batch.id.clone(),
        units,
    };
    let packed = |batch: &Batch| {
        let mut event = BatchEvent::new(
            BatchEventId::new(new_id()),
            batch.id.clone(),
            BizStep::Packing,
            Disposition::InProgress,
            T0.plus_millis(100),
        );
        event.kind = EventKind::Aggregation;
        event.subject = EventSubject::Order(order.clone());
        event
    };
    store
        .pack_order_line(&order, 0, &[tie(&a, 3)], &[packed(&a)])
        .await
        .unwrap();
    store
        .pack_order_line(
            &order,
            0,
            &[tie(&a, 1), tie(&b, 2)],
            &[packed(&a), packed(&b)],
        )
        .await
        .unwrap();
    assert_eq!(
        store.order_batch_ties(&order).await.unwrap(),
        [tie(&a, 1), tie(&b, 2)],
        "replaced"
    );
    assert_eq!(store.batch_ties(&b.id).await.unwrap(), [tie(&b, 2)]);
    assert_eq!(
        store.batch_events(&a.id).await.unwrap().len(),
        2,
        "packing kept once"
    );

    let missing = BatchTie {
        batch: BatchId::new(new_id()),
        ..tie(&a, 1)
    };
    let refused = store
        .pack_order_line(&order, 0, &[tie(&a, 3), missing], &[])
        .await;
    assert!(matches!(refused, Err(StoreError::Conflict(_))));
    assert_eq!(
        store.order_batch_ties(&order).await.unwrap(),
        [tie(&a, 1), tie(&b, 2)],
        "nothing changed"
    );
    let no_line = store
        .pack_order_line(&OrderId::new(new_id()), 0, &[tie(&a, 1)], &[])
        .await;
    assert!(matches!(no_line, Err(StoreError::Conflict(_))));
}
