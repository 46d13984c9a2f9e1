//! Signing up, in and out through the real pages; CSRF; cookies; API tokens.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use support::{TestApp, PASSWORD};

#[tokio::test]
async fn sign_up_signs_in_with_a_safe_session_cookie_and_an_argon2id_hash() {
    let app = TestApp::spawn().await;
    let visitor = app.visitor();
    let csrf = visitor.csrf().await;
    let response = visitor
        .client
        .post(visitor.url("/signup"))
        .form(&[
            ("display_name", "卓玛"),
            ("email", "Zhuoma@Example.cn"),
            ("password", PASSWORD),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let set_cookie: Vec<_> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session = set_cookie
        .iter()
        .find(|c| c.starts_with("fg_session="))
        .unwrap();
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");

    let home = visitor.get("/").await.text().await.unwrap();
    assert!(home.contains(r#"<span id="account-name">卓玛</span>"#));

    let stored = app
        .services
        .store
        .account_by_email("zhuoma@example.cn")
        .await
        .unwrap()
        .unwrap();
    assert!(stored.password_hash.starts_with("$argon2id$"));
    assert_eq!(stored.roles, vec![Role::Buyer]);
}

#[tokio::test]
async fn sign_up_errors_name_the_field_in_the_readers_language() {
    let app = TestApp::spawn().await;
    app.account("taken@example.cn", &[Role::Buyer]).await;
    let visitor = app.visitor();
    let csrf = visitor.csrf().await;
    let response = visitor
        .client
        .post(visitor.url("/signup"))
        .header("accept-language", "en")
        .form(&[
            ("display_name", "Tashi"),
            ("email", "taken@example.cn"),
            ("password", "short"),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains(r#"data-field="email">Email: is already in use"#),
        "{page}"
    );
    assert!(page.contains("Password: must be at least 8 characters"));
    assert!(page.contains(r#"value="Tashi""#), "the typed name is kept");
}

#[tokio::test]
async fn every_form_post_without_the_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    let visitor = app.signed_in("buyer@example.cn", &[Role::Buyer]).await;
    for path in [
        "/signup",
        "/signin",
        "/signout",
        "/lang",
        "/account/tokens",
        "/apply",
    ] {
        let response = visitor
            .client
            .post(visitor.url(path))
            .form(&[("email", "x@example.cn"), ("lang", "en"), ("name", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{path} without a token");
        let wrong = visitor
            .client
            .post(visitor.url(path))
            .form(&[("csrf", "forged"), ("lang", "en")])
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), 403, "{path} with a forged token");
    }
    let cross_site = visitor
        .client
        .post(visitor.url("/lang"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf", visitor.csrf().await.as_str()), ("lang", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);
    let still_signed_in = visitor.get("/account").await;
    assert_eq!(
        still_signed_in.status(),
        200,
        "nothing was done by the refused posts"
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_email_answer_alike_and_sign_out_ends_the_session() {
    let app = TestApp::spawn().await;
    app.account("buyer@example.cn", &[Role::Buyer]).await;
    let visitor = app.visitor();
    for email in ["buyer@example.cn", "nobody@example.cn"] {
        let response = visitor
            .post_form(
                "/signin",
                &[("email", email), ("password", "wrong password")],
            )
            .await;
        assert_eq!(response.status(), 401);
        assert!(response
            .text()
            .await
            .unwrap()
            .contains(r#"id="form-error""#));
    }
    visitor.sign_in("buyer@example.cn").await;
    let session = visitor.cookie("fg_session").unwrap();
    assert_eq!(visitor.post_form("/signout", &[]).await.status(), 303);
    let account = app.visitor();
    let reused = account
        .client
        .get(account.url("/account"))
        .header("cookie", format!("fg_session={session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(reused.status(), 303, "the old session no longer works");
}

#[tokio::test]
async fn sign_in_returns_to_a_local_next_page_only() {
    let app = TestApp::spawn().await;
    app.account("producer@example.cn", &[Role::Buyer]).await;
    let visitor = app.visitor();
    let redirect = visitor.get("/console").await;
    assert_eq!(redirect.headers()["location"], "/signin?next=/console");
    for (next, expected) in [("/account", "/account"), ("//evil.example", "/")] {
        let response = visitor
            .post_form(
                "/signin",
                &[
                    ("email", "producer@example.cn"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(response.headers()["location"], expected);
    }
}

#[tokio::test]
async fn api_tokens_authenticate_until_revoked_and_are_stored_hashed() {
    let app = TestApp::spawn().await;
    let visitor = app.signed_in("script@example.cn", &[Role::Buyer]).await;
    let csrf = visitor.csrf().await;
    let created: serde_json::Value = visitor
        .client
        .post(visitor.url("/api/v1/tokens"))
        .header("x-csrf-token", csrf)
        .json(&serde_json::json!({ "name": "inventory sync" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let secret = created["secret"].as_str().unwrap().to_owned();
    let id = created["token"]["id"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("fgt_"));

    let api = reqwest::Client::new();
    let me = api
        .get(app.url("/api/v1/me"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let me: serde_json::Value = me.json().await.unwrap();
    assert_eq!(me["account"]["email"], "script@example.cn");

    let account = app
        .services
        .store
        .account_by_email("script@example.cn")
        .await
        .unwrap()
        .unwrap();
    let stored = app.services.store.tokens_of(&account.id).await.unwrap();
    assert_ne!(stored[0].token_hash, secret);
    assert!(stored[0].last_used_at.is_some());

    let revoked = api
        .delete(app.url(&format!("/api/v1/tokens/{id}")))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 204);
    let after = api
        .get(app.url("/api/v1/me"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401);
    let bogus = api
        .get(app.url("/api/v1/me"))
        .bearer_auth("fgt_nonsense")
        .send()
        .await
        .unwrap();
    assert_eq!(bogus.status(), 401);
}

#[tokio::test]
async fn the_account_page_shows_a_new_token_once() {
    let app = TestApp::spawn().await;
    let visitor = app.signed_in("page@example.cn", &[Role::Buyer]).await;
    let created = visitor
        .post_form("/account/tokens", &[("name", "phone app")])
        .await;
    assert_eq!(created.status(), 201);
    let page = created.text().await.unwrap();
    assert!(page.contains(r#"id="new-token">fgt_"#));
    let again = visitor.get("/account").await.text().await.unwrap();
    assert!(again.contains("phone app"));
    assert!(!again.contains(r#"id="new-token""#));
}

#[tokio::test]
async fn a_token_acts_with_new_roles_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.account("admin2@example.cn", &[Role::Admin]).await;
    let admin = farmgate_domain::access::Actor {
        account_id: admin.id,
        roles: vec![Role::Admin],
        shops: vec![],
    };
    let script = app.account("grant@example.cn", &[Role::Buyer]).await;
    let buyer = farmgate_domain::access::Actor {
        account_id: script.id.clone(),
        roles: vec![Role::Buyer],
        shops: vec![],
    };
    let secret = app
        .services
        .create_api_token(&buyer, "sync")
        .await
        .unwrap()
        .secret;
    let accounts = || {
        reqwest::Client::new()
            .get(app.url("/api/v1/accounts"))
            .bearer_auth(&secret)
            .send()
    };
    assert_eq!(accounts().await.unwrap().status(), 403);
    app.services
        .set_roles(&admin, &script.id, &[Role::Buyer, Role::Admin])
        .await
        .unwrap();
    assert_eq!(accounts().await.unwrap().status(), 200, "granted at once");
    app.services
        .set_roles(&admin, &script.id, &[Role::Buyer])
        .await
        .unwrap();
    assert_eq!(
        accounts().await.unwrap().status(),
        403,
        "taken away at once"
    );
}
