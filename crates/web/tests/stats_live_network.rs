//! The bureau's live and logistics figures over HTTP: a session's paid order and its viewer
//! reach the dashboard's live section once the session ends; a day's run with two carriers'
//! parcels reaches its network section; both sections carry their definitions on the page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use serde_json::Value;
use support::market::{as_actor, checkout_request, on_air, paid_checkout, stall};
use support::room_ws::RoomSocket;
use support::TestApp;

async fn analyst_token(app: &TestApp) -> String {
    let analyst = app.account("analyst@example.cn", &[Role::Analyst]).await;
    app.services
        .create_api_token(&as_actor(&analyst), "stats")
        .await
        .unwrap()
        .secret
}

fn figure(figures: &Value, id: &str) -> i64 {
    figures
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no figure {id} in {figures}"))["figure"]["now"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn a_live_sessions_sales_viewers_and_conversion_reach_the_bureau() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let session = on_air(&app, &goji).await;
    let mut viewer = RoomSocket::open(&app, session.id.as_str(), None).await;
    viewer.settle().await;
    let buyer = app.account("wang@example.cn", &[Role::Buyer]).await;
    let mut request = checkout_request(&goji, 2);
    request.live_session = Some(session.id.clone());
    let order = paid_checkout(&app, &buyer, &request).await;
    assert_eq!(order.channel, "live");
    drop(viewer);
    app.services.live_stream_ended(&session.id).await.unwrap();

    let token = analyst_token(&app).await;
    let dashboard = app
        .api_get("/api/v1/stats/dashboard?period=day", &token)
        .await;
    let live = &dashboard["live"];
    assert_eq!(figure(&live["figures"], "live_sessions"), 1, "{live}");
    assert_eq!(figure(&live["figures"], "live_session_sales"), 13_600);
    assert_eq!(figure(&live["figures"], "live_buyers"), 1);
    assert_eq!(figure(&live["figures"], "live_viewers"), 1);
    assert_eq!(figure(&live["figures"], "live_conversion"), 10_000);
    let row = &live["sessions"][0];
    assert_eq!(row["title"], "枸杞直播");
    assert_eq!(
        (row["sales_fen"].as_i64(), row["viewers"].as_i64()),
        (Some(13_600), Some(1))
    );

    let by_category = app
        .api_get("/api/v1/stats/dashboard?period=day&category=fruit", &token)
        .await;
    assert!(
        by_category["live"].is_null(),
        "sessions are not split by category"
    );

    let analyst = app.visitor();
    analyst.sign_in("analyst@example.cn").await;
    let page = analyst.page("/stats?period=day").await;
    assert!(page.contains("id=\"section-live\""), "{page}");
    assert!(page.contains("data-figure=\"live_conversion\""));
    assert!(page.contains("枸杞直播"));
}
