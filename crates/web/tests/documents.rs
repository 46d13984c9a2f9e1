//! Printed documents over HTTP: a planned run's sheet and labels and one parcel's label answer
//! PDFs whose text (read back with poppler's `pdftotext`) holds the stops and every parcel code;
//! the pages link them; unknown runs and parcels are not found.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::PathBuf;
use std::time::Duration;

use farmgate_domain::account::Phone;
use farmgate_domain::money::Money;
use farmgate_domain::network::{
    Carrier, Contact, DayWindow, MinuteOfDay, NetworkNode, NodeRole, OpeningHours, Vehicle,
};
use farmgate_domain::parcel::{Direction, Parcel, ParcelCode, ParcelEvent, ParcelStage, Villager};
use farmgate_domain::place::{AreaCode, GeoPoint};
use farmgate_domain::role::Role;
use farmgate_domain::route_run::RunDay;
use farmgate_services::new_id;
use farmgate_services::route_runs::Distances;
use support::market::as_actor;
use support::{TestApp, Visitor, VILLAGE};

/// Set (as `scripts/test` does) to make a missing `pdftotext` fail the test instead of skipping.
const REQUIRE_PDF_TOOLS: &str = "FARMGATE_REQUIRE_PDF_TOOLS";
const POINTS: [&str; 2] = ["河湾村服务点", "上寨村服务点"];

fn node(code: &str, name: &str, lat_e6: i32, role: NodeRole) -> NetworkNode {
    NetworkNode {
        id: new_id(),
        code: code.into(),
        name: name.into(),
        location: GeoPoint::new(lat_e6, 98_100_000).unwrap(),
        hours: OpeningHours::parse("hours", "08:00-18:00").unwrap(),
        role,
    }
}

/// A warehouse with a van, two village points and three parcels received today for them.
async fn county(app: &TestApp) -> Vec<ParcelCode> {
    let store = &app.services.store;
    let warehouse = node("WH", "湟源县仓库", 36_300_000, NodeRole::Warehouse);
    store.save_node(&warehouse).await.unwrap();
    let carrier = Carrier {
        id: new_id(),
        code: "SF".into(),
        name: "顺丰速运".into(),
    };
    store.save_carrier(&carrier).await.unwrap();
    store
        .save_vehicle(&Vehicle {
            id: new_id(),
            plate: "青H12345".into(),
            depot: warehouse.id.clone(),
            capacity_kg: 1_000,
            capacity_parcels: 200,
            shift: DayWindow::new(
                MinuteOfDay::new(420).unwrap(),
                MinuteOfDay::new(1_140).unwrap(),
            )
            .unwrap(),
            cost_per_km: Money::fen(200),
        })
        .await
        .unwrap();
    let now = app.services.clock.now();
    let mut codes = Vec::new();
    for (index, name) in (0u32..).zip(POINTS) {
        let point = node(
            &format!("VP-{index}"),
            name,
            36_350_000 + 30_000 * i32::try_from(index).unwrap(),
            NodeRole::VillagePoint {
                village: AreaCode::parse(VILLAGE).unwrap(),
                contact: Contact {
                    name: "卓玛".into(),
                    phone: Phone::parse("phone", "13800001234").unwrap(),
                },
            },
        );
        store.save_node(&point).await.unwrap();
        for number in 0..=index {
            let code = ParcelCode::from_number(u64::from(7_000 + index * 10 + number));
            let parcel = Parcel {
                id: new_id(),
                code: code.clone(),
                direction: Direction::Down,
                carrier: Some(carrier.id.clone()),
                carrier_tracking: Some(format!("SF{}", code.as_str())),
                point: point.id.clone(),
                villager: Villager {
                    name: "才让".into(),
                    phone: Phone::parse("phone", "13912345678").unwrap(),
                },
                weight_g: 1_500,
                order: None,
                stage: ParcelStage::Received,
                run: None,
                pickup_code: None,
                wrong_pickup_codes: 0,
                created_at: now,
            };
            let event = ParcelEvent {
                parcel: parcel.id.clone(),
                stage: ParcelStage::Received,
                at: now,
                node: Some(warehouse.id.clone()),
                run: None,
                by: None,
                recorded_at: now,
            };
            store.add_parcels(&[(parcel, event)]).await.unwrap();
            codes.push(code);
        }
    }
    codes
}

/// Plans today and returns its one run's id.
async fn planned_run(app: &TestApp, email: &str) -> String {
    let account = app
        .services
        .store
        .account_by_email(email)
        .await
        .unwrap()
        .unwrap();
    let actor = as_actor(&account);
    let day = RunDay::of(app.services.clock.now());
    app.services
        .plan_day(&actor, day, Distances::StraightLine, Duration::from_secs(1))
        .await
        .unwrap();
    let runs = app.services.day_runs(&actor, day).await.unwrap().runs;
    assert_eq!(runs.len(), 1);
    runs[0].id.to_string()
}

