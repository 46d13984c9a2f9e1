//! nginx's callbacks (`on_publish`, `on_publish_done`, `on_record_done`), form-encoded, taken
//! only from this machine. A yes to a publish is a redirect to the session id: nginx renames the
//! stream, so the stream key is in no file, URL or later callback.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use farmgate_services::ServiceError;
use farmgate_video::{is_stream_name, remux_replay, Notification};

use super::{StreamEvents, VideoStatus};
use crate::error::WebError;
use crate::forms::PageForm;
use crate::state::AppState;

/// Headers a proxy on this machine adds: a request carrying one came from elsewhere.
const PROXY_HEADERS: [&str; 3] = ["forwarded", "x-forwarded-for", "x-real-ip"];

/// A request from this machine (where nginx runs), not relayed by a proxy.
pub struct FromThisMachine;

impl<S: Send + Sync> FromRequestParts<S> for FromThisMachine {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, WebError> {
        let loopback = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .is_some_and(|peer| peer.0.ip().to_canonical().is_loopback());
        let proxied = PROXY_HEADERS
            .iter()
            .any(|name| parts.headers.contains_key(*name));
        if loopback && !proxied {
            Ok(FromThisMachine)
        } else {
            Err(WebError::Forbidden)
        }
    }
}

/// `POST /internal/video/publish`: may the push named by this stream key go on?
pub async fn publish(
    State(state): State<AppState>,
    _: FromThisMachine,
    PageForm(notification): PageForm<Notification>,
) -> Result<Response, WebError> {
    let (_, events) = running(&state)?;
    let session = events
        .publish_authorized(&notification.name)
        .await
        .map_err(refusal)?;
    if !is_stream_name(&session) {
        return Err(WebError::Internal(format!(
            "session id {session:?} cannot name a stream"
        )));
    }
    Ok((StatusCode::FOUND, [(header::LOCATION, session)]).into_response())
}

/// `POST /internal/video/publish-done`: a session's stream stopped.
pub async fn publish_done(
    State(state): State<AppState>,
    _: FromThisMachine,
    PageForm(notification): PageForm<Notification>,
) -> Result<StatusCode, WebError> {
    let (_, events) = running(&state)?;
    events.stream_ended(&notification.name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /internal/video/record-done`: a session's recording is complete. It becomes the replay
/// in the background: remuxing a long stream takes a while, and nginx waits for no answer.
pub async fn record_done(
    State(state): State<AppState>,
    _: FromThisMachine,
    PageForm(notification): PageForm<Notification>,
) -> Result<StatusCode, WebError> {
    let (ffmpeg, events) = running(&state)?;
    let session = notification.name;
    let dir = &state.video.dir;
    let (Some(recording), Some(replay)) = (dir.recording(&session), dir.replay(&session)) else {
        return Err(WebError::NotFound);
    };
    tokio::spawn(async move {
        match remux_replay(&ffmpeg, &recording, &replay).await {
            Ok(_) => {
                let playlist = format!("replays/{session}/index.m3u8");
                if let Err(error) = events.replay_ready(&session, &playlist).await {
                    tracing::warn!(%error, session, "could not publish the replay");
                }
            }
            Err(error) => tracing::error!(%error, session, "could not make the replay"),
        }
    });
    Ok(StatusCode::ACCEPTED)
}

/// ffmpeg and the session events, while video is on; nothing answers nginx otherwise.
fn running(state: &AppState) -> Result<(Arc<PathBuf>, Arc<dyn StreamEvents>), WebError> {
    match &state.video.status {
        VideoStatus::On { ffmpeg, events, .. } => Ok((ffmpeg.clone(), events.clone())),
        _ => Err(WebError::NotFound),
    }
}

/// A push the session rules refuse is forbidden; a failure to decide stays a failure. nginx
/// refuses the push either way.
fn refusal(error: ServiceError) -> WebError {
    match error {
        ServiceError::Internal(cause) => WebError::Internal(cause),
        _ => WebError::Forbidden,
    }
}
