//! The network's measures over HTTP: after two carriers' parcels ride one run to a village
//! point, the page and the API give the same figures, the village no run reached is named,
//! and a bad window is refused with the field's message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use farmgate_domain::money::Money;
use farmgate_domain::network::Carrier;
use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::role::Role;
use farmgate_domain::route_run::RunDay;
use farmgate_services::new_id;
use farmgate_services::route_runs::{Distances, RunScan};
use serde_json::Value;
use support::market::as_actor;
use support::network::{county_network, received_from, received_parcel};
use support::{TestApp, Visitor};

/// The county network, a second village with no point, and an SF and a ZTO parcel received
/// now, carried on today's run and left at the point.
async fn a_day_on_the_road(app: &TestApp) {
    let store = &app.services.store;
    store
        .upsert_places(&[Place {
            code: AreaCode::parse("632830101202").unwrap(),
            name_zh: "远山村".into(),
            name_en: "Yuanshan Village".into(),
            urban_rural: UrbanRuralCode::VILLAGE,
            location: GeoPoint::new(36_400_000, 98_100_000).unwrap(),
        }])
        .await
        .unwrap();
    let net = county_network(app).await;
    let zto = Carrier {
        id: new_id(),
        code: "ZTO".into(),
        name: "中通快递".into(),
    };
    store.save_carrier(&zto).await.unwrap();
    let parcels = [
        received_parcel(app, &net, &net.point, 11).await,
        received_from(app, &net, &zto, &net.point, 12).await,
    ];

    let staff = app.account("driver@example.cn", &[Role::Logistics]).await;
    let driver = as_actor(&staff);
    let day = RunDay::of(app.services.clock.now());
    let services = &app.services;
    services
        .plan_day(
            &driver,
            day,
            Distances::StraightLine,
            Duration::from_secs(1),
        )
        .await
        .unwrap();
    let run = services
        .day_runs(&driver, day)
        .await
        .unwrap()
        .runs
        .remove(0);
    for stop in [None, Some(0)] {
        for p in &parcels {
            let scan = RunScan {
                run: run.id.clone(),
                stop,
                code: p.code.as_str().to_owned(),
            };
            services.scan_on_run(&driver, &scan).await.unwrap();
        }
    }
    services.finish_stop(&driver, &run.id, 0).await.unwrap();
}

