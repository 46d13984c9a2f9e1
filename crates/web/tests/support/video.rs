//! The app's nginx, started on a free port and calling back to the app.

use std::net::SocketAddr;
use std::sync::Arc;

use farmgate_video::testkit::free_port;
use farmgate_video::{NginxConfig, Supervisor, Tools, VideoDir};
use farmgate_web::{VideoSetup, VideoSite};

/// nginx running for a test app; stopped when dropped.
pub struct TestVideo {
    /// Where hosts push: `rtmp://<rtmp>/live/<stream key>`.
    pub rtmp: SocketAddr,
    _nginx: Supervisor,
}

pub async fn start(
    tools: Tools,
    dir: VideoDir,
    data: &std::path::Path,
    app: SocketAddr,
) -> (VideoSetup, Option<TestVideo>) {
    let rtmp: SocketAddr = ([127, 0, 0, 1], free_port().unwrap()).into();
    let ffmpeg = Some(Arc::new(tools.ffmpeg.clone()));
    let nginx = Supervisor::start(tools, &dir, &NginxConfig::new(rtmp, app))
        .await
        .unwrap();
    let setup = VideoSetup {
        ffmpeg,
        ..VideoSetup::off(dir, data)
    };
    let video = TestVideo {
        rtmp,
        _nginx: nginx,
    };
    (setup, Some(video))
}

/// What pages are told about video.
pub fn site(video: Option<&TestVideo>) -> VideoSite {
    match video {
        Some(video) => VideoSite {
            enabled: true,
            rtmp_port: video.rtmp.port(),
            unavailable: None,
        },
        None => VideoSite::default(),
    }
}
