//! The down flow: parcels in three ways (counter, manifest file, carrier API), received and
//! sorted at the warehouse, noticed to the villager at the point and collected by code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use farmgate_domain::access::Actor;
use farmgate_domain::parcel::{IntakeForm, Parcel, ParcelStage, MAX_WRONG_PICKUP_CODES};
use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::role::Role;
use farmgate_services::down::{
    Collected, CounterForm, LineProblem, ManifestOutcome, Notifier, NotifyError, OutboxNotifier,
    TextMessage, ALREADY_COLLECTED, PICKUP_HELD,
};
use farmgate_services::import::ImportRequest;
use farmgate_services::parcels::Scan;
use farmgate_services::ServiceError;
use support::network::{county_network, received_parcel, Net};
use support::{account, market, Market, VILLAGE};

/// A village of the county that no point serves.
const RIVER_BEND: &str = "632830101202";

fn line(tracking: &str, destination: &str) -> IntakeForm {
    IntakeForm {
        tracking: tracking.into(),
        destination: destination.into(),
        villager_name: "才让".into(),
        villager_phone: "13912345678".into(),
        weight_g: "1500".into(),
    }
}

async fn setup() -> (Market, Net, Actor) {
    let m = market().await;
    m.store
        .upsert_places(&[Place {
            code: AreaCode::parse(RIVER_BEND).unwrap(),
            name_zh: "河湾村".into(),
            name_en: "River Bend".into(),
            urban_rural: UrbanRuralCode::parse(220).unwrap(),
            location: GeoPoint::new(36_000_000, 98_000_000).unwrap(),
        }])
        .await
        .unwrap();
    let net = county_network(&m).await;
    let staff = account(&m.store, "staff@example.cn", vec![Role::Logistics]).await;
    (m, net, staff)
}

async fn at_point(m: &Market, net: &Net, staff: &Actor, number: u64) -> Parcel {
    let parcel = received_parcel(m, net, number).await;
    let scan = Scan {
        code: parcel.code.clone(),
        stage: ParcelStage::AtPoint,
        at: None,
        node: Some(net.point.id.clone()),
        run: None,
    };
    m.services.scan_parcel(staff, &scan).await.unwrap().parcel
}

#[tokio::test]
async fn a_parcel_typed_at_the_counter_is_received_at_the_warehouse() {
    let (m, net, staff) = setup().await;
    let form = CounterForm {
        carrier: net.carrier.id.to_string(),
        line: line("SF1", VILLAGE),
    };
    let receipt = m
        .services
        .enter_parcel(&staff, &form)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(receipt.point.code, "VP-1");
    let parcel = receipt.parcel;
    assert_eq!(parcel.stage, ParcelStage::Received);
    assert_eq!(parcel.point, net.point.id);
    let events = m.store.parcel_events(&parcel.id).await.unwrap();
    assert_eq!(events[0].node, Some(net.warehouse.id.clone()));

    let again = m.services.enter_parcel(&staff, &form).await.unwrap();
    assert_eq!(again.unwrap_err(), vec![LineProblem::TrackingKnown]);

    let unserved = CounterForm {
        carrier: "NOPE".into(),
        line: IntakeForm {
            weight_g: "0".into(),
            ..line("SF2", RIVER_BEND)
        },
    };
    let problems = m
        .services
        .enter_parcel(&staff, &unserved)
        .await
        .unwrap()
        .unwrap_err();
    let fields: Vec<&str> = problems.iter().map(LineProblem::field).collect();
    assert_eq!(fields, ["carrier", "destination", "weight_g"]);
    let served_elsewhere = CounterForm {
        carrier: "SF".into(),
        line: line("SF2", RIVER_BEND),
    };
    let problems = m
        .services
        .enter_parcel(&staff, &served_elsewhere)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(
        problems,
        vec![LineProblem::NoPointServes {
            village: "河湾村".into(),
            code: AreaCode::parse(RIVER_BEND).unwrap(),
        }]
    );
    let stranger = account(&m.store, "buyer@example.cn", vec![]).await;
    assert!(matches!(
        m.services.enter_parcel(&stranger, &form).await,
        Err(ServiceError::Forbidden)
    ));
}

