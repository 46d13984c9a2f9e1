//! The files viewers play: a session's live HLS (`/hls/<session>/…`, written by nginx) and its
//! replay (`/replays/<session>/…`, made by ffmpeg). Only playlist and segment names are
//! served, so no request reaches outside those folders.

use std::path::PathBuf;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use farmgate_video::HlsFile;

use crate::error::WebError;
use crate::state::AppState;

/// `Cache-Control` for a folder's playlist and its segments.
struct Caching {
    playlist: &'static str,
    segment: &'static str,
}

/// A live playlist changes every segment: players must always ask again. nginx may number
/// segments from 0 again when a stream is pushed anew: cache them briefly.
const LIVE: Caching = Caching {
    playlist: "no-cache",
    segment: "public, max-age=60",
};

/// A replay is made again when a resumed push extends it, but under new segment names.
const REPLAY: Caching = Caching {
    playlist: "no-cache",
    segment: "public, max-age=31536000, immutable",
};

/// `GET /hls/{session}/{file}`
pub async fn live(
    State(state): State<AppState>,
    Path((session, file)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let path = state.video.dir.live_file(&session, &file);
    serve(path, &file, LIVE).await
}

/// `GET /replays/{session}/{file}`
pub async fn replay(
    State(state): State<AppState>,
    Path((session, file)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let path = state.video.dir.replay_file(&session, &file);
    serve(path, &file, REPLAY).await
}

async fn serve(path: Option<PathBuf>, file: &str, caching: Caching) -> Result<Response, WebError> {
    let (Some(path), Some(kind)) = (path, HlsFile::of(file)) else {
        return Err(WebError::NotFound);
    };
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|_| WebError::NotFound)?;
    let cache = match kind {
        HlsFile::Playlist => caching.playlist,
        HlsFile::Segment => caching.segment,
    };
    Ok((
        [
            (header::CONTENT_TYPE, kind.content_type()),
            (header::CACHE_CONTROL, cache),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    )
        .into_response())
}