/// Fetches a PDF and checks it is answered as one, inline.
async fn pdf(visitor: &Visitor, path: &str) -> Vec<u8> {
    let response = visitor.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let headers = response.headers();
    assert_eq!(headers["content-type"], "application/pdf");
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("inline; filename="),
        "{disposition}"
    );
    let body = response.bytes().await.unwrap().to_vec();
    assert!(body.starts_with(b"%PDF-"), "{path} is no PDF");
    body
}

/// `pdftotext`, or `None` after saying why the text checks are skipped.
fn pdftotext() -> Option<PathBuf> {
    let status = std::process::Command::new("pdftotext").arg("-v").output();
    if status.is_ok() {
        return Some(PathBuf::from("pdftotext"));
    }
    let reason = "pdftotext is not installed (Debian: apt-get install poppler-utils)";
    assert!(
        std::env::var_os(REQUIRE_PDF_TOOLS).is_none(),
        "{REQUIRE_PDF_TOOLS} is set, but {reason}"
    );
    eprintln!("skipped the text checks: {reason}");
    None
}

fn text_of(pdftotext: &PathBuf, pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = std::process::Command::new(pdftotext)
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8(output.stdout).unwrap()
}

#[tokio::test]
async fn a_runs_sheet_and_labels_print_its_stops_and_every_parcel() {
    let app = TestApp::spawn().await;
    let codes = county(&app).await;
    let staff = app
        .signed_in("logistics@example.cn", &[Role::Logistics])
        .await;
    let run = planned_run(&app, "logistics@example.cn").await;

    let sheet = pdf(&staff, &format!("/logistics/runs/{run}/sheet.pdf")).await;
    let labels = pdf(&staff, &format!("/logistics/runs/{run}/labels.pdf")).await;
    let first = codes[0].as_str();
    let one = pdf(&staff, &format!("/logistics/parcels/{first}/label.pdf")).await;

    if let Some(tool) = pdftotext() {
        let sheet = text_of(&tool, &sheet);
        for name in POINTS {
            assert!(sheet.contains(name), "{name} is not on the sheet:\n{sheet}");
        }
        // The page speaks Chinese unless asked otherwise.
        assert!(sheet.contains("路单"), "{sheet}");
        let labels = text_of(&tool, &labels);
        for code in &codes {
            assert!(labels.contains(code.as_str()), "{code} has no label");
        }
        assert_eq!(labels.matches('\u{c}').count(), codes.len(), "a page each");
        let one = text_of(&tool, &one);
        assert!(one.contains(first) && one.contains(POINTS[0]), "{one}");
        // Masked, never the whole name or phone.
        assert!(one.contains("才*") && one.contains("139****5678"), "{one}");
        assert!(!one.contains("才让") && !one.contains("13912345678"));
    }
}

#[tokio::test]
async fn the_pages_link_the_prints_and_unknown_ones_are_not_found() {
    let app = TestApp::spawn().await;
    let codes = county(&app).await;
    let staff = app
        .signed_in("logistics@example.cn", &[Role::Logistics])
        .await;
    let code = codes[0].as_str();
    let received = staff
        .post_form("/logistics/receiving", &[("scanned", code)])
        .await;
    let received = received.text().await.unwrap();
    assert!(received.contains(&format!("/logistics/parcels/{code}/label.pdf")));
    let run = planned_run(&app, "logistics@example.cn").await;

    let runs = staff.get("/logistics/runs").await.text().await.unwrap();
    assert!(runs.contains(&format!("/logistics/runs/{run}/sheet.pdf")));
    assert!(runs.contains(&format!("/logistics/runs/{run}/labels.pdf")));
    let driver = staff.get(&format!("/driver/runs/{run}")).await;
    let driver = driver.text().await.unwrap();
    assert!(driver.contains(&format!("/logistics/runs/{run}/labels.pdf")));
    let console = staff.get("/logistics").await.text().await.unwrap();
    for link in ["/logistics/runs", "/driver", "/logistics/handover"] {
        assert!(console.contains(&format!("href=\"{link}\"")), "{link}");
    }
    assert!(console.contains("id=\"logistics-link\""));

    let unknown = ParcelCode::from_number(999_999);
    let missing = [
        format!("/logistics/parcels/{unknown}/label.pdf"),
        "/logistics/parcels/not-a-code/label.pdf".to_owned(),
        "/logistics/runs/0193a5b2-0000-7000-8000-000000000000/sheet.pdf".to_owned(),
        "/logistics/runs/0193a5b2-0000-7000-8000-000000000000/labels.pdf".to_owned(),
    ];
    for path in missing {
        assert_eq!(staff.get(&path).await.status(), 404, "{path}");
    }
    let buyer = app.signed_in("buyer@example.cn", &[Role::Buyer]).await;
    let page = buyer.get("/").await.text().await.unwrap();
    assert!(!page.contains("id=\"logistics-link\""));
}
