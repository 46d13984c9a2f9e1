//! A shop's after-sales requests in the producer console: approve (with a return address for
//! returns), reject with a reason, confirm a return arrived.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::{AfterSaleId, ShopId};
use farmgate_services::ServiceError;
use farmgate_store::AfterSaleRecord;
use serde::Deserialize;

use super::after_sales::{case_view, CaseView};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "shop_after_sales.html")]
struct ShopRequestsPage {
    page: PageContext,
    shop_id: String,
    cases: Vec<CaseView>,
    errors: FieldErrors,
}

/// `GET /console/shops/{shop}/after-sales`
pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    render_list(&state, page, &shop, FieldErrors::default()).await
}

async fn render_list(
    state: &AppState,
    page: PageContext,
    shop: &ShopId,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let cases = state.services.shop_after_sales(&user.actor, shop).await?;
    render(&ShopRequestsPage {
        shop_id: shop.to_string(),
        cases: cases.iter().map(|c| case_view(c, page.t, state)).collect(),
        errors,
        page,
    })
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    return_address: String,
    #[serde(default)]
    reason: String,
}

/// `POST /console/after-sales/{id}/approve`
pub async fn approve(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(form): PageForm<AnswerForm>,
) -> Result<Response, WebError> {
    let id = AfterSaleId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let done = state
        .services
        .approve_after_sale(&user.actor, &id, &form.return_address)
        .await;
    answered(&state, page, &id, done).await
}

/// `POST /console/after-sales/{id}/reject`
pub async fn reject(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(form): PageForm<AnswerForm>,
) -> Result<Response, WebError> {
    let id = AfterSaleId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let done = state
        .services
        .reject_after_sale(&user.actor, &id, &form.reason)
        .await;
    answered(&state, page, &id, done).await
}

/// `POST /console/after-sales/{id}/receive`: the returned goods arrived.
pub async fn receive(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = AfterSaleId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let done = state
        .services
        .confirm_return_received(&user.actor, &id)
        .await;
    answered(&state, page, &id, done).await
}

/// Back to the shop's list; a form mistake shows there with its message.
async fn answered(
    state: &AppState,
    page: PageContext,
    id: &AfterSaleId,
    done: Result<AfterSaleRecord, ServiceError>,
) -> Result<Response, WebError> {
    match done {
        Ok(case) => Ok(
            Redirect::to(&format!("/console/shops/{}/after-sales", case.shop_id)).into_response(),
        ),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let case = state
                .services
                .store
                .after_sale(id)
                .await
                .map_err(|e| WebError::Internal(e.to_string()))?
                .ok_or(WebError::NotFound)?;
            let body = render_list(state, page, &case.shop_id, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
