//! A person applies with documents through the page; the hub reviews and approves through the
//! API; the applicant becomes a producer with a shop and a console.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use reqwest::multipart::{Form, Part};
use support::{TestApp, VILLAGE};

fn application_form(csrf: &str, licence: Vec<u8>) -> Form {
    Form::new()
        .text("csrf", csrf.to_owned())
        .text("shop_name", "卓玛家庭农场")
        .text("kind", "family_farm")
        .text("village", VILLAGE)
        .text("description", "海拔三千米的有机枸杞")
        .text("contact_phone", "139 0979 4821")
        .part(
            "business_licence",
            Part::bytes(licence).file_name("营业执照.pdf"),
        )
        .part("identity_card", Part::bytes(Vec::new()).file_name(""))
}

#[tokio::test]
async fn an_application_goes_from_upload_to_an_open_shop() {
    let app = TestApp::spawn().await;
    let applicant = app.signed_in("zhuoma@example.cn", &[Role::Buyer]).await;
    let csrf = applicant.csrf().await;
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n".to_vec();
    let response = applicant
        .client
        .post(applicant.url("/apply"))
        .multipart(application_form(&csrf, pdf.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let again = applicant
        .client
        .post(applicant.url("/apply"))
        .multipart(application_form(&csrf, pdf.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409, "one pending application at a time");

    let listed = |app: &TestApp| {
        let url = app.url(&format!("/api/v1/shops?place={VILLAGE}"));
        async move {
            reqwest::get(url)
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        listed(&app).await["total"],
        0,
        "the listing is now cached with no shop"
    );

    let hub = app.account("hub@example.cn", &[Role::HubOperator]).await;
    let actor = farmgate_domain::access::Actor {
        account_id: hub.id,
        roles: hub.roles,
        shops: vec![],
    };
    let token = app
        .services
        .create_api_token(&actor, "review")
        .await
        .unwrap()
        .secret;
    let api = reqwest::Client::new();
    let pending: serde_json::Value = app
        .api_get("/api/v1/applications?status=pending", &token)
        .await;
    let id = pending[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(pending[0]["contact_phone"], "13909794821");
    let detail: serde_json::Value = app
        .api_get(&format!("/api/v1/applications/{id}"), &token)
        .await;
    assert_eq!(
        detail["documents"].as_array().unwrap().len(),
        1,
        "the empty file input is skipped"
    );
    let url = detail["documents"][0]["url"].as_str().unwrap();
    let document = api
        .get(app.url(url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(document.headers()["content-type"], "application/pdf");
    assert_eq!(document.headers()["content-security-policy"], "sandbox");
    assert_eq!(document.bytes().await.unwrap().to_vec(), pdf);

    let decided = api
        .post(app.url(&format!("/api/v1/applications/{id}/decision")))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "decision": "approve" }))
        .send()
        .await
        .unwrap();
    assert_eq!(decided.status(), 200);
    let twice = api
        .post(app.url(&format!("/api/v1/applications/{id}/decision")))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "decision": "reject", "reason": "changed my mind" }))
        .send()
        .await
        .unwrap();
    assert_eq!(twice.status(), 409);

    let console = applicant.get("/console").await;
    assert_eq!(console.status(), 200);
    let page = console.text().await.unwrap();
    assert!(page.contains("卓玛家庭农场"));
    let shops = listed(&app).await;
    assert_eq!(shops["total"], 1, "approval shows at once, cache or not");
    assert_eq!(shops["shops"][0]["name"], "卓玛家庭农场");
}

#[tokio::test]
async fn a_rejection_needs_a_reason_and_shows_it_to_the_applicant() {
    let app = TestApp::spawn().await;
    let applicant = app.signed_in("tashi@example.cn", &[Role::Buyer]).await;
    let csrf = applicant.csrf().await;
    let not_a_document = b"MZ\x90\x00 executable".to_vec();
    let refused = applicant
        .client
        .post(applicant.url("/apply"))
        .header("accept-language", "en")
        .multipart(application_form(&csrf, not_a_document))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("only JPEG, PNG and PDF files are accepted"));

    let png = b"\x89PNG\r\n\x1a\n rest".to_vec();
    let accepted = applicant
        .client
        .post(applicant.url("/apply"))
        .multipart(application_form(&csrf, png))
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), 303);

    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let hub_page = hub.get("/hub").await.text().await.unwrap();
    let start = hub_page.find("/hub/applications/").unwrap();
    let path = hub_page[start..start + "/hub/applications/".len() + 36].to_owned();
    let no_reason = hub
        .post_form(&format!("{path}/reject"), &[("reason", " ")])
        .await;
    assert_eq!(no_reason.status(), 422);
    let rejected = hub
        .post_form(
            &format!("{path}/reject"),
            &[("reason", "营业执照照片不清晰")],
        )
        .await;
    assert_eq!(rejected.status(), 303);

    let mine = applicant.get("/apply").await.text().await.unwrap();
    assert!(mine.contains("营业执照照片不清晰"));
    assert!(mine.contains("status-rejected"));
}
