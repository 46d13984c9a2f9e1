use farmgate_domain::account::Phone;
use farmgate_domain::id::{ParcelId, RouteRunId};
use farmgate_domain::network::{NetworkNode, NodeRole};
use farmgate_domain::parcel::{
    Direction, Parcel, ParcelCode, ParcelEvent, ParcelStage, PickupCode, Villager,
};
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::{
    Network, ParcelFilter, Parcels, StoreError, CARRIER_TRACKING_TAKEN, PARCEL_CODE_TAKEN,
};

use crate::fixtures::{add_places, new_id, T0};
use crate::network::{carrier, conflict, node, village_point};

pub(crate) struct Fixture {
    pub(crate) warehouse: NetworkNode,
    pub(crate) point: NetworkNode,
    pub(crate) carrier: farmgate_domain::network::Carrier,
}

pub(crate) async fn network(store: &SqlStore) -> Fixture {
    add_places(store).await;
    let fx = Fixture {
        warehouse: node("WH", NodeRole::Warehouse),
        point: village_point("VP-1"),
        carrier: carrier("SF"),
    };
    store.save_node(&fx.warehouse).await.unwrap();
    store.save_node(&fx.point).await.unwrap();
    store.save_carrier(&fx.carrier).await.unwrap();
    fx
}

pub(crate) fn down(fx: &Fixture, number: u64, tracking: &str) -> (Parcel, ParcelEvent) {
    let parcel = Parcel {
        id: ParcelId::new(new_id()),
        code: ParcelCode::from_number(number),
        direction: Direction::Down,
        carrier: Some(fx.carrier.id.clone()),
        carrier_tracking: Some(tracking.into()),
        point: fx.point.id.clone(),
        villager: Villager {
            name: "才让".into(),
            phone: Phone::parse("phone", "13912345678").unwrap(),
        },
        weight_g: 2_500,
        order: None,
        stage: ParcelStage::Received,
        run: None,
        pickup_code: None,
        wrong_pickup_codes: 0,
        created_at: T0,
    };
    let event = event(&parcel, ParcelStage::Received, T0, Some(&fx.warehouse));
    (parcel, event)
}

fn up(fx: &Fixture, number: u64) -> (Parcel, ParcelEvent) {
    let (mut parcel, _) = down(fx, number, "unused");
    parcel.direction = Direction::Up;
    parcel.carrier = None;
    parcel.carrier_tracking = None;
    parcel.stage = ParcelStage::Declared;
    parcel.created_at = Timestamp::from_millis(T0.millis() + 1);
    let event = event(
        &parcel,
        ParcelStage::Declared,
        parcel.created_at,
        Some(&fx.point),
    );
    (parcel, event)
}

fn event(
    parcel: &Parcel,
    stage: ParcelStage,
    at: Timestamp,
    node: Option<&NetworkNode>,
) -> ParcelEvent {
    ParcelEvent {
        parcel: parcel.id.clone(),
        stage,
        at,
        node: node.map(|n| n.id.clone()),
        run: parcel.run.clone(),
        by: None,
        recorded_at: at,
    }
}

pub async fn parcels_read_back_by_id_code_tracking_and_filter(store: SqlStore) {
    let fx = network(&store).await;
    let (parcel_down, first_down) = down(&fx, 1, "SF100");
    let (parcel_up, first_up) = up(&fx, 2);
    store
        .add_parcels(&[
            (parcel_down.clone(), first_down.clone()),
            (parcel_up.clone(), first_up),
        ])
        .await
        .unwrap();

    assert_eq!(
        store.parcel(&parcel_down.id).await.unwrap(),
        Some(parcel_down.clone())
    );
    assert_eq!(
        store.parcel_by_code(&parcel_up.code).await.unwrap(),
        Some(parcel_up.clone())
    );
    assert_eq!(
        store
            .parcel_by_tracking(&fx.carrier.id, "SF100")
            .await
            .unwrap(),
        Some(parcel_down.clone())
    );
    assert_eq!(
        store
            .parcel_by_tracking(&fx.carrier.id, "SF101")
            .await
            .unwrap(),
        None
    );
    let all = store.parcels(&ParcelFilter::default()).await.unwrap();
    assert_eq!(all, vec![parcel_down.clone(), parcel_up.clone()]);
    let ups = ParcelFilter {
        direction: Some(Direction::Up),
        ..ParcelFilter::default()
    };
    assert_eq!(store.parcels(&ups).await.unwrap(), vec![parcel_up.clone()]);
    let waiting = ParcelFilter {
        stages: vec![ParcelStage::Received, ParcelStage::Planned],
        point: Some(fx.point.id.clone()),
        ..ParcelFilter::default()
    };
    assert_eq!(
        store.parcels(&waiting).await.unwrap(),
        vec![parcel_down.clone()]
    );
    assert_eq!(
        store.parcel_events(&parcel_down.id).await.unwrap(),
        vec![first_down]
    );
}

