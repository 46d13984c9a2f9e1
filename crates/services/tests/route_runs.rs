//! Planning a day's runs on a small network: parcels end on a run within capacity and opening
//! hours or in the unplanned list with the reason; planning again replaces the runs not started;
//! a driver loads, scans at a stop, and finishes the run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use farmgate_domain::account::Phone;
use farmgate_domain::network::{Contact, NetworkNode, NodeRole, OpeningHours};
use farmgate_domain::parcel::{Direction, Parcel, ParcelCode, ParcelEvent, ParcelStage, Villager};
use farmgate_domain::place::{AreaCode, GeoPoint};
use farmgate_domain::role::Role;
use farmgate_domain::route_run::{RunDay, RunStatus, UnplannedReason};
use farmgate_services::route_runs::{Distances, RunScan};
use farmgate_services::{new_id, ServiceError};
use support::network::{county_network, received_parcel, Net};
use support::{account, market, Market, VILLAGE};

const LIMIT: Duration = Duration::from_millis(500);

fn day() -> RunDay {
    RunDay::parse("2026-11-26").unwrap()
}

/// A second point, open in the morning and again in the afternoon.
async fn split_hours_point(m: &Market) -> NetworkNode {
    let point = NetworkNode {
        id: new_id(),
        code: "VP-2".into(),
        name: "VP-2 site".into(),
        location: GeoPoint::new(36_050_000, 98_050_000).unwrap(),
        hours: OpeningHours::parse("hours", "09:00-10:00 15:00-19:00").unwrap(),
        role: NodeRole::VillagePoint {
            village: AreaCode::parse(VILLAGE).unwrap(),
            contact: Contact {
                name: "拉姆".into(),
                phone: Phone::parse("phone", "13800005678").unwrap(),
            },
        },
    };
    m.store.save_node(&point).await.unwrap();
    point
}

async fn parcel_at(
    m: &Market,
    net: &Net,
    point: &NetworkNode,
    number: u64,
    up: bool,
    grams: i64,
) -> Parcel {
    let direction = if up { Direction::Up } else { Direction::Down };
    let parcel = Parcel {
        id: new_id(),
        code: ParcelCode::from_number(number),
        direction,
        carrier: (!up).then(|| net.carrier.id.clone()),
        carrier_tracking: (!up).then(|| format!("SF{number:012}")),
        point: point.id.clone(),
        villager: Villager {
            name: "才让".into(),
            phone: Phone::parse("phone", "13912345678").unwrap(),
        },
        weight_g: grams,
        order: None,
        stage: if up {
            ParcelStage::Declared
        } else {
            ParcelStage::Received
        },
        run: None,
        pickup_code: None,
        wrong_pickup_codes: 0,
        created_at: m.clock.now_ms(),
    };
    let event = ParcelEvent {
        parcel: parcel.id.clone(),
        stage: parcel.stage,
        at: parcel.created_at,
        node: None,
        run: None,
        by: None,
        recorded_at: parcel.created_at,
    };
    m.store
        .add_parcels(&[(parcel.clone(), event)])
        .await
        .unwrap();
    parcel
}

