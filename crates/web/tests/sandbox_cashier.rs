//! The sandbox provider's cashier page: the buyer sees the amount, pays or fails once, and is
//! sent back; a finished payment cannot be paid again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::money::Money;
use farmgate_payments::{PaymentOutcome, PaymentProvider, PaymentRequest};
use support::TestApp;

async fn payment(app: &TestApp, no: &str) -> String {
    let now = app.services.clock.now();
    let request = PaymentRequest {
        out_trade_no: no.into(),
        amount: Money::fen(12_880),
        description: "柴达木黑枸杞 特级 250g ×2".into(),
        notify_url: app.url("/api/v1/payments/notify/sandbox"),
        return_url: "/".into(),
        expires_at: now.plus_millis(900_000),
    };
    let created = app.sandbox.create_payment(&request, now).await.unwrap();
    assert!(created
        .cashier_url
        .starts_with(&app.url("/sandbox/pay/sbx_")));
    created.provider_ref
}

#[tokio::test]
async fn the_buyer_pays_once_on_the_cashier_page() {
    let app = TestApp::spawn().await;
    let provider_ref = payment(&app, "p-1").await;
    let buyer = app.visitor();
    let page = buyer
        .get(&format!("/sandbox/pay/{provider_ref}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("¥128.80"), "{page}");
    assert!(page.contains(r#"id="sandbox-pay-form""#));

    let paid = buyer
        .post_form(&format!("/sandbox/pay/{provider_ref}/pay"), &[])
        .await;
    assert_eq!(paid.status(), 303);
    let after = buyer
        .get(&format!("/sandbox/pay/{provider_ref}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(after.contains(r#"class="badge status-approved""#));
    assert!(after.contains(r#"id="cashier-return" href="/""#));
    assert!(!after.contains("sandbox-pay-form"));

    let again = buyer
        .post_form(&format!("/sandbox/pay/{provider_ref}/fail"), &[])
        .await;
    assert_eq!(again.status(), 409);
    let now = app.services.clock.now();
    let state = app.sandbox.query_payment("p-1", now).await.unwrap();
    assert_eq!(state.outcome, Some(PaymentOutcome::Succeeded));
}

#[tokio::test]
async fn a_failed_payment_shows_as_failed_and_unknown_ones_are_404() {
    let app = TestApp::spawn().await;
    let provider_ref = payment(&app, "p-2").await;
    let buyer = app.visitor();
    let failed = buyer
        .post_form(&format!("/sandbox/pay/{provider_ref}/fail"), &[])
        .await;
    assert_eq!(failed.status(), 303);
    let page = buyer
        .get(&format!("/sandbox/pay/{provider_ref}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("status-rejected"));
    assert_eq!(buyer.get("/sandbox/pay/sbx_nothing").await.status(), 404);
    let forged = buyer
        .client
        .post(buyer.url(&format!("/sandbox/pay/{provider_ref}/pay")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        forged.status(),
        403,
        "the cashier's forms carry CSRF tokens too"
    );
}
