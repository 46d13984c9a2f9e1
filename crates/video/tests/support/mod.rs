//! Real nginx, real ffmpeg: a callback receiver standing in for Farmgate, a generated push, and
//! ffprobe to read what comes out. Tests skip (with a message) only when video tools are missing
//! and `FARMGATE_REQUIRE_VIDEO` is unset; `scripts/test` sets it.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Form, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use farmgate_video::{
    find_program, remux_replay, Notification, Tools, VideoDir, PUBLISH_CALLBACK,
    PUBLISH_DONE_CALLBACK, RECORD_DONE_CALLBACK,
};
use tokio::process::{Child, Command};

pub const KEY: &str = "fgl_4q7nRkP2xWm9";
pub const SESSION: &str = "0190f1a2-7b3c-7d4e-8f00-112233445566";

/// The video tools, or `None` (after saying why) when they are missing and may be.
pub fn video_tools() -> Option<Tools> {
    let found = farmgate_video::probe().and_then(|tools| match find_program("ffprobe") {
        Some(_) => Ok(tools),
        None => Err(farmgate_video::ProbeError {
            missing: vec!["ffprobe (ffmpeg)"],
        }),
    });
    match found {
        Ok(tools) => Some(tools),
        Err(error) if std::env::var_os("FARMGATE_REQUIRE_VIDEO").is_some() => {
            panic!("FARMGATE_REQUIRE_VIDEO is set but {error}")
        }
        Err(error) => {
            eprintln!("skipped: {error}");
            None
        }
    }
}

/// A port free at the moment (nginx cannot be given port 0).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

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

/// ffmpeg pushing a generated picture and tone for `seconds` to `rtmp://addr/live/<key>`.
pub fn push(rtmp: SocketAddr, key: &str, seconds: u32) -> Child {
    let picture = format!("testsrc=size=320x240:rate=25:duration={seconds}");
    let tone = format!("sine=frequency=440:duration={seconds}");
    Command::new("ffmpeg")
        .args(["-nostdin", "-hide_banner", "-loglevel", "error", "-re"])
        .args(["-f", "lavfi", "-i", &picture, "-f", "lavfi", "-i", &tone])
        .args(["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency"])
        .args(["-g", "50", "-c:a", "aac", "-f", "flv"])
        .arg(format!("rtmp://{rtmp}/live/{key}"))
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

pub async fn finished(mut push: Child) -> ExitStatus {
    tokio::time::timeout(Duration::from_secs(30), push.wait())
        .await
        .expect("the push ends")
        .unwrap()
}

/// Polls `check` until it gives a value, failing the test after `seconds`.
pub async fn eventually<T>(what: &str, seconds: u64, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The first segment a playlist lists, once it lists one.
pub fn first_segment(playlist: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(playlist).ok()?;
    let name = text.lines().find(|line| line.ends_with(".ts"))?;
    Some(playlist.with_file_name(name))
}

/// The codecs of a media file's streams, as ffprobe names them, sorted (an MPEG-TS file
/// lists its streams once more under its program).
pub async fn codecs(media: &Path) -> Vec<String> {
    let listed = ffprobe(media, "stream=codec_name").await;
    let codecs: std::collections::BTreeSet<_> = listed
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    codecs.into_iter().collect()
}

/// A media file's duration in seconds.
pub async fn duration(media: &Path) -> f64 {
    ffprobe(media, "format=duration").await.trim().parse().unwrap()
}

async fn ffprobe(media: &Path, entries: &str) -> String {
    let output = Command::new("ffprobe")
        .args(["-v", "error", "-show_entries", entries, "-of", "csv=p=0"])
        .arg(media)
        .output()
        .await
        .unwrap();
    assert!(output.status.success(), "ffprobe {}", media.display());
    String::from_utf8(output.stdout).unwrap()
}

/// Every path under `root`, for looking for the stream key.
pub fn all_paths(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path.clone());
            }
            found.push(path);
        }
    }
    found
}
