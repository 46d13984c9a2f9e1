//! GS1 codes (issue 6): the hub's company prefix, and a product's trace settings — its GTIN
//! (typed, or the next free one under the prefix) and "sell only batches that passed
//! inspection" — for its shop and the hub.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::access::{authorize, Action};
use farmgate_domain::id::ProductId;
use farmgate_services::trace::ProductTraceForm;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "gs1_settings.html")]
struct PrefixPage {
    page: PageContext,
    company_prefix: String,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "product_trace.html")]
struct ProductTracePage {
    page: PageContext,
    product: ProductId,
    title: String,
    gtin: String,
    /// The county's prefix, when GTINs can be given out.
    prefix: Option<String>,
    passed_batches_only: bool,
    errors: FieldErrors,
}

#[derive(Deserialize)]
pub struct PrefixForm {
    #[serde(default)]
    company_prefix: String,
}

#[derive(Deserialize)]
pub struct TraceForm {
    #[serde(default)]
    gtin: String,
    assign_gtin: Option<String>,
    passed_batches_only: Option<String>,
}

pub async fn prefix_page(
    State(state): State<AppState>,
    page: PageContext,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    authorize(&user.actor, &Action::ManageMarketplaceSettings).map_err(ServiceError::from)?;
    let settings = state.services.gs1_settings().await?;
    render(&PrefixPage {
        company_prefix: settings
            .company_prefix
            .map(|prefix| prefix.as_str().to_owned())
            .unwrap_or_default(),
        errors: FieldErrors::default(),
        page,
    })
}

pub async fn save_prefix(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(form): PageForm<PrefixForm>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    match state
        .services
        .set_company_prefix(&user.actor, &form.company_prefix)
        .await
    {
        Ok(_) => Ok(Redirect::to("/hub/settings/gs1").into_response()),
        Err(ServiceError::Validation(errors)) => {
            let body = render(&PrefixPage {
                errors: FieldErrors::new(&errors, page.t),
                company_prefix: form.company_prefix,
                page,
            })?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn product_page(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let product = ProductId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let trace = state
        .services
        .product_trace_settings(&user.actor, &product)
        .await?;
    let gtin = trace
        .gtin
        .map(|gtin| gtin.as_str().to_owned())
        .unwrap_or_default();
    render_product(&state, page, product, gtin, trace.passed_batches_only, None).await
}

pub async fn save_product(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(form): PageForm<TraceForm>,
) -> Result<Response, WebError> {
    let product = ProductId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let typed = ProductTraceForm {
        gtin: form.gtin,
        assign_gtin: form.assign_gtin.is_some(),
        passed_batches_only: form.passed_batches_only.is_some(),
    };
    match state
        .services
        .set_product_trace_settings(&user.actor, &product, &typed)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/console/products/{product}/trace")).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let passed = typed.passed_batches_only;
            let body = render_product(&state, page, product, typed.gtin, passed, Some(errors));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body.await?).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn render_product(
    state: &AppState,
    page: PageContext,
    product: ProductId,
    gtin: String,
    passed_batches_only: bool,
    errors: Option<FieldErrors>,
) -> Result<Response, WebError> {
    let detail = state
        .services
        .store
        .product(&product)
        .await
        .map_err(ServiceError::from)?
        .ok_or(WebError::NotFound)?;
    let prefix = state.services.gs1_settings().await?.company_prefix;
    render(&ProductTracePage {
        product,
        title: detail.product.title,
        gtin,
        prefix: prefix.map(|prefix| prefix.as_str().to_owned()),
        passed_batches_only,
        errors: errors.unwrap_or_default(),
        page,
    })
}
