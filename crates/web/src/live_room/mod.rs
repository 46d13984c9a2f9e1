//! `GET /live/{session}/ws`: a live session's room over a WebSocket. Anyone may watch; the
//! signed-in chat and like; moderators mute, remove lines and set the block list. Frames are
//! the hub's (JSON text, numbered); refusals go to their sender only. A client reconnecting
//! with `?after=<seq>` gets what it missed, or a snapshot when too much has gone by.

mod connection;
mod visitor;

pub(crate) use visitor::give_visitor_id;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use farmgate_live::MAX_CLIENT_MESSAGE_BYTES;
use serde::Deserialize;

use crate::auth::MaybeUser;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

/// Small read buffers keep an idle viewer's memory small; a client message is at most 2 KB.
const READ_BUFFER: usize = 2 * 1024;
/// Frames are gathered up to this before they are written, so a batch is one write.
const WRITE_BUFFER: usize = 16 * 1024;
/// A connection whose unsent frames reach this is closed: its client is not reading.
const MAX_WRITE_BUFFER: usize = 256 * 1024;
/// Larger messages close the connection; those between 2 KB and this get an error frame.
const MAX_MESSAGE: usize = 8 * MAX_CLIENT_MESSAGE_BYTES;

pub fn router() -> Router<AppState> {
    Router::new().route("/live/{session}/ws", get(connect))
}

#[derive(Deserialize)]
struct Resume {
    /// The last sequence number the client saw.
    after: Option<u64>,
}

async fn connect(
    State(state): State<AppState>,
    Path(session): Path<String>,
    Query(resume): Query<Resume>,
    MaybeUser(user): MaybeUser,
    lang: Lang,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Result<Response, WebError> {
    // A page on another site may open this socket with the visitor's cookie: it watches as
    // anyone would, but does not speak for them.
    let user = user.filter(|_| is_same_origin(&headers));
    let pass = state
        .services
        .enter_live_room(&session, user.as_ref())
        .await?;
    let identity = visitor::identity(user.as_ref(), &headers);
    let joined = state.services.rooms.join(&pass.room, resume.after);
    joined.viewer.room().count_visitor(&identity);
    let texts = lang.texts();
    Ok(upgrade
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(WRITE_BUFFER)
        .max_write_buffer_size(MAX_WRITE_BUFFER)
        .max_message_size(MAX_MESSAGE)
        .max_frame_size(MAX_MESSAGE)
        .on_upgrade(move |socket| connection::run(socket, joined, pass.member, texts)))
}

/// True without an `Origin` (not a browser) or a bearer token (no ambient credential), or when
/// the origin's host is the one asked.
fn is_same_origin(headers: &HeaderMap) -> bool {
    if headers.contains_key(header::AUTHORIZATION) {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|origin| origin.split_once("://"))
        .map(|(_, host)| host);
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok());
    matches!((origin_host, host), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (name.clone(), HeaderValue::from_static(value)))
            .collect()
    }

    #[test]
    fn only_this_sites_pages_speak_with_the_visitors_cookie() {
        assert!(is_same_origin(&headers(&[(header::HOST, "shop.cn")])));
        assert!(is_same_origin(&headers(&[
            (header::HOST, "shop.cn:8080"),
            (header::ORIGIN, "https://shop.cn:8080"),
        ])));
        assert!(!is_same_origin(&headers(&[
            (header::HOST, "shop.cn"),
            (header::ORIGIN, "https://evil.example"),
        ])));
        assert!(!is_same_origin(&headers(&[
            (header::HOST, "shop.cn"),
            (header::ORIGIN, "null"),
        ])));
        assert!(is_same_origin(&headers(&[
            (header::HOST, "shop.cn"),
            (header::ORIGIN, "https://evil.example"),
            (header::AUTHORIZATION, "Bearer fgt_x"),
        ])));
    }
}
