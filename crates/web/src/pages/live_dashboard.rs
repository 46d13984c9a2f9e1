//! `/console/live/{id}/dashboard`: the host's live figures, drawn once here and then kept
//! current by `live_dashboard.js` polling `GET /api/v1/live/{id}/dashboard` every two seconds.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use farmgate_domain::id::LiveSessionId;
use farmgate_domain::live::LiveStatus;

use super::{render, PageContext};
use crate::api::live_dash::DashboardView;
use crate::error::WebError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "live_dashboard.html")]
struct DashboardPage {
    page: PageContext,
    title: String,
    ended: bool,
    figures: DashboardView,
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = LiveSessionId::parse(&id).ok_or(WebError::NotFound)?;
    let figures = state
        .services
        .live_dashboard(&page.signed()?.actor, &id)
        .await?;
    render(&DashboardPage {
        title: figures.title.clone(),
        ended: figures.status == LiveStatus::Ended,
        figures: figures.into(),
        page,
    })
}
