//! The host's lucky draws on a session's console: the form and the draws with their winners
//! (the partial `live_draws.html`, included in the session's console page and in a page of
//! its own that shows the form again with its errors).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::{LiveDrawId, LiveSessionId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::live_draw::DrawStatus;
use farmgate_services::live_draws::{DrawForm, HostedDraw};
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

/// What `live_draws.html` draws.
pub struct DrawsView {
    pub session_id: String,
    /// Draws may be started: the session is live.
    pub live: bool,
    pub form: DrawFields,
    pub errors: FieldErrors,
    pub draws: Vec<DrawRow>,
}

pub struct DrawRow {
    pub id: String,
    pub keyword: String,
    pub prize: String,
    /// open, drawn or interrupted, for scripts and tests.
    pub state: &'static str,
    /// In the reader's language.
    pub status: &'static str,
    pub open: bool,
    pub interrupted: bool,
    /// "12 entered" (so far, while open).
    pub entrants: String,
    pub closes: String,
    /// Full names: the host hands out the prizes.
    pub winners: Vec<String>,
}

/// The form as posted (and as first shown, with suggested terms).
#[derive(Deserialize)]
pub struct DrawFields {
    #[serde(default)]
    pub keyword: String,
    #[serde(default)]
    pub prize: String,
    #[serde(default)]
    pub winners: String,
    #[serde(default)]
    pub window_seconds: String,
}

impl Default for DrawFields {
    fn default() -> Self {
        Self {
            keyword: String::new(),
            prize: String::new(),
            winners: "1".into(),
            window_seconds: "60".into(),
        }
    }
}

#[derive(Template)]
#[template(path = "live_draws_page.html")]
struct DrawsPage {
    page: PageContext,
    draws: DrawsView,
}

/// The session's draws for its console page.
pub async fn draws_view(
    state: &AppState,
    page: &PageContext,
    session: &LiveSessionId,
    status: LiveStatus,
    form: DrawFields,
    errors: FieldErrors,
) -> Result<DrawsView, WebError> {
    let actor = &page.signed()?.actor;
    let hosted = state.services.hosted_draws(actor, session).await?;
    let t = page.t.live_dash;
    let draws = hosted
        .into_iter()
        .map(
            |HostedDraw {
                 draw,
                 entrants_so_far,
             }| {
                let (status, entrants) = match draw.status {
                    DrawStatus::Open => (
                        t.draw_open,
                        entrants_so_far.map_or_else(String::new, |n| {
                            t.entered_so_far.replace("{n}", &n.to_string())
                        }),
                    ),
                    DrawStatus::Drawn => (
                        t.draw_drawn,
                        t.entered
                            .replace("{n}", &draw.entrants.unwrap_or(0).to_string()),
                    ),
                    DrawStatus::Interrupted => (t.draw_interrupted, t.interrupted_note.to_owned()),
                };
                DrawRow {
                    id: draw.id.to_string(),
                    keyword: draw.keyword,
                    prize: draw.prize,
                    state: draw.status.as_str(),
                    status,
                    open: draw.status == DrawStatus::Open,
                    interrupted: draw.status == DrawStatus::Interrupted,
                    entrants,
                    closes: state.site.local_time(draw.closes_at),
                    winners: draw.won.into_iter().map(|w| w.display_name).collect(),
                }
            },
        )
        .collect();
    Ok(DrawsView {
        session_id: session.to_string(),
        live: status == LiveStatus::Live,
        form,
        errors,
        draws,
    })
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(session): Path<String>,
) -> Result<Response, WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    draws_page(
        &state,
        page,
        &session,
        DrawFields::default(),
        FieldErrors::default(),
    )
    .await
}

pub async fn start(
    State(state): State<AppState>,
    page: PageContext,
    Path(session): Path<String>,
    PageForm(fields): PageForm<DrawFields>,
) -> Result<Response, WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let form = DrawForm {
        keyword: fields.keyword.clone(),
        prize: fields.prize.clone(),
        winners: fields.winners.clone(),
        window_seconds: fields.window_seconds.clone(),
    };
    let actor = &page.signed()?.actor;
    match state.services.start_draw(actor, &session, &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/console/live/{session}#draws")).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = draws_page(&state, page, &session, fields, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn close(
    State(state): State<AppState>,
    page: PageContext,
    Path((session, draw)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let draw = LiveDrawId::parse(&draw).ok_or(WebError::NotFound)?;
    state
        .services
        .close_draw_now(&page.signed()?.actor, &session, &draw)
        .await?;
    Ok(Redirect::to(&format!("/console/live/{session}#draws")).into_response())
}

async fn draws_page(
    state: &AppState,
    page: PageContext,
    session: &LiveSessionId,
    form: DrawFields,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let live = state
        .services
        .hosted_live(&page.signed()?.actor, session)
        .await?;
    let draws = draws_view(state, &page, session, live.status, form, errors).await?;
    render(&DrawsPage { page, draws })
}
