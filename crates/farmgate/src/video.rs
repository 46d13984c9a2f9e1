//! `serve --video`: finds nginx and ffmpeg, starts the supervised nginx and tells the web layer
//! how that went. Video that cannot run leaves the server running without it, saying why.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

use farmgate_video::{GeneratedFeed, NginxConfig, Supervisor, VideoDir};
use farmgate_web::{VideoSetup, VideoSite};

use crate::cli::ServeArgs;

/// Video as `serve` was asked for it: what the callbacks and pages need, and nginx while it
/// runs.
pub struct Video {
    pub setup: VideoSetup,
    pub site: VideoSite,
    pub nginx: Option<Supervisor>,
    /// Where nginx takes pushes, while it runs.
    pub rtmp: Option<SocketAddr>,
    /// The demo's generated pushes; stopped before nginx.
    pub feeds: Vec<GeneratedFeed>,
}

impl Video {
    /// No video; the data folder's replays are still served.
    pub fn off(data: &Path) -> Video {
        Video {
            setup: VideoSetup::off(VideoDir::in_data_folder(data), data),
            site: VideoSite::default(),
            nginx: None,
            rtmp: None,
            feeds: Vec::new(),
        }
    }
}

/// Starts video when asked (`--video`, or `--demo` unless `--video=false`).
pub async fn start_video(args: &ServeArgs, farmgate: SocketAddr) -> Video {
    let mut video = Video::off(&args.store.data);
    video.site.rtmp_port = args.rtmp_port;
    if !args.video.unwrap_or(args.demo) {
        return video;
    }
    let rtmp = rtmp_address(farmgate, args.rtmp_port);
    match run_nginx(&video.setup.dir, rtmp, farmgate).await {
        Ok((nginx, ffmpeg)) => {
            eprintln!("Live video: nginx takes RTMP pushes on {rtmp}");
            video.setup.ffmpeg = Some(Arc::new(ffmpeg));
            video.site.enabled = true;
            video.nginx = Some(nginx);
            video.rtmp = Some(rtmp);
        }
        Err(reason) => {
            eprintln!("Live video is off: {reason}");
            video.site.unavailable = Some(reason);
        }
    }
    video
}

async fn run_nginx(
    dir: &VideoDir,
    rtmp: SocketAddr,
    farmgate: SocketAddr,
) -> Result<(Supervisor, std::path::PathBuf), String> {
    let tools = farmgate_video::probe().map_err(|e| e.to_string())?;
    let ffmpeg = tools.ffmpeg.clone();
    let nginx = Supervisor::start(tools, dir, &NginxConfig::new(rtmp, farmgate))
        .await
        .map_err(|e| format!("nginx could not start: {e}"))?;
    Ok((nginx, ffmpeg))
}

/// RTMP listens where the web server does; on every IPv4 interface when that is every
/// interface (nginx's `[::]` would take IPv6 only).
fn rtmp_address(farmgate: SocketAddr, port: u16) -> SocketAddr {
    let ip = match farmgate.ip() {
        ip if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        ip => ip,
    };
    SocketAddr::new(ip, port)
}

/// Stops nginx, if it runs.
pub async fn stop_video(video: Video) {
    drop(video.feeds);
    if let Some(nginx) = video.nginx {
        nginx.shutdown().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtmp_listens_where_the_web_server_does() {
        let any_v6: SocketAddr = "[::]:8080".parse().unwrap();
        assert_eq!(rtmp_address(any_v6, 1935).to_string(), "0.0.0.0:1935");
        let local: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert_eq!(rtmp_address(local, 1936).to_string(), "127.0.0.1:1936");
    }
}