pub async fn codes_and_tracking_numbers_are_unique_and_a_batch_is_all_or_nothing(store: SqlStore) {
    let fx = network(&store).await;
    store.add_parcels(&[down(&fx, 1, "SF1")]).await.unwrap();
    let clash = store
        .add_parcels(&[down(&fx, 2, "SF2"), down(&fx, 3, "SF1")])
        .await;
    assert_eq!(conflict(clash), CARRIER_TRACKING_TAKEN);
    let same_code = store.add_parcels(&[down(&fx, 1, "SF4")]).await;
    assert_eq!(conflict(same_code), PARCEL_CODE_TAKEN);
    assert_eq!(
        store.parcels(&ParcelFilter::default()).await.unwrap().len(),
        1
    );
}

pub async fn a_stage_moves_only_from_where_it_was_and_each_step_is_kept_once(store: SqlStore) {
    let fx = network(&store).await;
    let (mut parcel, first) = down(&fx, 7, "SF7");
    store.add_parcels(&[(parcel.clone(), first)]).await.unwrap();

    parcel.stage = ParcelStage::Planned;
    parcel.run = Some(RouteRunId::new(new_id()));
    let later = Timestamp::from_millis(T0.millis() + 60_000);
    let planned = event(&parcel, ParcelStage::Planned, later, Some(&fx.warehouse));
    assert!(store
        .advance_parcel(&parcel, ParcelStage::Received, &planned)
        .await
        .unwrap());
    // A second scanner still thinking it was "received" moves nothing.
    assert!(!store
        .advance_parcel(&parcel, ParcelStage::Received, &planned)
        .await
        .unwrap());
    assert_eq!(
        store.parcel(&parcel.id).await.unwrap(),
        Some(parcel.clone())
    );

    parcel.stage = ParcelStage::AtPoint;
    parcel.pickup_code = PickupCode::parse("204817");
    let arrived = event(
        &parcel,
        ParcelStage::AtPoint,
        Timestamp::from_millis(later.millis() + 9_000),
        Some(&fx.point),
    );
    assert!(store
        .advance_parcel(&parcel, ParcelStage::Planned, &arrived)
        .await
        .unwrap());
    // The van's loading scan syncs late: kept as history, in the order things happened, once.
    let loaded = event(
        &parcel,
        ParcelStage::Loaded,
        Timestamp::from_millis(later.millis() + 1_000),
        Some(&fx.warehouse),
    );
    store.record_parcel_event(&loaded).await.unwrap();
    store.record_parcel_event(&loaded).await.unwrap();
    let stages: Vec<ParcelStage> = store
        .parcel_events(&parcel.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.stage)
        .collect();
    assert_eq!(
        stages,
        [
            ParcelStage::Received,
            ParcelStage::Planned,
            ParcelStage::Loaded,
            ParcelStage::AtPoint
        ]
    );
    assert_eq!(
        store.parcel(&parcel.id).await.unwrap().unwrap().stage,
        ParcelStage::AtPoint
    );
}

pub async fn wrong_pickup_codes_are_counted(store: SqlStore) {
    let fx = network(&store).await;
    let (parcel, first) = down(&fx, 9, "SF9");
    store.add_parcels(&[(parcel.clone(), first)]).await.unwrap();
    assert_eq!(store.count_wrong_pickup_code(&parcel.id).await.unwrap(), 1);
    assert_eq!(store.count_wrong_pickup_code(&parcel.id).await.unwrap(), 2);
    assert_eq!(
        store
            .parcel(&parcel.id)
            .await
            .unwrap()
            .unwrap()
            .wrong_pickup_codes,
        2
    );
    let nobody = ParcelId::new(new_id());
    assert!(matches!(
        store.count_wrong_pickup_code(&nobody).await,
        Err(StoreError::NotFound)
    ));
}

/// Twelve counter staff hand the same parcel over at once: it is collected exactly once.
pub async fn a_parcel_is_collected_once_however_many_try_at_once(store: SqlStore) {
    let fx = network(&store).await;
    let (mut parcel, first) = down(&fx, 11, "SF11");
    parcel.stage = ParcelStage::AtPoint;
    store.add_parcels(&[(parcel.clone(), first)]).await.unwrap();
    parcel.stage = ParcelStage::Collected;
    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let store = store.clone();
            let parcel = parcel.clone();
            let at = Timestamp::from_millis(T0.millis() + i);
            let collected = event(&parcel, ParcelStage::Collected, at, Some(&fx.point));
            tokio::spawn(async move {
                store
                    .advance_parcel(&parcel, ParcelStage::AtPoint, &collected)
                    .await
            })
        })
        .collect();
    let mut won = 0;
    for task in tasks {
        if task.await.unwrap().unwrap() {
            won += 1;
        }
    }
    assert_eq!(won, 1);
    let events = store.parcel_events(&parcel.id).await.unwrap();
    assert_eq!(
        events
            .iter()
            .filter(|e| e.stage == ParcelStage::Collected)
            .count(),
        1
    );
}
