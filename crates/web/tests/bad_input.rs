//! Bad input gets a clear 4xx in the reader's language and changes nothing: malformed JSON,
//! oversized bodies, bad UTF-8, unknown fields, wrong types, junk ids, unknown routes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use support::TestApp;

async fn token(app: &TestApp, email: &str, roles: &[Role]) -> String {
    let account = app.account(email, roles).await;
    let actor = farmgate_domain::access::Actor {
        account_id: account.id,
        roles: roles.to_vec(),
        shops: vec![],
    };
    app.services
        .create_api_token(&actor, "test")
        .await
        .unwrap()
        .secret
}

async fn error_of(response: reqwest::Response) -> (u16, serde_json::Value) {
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn malformed_json_bad_utf8_and_wrong_types_are_400_with_a_message() {
    let app = TestApp::spawn().await;
    let token = token(&app, "api@example.cn", &[Role::Buyer]).await;
    let client = reqwest::Client::new();
    let post = |body: Vec<u8>| {
        client
            .post(app.url("/api/v1/tokens"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    for body in [
        b"{\"name\": ".to_vec(),
        b"{\"name\": \"\xff\xfe\"}".to_vec(),
        b"{\"name\": 42}".to_vec(),
        b"[]".to_vec(),
    ] {
        let (status, error) = error_of(post(body.clone()).await.unwrap()).await;
        assert!(
            status == 400 || status == 422,
            "{status} for {:?}",
            String::from_utf8_lossy(&body)
        );
        assert!(!error["error"]["message"].as_str().unwrap().is_empty());
    }
    let missing_type = client
        .post(app.url("/api/v1/tokens"))
        .bearer_auth(&token)
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(missing_type.status(), 415);
    let tokens: serde_json::Value = app.api_get("/api/v1/tokens", &token).await;
    assert_eq!(
        tokens.as_array().unwrap().len(),
        1,
        "no token was created by bad requests"
    );
}

#[tokio::test]
async fn unknown_fields_are_refused_where_a_typo_would_lose_data() {
    let app = TestApp::spawn().await;
    let token = token(&app, "typo@example.cn", &[Role::Buyer]).await;
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/tokens"))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "name": "ok", "expires": "never" }))
        .send()
        .await
        .unwrap();
    let (status, error) = error_of(response).await;
    assert_eq!(status, 422);
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expires"),
        "{error}"
    );
}

#[tokio::test]
async fn oversized_bodies_are_413_before_anything_is_stored() {
    let app = TestApp::spawn().await;
    let token = token(&app, "big@example.cn", &[Role::Buyer]).await;
    let name = "x".repeat(farmgate_web::BODY_LIMIT + 1);
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/tokens"))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "name": name }))
        .send()
        .await
        .unwrap();
    let (status, error) = error_of(response).await;
    assert_eq!(status, 413);
    assert_eq!(error["error"]["code"], "payload_too_large");

    let huge = vec![b'a'; farmgate_web::UPLOAD_LIMIT + 1];
    let visitor = app.signed_in("huge@example.cn", &[Role::Buyer]).await;
    let response = visitor
        .client
        .post(visitor.url("/apply"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
}

#[tokio::test]
async fn validation_errors_are_422_with_field_messages_in_the_requested_language() {
    let app = TestApp::spawn().await;
    let token = token(&app, "lang@example.cn", &[Role::Buyer]).await;
    for (lang, expected) in [("zh-CN", "名称：不能为空"), ("en", "Name: is required")] {
        let response = reqwest::Client::new()
            .post(app.url("/api/v1/tokens"))
            .bearer_auth(&token)
            .header("accept-language", lang)
            .json(&serde_json::json!({ "name": "   " }))
            .send()
            .await
            .unwrap();
        let (status, error) = error_of(response).await;
        assert_eq!(status, 422);
        assert_eq!(error["error"]["code"], "validation");
        assert_eq!(error["error"]["fields"][0]["field"], "name");
        assert_eq!(error["error"]["fields"][0]["code"], "required");
        assert_eq!(error["error"]["fields"][0]["message"], expected);
    }
}

#[tokio::test]
async fn junk_ids_and_unknown_routes_are_404_never_500() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    for path in [
        "/api/v1/shops/not-an-id",
        "/api/v1/shops/01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d0e",
        "/api/v1/nothing-here",
    ] {
        let (status, error) = error_of(client.get(app.url(path)).send().await.unwrap()).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(error["error"]["code"], "not_found");
    }
    let bad_utf8 = client.get(app.url("/shops/%ff%fe")).send().await.unwrap();
    assert_eq!(bad_utf8.status(), 400);
    for path in ["/shops/%00", "/shops/../../etc/passwd", "/no/such/page"] {
        let response = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        let page = response.text().await.unwrap();
        assert!(page.contains(r#"id="error-message""#));
    }
    let bad_query = client
        .get(app.url("/api/v1/shops?place=nowhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_query.status(), 422);
    let bad_limit = client
        .get(app.url("/api/v1/shops?limit=lots"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_limit.status(), 400);
}

#[tokio::test]
async fn a_garbled_multipart_upload_is_a_clear_error_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let visitor = app.signed_in("upload@example.cn", &[Role::Buyer]).await;
    let csrf = visitor.csrf().await;
    let mut body = format!(
        "--B\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--B\r\nContent-Disposition: form-data; name=\"shop_name\"\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&[0xe9, 0x9d]);
    let response = visitor
        .client
        .post(visitor.url("/apply"))
        .header("content-type", "multipart/form-data; boundary=B")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let account = app
        .services
        .store
        .account_by_email("upload@example.cn")
        .await
        .unwrap()
        .unwrap();
    assert!(app
        .services
        .store
        .applications_of(&account.id)
        .await
        .unwrap()
        .is_empty());
}
