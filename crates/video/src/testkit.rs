//! For tests that run the real thing (this crate's and the web server's): the video tools or a
//! reason to skip, a free port for nginx, a generated push, and what ffprobe reads.

use std::collections::BTreeSet;
use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use tokio::process::{Child, Command};

use crate::generated::push_command;

use crate::probe::{find_program, probe, ProbeError, Tools};

/// Set (as `scripts/test` does) to make missing video tools fail tests instead of skipping them.
pub const REQUIRE_VIDEO: &str = "FARMGATE_REQUIRE_VIDEO";

/// The video tools (ffprobe too) for a test, or `None` after saying what is missing: then the
/// test skips, unless `REQUIRE_VIDEO` is set, when this fails it.
pub fn video_tools_or_skip() -> Option<Tools> {
    let found = probe().and_then(|tools| match find_program("ffprobe") {
        Some(_) => Ok(tools),
        None => Err(ProbeError {
            missing: vec!["ffprobe (ffmpeg)"],
        }),
    });
    match found {
        Ok(tools) => Some(tools),
        Err(error) if std::env::var_os(REQUIRE_VIDEO).is_some() => {
            panic!("{REQUIRE_VIDEO} is set, but {error}")
        }
        Err(error) => {
            eprintln!("skipped: {error}");
            None
        }
    }
}

/// A loopback port free at the moment (nginx cannot be given port 0).
pub fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// ffmpeg pushing `seconds` of a generated picture (H.264) and tone (AAC) to
/// `rtmp://rtmp/live/<key>`, as a host's OBS would.
pub fn push(rtmp: SocketAddr, key: &str, seconds: u32) -> std::io::Result<Child> {
    push_command(Path::new("ffmpeg"), rtmp, key, Some(seconds)).spawn()
}

/// Waits for a push to end (30 s at most): whether nginx took it to the end.
pub async fn pushed(mut push: Child) -> std::io::Result<bool> {
    let status = tokio::time::timeout(Duration::from_secs(30), push.wait())
        .await
        .map_err(|_| std::io::Error::other("the push did not end within 30 s"))??;
    Ok(status.success())
}

/// The codecs of a media file's (or URL's) streams as ffprobe names them, sorted and once each
/// (an MPEG-TS file lists its streams again under its program).
pub async fn codecs(media: &str) -> std::io::Result<Vec<String>> {
    let listed = ffprobe(media, "stream=codec_name").await?;
    let codecs: BTreeSet<String> = listed
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    Ok(codecs.into_iter().collect())
}

/// A media file's (or URL's) duration in seconds.
pub async fn duration(media: &str) -> std::io::Result<f64> {
    let text = ffprobe(media, "format=duration").await?;
    text.trim()
        .parse()
        .map_err(|_| std::io::Error::other(format!("ffprobe gave no duration: {text:?}")))
}

async fn ffprobe(media: &str, entries: &str) -> std::io::Result<String> {
    let output = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            entries,
            "-of",
            "csv=p=0",
            media,
        ])
        .output()
        .await?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(std::io::Error::other(format!("ffprobe {media}: {stderr}")));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Polls `check` every 100 ms until it gives a value; `None` after `seconds`.
pub async fn eventually<T, F, Fut>(seconds: u64, mut check: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if let Some(value) = check().await {
            return Some(value);
        }
        if Instant::now() >= deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The first segment a playlist lists, once it lists one.
pub fn first_segment(playlist: &str) -> Option<&str> {
    playlist.lines().find(|line| line.ends_with(".ts"))
}
