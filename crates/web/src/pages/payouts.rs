//! The hub's payout page: the shops owed money with their bank accounts, and the button that
//! pays them. Each rendering hands out a fresh run key, so a resubmitted form is the same run.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::PayoutRunId;
use farmgate_domain::payout::{PayeeAccount, PAYOUT_MINIMUM};
use farmgate_services::{new_id, ServiceError};
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "hub_payouts.html")]
struct PayoutsPage {
    page: PageContext,
    intro: String,
    run: String,
    shops: Vec<ShopRow>,
    paid: Vec<PaidRow>,
    errors: FieldErrors,
}

struct ShopRow {
    id: String,
    name: String,
    payable: String,
    payee: String,
}

struct PaidRow {
    shop: String,
    amount: String,
    payee: String,
    reference: String,
}

#[derive(Deserialize)]
pub struct RunQuery {
    run: Option<String>,
}

#[derive(Deserialize)]
pub struct RunForm {
    #[serde(default)]
    run: String,
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<RunQuery>,
) -> Result<Response, WebError> {
    let run = match query.run.as_deref() {
        Some(run) => Some(PayoutRunId::parse(run).ok_or(WebError::NotFound)?),
        None => None,
    };
    render_payouts(&state, page, run, FieldErrors::default()).await
}

pub async fn run(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(form): PageForm<RunForm>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    match state.services.run_payouts(&user.actor, &form.run).await {
        Ok(done) => Ok(Redirect::to(&format!("/hub/payouts?run={}", done.run)).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_payouts(&state, page, None, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn render_payouts(
    state: &AppState,
    page: PageContext,
    run: Option<PayoutRunId>,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let payable = state.services.payable_shops(&user.actor).await?;
    let paid = match &run {
        Some(run) => state.services.payout_run(&user.actor, run).await?,
        None => Vec::new(),
    };
    let t = page.t;
    let shops = payable
        .into_iter()
        .map(|s| ShopRow {
            id: s.shop_id.to_string(),
            name: s.shop_name,
            payable: s.payable.to_string(),
            payee: s
                .payee
                .as_ref()
                .map_or_else(|| t.no_payee.to_owned(), payee_line),
        })
        .collect();
    let mut paid_rows = Vec::with_capacity(paid.len());
    for payout in paid {
        paid_rows.push(PaidRow {
            shop: state.services.shop(&payout.shop_id).await?.name,
            amount: payout.amount.to_string(),
            payee: payee_line(&payout.payee),
            reference: payout.reference,
        });
    }
    render(&PayoutsPage {
        intro: t
            .payouts_intro
            .replace("{min}", &PAYOUT_MINIMUM.to_string()),
        run: new_id::<PayoutRunId>().to_string(),
        shops,
        paid: paid_rows,
        errors,
        page,
    })
}

/// "卓玛 · 中国农业银行 · **** 8901": enough to recognise the account, not to copy it.
pub fn payee_line(payee: &PayeeAccount) -> String {
    format!(
        "{} · {} · {}",
        payee.holder(),
        payee.bank(),
        payee.masked_number()
    )
}
