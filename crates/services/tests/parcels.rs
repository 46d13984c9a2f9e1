//! Scanning parcels along their path: steps taken once, late scans kept as history, steps a
//! scan may not take refused, and racing scanners moving a parcel once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::parcel::{Advance, ParcelStage};
use farmgate_domain::role::Role;
use farmgate_domain::time::Timestamp;
use farmgate_services::parcels::Scan;
use farmgate_services::ServiceError;
use support::network::{county_network, received_parcel};
use support::{account, market};

fn scan(code: &farmgate_domain::parcel::ParcelCode, stage: ParcelStage) -> Scan {
    Scan {
        code: code.clone(),
        stage,
        at: None,
        node: None,
        run: None,
    }
}

#[tokio::test]
async fn a_parcel_reaching_its_point_gets_a_pickup_code_once_and_late_scans_are_history() {
    let m = market().await;
    let net = county_network(&m).await;
    let driver = account(&m.store, "driver@example.cn", vec![Role::Logistics]).await;
    let parcel = received_parcel(&m, &net, 42).await;
    m.clock.advance_millis(4 * 3_600_000);

    let mut at_point = scan(&parcel.code, ParcelStage::AtPoint);
    at_point.node = Some(net.point.id.clone());
    let first = m.services.scan_parcel(&driver, &at_point).await.unwrap();
    assert_eq!(first.advance, Advance::Moved);
    assert_eq!(first.parcel.stage, ParcelStage::AtPoint);
    let code = first.parcel.pickup_code.clone().expect("a pickup code");

    let again = m.services.scan_parcel(&driver, &at_point).await.unwrap();
    assert_eq!(again.advance, Advance::Repeated);
    assert_eq!(again.parcel.pickup_code, Some(code.clone()));

    // The loading scan, taken earlier at the warehouse, arrives after the delivery scan.
    let mut loaded = scan(&parcel.code, ParcelStage::Loaded);
    loaded.at = Some(Timestamp::from_millis(
        m.clock.now_ms().millis() - 3_600_000,
    ));
    let late = m.services.scan_parcel(&driver, &loaded).await.unwrap();
    assert_eq!(late.advance, Advance::History);
    let stored = m.store.parcel(&parcel.id).await.unwrap().unwrap();
    assert_eq!(
        (stored.stage, stored.pickup_code),
        (ParcelStage::AtPoint, Some(code))
    );
    let path: Vec<ParcelStage> = m
        .store
        .parcel_events(&parcel.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.stage)
        .collect();
    assert_eq!(
        path,
        [
            ParcelStage::Received,
            ParcelStage::Loaded,
            ParcelStage::AtPoint
        ]
    );
}

#[tokio::test]
async fn a_scan_cannot_collect_plan_or_go_the_wrong_way_and_buyers_cannot_scan() {
    let m = market().await;
    let net = county_network(&m).await;
    let driver = account(&m.store, "driver@example.cn", vec![Role::Logistics]).await;
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;
    let parcel = received_parcel(&m, &net, 7).await;
    for stage in [
        ParcelStage::Collected,
        ParcelStage::HandedOver,
        ParcelStage::Planned,
        ParcelStage::PickedUp,
    ] {
        let refused = m
            .services
            .scan_parcel(&driver, &scan(&parcel.code, stage))
            .await;
        assert!(
            matches!(refused, Err(ServiceError::Conflict(_))),
            "{stage:?}: {refused:?}"
        );
    }
    let forbidden = m
        .services
        .scan_parcel(&buyer, &scan(&parcel.code, ParcelStage::Loaded))
        .await;
    assert!(
        matches!(forbidden, Err(ServiceError::Forbidden)),
        "{forbidden:?}"
    );
    let unknown = farmgate_domain::parcel::ParcelCode::from_number(8);
    let missing = m
        .services
        .scan_parcel(&driver, &scan(&unknown, ParcelStage::Loaded))
        .await;
    assert!(matches!(missing, Err(ServiceError::NotFound)));
    assert_eq!(
        m.store.parcel(&parcel.id).await.unwrap().unwrap().stage,
        ParcelStage::Received
    );
}

/// Ten phones scan the same parcel at its point at once: it moves once, with one pickup code.
#[tokio::test]
async fn racing_scans_move_a_parcel_once() {
    let m = market().await;
    let net = county_network(&m).await;
    let driver = account(&m.store, "driver@example.cn", vec![Role::Logistics]).await;
    let parcel = received_parcel(&m, &net, 99).await;
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let services = m.services.clone();
            let driver = driver.clone();
            let at_point = scan(&parcel.code, ParcelStage::AtPoint);
            tokio::spawn(async move { services.scan_parcel(&driver, &at_point).await })
        })
        .collect();
    let mut codes = Vec::new();
    let mut moved = 0;
    for task in tasks {
        let scanned = task.await.unwrap().unwrap();
        moved += usize::from(scanned.advance == Advance::Moved);
        codes.push(scanned.parcel.pickup_code.unwrap());
    }
    assert_eq!(moved, 1);
    codes.dedup();
    assert_eq!(codes.len(), 1, "every scanner sees the one pickup code");
    let stored = m.store.parcel(&parcel.id).await.unwrap().unwrap();
    assert_eq!(stored.pickup_code.as_ref(), codes.first());
}
