//! Farmgate's nginx configuration on the real nginx-rtmp, fed by a real ffmpeg push, with a
//! small receiver standing in for Farmgate's callbacks. Skipped only when the video tools are
//! missing and `FARMGATE_REQUIRE_VIDEO` is unset.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use farmgate_video::testkit::{
    codecs, duration, eventually, first_segment, free_port, push, pushed, video_tools_or_skip,
};
use farmgate_video::{NginxConfig, Supervisor, VideoDir};
use support::{spawn_receiver, Calls, KEY, SESSION};

struct Running {
    nginx: Supervisor,
    rtmp: SocketAddr,
    dir: VideoDir,
    calls: Arc<Calls>,
}

async fn start(data: &Path) -> Option<Running> {
    let tools = video_tools_or_skip()?;
    let dir = VideoDir::in_data_folder(data);
    let (receiver, calls) = spawn_receiver(&dir, &tools).await;
    let rtmp: SocketAddr = ([127, 0, 0, 1], free_port().unwrap()).into();
    let config = NginxConfig::new(rtmp, receiver);
    let nginx = Supervisor::start(tools, &dir, &config).await.unwrap();
    Some(Running {
        nginx,
        rtmp,
        dir,
        calls,
    })
}

/// Every path under `root`.
fn all_paths(root: &Path) -> Vec<PathBuf> {
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

#[tokio::test]
async fn a_push_is_renamed_served_as_hls_and_recorded_into_a_replay() {
    let data = tempfile::tempdir().unwrap();
    let Some(video) = start(data.path()).await else {
        return;
    };
    let pushing = push(video.rtmp, KEY, 6).unwrap();

    let playlist = video.dir.live_file(SESSION, "index.m3u8").unwrap();
    let segment = eventually(15, || async {
        let text = std::fs::read_to_string(&playlist).ok()?;
        first_segment(&text).map(|name| playlist.with_file_name(name))
    })
    .await
    .expect("a live segment");
    assert_eq!(video.calls.names("publish"), [KEY]);
    let segment = segment.to_string_lossy().into_owned();
    assert_eq!(codecs(&segment).await.unwrap(), ["aac", "h264"]);
    let leaked: Vec<_> = all_paths(video.dir.root())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(KEY))
        .collect();
    assert!(leaked.is_empty(), "the key is in file names: {leaked:?}");

    assert!(pushed(pushing).await.unwrap());
    let calls = &video.calls;
    eventually(10, || async move {
        (calls.names("publish_done") == [SESSION]).then_some(())
    })
    .await
    .expect("publish_done");
    let replay = eventually(20, || async move {
        calls.replays.lock().unwrap().first().cloned()
    })
    .await
    .expect("the replay");
    assert_eq!(calls.names("record_done"), [SESSION]);
    assert_eq!(
        replay,
        video.dir.replay(SESSION).unwrap().join("index.m3u8")
    );
    let vod = std::fs::read_to_string(&replay).unwrap();
    assert!(vod.contains("#EXT-X-PLAYLIST-TYPE:VOD") && vod.contains("#EXT-X-ENDLIST"));
    let replay = replay.to_string_lossy().into_owned();
    assert_eq!(codecs(&replay).await.unwrap(), ["aac", "h264"]);
    let seconds = duration(&replay).await.unwrap();
    // The relay joins at the first keyframe after the push starts (every 2 s here).
    assert!((3.0..8.0).contains(&seconds), "replay lasts {seconds} s");
    video.nginx.shutdown().await;
}

#[tokio::test]
async fn a_wrong_key_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let Some(video) = start(data.path()).await else {
        return;
    };
    let taken = pushed(push(video.rtmp, "fgl_wrong", 3).unwrap())
        .await
        .unwrap();
    assert!(!taken, "nginx took a push with a wrong key");
    assert_eq!(video.calls.names("publish"), ["fgl_wrong"]);
    assert!(all_paths(&video.dir.hls()).is_empty());
    assert!(video.calls.names("publish_done").is_empty());
    video.nginx.shutdown().await;
}

#[tokio::test]
async fn nginx_is_restarted_when_it_dies_and_stopped_with_the_supervisor() {
    let data = tempfile::tempdir().unwrap();
    let Some(video) = start(data.path()).await else {
        return;
    };
    let pid_file = video.dir.pid_file();
    let pid = || {
        std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|text| text.trim().parse::<i32>().ok())
    };
    let first = pid().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &first.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let second = eventually(15, || async { pid().filter(|&p| p != first) })
        .await
        .expect("a new nginx");
    let rtmp = video.rtmp;
    eventually(
        10,
        || async move { std::net::TcpStream::connect(rtmp).ok() },
    )
    .await
    .expect("RTMP taken again");

    video.nginx.shutdown().await;
    assert!(!Path::new(&format!("/proc/{second}")).exists());
    assert!(std::net::TcpStream::connect(rtmp).is_err());
}
