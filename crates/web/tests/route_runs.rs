//! Route runs over HTTP: planning the day lists its runs on the page and in the API, a bad
//! matrix file is refused with the reader's message, and a driver scans at a stop and marks it
//! done.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::parcel::{Parcel, ParcelStage};
use farmgate_domain::role::Role;
use farmgate_domain::route_run::RunDay;
use reqwest::multipart::{Form, Part};
use support::market::as_actor;
use support::network::{county_network, received_parcel};
use support::{TestApp, Visitor};

const CODE: u64 = 4_242;

/// The county network, and one parcel for its village point received today.
async fn county(app: &TestApp) -> Parcel {
    let net = county_network(app).await;
    received_parcel(app, &net, &net.point, CODE).await
}

fn today(app: &TestApp) -> String {
    RunDay::of(app.services.clock.now()).to_string()
}

async fn plan(visitor: &Visitor, day: &str, matrix: Option<(&str, &str)>) -> (u16, String) {
    let mut form = Form::new()
        .text("csrf", visitor.csrf().await)
        .text("day", day.to_owned())
        .text("seconds", "1");
    if let Some((name, text)) = matrix {
        form = form.part(
            "matrix",
            Part::bytes(text.as_bytes().to_vec()).file_name(name.to_owned()),
        );
    }
    let response = visitor
        .client
        .post(visitor.url("/logistics/runs/plan"))
        .header("accept-language", "en")
        .multipart(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn api_runs(app: &TestApp, email: &str, day: &str) -> serde_json::Value {
    let account = app
        .services
        .store
        .account_by_email(email)
        .await
        .unwrap()
        .unwrap();
    let token = app
        .services
        .create_api_token(&as_actor(&account), "runs")
        .await
        .unwrap();
    app.api_get(&format!("/api/v1/runs?day={day}"), &token.secret)
        .await
}

#[tokio::test]
async fn planning_the_day_lists_its_runs_on_the_page_and_in_the_api() {
    let app = TestApp::spawn().await;
    county(&app).await;
    let staff = app
        .signed_in("logistics@example.cn", &[Role::Logistics])
        .await;
    let day = today(&app);

    let (status, _) = plan(&staff, &day, None).await;
    assert_eq!(status, 303);
    let (status, page) = staff.page_en(&format!("/logistics/runs?day={day}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("青H12345 from 雪源县仓储中心"), "{page}");
    assert!(page.contains("1 runs, 1 parcels on them, 0 left behind."));
    assert_eq!(page.matches("class=\"run-stop\"").count(), 1);
    assert!(page.contains("class=\"run-map\""));

    let json = api_runs(&app, "logistics@example.cn", &day).await;
    let runs = json["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["plate"], "青H12345");
    assert_eq!(runs[0]["stops"][0]["point_code"], "VP-1");
    assert_eq!(runs[0]["stops"][0]["drop_parcels"], 1);
    assert!(runs[0]["cost_fen"].as_i64().unwrap() > 0);
    assert!(json["unplanned"].as_array().unwrap().is_empty());

    let (status, _) = staff.page_en("/logistics/runs?day=2026-02-30").await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn a_malformed_or_misfitting_matrix_file_is_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    county(&app).await;
    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let day = today(&app);

    let csv = "from,to,distance_m,duration_s\n0,1,far,60\n";
    let (status, body) = plan(&hub, &day, Some(("matrix.csv", csv))).await;
    assert_eq!(status, 400);
    assert!(body.contains("matrix file: line 2"), "{body}");

    // Valid, but one location for a network of two sites.
    let json = r#"{"distances_m": [[0]], "durations_s": [[0]]}"#;
    let (status, body) = plan(&hub, &day, Some(("matrix.json", json))).await;
    assert_eq!(status, 409);
    assert!(body.contains("one location per network site"), "{body}");

    let square = r#"{"distances_m": [[0, 5000], [5000, 0]], "durations_s": [[0, 600], [600, 0]]}"#;
    let (status, _) = plan(&hub, &day, Some(("matrix.json", square))).await;
    assert_eq!(status, 303);
    let json = api_runs(&app, "hub@example.cn", &day).await;
    assert_eq!(json["runs"][0]["distance_m"], 10_000);
}

#[tokio::test]
async fn a_driver_scans_a_parcel_at_a_stop_and_marks_it_done() {
    let app = TestApp::spawn().await;
    let parcel = county(&app).await;
    let driver = app.signed_in("driver@example.cn", &[Role::Logistics]).await;
    let day = today(&app);
    plan(&driver, &day, None).await;
    let json = api_runs(&app, "driver@example.cn", &day).await;
    let run = json["runs"][0]["id"].as_str().unwrap().to_owned();
    let (_, list) = driver.page_en("/driver").await;
    assert!(list.contains(&format!("/driver/runs/{run}")));

    let stop = format!("/driver/runs/{run}/stops/1");
    let code = parcel.code.to_string();
    let scanned = driver.post_form(&stop, &[("code", &code)]).await;
    assert_eq!(scanned.status(), 200);
    assert!(scanned
        .text()
        .await
        .unwrap()
        .contains("data-scanned=\"true\""));
    let again = driver.post_form(&stop, &[("code", &code)]).await;
    // The page speaks Chinese unless asked otherwise: "already scanned".
    assert!(again.text().await.unwrap().contains("已扫过"));
    let typo = driver.post_form(&stop, &[("code", "12345")]).await;
    assert_eq!(typo.status(), 422);

    let done = driver.post_form(&format!("{stop}/done"), &[]).await;
    assert_eq!(done.status(), 303);
    let stored = app
        .services
        .store
        .parcel(&parcel.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.stage, ParcelStage::AtPoint);
    assert!(stored.pickup_code.is_some());
    let json = api_runs(&app, "driver@example.cn", &day).await;
    assert_eq!(json["runs"][0]["status"], "done");
    assert!(json["runs"][0]["stops"][0]["done_at"].is_i64());
}
