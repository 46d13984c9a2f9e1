//! Turns a finished recording into a replay: ffmpeg copies its streams, without re-encoding,
//! into an HLS VOD playlist. A replay is made in a hidden folder beside its place and swapped
//! in whole, so viewers never see half of one; segment names carry the time they were made, so
//! a replay made again (a push that resumed appends to the recording) never reuses a name and
//! segments can be cached for good.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::process::Command;

use crate::error::{io, VideoError};

/// Seconds per replay segment: longer than live ones, fewer requests while watching.
const SEGMENT_SECONDS: &str = "6";

/// Remuxes `recording` into `replay/index.m3u8` (replacing an earlier replay) and returns the
/// playlist's path.
pub async fn remux_replay(
    ffmpeg: &Path,
    recording: &Path,
    replay: &Path,
) -> Result<PathBuf, VideoError> {
    let mut input = Vec::<OsString>::from(["-i".into()]);
    input.push(recording.into());
    input.extend(["-c", "copy"].map(OsString::from));
    write_replay(ffmpeg, &input, replay, &recording.display().to_string()).await
}

/// Runs ffmpeg with `input` (inputs and codecs) into a hidden folder beside `replay`, then
/// swaps it in. `source` names what was turned into a replay when ffmpeg fails.
pub(crate) async fn write_replay(
    ffmpeg: &Path,
    input: &[OsString],
    replay: &Path,
    source: &str,
) -> Result<PathBuf, VideoError> {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    let parent = replay.parent().unwrap_or(Path::new("."));
    let name = replay
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staging = parent.join(format!(".{name}.{stamp}.new"));
    tokio::fs::create_dir_all(&staging)
        .await
        .map_err(io(format!("could not create {}", staging.display())))?;
    if let Err(error) = run_ffmpeg(ffmpeg, input, &staging, stamp, source).await {
        let _ = tokio::fs::remove_dir_all(&staging).await;
        return Err(error);
    }
    swap_in(
        &staging,
        replay,
        &parent.join(format!(".{name}.{stamp}.old")),
    )
    .await?;
    Ok(replay.join("index.m3u8"))
}

async fn run_ffmpeg(
    ffmpeg: &Path,
    input: &[OsString],
    out: &Path,
    stamp: u128,
    source: &str,
) -> Result<(), VideoError> {
    let output = Command::new(ffmpeg)
        .args(["-nostdin", "-hide_banner", "-loglevel", "error", "-y"])
        .args(input)
        .args(["-f", "hls", "-hls_time", SEGMENT_SECONDS])
        .args(["-hls_playlist_type", "vod", "-hls_segment_filename"])
        .arg(out.join(format!("{stamp}-%04d.ts")))
        .arg(out.join("index.m3u8"))
        .kill_on_drop(true)
        .output()
        .await
        .map_err(io(format!("could not run {}", ffmpeg.display())))?;
    if output.status.success() {
        return Ok(());
    }
    Err(VideoError::Replay {
        input: source.to_owned(),
        status: output.status.to_string(),
        stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
    })
}

/// Puts `staging` where `replay` is, moving an earlier replay aside first and removing it after.
async fn swap_in(staging: &Path, replay: &Path, aside: &Path) -> Result<(), VideoError> {
    let had_one = tokio::fs::rename(replay, aside).await.is_ok();
    tokio::fs::rename(staging, replay)
        .await
        .map_err(io(format!(
            "could not move the replay into {}",
            replay.display()
        )))?;
    if had_one {
        let _ = tokio::fs::remove_dir_all(aside).await;
    }
    Ok(())
}
