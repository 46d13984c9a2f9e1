//! The hub operator console: producer applications to review, with their documents.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::application::{ApplicationStatus, Decision};
use farmgate_domain::id::ApplicationId;
use farmgate_services::onboarding::ApplicationDetail;
use farmgate_services::ServiceError;
use farmgate_store::{Page, ShopFilter};
use serde::Deserialize;

use super::public::{place_label, PlaceNames};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "hub.html")]
struct HubPage {
    page: PageContext,
    pending: Vec<PendingRow>,
    shop_count: i64,
}

struct PendingRow {
    id: String,
    shop_name: String,
    kind: &'static str,
    submitted: String,
}

pub async fn hub(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let user = page.signed()?;
    let pending = state
        .services
        .applications_for_review(
            &user.actor,
            Some(ApplicationStatus::Pending),
            Page::first(200),
        )
        .await?;
    let shop_count = state
        .services
        .shop_listing(&ShopFilter::default(), Page::first(0))
        .await?
        .total;
    let pending = pending
        .iter()
        .map(|a| PendingRow {
            id: a.id.to_string(),
            shop_name: a.shop_name.clone(),
            kind: page.t.kind(a.kind),
            submitted: state.site.local_time(a.created_at),
        })
        .collect();
    render(&HubPage {
        page,
        pending,
        shop_count,
    })
}

#[derive(Template)]
#[template(path = "application.html")]
struct ApplicationPage {
    page: PageContext,
    detail: ApplicationDetail,
    kind: &'static str,
    village: String,
    status: &'static str,
    status_class: &'static str,
    submitted: String,
    decided: String,
    documents: Vec<(String, &'static str, String)>,
    errors: FieldErrors,
    pending: bool,
}

pub async fn application(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    render_application(&state, page, &id, FieldErrors::default()).await
}

async fn render_application(
    state: &AppState,
    page: PageContext,
    id: &str,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let id = ApplicationId::parse(id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let detail = state.services.application_detail(&user.actor, &id).await?;
    let places = state.services.places().await?;
    let t = page.t;
    let a = &detail.application;
    render(&ApplicationPage {
        kind: t.kind(a.kind),
        village: place_label(&a.village, &PlaceNames::new(&places), page.lang),
        status: t.status(a.status),
        status_class: a.status.as_str(),
        submitted: state.site.local_time(a.created_at),
        decided: a
            .decided_at
            .map(|at| state.site.local_time(at))
            .unwrap_or_default(),
        documents: detail
            .documents
            .iter()
            .map(|d| {
                (
                    d.id.to_string(),
                    t.document_kind(d.kind),
                    d.file_name.clone(),
                )
            })
            .collect(),
        pending: a.status == ApplicationStatus::Pending,
        errors,
        detail,
        page,
    })
}

pub async fn approve(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    decide(state, page, id, Ok(Decision::Approve)).await
}

#[derive(Deserialize)]
pub struct RejectForm {
    #[serde(default)]
    reason: String,
}

pub async fn reject(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(form): PageForm<RejectForm>,
) -> Result<Response, WebError> {
    let decision = Decision::reject(&form.reason).map_err(ServiceError::from);
    decide(state, page, id, decision).await
}

async fn decide(
    state: AppState,
    page: PageContext,
    id: String,
    decision: Result<Decision, ServiceError>,
) -> Result<Response, WebError> {
    let application = ApplicationId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let result = match decision {
        Ok(decision) => state
            .services
            .decide_application(&user.actor, &application, decision)
            .await
            .map(|_| ()),
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/hub/applications/{application}")).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_application(&state, page, &id, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
