use farmgate_domain::account::Phone;
use farmgate_domain::id::{ParcelId, RouteRunId};
use farmgate_domain::money::Money;
use farmgate_domain::network::{NetworkNode, NodeRole, Vehicle};
use farmgate_domain::parcel::{Direction, Parcel, ParcelCode, ParcelEvent, ParcelStage, Villager};
use farmgate_domain::route_run::{
    RouteRun, RunDay, RunStatus, RunStop, StopLoad, Unplanned, UnplannedReason,
};
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::{DayPlan, Network, Parcels, RouteRuns, StoreError, PLAN_OUTDATED};

use crate::fixtures::{add_places, new_id, T0};
use crate::network::{carrier, node, vehicle, village_point};

pub struct Fixture {
    pub warehouse: NetworkNode,
    pub point: NetworkNode,
    pub van: Vehicle,
    pub down: Parcel,
    pub up: Parcel,
}

pub fn day() -> RunDay {
    RunDay::parse("2026-11-26").unwrap()
}

pub async fn fixture(store: &SqlStore) -> Fixture {
    add_places(store).await;
    let warehouse = node("WH", NodeRole::Warehouse);
    let point = village_point("VP-1");
    let sf = carrier("SF");
    let van = vehicle("青H12345", &warehouse);
    store.save_node(&warehouse).await.unwrap();
    store.save_node(&point).await.unwrap();
    store.save_carrier(&sf).await.unwrap();
    store.save_vehicle(&van).await.unwrap();
    let parcel = |number: u64, direction: Direction, stage: ParcelStage| Parcel {
        id: ParcelId::new(new_id()),
        code: ParcelCode::from_number(number),
        direction,
        carrier: (direction == Direction::Down).then(|| sf.id.clone()),
        carrier_tracking: (direction == Direction::Down).then(|| format!("SF{number}")),
        point: point.id.clone(),
        villager: Villager {
            name: "才让".into(),
            phone: Phone::parse("phone", "13912345678").unwrap(),
        },
        weight_g: 2_000,
        order: None,
        stage,
        run: None,
        pickup_code: None,
        wrong_pickup_codes: 0,
        created_at: T0,
    };
    let down = parcel(1, Direction::Down, ParcelStage::Received);
    let up = parcel(2, Direction::Up, ParcelStage::Declared);
    let first = |p: &Parcel| ParcelEvent {
        parcel: p.id.clone(),
        stage: p.stage,
        at: T0,
        node: None,
        run: None,
        by: None,
        recorded_at: T0,
    };
    store
        .add_parcels(&[(down.clone(), first(&down)), (up.clone(), first(&up))])
        .await
        .unwrap();
    Fixture {
        warehouse,
        point,
        van,
        down,
        up,
    }
}

pub fn run(fx: &Fixture) -> RouteRun {
    RouteRun {
        id: RouteRunId::new(new_id()),
        day: day(),
        depot: fx.warehouse.id.clone(),
        vehicle: fx.van.id.clone(),
        status: RunStatus::Planned,
        depart_minute: 480,
        return_minute: 600,
        distance_m: 31_500,
        cost: Money::fen(6_300),
        stops: vec![RunStop {
            point: fx.point.id.clone(),
            arrival_minute: 530,
            departure_minute: 540,
            drop: StopLoad {
                grams: 2_000,
                parcels: 1,
            },
            pick_up: StopLoad::default(),
            done_at: None,
        }],
        planned_at: T0,
    }
}

pub fn planned(parcel: &Parcel, run: &RouteRun) -> ParcelEvent {
    ParcelEvent {
        parcel: parcel.id.clone(),
        stage: ParcelStage::Planned,
        at: T0,
        node: Some(run.depot.clone()),
        run: Some(run.id.clone()),
        by: None,
        recorded_at: T0,
    }
}

pub fn plan(runs: Vec<RouteRun>, planned: Vec<ParcelEvent>, unplanned: Vec<Unplanned>) -> DayPlan {
    DayPlan {
        day: day(),
        runs,
        planned,
        unplanned,
    }
}

async fn stages(store: &SqlStore, parcel: &Parcel) -> Vec<ParcelStage> {
    let events = store.parcel_events(&parcel.id).await.unwrap();
    events.into_iter().map(|e| e.stage).collect()
}

