//! Farmgate's nginx configuration on the real nginx-rtmp, fed by a real ffmpeg push.

mod support;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use farmgate_video::{NginxConfig, Supervisor, VideoDir};
use support::*;

async fn start(data: &std::path::Path) -> Option<(Supervisor, SocketAddr, VideoDir, Arc<Calls>)> {
    let tools = video_tools()?;
    let dir = VideoDir::in_data_folder(data);
    let (receiver, calls) = spawn_receiver(&dir, &tools).await;
    let rtmp: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let config = NginxConfig::new(rtmp, receiver);
    let supervisor = Supervisor::start(tools, &dir, &config).await.unwrap();
    Some((supervisor, rtmp, dir, calls))
}

#[tokio::test]
async fn a_push_is_renamed_served_as_hls_and_recorded_into_a_replay() {
    let data = tempfile::tempdir().unwrap();
    let Some((supervisor, rtmp, dir, calls)) = start(data.path()).await else {
        return;
    };
    let pushing = push(rtmp, KEY, 6);

    let playlist = dir.live_file(SESSION, "index.m3u8").unwrap();
    let segment = eventually("a live segment", 15, || first_segment(&playlist)).await;
    assert_eq!(calls.names("publish"), [KEY]);
    assert_eq!(codecs(&segment).await, ["aac", "h264"]);
    let leaked: Vec<_> = all_paths(dir.root())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(KEY))
        .collect();
    assert!(leaked.is_empty(), "the key is in file names: {leaked:?}");

    assert!(finished(pushing).await.success());
    eventually("publish_done", 10, || {
        (calls.names("publish_done") == [SESSION]).then_some(())
    })
    .await;
    let replay = eventually("the replay", 20, || {
        calls.replays.lock().unwrap().first().cloned()
    })
    .await;
    assert_eq!(calls.names("record_done"), [SESSION]);
    assert_eq!(replay, dir.replay(SESSION).unwrap().join("index.m3u8"));
    let vod = std::fs::read_to_string(&replay).unwrap();
    assert!(vod.contains("#EXT-X-PLAYLIST-TYPE:VOD") && vod.contains("#EXT-X-ENDLIST"));
    assert_eq!(codecs(&replay).await, ["aac", "h264"]);
    let seconds = duration(&replay).await;
    // The relay joins at the first keyframe after the push starts (every 2 s here).
    assert!((3.0..8.0).contains(&seconds), "replay lasts {seconds} s");
    supervisor.shutdown().await;
}

#[tokio::test]
async fn a_wrong_key_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let Some((supervisor, rtmp, dir, calls)) = start(data.path()).await else {
        return;
    };
    let status = finished(push(rtmp, "fgl_wrong", 3)).await;
    assert!(!status.success(), "nginx took a push with a wrong key");
    assert_eq!(calls.names("publish"), ["fgl_wrong"]);
    assert!(all_paths(&dir.hls()).is_empty());
    assert!(calls.names("publish_done").is_empty());
    supervisor.shutdown().await;
}

#[tokio::test]
async fn nginx_is_restarted_when_it_dies_and_stopped_with_the_supervisor() {
    let data = tempfile::tempdir().unwrap();
    let Some((supervisor, rtmp, dir, _calls)) = start(data.path()).await else {
        return;
    };
    let pid = || {
        std::fs::read_to_string(dir.pid_file())
            .ok()
            .and_then(|text| text.trim().parse::<i32>().ok())
    };
    let first = pid().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &first.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let second = eventually("a new nginx", 15, || pid().filter(|&p| p != first)).await;
    eventually("RTMP to be taken again", 10, || {
        std::net::TcpStream::connect(rtmp).ok()
    })
    .await;

    supervisor.shutdown().await;
    assert!(!std::path::Path::new(&format!("/proc/{second}")).exists());
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(std::net::TcpStream::connect(rtmp).is_err());
}
