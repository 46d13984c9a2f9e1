//! Live video over HTTP: nginx's callbacks (a push authorised by its stream key, its end, its
//! recording made into a replay), the live HLS and replay files, and the hls.js player script.
//! nginx itself is run by `farmgate-video`; this is what the web server does for it.

mod callbacks;
mod files;

use std::path::PathBuf;
use std::sync::Arc;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use farmgate_video::{VideoDir, PUBLISH_CALLBACK, PUBLISH_DONE_CALLBACK, RECORD_DONE_CALLBACK};

use crate::state::AppState;

/// Where pages load hls.js from; the version is in the name, so browsers cache it for good.
pub const HLS_JS: &str = "/assets/hls-1.7.4.min.js";

/// Live video on this server: where its files are and whether nginx takes pushes.
#[derive(Clone)]
pub struct VideoSetup {
    /// `DATA/video`. Its live HLS and replays are served even when nginx is not running, so
    /// replays outlive a server started without video.
    pub dir: VideoDir,
    pub status: VideoStatus,
}

#[derive(Clone)]
pub enum VideoStatus {
    /// `serve` was not asked for video.
    Off,
    /// Video was asked for but cannot run here; the message says why (for missing programs,
    /// with the apt-get line that installs them).
    Unavailable(Arc<str>),
    /// nginx takes pushes at `push_base/<stream key>`.
    On {
        /// `rtmp://<host>:<port>/live`.
        push_base: Arc<str>,
        /// Remuxes recordings into replays.
        ffmpeg: Arc<PathBuf>,
    },
}

impl VideoSetup {
    /// No video: files of `dir` are served, nothing takes pushes.
    pub fn off(dir: VideoDir) -> VideoSetup {
        VideoSetup {
            dir,
            status: VideoStatus::Off,
        }
    }

    /// The URL a host pushes to with OBS or a phone app; `None` while video is not running.
    pub fn push_url(&self, stream_key: &str) -> Option<String> {
        match &self.status {
            VideoStatus::On { push_base, .. } => Some(format!("{push_base}/{stream_key}")),
            _ => None,
        }
    }

    /// Why video was asked for and is not running, to show where the video would be.
    pub fn unavailable(&self) -> Option<&str> {
        match &self.status {
            VideoStatus::Unavailable(reason) => Some(reason),
            _ => None,
        }
    }
}

/// A session's live playlist, as viewers load it.
pub fn live_playlist_url(session: &str) -> String {
    format!("/hls/{session}/index.m3u8")
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PUBLISH_CALLBACK, post(callbacks::publish))
        .route(PUBLISH_DONE_CALLBACK, post(callbacks::publish_done))
        .route(RECORD_DONE_CALLBACK, post(callbacks::record_done))
        .route("/hls/{session}/{file}", get(files::live))
        .route("/replays/{session}/{file}", get(files::replay))
        .route(HLS_JS, get(hls_js))
}

async fn hls_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        include_bytes!("../../assets/hls.min.js").as_slice(),
    )
}
