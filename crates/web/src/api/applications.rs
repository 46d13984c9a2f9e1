//! Producer applications, for the hub's review.

use axum::extract::{Path, Query, State};
use axum::Json;
use farmgate_domain::application::{ApplicationStatus, Decision};
use farmgate_domain::id::ApplicationId;
use farmgate_domain::validation::Problem;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::views::{ApplicationDetailView, ApplicationView};
use super::Paging;
use crate::auth::RequireUser;
use crate::error::WebError;
use crate::forms::ApiJson;
use crate::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusQuery {
    /// pending, approved or rejected; all when absent.
    status: Option<String>,
}

/// Applications, oldest first (hub operators and admins).
#[utoipa::path(get, path = "/api/v1/applications", tag = "onboarding",
    params(StatusQuery, Paging),
    responses((status = 200, body = Vec<ApplicationView>), (status = 403, description = "Not the hub")))]
pub async fn list(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Query(query): Query<StatusQuery>,
    Query(paging): Query<Paging>,
) -> Result<Json<Vec<ApplicationView>>, WebError> {
    let status = match query.status.as_deref() {
        Some(value) => Some(
            ApplicationStatus::parse(value).ok_or(WebError::field("status", Problem::Invalid))?,
        ),
        None => None,
    };
    let applications = state
        .services
        .applications_for_review(&user.actor, status, paging.page())
        .await?;
    Ok(Json(
        applications.iter().map(ApplicationView::from).collect(),
    ))
}

/// One application with its documents (the hub, or the applicant).
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "onboarding",
    params(("id" = String, Path, description = "Application id")),
    responses((status = 200, body = ApplicationDetailView), (status = 404, description = "No such application")))]
pub async fn get(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(id): Path<String>,
) -> Result<Json<ApplicationDetailView>, WebError> {
    let id = ApplicationId::parse(&id).ok_or(WebError::NotFound)?;
    let detail = state.services.application_detail(&user.actor, &id).await?;
    Ok(Json(ApplicationDetailView::from(&detail)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Verdict {
    Approve,
    Reject,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    decision: Verdict,
    /// Required when rejecting: what the applicant should fix.
    reason: Option<String>,
}

/// Approves (opening the shop) or rejects a pending application.
#[utoipa::path(post, path = "/api/v1/applications/{id}/decision", tag = "onboarding",
    params(("id" = String, Path, description = "Application id")),
    request_body = DecisionRequest,
    responses((status = 200, body = ApplicationView), (status = 403, description = "Not the hub"),
        (status = 409, description = "Already decided"), (status = 422, description = "Missing reason")))]
pub async fn decide(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DecisionRequest>,
) -> Result<Json<ApplicationView>, WebError> {
    let id = ApplicationId::parse(&id).ok_or(WebError::NotFound)?;
    let decision = match body.decision {
        Verdict::Approve => Decision::Approve,
        Verdict::Reject => Decision::reject(body.reason.as_deref().unwrap_or(""))
            .map_err(|e| WebError::field(e.field, e.problem))?,
    };
    let application = state
        .services
        .decide_application(&user.actor, &id, decision)
        .await?;
    Ok(Json(ApplicationView::from(&application)))
}
