//! The hub's village e-commerce leaders: who they are and how they rank, the form that
//! appoints one by the email address of their account, a button that stands one down, and
//! their terms (attribution window and commission per category).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::AccountId;
use farmgate_services::leaders::{LeaderTermsForm, RANKING_DAYS};
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::settings::{commission_form, field, RateFields};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "hub_leaders.html")]
struct LeadersPage {
    page: PageContext,
    leaders: Vec<LeaderRow>,
    email: String,
    errors: FieldErrors,
    problem: Option<&'static str>,
    /// "Ranking, last 30 days".
    ranking_title: String,
    ranking: Vec<RankRow>,
    window_days: String,
    rates: RateFields,
}

struct LeaderRow {
    id: String,
    name: String,
    email: String,
    /// What they are owed now, when it is more than nothing.
    owed: Option<String>,
}

struct RankRow {
    name: String,
    clicks: i64,
    orders: i64,
    sales: String,
    commission: String,
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

/// `POST /hub/leaders/{account}/pay`: everything the leader is owed, paid.
pub async fn pay(
    State(state): State<AppState>,
    page: PageContext,
    Path(account): Path<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let account = AccountId::parse(&account).ok_or(WebError::NotFound)?;
    match state.services.pay_leader(&user.actor, &account).await {
        Ok(_) => Ok(Redirect::to("/hub/leaders").into_response()),
        Err(ServiceError::Conflict(why)) => {
            let problem = Some(page.t.leader.conflict(why).unwrap_or(page.t.error_conflict));
            let body =
                render_page(&state, page, String::new(), FieldErrors::default(), problem).await?;
            Ok((StatusCode::CONFLICT, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /hub/leaders/terms`
pub async fn set_terms(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let form = LeaderTermsForm {
        window_days: field(&fields, "window_days"),
        rates: commission_form(&fields),
    };
    match state.services.set_leader_terms(&user.actor, &form).await {
        Ok(_) => Ok(Redirect::to("/hub/leaders").into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_page(&state, page, String::new(), errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
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
        .leaders_with_figures(&user.actor)
        .await?
        .into_iter()
        .map(|(a, figures)| LeaderRow {
            id: a.id.to_string(),
            name: a.display_name,
            email: a.email,
            owed: Some(figures.owed())
                .filter(|owed| owed.minor() > 0)
                .map(|owed| owed.to_string()),
        })
        .collect();
    let ranking = state
        .services
        .leader_ranking(&user.actor)
        .await?
        .into_iter()
        .map(|r| RankRow {
            name: r.name,
            clicks: r.clicks,
            orders: r.orders,
            sales: r.sales.to_string(),
            commission: r.commission.to_string(),
        })
        .collect();
    let terms = state.services.leader_terms().await?;
    let lt = page.t.leader;
    render(&LeadersPage {
        ranking_title: lt.ranking.replace("{days}", &RANKING_DAYS.to_string()),
        ranking,
        window_days: terms.window.days().to_string(),
        rates: RateFields::new(&terms.rates, page.t),
        leaders,
        email,
        errors,
        problem,
        page,
    })
}