#[tokio::test]
async fn a_manifest_with_a_bad_row_imports_nothing_unless_the_valid_rows_are_asked_for() {
    let (m, net, staff) = setup().await;
    let file = format!(
        "tracking,destination,villager_name,villager_phone,weight_g\n\
         ZT1,VP-1,卓玛,13912345678,800\n\
         ZT2,{VILLAGE},才让,13912345679,1200\n\
         ZT3,{RIVER_BEND},扎西,13912345670,500\n\
         ZT1,VP-1,卓玛,13912345678,800\n"
    );
    let request = |valid| ImportRequest {
        file_name: "manifest.csv",
        bytes: file.as_bytes(),
        import_valid_rows: valid,
    };
    let ManifestOutcome::Checked(report) = m
        .services
        .import_manifest(&staff, &net.carrier.id, request(false))
        .await
        .unwrap()
    else {
        panic!("the file was read")
    };
    assert_eq!((report.rows, report.imported), (4, 0));
    let rows: Vec<usize> = report.errors.iter().map(|(row, _)| *row).collect();
    assert_eq!(rows, [4, 5]);
    assert!(m
        .store
        .parcel_by_tracking(&net.carrier.id, "ZT1")
        .await
        .unwrap()
        .is_none());

    let ManifestOutcome::Checked(report) = m
        .services
        .import_manifest(&staff, &net.carrier.id, request(true))
        .await
        .unwrap()
    else {
        panic!("the file was read")
    };
    assert_eq!(report.imported, 2);
    let announced = m
        .store
        .parcel_by_tracking(&net.carrier.id, "ZT2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(announced.stage, ParcelStage::Announced);

    let missing = ImportRequest {
        file_name: "manifest.csv",
        bytes: b"tracking,weight_g\nX,1\n",
        import_valid_rows: false,
    };
    assert_eq!(
        m.services
            .import_manifest(&staff, &net.carrier.id, missing)
            .await
            .unwrap(),
        ManifestOutcome::MissingColumns(vec!["destination", "villager_name", "villager_phone"])
    );
}

#[tokio::test]
async fn a_carriers_token_announces_its_parcels_once_and_a_bad_item_writes_nothing() {
    let (m, net, staff) = setup().await;
    assert!(matches!(
        m.services
            .issue_carrier_token(&staff, &net.carrier.id)
            .await,
        Err(ServiceError::Forbidden)
    ));
    let issued = m
        .services
        .issue_carrier_token(&m.hub, &net.carrier.id)
        .await
        .unwrap();
    assert!(issued.secret.starts_with("fgc_"));
    let carrier = m.services.token_carrier(&issued.secret).await.unwrap();
    assert_eq!(carrier, net.carrier.id);

    let items = [line("API1", "VP-1"), line("API2", VILLAGE)];
    let first = m
        .services
        .intake_from_carrier(&carrier, &items)
        .await
        .unwrap()
        .unwrap();
    assert!(first.iter().all(|receipt| receipt.created));
    let again = m
        .services
        .intake_from_carrier(&carrier, &items)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        again
            .iter()
            .map(|r| (&r.code, r.created))
            .collect::<Vec<_>>(),
        first.iter().map(|r| (&r.code, false)).collect::<Vec<_>>()
    );

    let bad = [line("API3", "VP-1"), line("API4", RIVER_BEND)];
    let problems = m
        .services
        .intake_from_carrier(&carrier, &bad)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, 1);
    assert!(m
        .store
        .parcel_by_tracking(&carrier, "API3")
        .await
        .unwrap()
        .is_none());

    m.services
        .revoke_carrier_token(&m.hub, &net.carrier.id)
        .await
        .unwrap();
    assert!(matches!(
        m.services.token_carrier(&issued.secret).await,
        Err(ServiceError::Unauthenticated)
    ));
}

#[tokio::test]
async fn receiving_by_tracking_number_names_the_point_and_a_second_scan_says_already() {
    let (m, net, staff) = setup().await;
    let items = [line("R1", "VP-1")];
    m.services
        .intake_from_carrier(&net.carrier.id, &items)
        .await
        .unwrap()
        .unwrap();
    let first = m.services.receive_parcel(&staff, " R1 ").await.unwrap();
    assert!(!first.already);
    assert_eq!(first.parcel.stage, ParcelStage::Received);
    assert_eq!(first.point.code, "VP-1");
    let second = m
        .services
        .receive_parcel(&staff, first.parcel.code.as_str())
        .await
        .unwrap();
    assert!(second.already);
    assert!(matches!(
        m.services.receive_parcel(&staff, "NOSUCH").await,
        Err(ServiceError::NotFound)
    ));

    let sorting = m.services.sorting(&staff).await.unwrap();
    assert_eq!(sorting.groups.len(), 1);
    assert_eq!(sorting.groups[0].by_carrier, vec![(1, 1500)]);
    assert!(!sorting.groups[0].consolidated());
}

/// A gateway that is down until told otherwise.
struct FlakyGateway {
    up: std::sync::atomic::AtomicBool,
    sent: AtomicUsize,
}

