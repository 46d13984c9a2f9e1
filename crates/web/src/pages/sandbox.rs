//! The sandbox provider's cashier page. In production this page belongs to WeChat Pay or
//! Alipay; the sandbox serves it from Farmgate so a county can try the whole flow with no
//! contract and no real money.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::time::Timestamp;
use farmgate_payments::sandbox::SandboxPayment;
use farmgate_payments::{PaymentOutcome, ProviderError};

use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "sandbox_pay.html")]
struct CashierPage {
    page: PageContext,
    payment: SandboxPayment,
    amount: String,
    expires: String,
    outcome: &'static str,
    outcome_class: &'static str,
}

pub async fn cashier(
    State(state): State<AppState>,
    page: PageContext,
    Path(provider_ref): Path<String>,
) -> Result<Response, WebError> {
    let now = state.services.clock.now();
    let payment = state
        .sandbox
        .cashier(&provider_ref, now)
        .await
        .map_err(provider_error)?;
    let t = page.t;
    let (outcome, outcome_class) = match payment.outcome {
        None => (t.sandbox_awaiting, "pending"),
        Some(PaymentOutcome::Succeeded) => (t.sandbox_succeeded, "approved"),
        Some(PaymentOutcome::Failed) => (t.sandbox_failed, "rejected"),
        Some(PaymentOutcome::Closed) => (t.sandbox_closed, "rejected"),
    };
    render(&CashierPage {
        amount: payment.amount.to_string(),
        expires: state.site.local_time(payment.expires_at),
        outcome,
        outcome_class,
        payment,
        page,
    })
}

pub async fn pay(state: State<AppState>, provider_ref: Path<String>) -> Result<Response, WebError> {
    complete(state, provider_ref, true).await
}

pub async fn fail(
    state: State<AppState>,
    provider_ref: Path<String>,
) -> Result<Response, WebError> {
    complete(state, provider_ref, false).await
}

/// Records the buyer's choice, then shows the cashier's result page (which links back).
async fn complete(
    State(state): State<AppState>,
    Path(provider_ref): Path<String>,
    paid: bool,
) -> Result<Response, WebError> {
    let now: Timestamp = state.services.clock.now();
    state
        .sandbox
        .complete(&provider_ref, paid, now)
        .await
        .map_err(provider_error)?;
    Ok(Redirect::to(&format!("/sandbox/pay/{provider_ref}")).into_response())
}

fn provider_error(error: ProviderError) -> WebError {
    match error {
        ProviderError::NotFound => WebError::NotFound,
        ProviderError::Refused(_) => WebError::Conflict("this payment is already finished"),
        ProviderError::Unavailable(cause) => WebError::Internal(cause),
    }
}
