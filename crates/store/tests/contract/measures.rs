use farmgate_domain::account::Phone;
use farmgate_domain::id::{CarrierId, ParcelId, RouteRunId};
use farmgate_domain::money::Money;
use farmgate_domain::network::{NetworkNode, NodeRole, Vehicle};
use farmgate_domain::parcel::{
    Direction, Parcel, ParcelCode, ParcelEvent, ParcelStage, RunCost, Trip, Villager, Visit,
};
use farmgate_domain::route_run::{RouteRun, RunDay, RunStatus, RunStop, StopLoad};
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::{DayPlan, MeasureReads, Network, Parcels, RouteRuns};

use crate::fixtures::{add_places, code, new_id, T0, VILLAGE_A1};
use crate::network::{carrier, node, vehicle, village_point};

const HOUR: i64 = 3_600_000;

fn at(hours: i64) -> Timestamp {
    Timestamp::from_millis(T0.millis() + hours * HOUR)
}

fn run(day: &str, warehouse: &NetworkNode, point: &NetworkNode, van: &Vehicle) -> RouteRun {
    RouteRun {
        id: RouteRunId::new(new_id()),
        day: RunDay::parse(day).unwrap(),
        depot: warehouse.id.clone(),
        vehicle: van.id.clone(),
        status: RunStatus::Planned,
        depart_minute: 480,
        return_minute: 600,
        distance_m: 31_500,
        cost: Money::fen(6_300),
        stops: vec![RunStop {
            point: point.id.clone(),
            arrival_minute: 530,
            departure_minute: 540,
            drop: StopLoad::default(),
            pick_up: StopLoad::default(),
            done_at: None,
        }],
        planned_at: T0,
    }
}

fn parcel(
    number: u64,
    direction: Direction,
    carrier: Option<&CarrierId>,
    point: &NetworkNode,
) -> Parcel {
    Parcel {
        id: ParcelId::new(new_id()),
        code: ParcelCode::from_number(number),
        direction,
        carrier: carrier.cloned(),
        carrier_tracking: carrier.map(|_| format!("T{number}")),
        point: point.id.clone(),
        villager: Villager {
            name: "才让".into(),
            phone: Phone::parse("phone", "13912345678").unwrap(),
        },
        weight_g: 2_000,
        order: None,
        stage: match direction {
            Direction::Down => ParcelStage::Received,
            Direction::Up => ParcelStage::Declared,
        },
        run: None,
        pickup_code: None,
        wrong_pickup_codes: 0,
        created_at: T0,
    }
}

fn event(
    parcel: &Parcel,
    stage: ParcelStage,
    at: Timestamp,
    run: Option<&RouteRun>,
) -> ParcelEvent {
    ParcelEvent {
        parcel: parcel.id.clone(),
        stage,
        at,
        node: None,
        run: run.map(|r| r.id.clone()),
        by: None,
        recorded_at: at,
    }
}

pub async fn trips_runs_and_visits_are_read_for_the_window(store: SqlStore) {
    add_places(&store).await;
    let warehouse = node("WH", NodeRole::Warehouse);
    let point = village_point("VP-1");
    let (sf, zto) = (carrier("SF"), carrier("ZTO"));
    let van = vehicle("青H12345", &warehouse);
    store.save_node(&warehouse).await.unwrap();
    store.save_node(&point).await.unwrap();
    store.save_carrier(&sf).await.unwrap();
    store.save_carrier(&zto).await.unwrap();
    store.save_vehicle(&van).await.unwrap();
    // T0 is 08:00 on 2025-01-01 in China.
    let went = run("2025-01-01", &warehouse, &point, &van);
    let only_planned = run("2025-01-01", &warehouse, &point, &van);
    let long_ago = run("2024-12-20", &warehouse, &point, &van);
    for (day, runs) in [
        ("2025-01-01", vec![went.clone(), only_planned.clone()]),
        ("2024-12-20", vec![long_ago.clone()]),
    ] {
        store
            .replace_day_plan(&DayPlan {
                day: RunDay::parse(day).unwrap(),
                runs,
                planned: vec![],
                unplanned: vec![],
            })
            .await
            .unwrap();
    }
    for r in [&went, &long_ago] {
        assert!(store
            .set_run_status(&r.id, RunStatus::Planned, RunStatus::Out)
            .await
            .unwrap());
    }
    assert!(store.mark_stop_done(&went.id, 0, at(2)).await.unwrap());
    assert!(store
        .mark_stop_done(&long_ago.id, 0, at(-12 * 24))
        .await
        .unwrap());

    let down = parcel(1, Direction::Down, Some(&sf.id), &point);
    let mut up = parcel(2, Direction::Up, None, &point);
    up.run = Some(went.id.clone());
    up.stage = ParcelStage::PickedUp;
    let before = parcel(3, Direction::Down, Some(&zto.id), &point);
    store
        .add_parcels(&[
            (
                down.clone(),
                event(&down, ParcelStage::Received, at(0), None),
            ),
            (up.clone(), event(&up, ParcelStage::Declared, at(1), None)),
            (
                before.clone(),
                event(&before, ParcelStage::Received, at(-48), None),
            ),
        ])
        .await
        .unwrap();
    // The down parcel's run is known from its `planned` step only.
    for e in [
        event(&down, ParcelStage::Planned, at(0), Some(&went)),
        event(&down, ParcelStage::AtPoint, at(3), Some(&went)),
    ] {
        store.record_parcel_event(&e).await.unwrap();
    }

    let mut trips = store.trips_taken_in(at(-24), at(10)).await.unwrap();
    trips.sort_by_key(|t| t.taken_in);
    assert_eq!(
        trips,
        vec![
            Trip {
                carrier: Some(sf.id.clone()),
                run: Some(went.id.clone()),
                taken_in: Some(at(0)),
                arrived: Some(at(3)),
            },
            Trip {
                carrier: None,
                run: Some(went.id.clone()),
                taken_in: Some(at(1)),
                arrived: None,
            },
        ]
    );
    let day = RunDay::parse("2025-01-01").unwrap();
    assert_eq!(
        store.runs_gone_out(day, day).await.unwrap(),
        vec![RunCost {
            run: went.id.clone(),
            distance_m: 31_500,
            cost: Money::fen(6_300),
        }]
    );
    assert_eq!(
        store
            .runs_gone_out(RunDay::parse("2024-12-01").unwrap(), day)
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        store.visits_between(at(-24), at(10)).await.unwrap(),
        vec![Visit {
            village: code(VILLAGE_A1),
            at: at(2),
        }]
    );
}
