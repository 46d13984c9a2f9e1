//! Farmgate's HTTP layer: server-rendered pages, the JSON API under `/api/v1`, health and
//! metrics endpoints. Handlers are thin: they parse, call a use case, and render.

mod api;
mod auth;
mod csrf;
mod error;
mod forms;
mod i18n;
mod live_room;
mod observe;
mod pages;
mod state;
mod stats;
mod texts;
mod video;
mod views;

use std::future::Future;
use std::net::SocketAddr;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::DefaultBodyLimit;
use axum::extract::Request;
use axum::http::{header, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use axum::Router;
use tokio::net::TcpListener;
use tower::{ServiceBuilder, ServiceExt};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;

pub use error::WebError;
pub use i18n::Lang;
pub use observe::metrics_handle;
pub use state::{AppState, DemoAccount, SiteConfig, VideoSite};
pub use video::{ShortVideoWorker, VideoSetup, HLS_JS};

/// Largest JSON or form body; enough for any form but the application's documents.
pub const BODY_LIMIT: usize = 256 * 1024;
/// Largest body at all but a short video's upload: an application with its documents (five
/// of 5 MB).
pub const UPLOAD_LIMIT: usize = 27 * 1024 * 1024;
/// Where producers upload short videos: the one path whose body may reach
/// `VIDEO_UPLOAD_LIMIT`.
pub const VIDEO_UPLOAD_PATH: &str = "/console/shops/{shop}/videos";
/// A short video's upload: the largest file accepted, and its form.
pub const VIDEO_UPLOAD_LIMIT: usize = farmgate_video::MAX_UPLOAD_BYTES as usize + 1024 * 1024;

/// The whole application, ready to serve.
pub fn app(state: AppState) -> Router {
    let router = Router::new()
        .merge(pages::router())
        .merge(api::router())
        .merge(video::router())
        .merge(live_room::router())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .route("/healthz", get(observe::healthz))
        .route("/readyz", get(observe::readyz))
        .route("/metrics", get(observe::metrics))
        .route("/assets/app.css", get(stylesheet))
        .route("/assets/live.js", get(live_script))
        .route("/assets/room.js", get(room_script))
        .route(
            "/assets/live_buy.js",
            get(|| script(include_str!("../assets/live_buy.js"))),
        )
        // Lucky draws, product clicks and the host's dashboard (issue 4).
        .route(
            "/assets/live_moderate.js",
            get(|| script(include_str!("../assets/live_moderate.js"))),
        )
        .route(
            "/assets/live_draw.js",
            get(|| script(include_str!("../assets/live_draw.js"))),
        )
        .route(
            "/assets/live_clicks.js",
            get(|| script(include_str!("../assets/live_clicks.js"))),
        )
        .route(
            "/assets/live_dashboard.js",
            get(|| script(include_str!("../assets/live_dashboard.js"))),
        )
        // The team page's copy-link button (issue 8).
        .route(
            "/assets/share.js",
            get(|| script(include_str!("../assets/share.js"))),
        )
        // A shop's short videos: the upload's progress and the transcode's (issue 8).
        .route(
            "/assets/short_videos.js",
            get(|| script(include_str!("../assets/short_videos.js"))),
        )
        // The commerce figures' print button (issue 7).
        .route(
            "/assets/stats.js",
            get(|| script(include_str!("../assets/stats.js"))),
        )
        .layer(middleware::from_fn(csrf::protect))
        .layer(middleware::from_fn(error::render_errors))
        .layer(middleware::from_fn(observe::record_request))
        .layer(middleware::from_fn(limit_body))
        .layer(CatchPanicLayer::custom(observe::panic_response));
    observe::with_request_ids(router).with_state(state)
}

/// Refuses a body over its route's limit before anything reads it (the CSRF check reads form
/// bodies whole): `VIDEO_UPLOAD_LIMIT` for a short video's upload, `UPLOAD_LIMIT` for the rest.
async fn limit_body(request: Request, next: Next) -> Response {
    let limit = if is_video_upload(request.method(), request.uri().path()) {
        VIDEO_UPLOAD_LIMIT
    } else {
        UPLOAD_LIMIT
    };
    let limited = ServiceBuilder::new()
        .layer(RequestBodyLimitLayer::new(limit))
        .map_request(boxed_body)
        .service(next);
    match limited.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

fn boxed_body<B>(request: Request<B>) -> Request<Body>
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    request.map(Body::new)
}

/// `POST /console/shops/<shop>/videos`.
fn is_video_upload(method: &Method, path: &str) -> bool {
    method == Method::POST
        && path
            .strip_prefix("/console/shops/")
            .and_then(|rest| rest.strip_suffix("/videos"))
            .is_some_and(|shop| !shop.contains('/'))
}

/// Serves until `shutdown` resolves, then lets requests in flight finish. Handlers may ask for
/// the peer's address (nginx's callbacks are taken only from loopback).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Without TCP_NODELAY a room's small frames wait for the viewer's delayed ACK (up to 40 ms
    // each) behind the one before; pages and the API answer in one write and lose nothing.
    let listener = listener.tap_io(|tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::warn!(%error, "could not set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        include_str!("../assets/app.css"),
    )
}

async fn live_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        include_str!("../assets/live.js"),
    )
}

/// The live room's client; not immutable, since a page must never keep an old protocol.
async fn room_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../assets/room.js"),
    )
}

/// A page's own script, cached for good: pages name it with `?v=<asset version>`.
async fn script(source: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        source,
    )
}
