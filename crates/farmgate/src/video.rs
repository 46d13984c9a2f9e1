//! `serve --video`: finds nginx and ffmpeg, starts the supervised nginx and tells the web layer
//! how that went. Video that cannot run leaves the server running without it, saying why.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use farmgate_video::{reachable, NginxConfig, Supervisor, VideoDir};
use farmgate_web::{VideoSetup, VideoStatus};

use crate::cli::ServeArgs;

/// Video as `serve` was asked for it: what the web layer needs, and nginx while it runs.
pub struct Video {
    pub setup: VideoSetup,
    pub nginx: Option<Supervisor>,
}

/// Starts video when asked (`--video`, or `--demo` unless `--video=false`).
pub async fn start_video(args: &ServeArgs, farmgate: SocketAddr, public_url: &str) -> Video {
    let dir = VideoDir::in_data_folder(&args.store.data);
    if !args.video.unwrap_or(args.demo) {
        return Video {
            setup: VideoSetup::off(dir),
            nginx: None,
        };
    }
    match run_nginx(&dir, args.rtmp_port, farmgate).await {
        Ok((nginx, ffmpeg, rtmp)) => {
            let push_base = format!("rtmp://{}/live", push_host(public_url, rtmp));
            eprintln!("Live video: hosts push to {push_base}/<stream key>");
            Video {
                setup: VideoSetup {
                    dir,
                    status: VideoStatus::On {
                        push_base: push_base.into(),
                        ffmpeg: Arc::new(ffmpeg),
                    },
                },
                nginx: Some(nginx),
            }
        }
        Err(reason) => {
            eprintln!("Live video is off: {reason}");
            Video {
                setup: VideoSetup {
                    dir,
                    status: VideoStatus::Unavailable(reason.into()),
                },
                nginx: None,
            }
        }
    }
}

async fn run_nginx(
    dir: &VideoDir,
    port: u16,
    farmgate: SocketAddr,
) -> Result<(Supervisor, std::path::PathBuf, SocketAddr), String> {
    let tools = farmgate_video::probe().map_err(|e| e.to_string())?;
    let ffmpeg = tools.ffmpeg.clone();
    let rtmp = rtmp_address(farmgate, port);
    let nginx = Supervisor::start(tools, dir, &NginxConfig::new(rtmp, farmgate))
        .await
        .map_err(|e| format!("nginx could not start: {e}"))?;
    Ok((nginx, ffmpeg, rtmp))
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

/// The host hosts push to: the public URL's, or the listen address's.
fn push_host(public_url: &str, rtmp: SocketAddr) -> String {
    let port = rtmp.port();
    match reqwest::Url::parse(public_url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
    {
        Some(host) => format!("{host}:{port}"),
        None => reachable(rtmp).to_string(),
    }
}

/// Stops nginx, if it runs.
pub async fn stop_video(video: Video) {
    if let Some(nginx) = video.nginx {
        nginx.shutdown().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_push_to_the_public_host_or_the_listen_address() {
        let rtmp: SocketAddr = "0.0.0.0:1935".parse().unwrap();
        assert_eq!(
            push_host("https://shop.example-county.cn/", rtmp),
            "shop.example-county.cn:1935"
        );
        assert_eq!(push_host("http://[::1]:8080", rtmp), "[::1]:1935");
        assert_eq!(push_host("not a url", rtmp), "127.0.0.1:1935");
    }

    #[test]
    fn rtmp_listens_where_the_web_server_does() {
        let any_v6: SocketAddr = "[::]:8080".parse().unwrap();
        assert_eq!(rtmp_address(any_v6, 1935).to_string(), "0.0.0.0:1935");
        let local: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert_eq!(rtmp_address(local, 1936).to_string(), "127.0.0.1:1936");
    }
}
