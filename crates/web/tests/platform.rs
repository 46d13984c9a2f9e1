//! The platform around the pages: OpenAPI document, health, readiness, metrics, request ids,
//! language choice and page weight.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use support::TestApp;

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let app = TestApp::spawn().await;
    let doc: serde_json::Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/me", "get"),
        ("/api/v1/places", "get"),
        ("/api/v1/shops", "get"),
        ("/api/v1/shops/{id}", "get"),
        ("/api/v1/shops/{id}", "patch"),
        ("/api/v1/tokens", "get"),
        ("/api/v1/tokens", "post"),
        ("/api/v1/tokens/{id}", "delete"),
        ("/api/v1/applications", "get"),
        ("/api/v1/applications/{id}", "get"),
        ("/api/v1/applications/{id}/decision", "post"),
        ("/api/v1/accounts", "get"),
        ("/api/v1/accounts/{id}/roles", "put"),
        ("/api/v1/checkouts", "post"),
        ("/api/v1/checkouts/{id}/payment", "post"),
        ("/api/v1/checkouts/quote", "post"),
        ("/api/v1/checkouts/{id}", "get"),
        ("/api/v1/products", "get"),
        ("/api/v1/live/{session}/flash-sales", "post"),
        ("/api/v1/flash-sales/{sale}", "get"),
        ("/api/v1/flash-sales/{sale}/purchases", "post"),
        ("/api/v1/live/{session}/coupons", "post"),
        ("/api/v1/live/{session}/coupons", "get"),
        ("/api/v1/coupons/{coupon}/claims", "post"),
        ("/api/v1/me/coupons", "get"),
        ("/api/v1/live/{session}/draws", "post"),
        ("/api/v1/live/{session}/draws/{draw}/close", "post"),
        ("/api/v1/live/{session}/dashboard", "get"),
        ("/api/v1/network", "get"),
        ("/api/v1/parcels/{code}/events", "get"),
        ("/api/v1/intake/parcels", "post"),
        ("/api/v1/runs", "get"),
        ("/api/v1/logistics/measures", "get"),
        ("/api/v1/batches/{id}/epcis", "get"),
        ("/api/v1/epcis", "get"),
        ("/api/v1/products/{id}/trace", "get"),
        ("/api/v1/products/{id}/trace", "put"),
        ("/api/v1/stats/summary", "get"),
        ("/api/v1/stats/dashboard", "get"),
        ("/api/v1/products/{product}/group-buys", "post"),
        ("/api/v1/group-buys/{group_buy}", "get"),
        ("/api/v1/group-buys/{group_buy}/close", "post"),
        ("/api/v1/group-buys/{group_buy}/teams", "post"),
        ("/api/v1/teams/{team}", "get"),
        ("/api/v1/teams/{team}/seats", "post"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} missing"
        );
    }
    assert_eq!(
        paths.len(),
        41,
        "documented paths: {:?}",
        paths.keys().collect::<Vec<_>>()
    );
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    assert!(doc["components"]["schemas"]["ShopView"].is_object());
    assert!(doc["components"]["schemas"]["DashboardJson"].is_object());
}

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = TestApp::spawn().await;
    assert_eq!(
        reqwest::get(app.url("/healthz"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "ok"
    );
    let ready: serde_json::Value = reqwest::get(app.url("/readyz"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready["status"], "ready");
    assert_eq!(ready["store"], "sqlite");
    reqwest::get(app.url("/api/v1/places")).await.unwrap();
    let metrics = reqwest::get(app.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("farmgate_http_requests_total"),
        "{metrics}"
    );
    assert!(metrics.contains(r#"route="/api/v1/places""#));
    assert!(metrics.contains("farmgate_http_request_duration_seconds_bucket"));
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_keeps_the_callers() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let fresh = client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(fresh.headers()["x-request-id"].len(), 36);
    let kept = client
        .get(app.url("/healthz"))
        .header("x-request-id", "trace-42")
        .send()
        .await
        .unwrap();
    assert_eq!(kept.headers()["x-request-id"], "trace-42");
}

#[tokio::test]
async fn the_language_follows_accept_language_until_a_choice_is_made() {
    let app = TestApp::spawn().await;
    let visitor = app.visitor();
    let english = visitor
        .client
        .get(visitor.url("/"))
        .header("accept-language", "en-US,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert!(english
        .text()
        .await
        .unwrap()
        .contains(r#"<html lang="en">"#));
    let chinese = visitor
        .client
        .get(visitor.url("/"))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap();
    assert!(chinese
        .text()
        .await
        .unwrap()
        .contains(r#"<html lang="zh-CN">"#));

    let switched = visitor
        .post_form("/lang", &[("lang", "zh"), ("next", "/signin")])
        .await;
    assert_eq!(switched.status(), 303);
    assert_eq!(switched.headers()["location"], "/signin");
    let after = visitor
        .client
        .get(visitor.url("/signin"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let page = after.text().await.unwrap();
    assert!(page.contains(r#"<html lang="zh-CN">"#));
    assert!(page.contains("登录"));
    let bad = visitor.post_form("/lang", &[("lang", "klingon")]).await;
    assert_eq!(bad.status(), 400);
}

#[tokio::test]
async fn pages_are_light_and_fit_a_phone() {
    let app = TestApp::spawn().await;
    let visitor = app
        .signed_in(
            "light@example.cn",
            &[Role::Buyer, Role::HubOperator, Role::Admin],
        )
        .await;
    let css = visitor.get("/assets/app.css").await;
    assert!(css.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let css_bytes = css.bytes().await.unwrap().len();
    for path in [
        "/", "/signin", "/signup", "/account", "/hub", "/apply", "/admin",
    ] {
        let response = visitor.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.unwrap();
        assert!(
            html.len() + css_bytes < 100 * 1024,
            "{path} weighs {} bytes",
            html.len() + css_bytes
        );
        assert!(html.contains(r#"name="viewport" content="width=device-width, initial-scale=1""#));
    }
}