#[tokio::test]
async fn a_day_is_planned_within_capacity_and_hours_and_an_overweight_parcel_is_explained() {
    let m = market().await;
    let mut net = county_network(&m).await;
    net.van.capacity_kg = 60;
    m.store.save_vehicle(&net.van).await.unwrap();
    let afternoon = split_hours_point(&m).await;
    let staff = account(&m.store, "planner@example.cn", vec![Role::Logistics]).await;

    let down = parcel_at(&m, &net, &net.point.clone(), 1, false, 20_000).await;
    let up = parcel_at(&m, &net, &afternoon, 2, true, 30_000).await;
    let heavy = parcel_at(&m, &net, &net.point.clone(), 3, false, 90_000).await;

    let summary = m
        .services
        .plan_day(&staff, day(), Distances::StraightLine, LIMIT)
        .await
        .unwrap();
    assert_eq!(summary.runs, 1);
    assert_eq!(summary.unplanned, 1);

    let runs = m.services.day_runs(&staff, day()).await.unwrap();
    let run = &runs.runs[0];
    assert_eq!(run.vehicle, net.van.id);
    let mut drop_g = 0;
    let mut pick_g = 0;
    for stop in &run.stops {
        drop_g += stop.drop.grams;
        pick_g += stop.pick_up.grams;
        if stop.point == afternoon.id {
            // Served in one of its two windows, never in between (service takes under 10 min).
            let leaves = stop.departure_minute;
            let morning = (9 * 60..=10 * 60 + 10).contains(&leaves);
            let afternoon = (15 * 60..=19 * 60 + 10).contains(&leaves);
            assert!(morning || afternoon, "leaves at minute {leaves}");
        }
    }
    assert!(drop_g <= 60_000 && pick_g <= 60_000);
    assert!(run.depart_minute >= 8 * 60 && run.return_minute <= 18 * 60);
    assert_eq!(runs.unplanned.len(), 1);
    assert_eq!(runs.unplanned[0].0.id, heavy.id);
    assert_eq!(runs.unplanned[0].1, UnplannedReason::ExceedsEveryVehicle);
    for parcel in [&down, &up] {
        let stored = m.store.parcel(&parcel.id).await.unwrap().unwrap();
        assert_eq!(
            (stored.stage, stored.run),
            (ParcelStage::Planned, Some(run.id.clone()))
        );
    }

    // Planning again replaces the run; the parcels follow the new one.
    m.services
        .plan_day(&staff, day(), Distances::StraightLine, LIMIT)
        .await
        .unwrap();
    let again = m.services.day_runs(&staff, day()).await.unwrap();
    assert_eq!(again.runs.len(), 1);
    assert_ne!(again.runs[0].id, run.id);
    let stored = m.store.parcel(&up.id).await.unwrap().unwrap();
    assert_eq!(stored.run, Some(again.runs[0].id.clone()));
}

#[tokio::test]
async fn a_driver_loads_scans_at_each_stop_and_finishes_the_run() {
    let m = market().await;
    let net = county_network(&m).await;
    let driver = account(&m.store, "driver@example.cn", vec![Role::Logistics]).await;
    let parcel = received_parcel(&m, &net, 7).await;
    m.services
        .plan_day(&driver, day(), Distances::StraightLine, LIMIT)
        .await
        .unwrap();
    let run = m
        .services
        .day_runs(&driver, day())
        .await
        .unwrap()
        .runs
        .remove(0);
    let scan = |stop: Option<usize>, code: &str| RunScan {
        run: run.id.clone(),
        stop,
        code: code.to_owned(),
    };
    let code = parcel.code.as_str().to_owned();
    let sheet = m.services.run_sheet(&driver, &run.id).await.unwrap();
    assert_eq!(sheet.plate, net.van.plate);
    assert_eq!(sheet.stops[0].point_code, "VP-1");
    assert_eq!(sheet.stops[0].drop[0].code, code);
    assert!(sheet.stops[0].pick_up.is_empty());

    let loaded = m
        .services
        .scan_on_run(&driver, &scan(None, &code))
        .await
        .unwrap();
    assert!(loaded.moved);
    assert_eq!(loaded.parcel.stage, ParcelStage::Loaded);
    let at_point = m
        .services
        .scan_on_run(&driver, &scan(Some(0), &code))
        .await
        .unwrap();
    assert_eq!(at_point.parcel.stage, ParcelStage::AtPoint);
    let again = m
        .services
        .scan_on_run(&driver, &scan(Some(0), &code))
        .await
        .unwrap();
    assert!(!again.moved);
    let typo = m.services.scan_on_run(&driver, &scan(Some(0), "123")).await;
    assert!(matches!(typo, Err(ServiceError::Validation(_))));

    let done = m.services.finish_stop(&driver, &run.id, 0).await.unwrap();
    assert!(done.stops[0].done_at.is_some());
    assert_eq!(done.status, RunStatus::Done);
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;
    let refused = m.services.finish_stop(&buyer, &run.id, 0).await;
    assert!(matches!(refused, Err(ServiceError::Forbidden)));
}
