//! The demo's generated replay is a real HLS VOD: H.264 and AAC, as long as asked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use farmgate_video::generated_replay;
use farmgate_video::testkit::{codecs, duration, video_tools_or_skip};

#[tokio::test]
async fn a_generated_replay_is_a_playable_vod_of_the_length_asked() {
    let Some(tools) = video_tools_or_skip() else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let replay = data.path().join("replays").join("demo");
    let playlist = generated_replay(&tools.ffmpeg, &replay, 4).await.unwrap();
    assert_eq!(playlist, replay.join("index.m3u8"));
    let text = std::fs::read_to_string(&playlist).unwrap();
    assert!(text.contains("#EXT-X-ENDLIST"), "{text}");
    let path = playlist.to_string_lossy().into_owned();
    assert_eq!(codecs(&path).await.unwrap(), ["aac", "h264"]);
    let seconds = duration(&path).await.unwrap();
    assert!((3.5..=5.0).contains(&seconds), "{seconds} s");
    let hidden = std::fs::read_dir(data.path().join("replays"))
        .unwrap()
        .filter(|entry| entry.as_ref().unwrap().file_name() != "demo")
        .count();
    assert_eq!(hidden, 0, "no staging folder is left behind");
}
