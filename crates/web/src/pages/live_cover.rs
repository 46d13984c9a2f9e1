//! `POST /console/live/{session}/cover`: a host uploads the picture a session's card shows.

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::LiveSessionId;

use super::photos::uploaded_file;
use super::PageContext;
use crate::error::WebError;
use crate::state::AppState;

pub async fn upload(
    State(state): State<AppState>,
    page: PageContext,
    Path(session): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let actor = &page.signed()?.actor;
    // Who may, before reading what they sent.
    state.services.hosted_live(actor, &session).await?;
    let bytes = uploaded_file(multipart, "cover").await?;
    state
        .services
        .set_live_cover(actor, &session, bytes)
        .await?;
    Ok(Redirect::to(&format!("/console/live/{session}")).into_response())
}
