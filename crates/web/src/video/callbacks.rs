//! nginx's callbacks (`on_publish`, `on_publish_done`, `on_record_done`), form-encoded, taken
//! only from this machine. A yes to a publish is a redirect to the session id: nginx renames the
//! stream, so the stream key is in no file, URL or later callback.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use farmgate_domain::id::LiveSessionId;
use farmgate_services::ServiceError;
use farmgate_video::{remux_replay, Notification};

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
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        if from_this_machine(peer, &parts.headers) {
            Ok(FromThisMachine)
        } else {
            Err(WebError::Forbidden)
        }
    }
}

fn from_this_machine(peer: Option<SocketAddr>, headers: &HeaderMap) -> bool {
    let loopback = peer.is_some_and(|peer| peer.ip().to_canonical().is_loopback());
    loopback && !PROXY_HEADERS.iter().any(|name| headers.contains_key(*name))
}

/// `POST /internal/video/publish`: may the push named by this stream key go on?
pub async fn publish(
    State(state): State<AppState>,
    _: FromThisMachine,
    PageForm(notification): PageForm<Notification>,
) -> Result<Response, WebError> {
    running(&state)?;
    let session = state
        .services
        .live_publish_authorized(&notification.name)
        .await
        .map_err(refusal)?;
    Ok((StatusCode::FOUND, [(header::LOCATION, session.as_str())]).into_response())
}

/// `POST /internal/video/publish-done`: a session's stream stopped.
pub async fn publish_done(
    State(state): State<AppState>,
    _: FromThisMachine,
    PageForm(notification): PageForm<Notification>,
) -> Result<StatusCode, WebError> {
    running(&state)?;
    let session = LiveSessionId::parse(&notification.name).ok_or(WebError::NotFound)?;
    state.services.live_stream_ended(&session).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /internal/video/record-done`: a session's recording is complete. It becomes the replay
/// in the background: remuxing a long stream takes a while, and nginx waits for no answer.
pub async fn record_done(
    State(state): State<AppState>,
    _: FromThisMachine,
    PageForm(notification): PageForm<Notification>,
) -> Result<StatusCode, WebError> {
    let ffmpeg = running(&state)?;
    let session = LiveSessionId::parse(&notification.name).ok_or(WebError::NotFound)?;
    let dir = &state.video.dir;
    let (Some(recording), Some(replay)) = (
        dir.recording(session.as_str()),
        dir.replay(session.as_str()),
    ) else {
        return Err(WebError::NotFound);
    };
    let services = state.services.clone();
    tokio::spawn(async move {
        if let Err(error) = remux_replay(&ffmpeg, &recording, &replay).await {
            tracing::error!(%error, %session, "could not make the replay");
            return;
        }
        let playlist = format!("replays/{session}/index.m3u8");
        if let Err(error) = services.live_replay_ready(&session, &playlist).await {
            tracing::warn!(%error, %session, "could not publish the replay");
        }
    });
    Ok(StatusCode::ACCEPTED)
}

/// ffmpeg, while nginx runs; nothing answers nginx otherwise.
fn running(state: &AppState) -> Result<Arc<PathBuf>, WebError> {
    state.video.ffmpeg.clone().ok_or(WebError::NotFound)
}

/// A push the session rules refuse is forbidden; a failure to decide stays a failure. nginx
/// refuses the push either way.
fn refusal(error: ServiceError) -> WebError {
    match error {
        ServiceError::Internal(cause) => WebError::Internal(cause),
        _ => WebError::Forbidden,
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn only_loopback_peers_not_behind_a_proxy_are_nginx() {
        let none = HeaderMap::new();
        for peer in ["127.0.0.1:40000", "[::1]:40000", "[::ffff:127.0.0.1]:40000"] {
            assert!(
                from_this_machine(Some(peer.parse().unwrap()), &none),
                "{peer}"
            );
        }
        for peer in ["192.0.2.7:40000", "[2001:db8::1]:40000", "0.0.0.0:1"] {
            assert!(
                !from_this_machine(Some(peer.parse().unwrap()), &none),
                "{peer}"
            );
        }
        assert!(!from_this_machine(None, &none));
        let mut proxied = HeaderMap::new();
        proxied.insert("x-real-ip", HeaderValue::from_static("203.0.113.9"));
        assert!(!from_this_machine(
            Some("127.0.0.1:1".parse().unwrap()),
            &proxied
        ));
    }
}
