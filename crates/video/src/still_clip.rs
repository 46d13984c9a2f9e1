//! A phone-like portrait clip made from a still picture: a slow zoom into its middle with a
//! quiet tone, as the demo's producers' short-video "uploads" (a newcomer has no footage of
//! goji fields at hand).

use std::path::Path;

use tokio::process::Command;

use crate::error::{io, VideoError};

/// Fills a 720×1280 frame from the middle of the picture, then zooms in 30% over the clip.
fn zoom(frames: u32) -> String {
    format!(
        "scale=1280:1280:force_original_aspect_ratio=increase,crop=720:1280,\
         zoompan=z='min(zoom+0.002,1.3)':d={frames}:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)'\
         :s=720x1280:fps=25,format=yuv420p"
    )
}

/// Writes a `seconds` long MP4 of `picture` to `out`.
pub async fn still_clip(
    ffmpeg: &Path,
    picture: &Path,
    out: &Path,
    seconds: u32,
) -> Result<(), VideoError> {
    let output = Command::new(ffmpeg)
        .args(["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i"])
        .arg(picture)
        .args(["-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100"])
        .args(["-vf", &zoom(seconds * 25), "-t", &seconds.to_string()])
        .args(["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"])
        .args(["-shortest", "-f", "mp4"])
        .arg(out)
        .output()
        .await
        .map_err(io(format!("starting {}", ffmpeg.display())))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(VideoError::Transcode {
            input: picture.display().to_string(),
            status: output.status.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr)
                .trim()
                .chars()
                .take(2_000)
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::video_tools_or_skip;

    #[tokio::test]
    async fn a_picture_becomes_a_portrait_clip_of_the_length_asked() {
        let Some(tools) = video_tools_or_skip() else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let picture = dir.path().join("goji.png");
        let made = Command::new(&tools.ffmpeg)
            .args(["-nostdin", "-loglevel", "error", "-f", "lavfi", "-i"])
            .args(["testsrc=size=640x480:duration=1", "-frames:v", "1"])
            .arg(&picture)
            .status()
            .await
            .unwrap();
        assert!(made.success());
        let clip = dir.path().join("clip.mp4");
        still_clip(&tools.ffmpeg, &picture, &clip, 2).await.unwrap();
        let ffprobe = crate::find_program("ffprobe").unwrap();
        let probe = std::process::Command::new(ffprobe)
            .args(["-v", "error", "-select_streams", "v:0", "-show_entries"])
            .args(["stream=width,height:format=duration", "-of", "csv=p=0"])
            .arg(&clip)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&probe.stdout);
        assert!(said.contains("720,1280"), "portrait: {said}");
        let seconds: f64 = said.lines().last().unwrap().trim().parse().unwrap();
        assert!((1.9..2.2).contains(&seconds), "{seconds} s");
    }
}
