//! Printed documents over HTTP: a planned run's sheet and labels and one parcel's label answer
//! PDFs whose text (read back with poppler's `pdftotext`) holds the stops and every parcel code;
//! the pages link them; unknown runs and parcels are not found.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::PathBuf;
use std::time::Duration;

use farmgate_domain::parcel::ParcelCode;
use farmgate_domain::role::Role;
use farmgate_domain::route_run::RunDay;
use farmgate_services::route_runs::Distances;
use support::market::as_actor;
use support::network::{county_network, received_parcel, village_point};
use support::{TestApp, Visitor};

/// Set (as `scripts/test` does) to make a missing `pdftotext` fail the test instead of skipping.
const REQUIRE_PDF_TOOLS: &str = "FARMGATE_REQUIRE_PDF_TOOLS";
const POINTS: [&str; 2] = ["河湾村服务点", "上寨村服务点"];

/// The county network with a second village point, and three parcels received today: one for
/// the first point, two for the second.
async fn county(app: &TestApp) -> Vec<ParcelCode> {
    let net = county_network(app).await;
    let second = village_point("VP-2", POINTS[1], 36_380_000);
    app.services.store.save_node(&second).await.unwrap();
    let mut codes = Vec::new();
    for (number, point) in [(7_000, &net.point), (7_010, &second), (7_011, &second)] {
        codes.push(received_parcel(app, &net, point, number).await.code);
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
    for link in [
        "/logistics/runs",
        "/driver",
        "/logistics/handover",
        "/logistics/measures",
    ] {
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
