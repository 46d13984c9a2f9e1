//! The hub's disputes queue: after-sales requests a buyer escalated after the shop said no,
//! each ruled on with a reason — refund all or part, have the goods returned first, or dismiss.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::AfterSaleId;
use farmgate_services::after_sales::RulingForm;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::after_sales::{case_view, CaseView};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "hub_disputes.html")]
struct DisputesPage {
    page: PageContext,
    cases: Vec<(CaseView, String)>,
    rulings: Vec<(&'static str, &'static str)>,
    errors: FieldErrors,
}

/// `GET /hub/disputes`
pub async fn queue(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    render_queue(&state, page, FieldErrors::default()).await
}

async fn render_queue(
    state: &AppState,
    page: PageContext,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let disputes = state.services.disputes(&user.actor).await?;
    let mut cases = Vec::with_capacity(disputes.len());
    for case in &disputes {
        let shop = state.services.shop(&case.shop_id).await?;
        cases.push((case_view(case, page.t, state), shop.name));
    }
    let names = page.t.after_sales.rulings;
    render(&DisputesPage {
        cases,
        rulings: vec![
            ("refund", names[0]),
            ("return_first", names[1]),
            ("dismiss", names[2]),
        ],
        errors,
        page,
    })
}

#[derive(Deserialize)]
pub struct RuleForm {
    #[serde(default)]
    ruling: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    note: String,
}

/// `POST /hub/disputes/{id}/rule`
pub async fn rule(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(form): PageForm<RuleForm>,
) -> Result<Response, WebError> {
    let id = AfterSaleId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let ruling = RulingForm {
        ruling: form.ruling,
        amount: form.amount,
        note: form.note,
    };
    match state.services.rule_dispute(&user.actor, &id, &ruling).await {
        Ok(_) => Ok(Redirect::to("/hub/disputes").into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_queue(&state, page, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
