//! Video over HTTP: nginx's callbacks (a push authorised by its stream key, its end, its
//! recording made into a replay), the live HLS and replay files, and the hls.js player script;
//! producers' short videos, made by the worker and served by byte range. nginx itself is run
//! by `farmgate-video`; this is what the web server does for it.

mod callbacks;
mod files;
mod ranged;
mod short;
pub mod upload;

use std::path::PathBuf;
use std::sync::Arc;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use farmgate_video::{VideoDir, PUBLISH_CALLBACK, PUBLISH_DONE_CALLBACK, RECORD_DONE_CALLBACK};

use crate::state::AppState;

pub use ranged::serve_ranged;
pub use short::{ShortVideoWorker, NO_FFMPEG, UNREADABLE};

/// Where pages load hls.js from (the live room's script asks for this name).
pub const HLS_JS: &str = "/assets/hls.min.js";

/// What nginx's callbacks and the video files need. What pages show about video (whether it
/// runs, why not, where hosts push) is `SiteConfig::video`.
#[derive(Clone)]
pub struct VideoSetup {
    /// `DATA/video`. Its live HLS and replays are served even when nginx is not running, so
    /// replays outlive a server started without video.
    pub dir: VideoDir,
    /// While nginx runs: the ffmpeg that remuxes recordings into replays. `None`, and nginx's
    /// callbacks are not answered, otherwise.
    pub ffmpeg: Option<Arc<PathBuf>>,
    /// Producers' short videos: made whether or not live video runs.
    pub shorts: ShortVideoWorker,
}

impl VideoSetup {
    /// No live video: the files of `dir` are served, nothing takes pushes. Short videos are
    /// kept in `data` and made there.
    pub fn off(dir: VideoDir, data: &std::path::Path) -> VideoSetup {
        VideoSetup {
            dir,
            ffmpeg: None,
            shorts: ShortVideoWorker::in_data_folder(data),
        }
    }
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
            // A week, not for good: the name does not change with the version.
            (header::CACHE_CONTROL, "public, max-age=604800"),
        ],
        include_bytes!("../../assets/hls.min.js").as_slice(),
    )
}