#[async_trait]
impl Notifier for FlakyGateway {
    fn provider(&self) -> &'static str {
        "flaky"
    }

    async fn send(&self, _message: &TextMessage) -> Result<String, NotifyError> {
        if self.up.load(Ordering::SeqCst) {
            Ok(format!("m{}", self.sent.fetch_add(1, Ordering::SeqCst)))
        } else {
            Err(NotifyError("gateway down".into()))
        }
    }
}

#[tokio::test]
async fn a_parcel_at_its_point_is_noticed_once_even_when_the_gateway_was_down() {
    let (m, net, staff) = setup().await;
    let parcel = at_point(&m, &net, &staff, 7).await;
    let gateway = FlakyGateway {
        up: false.into(),
        sent: AtomicUsize::new(0),
    };
    assert_eq!(m.services.send_pickup_notices(&gateway).await.unwrap(), 0);
    gateway.up.store(true, Ordering::SeqCst);
    assert_eq!(m.services.send_pickup_notices(&gateway).await.unwrap(), 1);
    assert_eq!(
        m.services
            .send_pickup_notices(&OutboxNotifier)
            .await
            .unwrap(),
        0
    );
    let notices = m.services.pickup_notices(&staff, 10).await.unwrap();
    assert_eq!(notices.len(), 1);
    let code = parcel.pickup_code.unwrap();
    assert!(
        notices[0].text.contains(code.as_str()),
        "{}",
        notices[0].text
    );
    assert!(notices[0].text.contains(&net.point.name));
    assert_eq!(notices[0].provider, "flaky");
}

#[tokio::test]
async fn wrong_codes_are_counted_until_the_parcel_is_held_and_a_parcel_is_collected_once() {
    let (m, net, staff) = setup().await;
    let parcel = at_point(&m, &net, &staff, 8).await;
    let right = parcel.pickup_code.clone().unwrap();
    let wrong = if right.as_str() == "000000" {
        "111111"
    } else {
        "000000"
    };
    let label = parcel.code.to_string();
    let point = &net.point.id;

    let outcome = m
        .services
        .collect_parcel(&staff, point, &label, wrong)
        .await
        .unwrap();
    assert_eq!(
        outcome,
        Collected::WrongCode {
            tries_left: MAX_WRONG_PICKUP_CODES - 1
        }
    );
    let collected = m
        .services
        .collect_parcel(&staff, point, "", right.as_str())
        .await
        .unwrap();
    let Collected::Handed(collected) = collected else {
        panic!("the right code collects")
    };
    assert_eq!(collected.stage, ParcelStage::Collected);
    assert!(matches!(
        m.services
            .collect_parcel(&staff, point, &label, right.as_str())
            .await,
        Err(ServiceError::Conflict(ALREADY_COLLECTED))
    ));

    let other = at_point(&m, &net, &staff, 9).await;
    let label = other.code.to_string();
    for _ in 0..MAX_WRONG_PICKUP_CODES {
        m.services
            .collect_parcel(&staff, point, &label, wrong)
            .await
            .unwrap();
    }
    let right = other.pickup_code.unwrap();
    assert!(matches!(
        m.services
            .collect_parcel(&staff, point, &label, right.as_str())
            .await,
        Err(ServiceError::Conflict(PICKUP_HELD))
    ));
    let stored = m.store.parcel(&other.id).await.unwrap().unwrap();
    assert_eq!(stored.wrong_pickup_codes, MAX_WRONG_PICKUP_CODES);
}

#[tokio::test]
async fn many_collecting_with_the_right_code_at_once_hand_the_parcel_over_once() {
    let (m, net, staff) = setup().await;
    let parcel = at_point(&m, &net, &staff, 10).await;
    let code = parcel.pickup_code.clone().unwrap();
    let services = Arc::new(m.services.clone());
    let tries: Vec<_> = (0..16)
        .map(|_| {
            let services = services.clone();
            let staff = staff.clone();
            let point = net.point.id.clone();
            let label = parcel.code.to_string();
            let code = code.clone();
            tokio::spawn(async move {
                services
                    .collect_parcel(&staff, &point, &label, code.as_str())
                    .await
            })
        })
        .collect();
    let mut handed = 0;
    for outcome in tries {
        match outcome.await.unwrap() {
            Ok(Collected::Handed(_)) => handed += 1,
            Err(ServiceError::Conflict(ALREADY_COLLECTED)) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(handed, 1);
    let events = m.store.parcel_events(&parcel.id).await.unwrap();
    assert_eq!(
        events
            .iter()
            .filter(|e| e.stage == ParcelStage::Collected)
            .count(),
        1
    );
}
