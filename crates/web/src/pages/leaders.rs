//! The hub's village e-commerce leaders: who they are, the form that appoints one by the email
//! address of their account, and a button that stands one down.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::AccountId;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "hub_leaders.html")]
struct LeadersPage {
    page: PageContext,
    /// Id, name and email of each leader.
    leaders: Vec<(String, String, String)>,
    email: String,
    errors: FieldErrors,
    problem: Option<&'static str>,
}

#[derive(Deserialize)]
pub struct AppointForm {
    #[serde(default)]
    email: String,
}

pub async fn show(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    render_page(&state, page, String::new(), FieldErrors::default(), None).await
}

/// `POST /hub/leaders`: appoints the account with the email typed.
pub async fn appoint(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(form): PageForm<AppointForm>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let email = form.email.trim().to_owned();
    let (status, errors, problem) = match state
        .services
        .appoint_leader_by_email(&user.actor, &email)
        .await
    {
        Ok(_) => return Ok(Redirect::to("/hub/leaders").into_response()),
        Err(ServiceError::Validation(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FieldErrors::new(&errors, page.t),
            None,
        ),
        Err(ServiceError::Conflict(why)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FieldErrors::default(),
            Some(page.t.leader.conflict(why).unwrap_or(page.t.error_conflict)),
        ),
        Err(other) => return Err(other.into()),
    };
    let body = render_page(&state, page, email, errors, problem).await?;
    Ok((status, body).into_response())
}

/// `POST /hub/leaders/{account}/stand-down`
pub async fn stand_down(
    State(state): State<AppState>,
    page: PageContext,
    Path(account): Path<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let account = AccountId::parse(&account).ok_or(WebError::NotFound)?;
    state
        .services
        .appoint_leader(&user.actor, &account, false)
        .await?;
    Ok(Redirect::to("/hub/leaders").into_response())
}

async fn render_page(
    state: &AppState,
    page: PageContext,
    email: String,
    errors: FieldErrors,
    problem: Option<&'static str>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let leaders = state
        .services
        .leaders(&user.actor)
        .await?
        .into_iter()
        .map(|a| (a.id.to_string(), a.display_name, a.email))
        .collect();
    render(&LeadersPage {
        leaders,
        email,
        errors,
        problem,
        page,
    })
}
