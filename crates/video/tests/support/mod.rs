//! A callback receiver standing in for Farmgate, for nginx to ask and tell.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::{Form, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use farmgate_video::{
    remux_replay, Notification, Tools, VideoDir, PUBLISH_CALLBACK, PUBLISH_DONE_CALLBACK,
    RECORD_DONE_CALLBACK,
};

pub const KEY: &str = "fgl_4q7nRkP2xWm9";
pub const SESSION: &str = "0190f1a2-7b3c-7d4e-8f00-112233445566";

/// What the receiver was told, in order.
#[derive(Default)]
pub struct Calls {
    pub notifications: Mutex<Vec<Notification>>,
    pub replays: Mutex<Vec<PathBuf>>,
}

impl Calls {
    pub fn names(&self, call: &str) -> Vec<String> {
        self.notifications
            .lock()
            .unwrap()
            .iter()
            .filter(|n| n.call == call)
            .map(|n| n.name.clone())
            .collect()
    }
}

struct Receiver {
    calls: Arc<Calls>,
    dir: VideoDir,
    ffmpeg: PathBuf,
}

/// Farmgate's part, played small: `KEY` is `SESSION`'s key, any other is refused; a finished
/// recording is remuxed into a replay.
pub async fn spawn_receiver(dir: &VideoDir, tools: &Tools) -> (SocketAddr, Arc<Calls>) {
    let calls = Arc::new(Calls::default());
    let receiver = Arc::new(Receiver {
        calls: calls.clone(),
        dir: dir.clone(),
        ffmpeg: tools.ffmpeg.clone(),
    });
    let app = Router::new()
        .route(PUBLISH_CALLBACK, post(publish))
        .route(PUBLISH_DONE_CALLBACK, post(remember))
        .route(RECORD_DONE_CALLBACK, post(record_done))
        .with_state(receiver);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (addr, calls)
}

async fn publish(State(r): State<Arc<Receiver>>, Form(n): Form<Notification>) -> Response {
    let known = n.name == KEY;
    r.calls.notifications.lock().unwrap().push(n);
    if known {
        (StatusCode::FOUND, [(header::LOCATION, SESSION)]).into_response()
    } else {
        StatusCode::FORBIDDEN.into_response()
    }
}

async fn remember(State(r): State<Arc<Receiver>>, Form(n): Form<Notification>) -> StatusCode {
    r.calls.notifications.lock().unwrap().push(n);
    StatusCode::NO_CONTENT
}

async fn record_done(State(r): State<Arc<Receiver>>, Form(n): Form<Notification>) -> StatusCode {
    let stream = n.name.clone();
    r.calls.notifications.lock().unwrap().push(n);
    let (Some(recording), Some(replay)) = (r.dir.recording(&stream), r.dir.replay(&stream)) else {
        return StatusCode::BAD_REQUEST;
    };
    let playlist = remux_replay(&r.ffmpeg, &recording, &replay).await.unwrap();
    r.calls.replays.lock().unwrap().push(playlist);
    StatusCode::NO_CONTENT
}
