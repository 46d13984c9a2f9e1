//! The nginx configuration Farmgate writes into `DATA/video/nginx.conf` at every start.
//!
//! Two RTMP applications, because nginx-rtmp's HLS writer ignores the name an `on_publish`
//! redirect gives (arut/nginx-rtmp-module issues 777, 1013, 1705; still so in Debian's 1.2.2):
//! - `live` takes the host's push at `live/<stream key>`. Its `on_publish` asks Farmgate, which
//!   refuses a wrong key or answers a redirect to the session id. The redirect renames the
//!   stream for the modules after the notifier, among them the relay, which pushes it on to
//!   `session/<session id>`.
//! - `session` accepts only that relay (publish from the relay's own address). It writes the
//!   HLS, records the whole stream, and reports the end of the stream and of the recording, all
//!   under the session id. So the key appears in no file name, URL or later callback.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use crate::layout::VideoDir;
use crate::probe::Tools;

/// The application hosts push to: `rtmp://host:port/live/<stream key>`.
pub const INGEST_APP: &str = "live";
/// The internal application streams are relayed into under their session id.
pub const SESSION_APP: &str = "session";

/// Farmgate's routes for nginx's callbacks.
pub const PUBLISH_CALLBACK: &str = "/internal/video/publish";
pub const PUBLISH_DONE_CALLBACK: &str = "/internal/video/publish-done";
pub const RECORD_DONE_CALLBACK: &str = "/internal/video/record-done";

/// Default RTMP port.
pub const DEFAULT_RTMP_PORT: u16 = 1935;

/// What the configuration depends on.
#[derive(Clone, Debug)]
pub struct NginxConfig {
    /// Where nginx listens for RTMP pushes (port 0 is not possible: nginx cannot report it).
    pub rtmp: SocketAddr,
    /// Where Farmgate's HTTP server listens; nginx calls back on it over loopback.
    pub farmgate: SocketAddr,
    /// Target length of an HLS segment, in seconds; nginx cuts on the next keyframe after it.
    pub fragment_seconds: u32,
}

impl NginxConfig {
    /// The default segment length: short, so viewers are close to live and tests are quick.
    pub const FRAGMENT_SECONDS: u32 = 2;

    pub fn new(rtmp: SocketAddr, farmgate: SocketAddr) -> NginxConfig {
        NginxConfig {
            rtmp,
            farmgate,
            fragment_seconds: Self::FRAGMENT_SECONDS,
        }
    }

    /// The address nginx's relay pushes to and callers on this machine reach RTMP at.
    pub fn rtmp_local(&self) -> SocketAddr {
        reachable(self.rtmp)
    }

    /// The configuration file's text. `dir` must be absolute: nginx resolves relative paths
    /// against its prefix, not against Farmgate's working folder.
    pub fn render(&self, dir: &VideoDir, tools: &Tools) -> String {
        let relay = self.rtmp_local();
        let farmgate = reachable(self.farmgate);
        let fragment = self.fragment_seconds.max(1);
        format!(
            r#"# Written by Farmgate at every start of `farmgate serve --video`; edits are lost.
daemon off;
# One process, running as whoever runs Farmgate: it writes into the data folder, and Farmgate
# supervises it (restarts, stops) directly.
master_process off;
pid {pid};
# Not `info`: its lines name each stream as pushed, and a push is named by its stream key.
error_log stderr notice;
load_module {module};
events {{ worker_connections 1024; }}
rtmp {{
  # Its default is the system's /var/log/nginx/access.log; connections are in the error log.
  access_log off;
  server {{
    listen {listen};
    chunk_size 4096;
    notify_method post;
    application {INGEST_APP} {{
      live on;
      deny play all;
      # A phone that lost its network keeps no key busy for long.
      drop_idle_publisher 10s;
      on_publish http://{farmgate}{PUBLISH_CALLBACK};
      push rtmp://{relay}/{SESSION_APP};
    }}
    application {SESSION_APP} {{
      live on;
      allow publish {relay_ip};
      deny publish all;
      deny play all;
      hls on;
      hls_path {hls};
      hls_nested on;
      hls_fragment {fragment}s;
      hls_playlist_length {playlist}s;
      # The whole stream in one file per session; a push that resumes after a drop appends.
      record all;
      record_path {recordings};
      record_suffix .flv;
      record_append on;
      on_publish_done http://{farmgate}{PUBLISH_DONE_CALLBACK};
      on_record_done http://{farmgate}{RECORD_DONE_CALLBACK};
    }}
  }}
}}
"#,
            pid = quote(&dir.pid_file().to_string_lossy()),
            module = quote(&tools.rtmp_module.to_string_lossy()),
            listen = self.rtmp,
            relay_ip = relay.ip(),
            hls = quote(&dir.hls().to_string_lossy()),
            playlist = fragment * 5,
            recordings = quote(&dir.recordings().to_string_lossy()),
        )
    }
}

/// An address a process on this machine can connect to: the loopback one when `addr` listens
/// on every interface.
pub fn reachable(addr: SocketAddr) -> SocketAddr {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, addr.port())
}

/// A quoted nginx string: any path, spaces and quotes included.
fn quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    fn render(rtmp: &str, farmgate: &str) -> String {
        let tools = Tools {
            nginx: PathBuf::from("/usr/sbin/nginx"),
            rtmp_module: PathBuf::from("/usr/lib/nginx/modules/ngx_rtmp_module.so"),
            ffmpeg: PathBuf::from("/usr/bin/ffmpeg"),
        };
        let dir = VideoDir::in_data_folder(Path::new("/srv/farm gate"));
        NginxConfig::new(rtmp.parse().unwrap(), farmgate.parse().unwrap()).render(&dir, &tools)
    }

    #[test]
    fn callbacks_go_to_farmgate_over_loopback_and_hls_is_in_the_data_folder() {
        let conf = render("0.0.0.0:1935", "0.0.0.0:8080");
        assert!(conf.contains("listen 0.0.0.0:1935;"));
        assert!(conf.contains("on_publish http://127.0.0.1:8080/internal/video/publish;"));
        assert!(conf.contains("on_publish_done http://127.0.0.1:8080/internal/video/publish-done;"));
        assert!(conf.contains("on_record_done http://127.0.0.1:8080/internal/video/record-done;"));
        assert!(conf.contains("push rtmp://127.0.0.1:1935/session;"));
        assert!(conf.contains("allow publish 127.0.0.1;"));
        assert!(conf.contains(r#"hls_path "/srv/farm gate/video/hls";"#));
        assert!(conf.contains(r#"record_path "/srv/farm gate/video/recordings";"#));
        assert!(conf.contains(r#"pid "/srv/farm gate/video/nginx.pid";"#));
        assert!(conf.contains("daemon off;"));
        assert!(conf.contains("access_log off;"));
        assert!(conf.contains("hls_fragment 2s;"));
    }

    #[test]
    fn a_specific_address_is_used_as_is() {
        let conf = render("192.0.2.7:1936", "[::1]:8080");
        assert!(conf.contains("listen 192.0.2.7:1936;"));
        assert!(conf.contains("push rtmp://192.0.2.7:1936/session;"));
        assert!(conf.contains("on_publish http://[::1]:8080/internal/video/publish;"));
    }

    #[test]
    fn quoting_keeps_any_path_one_string() {
        assert_eq!(quote(r#"/a "b"\c"#), r#""/a \"b\"\\c""#);
        assert_eq!(quote("/a\nb"), r#""/a\nb""#);
    }
}