async fn get(app: &TestApp, path: &str, token: &str) -> (u16, String) {
    let response = reqwest::Client::new()
        .get(app.url(path))
        .bearer_auth(token)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn page_in(visitor: &Visitor, path: &str, lang: &str) -> String {
    let response = visitor
        .client
        .get(visitor.url(path))
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    response.text().await.unwrap()
}

fn share(json: &Value, unit: &str) -> String {
    let permille = json["permille"].as_u64().unwrap();
    format!(
        "{}.{} % — {} of {} {unit}",
        permille / 10,
        permille % 10,
        json["part"],
        json["whole"]
    )
}

#[tokio::test]
async fn the_page_and_the_api_give_the_same_measures() {
    let app = TestApp::spawn().await;
    a_day_on_the_road(&app).await;
    let analyst = app.signed_in("analyst@example.cn", &[Role::Analyst]).await;
    let account = app
        .services
        .store
        .account_by_email("analyst@example.cn")
        .await
        .unwrap()
        .unwrap();
    let token = app
        .services
        .create_api_token(&as_actor(&account), "measures")
        .await
        .unwrap()
        .secret;

    let json = app
        .api_get("/api/v1/logistics/measures?days=7", &token)
        .await;
    assert_eq!(json["days"], 7);
    assert_eq!(
        (json["runs"].as_u64(), json["carried"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(json["co_distribution"]["permille"], 1000);
    assert_eq!(json["on_time"]["part"], 2);
    assert_eq!(json["villages_served"]["whole"], 2);
    assert_eq!(json["unreached"][0]["name_en"], "Yuanshan Village");
    assert_eq!(json["carriers"][1]["code"], "ZTO");

    let page = page_in(&analyst, "/logistics/measures?days=7", "en").await;
    assert!(
        page.contains(&share(&json["co_distribution"], "parcels")),
        "{page}"
    );
    assert!(page.contains(&share(&json["on_time"], "parcels")));
    assert!(page.contains(&share(&json["villages_served"], "villages")));
    assert!(page.contains("2.0 — 2 parcels on 1 runs"));
    let per_parcel = Money::fen(json["cost_per_parcel_fen"].as_i64().unwrap());
    let total = Money::fen(json["cost_fen"].as_i64().unwrap());
    assert!(page.contains(&format!("{per_parcel} per parcel — {total} in all")));
    assert!(page.contains("<li>Yuanshan Village</li>"));
    assert!(!page.contains("<li>Gouli Village</li>"));
    assert_eq!(page.matches("class=\"carrier-row\"").count(), 2);

    let zh = analyst
        .get("/logistics/measures")
        .await
        .text()
        .await
        .unwrap();
    assert!(zh.contains("共同配送率"), "{zh}");
}

#[tokio::test]
async fn a_bad_window_is_refused_with_the_fields_message() {
    let app = TestApp::spawn().await;
    let hub = app.account("hub@example.cn", &[Role::HubOperator]).await;
    let token = app
        .services
        .create_api_token(&as_actor(&hub), "measures")
        .await
        .unwrap()
        .secret;
    let staff = app
        .signed_in("logistics@example.cn", &[Role::Logistics])
        .await;
    for days in ["0", "abc", "91"] {
        let (status, body) = get(
            &app,
            &format!("/api/v1/logistics/measures?days={days}"),
            &token,
        )
        .await;
        assert_eq!(status, 422, "{days}");
        assert!(body.contains("\"days\""), "{body}");
        let response = staff
            .client
            .get(staff.url(&format!("/logistics/measures?days={days}")))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("Days (1–90)"));
    }
    let (status, body) = get(&app, "/api/v1/logistics/measures", &token).await;
    assert_eq!(status, 200);
    assert!(body.contains("\"days\":7"));
}

#[tokio::test]
async fn the_demo_has_a_finished_yesterday_to_measure() {
    let app = TestApp::spawn().await;
    let plan = farmgate_demo::plan(farmgate_demo::DEFAULT_SEED);
    app.services
        .seed_demo(
            farmgate_demo::DEFAULT_SEED,
            &plan,
            farmgate_services::demo::DemoHistory::LeftOut,
            &mut |_| {},
        )
        .await
        .unwrap();
    let staff = app
        .services
        .store
        .account_by_email(&format!("logistics@{}", farmgate_demo::EMAIL_DOMAIN))
        .await
        .unwrap()
        .unwrap();
    let report = app
        .services
        .network_measures(&as_actor(&staff), 7)
        .await
        .unwrap();
    let m = &report.measures;
    assert!(m.runs > 0);
    assert!(m.carried > 0);
    assert!(m.co_distribution.part > 0, "{m:?}");
    assert!(m.cost_per_parcel().is_some());
    assert!(m.villages_served.part > 0);
    assert!(!report.unreached.is_empty());
    assert_eq!(report.carriers.len(), 3);
}

#[tokio::test]
async fn the_bureau_dashboard_counts_the_days_run_and_the_villages_it_reached() {
    let app = TestApp::spawn().await;
    a_day_on_the_road(&app).await;
    let account = app.account("analyst@example.cn", &[Role::Analyst]).await;
    let token = app
        .services
        .create_api_token(&as_actor(&account), "stats")
        .await
        .unwrap()
        .secret;
    let dashboard = app
        .api_get("/api/v1/stats/dashboard?period=day", &token)
        .await;
    let network = dashboard["network"].as_array().unwrap();
    let now = |id: &str| {
        network
            .iter()
            .find(|f| f["id"] == id)
            .unwrap_or_else(|| panic!("no {id} in {network:?}"))["figure"]["now"]
            .as_i64()
    };
    assert_eq!((now("runs"), now("parcels_carried")), (Some(1), Some(2)));
    assert_eq!(
        now("co_distribution_rate"),
        Some(10_000),
        "SF and ZTO rode together"
    );
    assert_eq!(now("villages_reached"), Some(1));
    assert_eq!(
        now("village_coverage"),
        Some(5_000),
        "Yuanshan was not reached"
    );

    let narrowed = app
        .api_get("/api/v1/stats/dashboard?period=day&channel=shelf", &token)
        .await;
    assert!(narrowed["network"].is_null(), "runs are county-wide");
    let analyst = app.visitor();
    analyst.sign_in("analyst@example.cn").await;
    let page = analyst.page("/stats?period=day").await;
    assert!(page.contains("id=\"section-network\""), "{page}");
    assert!(page.contains("100.0%") && page.contains("50.0%"));
}
