//! A producer's uploaded video made fit for every buyer's phone: H.264 and AAC in an MP4 that
//! starts playing before it has downloaded (`+faststart`), at most 1280 pixels on its long side
//! and `MAX_SECONDS` long, with a poster frame. Made beside its place under hidden names and
//! renamed in when whole, so a half-made video is never served. ffmpeg reports its progress.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::Command;

use crate::error::{io, VideoError};
use crate::short_video::{Progress, MAX_SECONDS};

/// Keeps the long side at most 1280 pixels and both sides even (H.264 needs them so).
const SCALE: &str =
    "scale='if(gte(iw,ih),min(1280,iw),-2)':'if(gte(iw,ih),-2,min(1280,ih))',format=yuv420p";

/// The video and its poster, in the folder asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Transcoded {
    pub video: PathBuf,
    pub poster: PathBuf,
    /// Length kept, in seconds.
    pub seconds: f64,
}

/// Transcodes `source` into `folder/video.mp4` and `folder/poster.jpg`, telling `on_progress`
/// each time the percentage moves (100 when the video is made).
pub async fn transcode_short(
    ffmpeg: &Path,
    ffprobe: &Path,
    source: &Path,
    folder: &Path,
    mut on_progress: impl FnMut(u8),
) -> Result<Transcoded, VideoError> {
    let name = source.display().to_string();
    let seconds = length_of(ffprobe, source)
        .await?
        .min(f64::from(MAX_SECONDS));
    tokio::fs::create_dir_all(folder)
        .await
        .map_err(io(format!("creating {}", folder.display())))?;
    let (video, poster) = (folder.join("video.mp4"), folder.join("poster.jpg"));
    let (partial_video, partial_poster) = (folder.join(".video.mp4"), folder.join(".poster.jpg"));

    let mut child = Command::new(ffmpeg)
        .args(["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i"])
        .arg(source)
        .args(["-t", &MAX_SECONDS.to_string(), "-vf", SCALE])
        .args(["-c:v", "libx264", "-preset", "veryfast", "-crf", "23"])
        .args(["-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart"])
        .args(["-progress", "pipe:1", "-nostats", "-f", "mp4"])
        .arg(&partial_video)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(io(format!("starting {}", ffmpeg.display())))?;
    let mut stderr = child.stderr.take();
    if let Some(stdout) = child.stdout.take() {
        let mut progress = Progress::new(seconds);
        let mut lines = BufReader::new(stdout).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(percent) = progress.read(&line) {
                on_progress(percent);
            }
        }
    }
    let status = child.wait().await.map_err(io("waiting for ffmpeg"))?;
    if !status.success() {
        let mut said = String::new();
        if let Some(stderr) = stderr.as_mut() {
            // What ffmpeg said is only for the error; failing to read it changes nothing.
            let _ = stderr.read_to_string(&mut said).await;
        }
        return Err(failed(&name, &status.to_string(), &said));
    }

    let at = format!("{:.2}", (seconds / 2.0).min(1.0));
    let output = Command::new(ffmpeg)
        .args([
            "-nostdin",
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-ss",
            &at,
            "-i",
        ])
        .arg(&partial_video)
        .args(["-frames:v", "1", "-q:v", "3", "-f", "image2"])
        .arg(&partial_poster)
        .output()
        .await
        .map_err(io(format!("starting {}", ffmpeg.display())))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(failed(&name, &output.status.to_string(), &said));
    }
    for (from, to) in [(&partial_video, &video), (&partial_poster, &poster)] {
        tokio::fs::rename(from, to)
            .await
            .map_err(io(format!("moving {} into place", to.display())))?;
    }
    Ok(Transcoded {
        video,
        poster,
        seconds,
    })
}

/// The length of `source` in seconds, as ffprobe reads its container.
async fn length_of(ffprobe: &Path, source: &Path) -> Result<f64, VideoError> {
    let output = Command::new(ffprobe)
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
        ])
        .arg(source)
        .output()
        .await
        .map_err(io(format!("starting {}", ffprobe.display())))?;
    let text = String::from_utf8_lossy(&output.stdout);
    match text.trim().parse::<f64>() {
        Ok(seconds) if output.status.success() && seconds > 0.0 => Ok(seconds),
        _ => Err(failed(
            &source.display().to_string(),
            &output.status.to_string(),
            "not a video ffmpeg can read",
        )),
    }
}

fn failed(input: &str, status: &str, stderr: &str) -> VideoError {
    VideoError::Transcode {
        input: input.to_owned(),
        status: status.to_owned(),
        stderr: stderr.trim().chars().take(2_000).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find_program;
    use crate::testkit::video_tools_or_skip;

    /// A 3-second portrait clip with sound, as a phone would record one, made by ffmpeg.
    async fn phone_clip(ffmpeg: &Path, path: &Path) {
        let status = Command::new(ffmpeg)
            .args(["-nostdin", "-loglevel", "error", "-y"])
            .args([
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=720x1440:rate=25:duration=3",
            ])
            .args(["-f", "lavfi", "-i", "sine=frequency=440:duration=3"])
            .args([
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "aac",
                "-f",
                "mov",
            ])
            .arg(path)
            .status()
            .await
            .unwrap();
        assert!(status.success());
    }

    #[tokio::test]
    async fn a_phone_clip_becomes_a_small_h264_mp4_with_a_poster_and_progress_to_100() {
        let Some(tools) = video_tools_or_skip() else {
            return;
        };
        let ffprobe = find_program("ffprobe").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("upload.mov");
        phone_clip(&tools.ffmpeg, &source).await;
        let mut seen = Vec::new();
        let folder = dir.path().join("v1");
        let made = transcode_short(&tools.ffmpeg, &ffprobe, &source, &folder, |p| seen.push(p))
            .await
            .unwrap();
        assert!((made.seconds - 3.0).abs() < 0.2, "{}", made.seconds);
        assert_eq!(seen.last(), Some(&100));
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
        let video = std::fs::read(&made.video).unwrap();
        assert_eq!(&video[4..8], b"ftyp");
        let poster = std::fs::read(&made.poster).unwrap();
        assert_eq!(&poster[..2], [0xff, 0xd8], "a JPEG");
        let probe = std::process::Command::new(&ffprobe)
            .args(["-v", "error", "-select_streams", "v:0", "-show_entries"])
            .args(["stream=codec_name,width,height", "-of", "csv=p=0"])
            .arg(&made.video)
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&probe.stdout).trim(),
            "h264,640,1280"
        );
        let leftovers: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| name.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[tokio::test]
    async fn a_file_that_is_not_a_video_is_refused_in_words() {
        let Some(tools) = video_tools_or_skip() else {
            return;
        };
        let ffprobe = find_program("ffprobe").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("fake.mp4");
        std::fs::write(&source, b"\0\0\0\x20ftypisom but nothing else").unwrap();
        let error = transcode_short(&tools.ffmpeg, &ffprobe, &source, dir.path(), |_| {})
            .await
            .unwrap_err();
        assert!(
            error.to_string().contains("not a video ffmpeg can read"),
            "{error}"
        );
    }
}
