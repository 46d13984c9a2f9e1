//! A generated picture (ffmpeg's test pattern with a running clock) and a tone, for the demo
//! county: pushed to nginx as a host's phone would push, for as long as the server runs, and
//! made into a short replay. The same source feeds the tests' pushes.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::process::Command;
use tokio::task::JoinHandle;

use crate::error::VideoError;
use crate::replay::write_replay;

/// Small and light: a demo feed must not take the machine's CPU from the buyers.
const PICTURE: &str = "testsrc=size=426x240:rate=15";
const TONE: &str = "sine=frequency=440";
/// A key frame every two seconds, so live segments can be two seconds long.
const KEY_FRAME_EVERY: &str = "30";
/// How long a push that ended waits before it starts again.
const RESTART_AFTER: Duration = Duration::from_secs(2);

/// ffmpeg's inputs and encoders for the generated picture and tone; endless without `seconds`.
pub fn generated_source(seconds: Option<u32>) -> Vec<OsString> {
    let length = seconds.map_or(String::new(), |s| format!(":duration={s}"));
    let picture = format!("{PICTURE}{length}");
    let tone = format!("{TONE}{length}");
    [
        "-f",
        "lavfi",
        "-i",
        &picture,
        "-f",
        "lavfi",
        "-i",
        &tone,
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-tune",
        "zerolatency",
        "-g",
        KEY_FRAME_EVERY,
        "-c:a",
        "aac",
    ]
    .into_iter()
    .map(OsString::from)
    .collect()
}

/// ffmpeg pushing the generated source in real time to `rtmp://rtmp/live/<key>`.
pub fn push_command(ffmpeg: &Path, rtmp: SocketAddr, key: &str, seconds: Option<u32>) -> Command {
    let mut command = Command::new(ffmpeg);
    command
        .args(["-nostdin", "-hide_banner", "-loglevel", "error", "-re"])
        .args(generated_source(seconds))
        .args(["-f", "flv"])
        .arg(format!("rtmp://{rtmp}/live/{key}"))
        .kill_on_drop(true);
    command
}

/// An endless generated push to one stream key, started again whenever it stops (nginx
/// restarted, a network hiccup). Dropping it stops the push.
pub struct GeneratedFeed {
    task: JoinHandle<()>,
}

impl GeneratedFeed {
    pub fn start(ffmpeg: PathBuf, rtmp: SocketAddr, key: String) -> GeneratedFeed {
        let task = tokio::spawn(async move {
            loop {
                let ended = match push_command(&ffmpeg, rtmp, &key, None).spawn() {
                    Ok(mut push) => push.wait().await.map(|status| status.to_string()),
                    Err(error) => Err(error),
                };
                tracing::warn!(?ended, "the generated demo push stopped; starting it again");
                tokio::time::sleep(RESTART_AFTER).await;
            }
        });
        GeneratedFeed { task }
    }
}

impl Drop for GeneratedFeed {
    fn drop(&mut self) {
        // Aborting drops the running ffmpeg, which `kill_on_drop` stops.
        self.task.abort();
    }
}

/// Writes `seconds` of the generated source as a replay into `replay/index.m3u8`.
pub async fn generated_replay(
    ffmpeg: &Path,
    replay: &Path,
    seconds: u32,
) -> Result<PathBuf, VideoError> {
    write_replay(
        ffmpeg,
        &generated_source(Some(seconds)),
        replay,
        "the generated demo picture",
    )
    .await
}