pub async fn a_new_plan_replaces_the_runs_not_started_and_sends_their_parcels_back(
    store: SqlStore,
) {
    let fx = fixture(&store).await;
    let first = run(&fx);
    store
        .replace_day_plan(&plan(
            vec![first.clone()],
            vec![planned(&fx.down, &first), planned(&fx.up, &first)],
            vec![],
        ))
        .await
        .unwrap();
    assert_eq!(store.runs_of_day(day()).await.unwrap(), vec![first.clone()]);
    assert_eq!(
        store.route_run(&first.id).await.unwrap(),
        Some(first.clone())
    );
    let up = store.parcel(&fx.up.id).await.unwrap().unwrap();
    assert_eq!(
        (up.stage, up.run),
        (ParcelStage::Planned, Some(first.id.clone()))
    );

    let second = run(&fx);
    let left = Unplanned {
        parcel: fx.up.id.clone(),
        reason: UnplannedReason::NoCapacityLeft,
    };
    store
        .replace_day_plan(&plan(
            vec![second.clone()],
            vec![planned(&fx.down, &second)],
            vec![left.clone()],
        ))
        .await
        .unwrap();
    assert_eq!(
        store.runs_of_day(day()).await.unwrap(),
        vec![second.clone()]
    );
    assert_eq!(store.route_run(&first.id).await.unwrap(), None);
    let down = store.parcel(&fx.down.id).await.unwrap().unwrap();
    assert_eq!(down.run, Some(second.id.clone()));
    let down_events = store.parcel_events(&fx.down.id).await.unwrap();
    let step = down_events.iter().find(|e| e.stage == ParcelStage::Planned);
    assert_eq!(step.and_then(|e| e.run.clone()), Some(second.id.clone()));
    let up = store.parcel(&fx.up.id).await.unwrap().unwrap();
    assert_eq!((up.stage, up.run), (ParcelStage::Declared, None));
    assert_eq!(stages(&store, &fx.up).await, [ParcelStage::Declared]);
    assert_eq!(store.unplanned_of_day(day()).await.unwrap(), vec![left]);
    let other_day = RunDay::parse("2026-11-27").unwrap();
    assert!(store.runs_of_day(other_day).await.unwrap().is_empty());
}

pub async fn a_parcel_scanned_meanwhile_fails_the_whole_plan(store: SqlStore) {
    let fx = fixture(&store).await;
    let first = run(&fx);
    store
        .replace_day_plan(&plan(
            vec![first.clone()],
            vec![planned(&fx.down, &first)],
            vec![],
        ))
        .await
        .unwrap();
    // The driver loads the parcel before the run is marked out.
    let mut loaded = store.parcel(&fx.down.id).await.unwrap().unwrap();
    loaded.stage = ParcelStage::Loaded;
    let mut event = planned(&loaded, &first);
    event.stage = ParcelStage::Loaded;
    assert!(store
        .advance_parcel(&loaded, ParcelStage::Planned, &event)
        .await
        .unwrap());

    let second = run(&fx);
    let again = store
        .replace_day_plan(&plan(
            vec![second.clone()],
            vec![planned(&fx.up, &second)],
            vec![],
        ))
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(PLAN_OUTDATED))));
    assert_eq!(store.runs_of_day(day()).await.unwrap(), vec![first.clone()]);
    assert_eq!(
        store.parcel(&fx.up.id).await.unwrap().unwrap().stage,
        ParcelStage::Declared
    );

    // Once the run is out it stays; a plan naming a parcel no longer waiting writes nothing.
    assert!(store
        .set_run_status(&first.id, RunStatus::Planned, RunStatus::Out)
        .await
        .unwrap());
    let stale = store
        .replace_day_plan(&plan(
            vec![second.clone()],
            vec![planned(&fx.up, &second), planned(&fx.down, &second)],
            vec![],
        ))
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(PLAN_OUTDATED))));
    assert_eq!(store.route_run(&second.id).await.unwrap(), None);
    assert_eq!(stages(&store, &fx.up).await, [ParcelStage::Declared]);
}

pub async fn runs_go_out_once_and_a_stop_is_done_once(store: SqlStore) {
    let fx = fixture(&store).await;
    let first = run(&fx);
    store
        .replace_day_plan(&plan(vec![first.clone()], vec![], vec![]))
        .await
        .unwrap();
    assert!(store
        .set_run_status(&first.id, RunStatus::Planned, RunStatus::Out)
        .await
        .unwrap());
    assert!(!store
        .set_run_status(&first.id, RunStatus::Planned, RunStatus::Out)
        .await
        .unwrap());
    let done_at = Timestamp::from_millis(T0.millis() + 3_600_000);
    assert!(store.mark_stop_done(&first.id, 0, done_at).await.unwrap());
    assert!(!store
        .mark_stop_done(&first.id, 0, Timestamp::from_millis(done_at.millis() + 1))
        .await
        .unwrap());
    assert!(!store.mark_stop_done(&first.id, 5, done_at).await.unwrap());
    let stored = store.route_run(&first.id).await.unwrap().unwrap();
    assert_eq!(stored.status, RunStatus::Out);
    assert_eq!(stored.stops[0].done_at, Some(done_at));

    // Planning again leaves a run that is out alone.
    store
        .replace_day_plan(&plan(vec![], vec![], vec![]))
        .await
        .unwrap();
    assert_eq!(store.runs_of_day(day()).await.unwrap(), vec![stored]);
}
