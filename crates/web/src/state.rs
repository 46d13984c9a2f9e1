//! What every handler can reach: the use cases, the site's settings and the metrics handle.

use std::sync::Arc;

use axum::http::{header, HeaderMap};
use farmgate_documents::LabelFont;
use farmgate_domain::role::Role;
use farmgate_payments::sandbox::SandboxProvider;
use farmgate_services::Services;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::i18n::Lang;
use crate::video::VideoSetup;

#[derive(Clone)]
pub struct AppState {
    pub services: Services,
    /// The built-in payment provider, whose cashier page Farmgate serves.
    pub sandbox: Arc<SandboxProvider>,
    pub site: Arc<SiteConfig>,
    pub metrics: PrometheusHandle,
    /// Live video's folder and, while nginx runs, the ffmpeg its callbacks use. What pages
    /// show about video is `SiteConfig::video`.
    pub video: VideoSetup,
    /// The font labels and run sheets are set in, loaded once at start.
    pub label_font: Arc<LabelFont>,
}

impl AppState {
    /// `http://host` as the request reached us, so a phone on the same network opens the same
    /// site; also the origin of the URIs in exported documents.
    pub fn site_base(&self, headers: &HeaderMap) -> String {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| !h.is_empty())
            .unwrap_or("127.0.0.1");
        let scheme = if self.site.secure_cookies {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{host}")
    }
}

pub struct SiteConfig {
    /// The demo's role accounts, listed on the start page; empty outside the demo.
    pub demo_accounts: Vec<DemoAccount>,
    /// The county's time zone, for showing times (default Asia/Shanghai).
    pub time_zone: jiff::tz::TimeZone,
    /// Marks cookies `Secure`; on when Farmgate is served over HTTPS.
    pub secure_cookies: bool,
    pub video: VideoSite,
}

/// What pages need to know about video: whether it runs, and where hosts push their stream.
#[derive(Debug, Clone, Default)]
pub struct VideoSite {
    pub enabled: bool,
    pub rtmp_port: u16,
    /// Why video is off (what to install), shown to hosts.
    pub unavailable: Option<String>,
}

impl VideoSite {
    /// The RTMP server a host's app pushes to, on the host name the host reached us by.
    pub fn push_server(&self, host_header: Option<&str>) -> String {
        let host = host_header
            .map(host_without_port)
            .filter(|h| !h.is_empty())
            .unwrap_or("127.0.0.1");
        format!("rtmp://{host}:{}/live", self.rtmp_port)
    }
}

/// `example.cn:8080` → `example.cn`; `[::1]:8080` → `[::1]`.
fn host_without_port(host: &str) -> &str {
    match host.rfind(':') {
        Some(i) if !host[i..].contains(']') => &host[..i],
        _ => host,
    }
}

/// A demo account as the start page lists it.
pub struct DemoAccount {
    pub email: String,
    pub role: Role,
    pub purpose_en: String,
    pub purpose_zh: String,
}

impl DemoAccount {
    pub fn purpose(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.purpose_zh,
            Lang::En => &self.purpose_en,
        }
    }
}

impl SiteConfig {
    /// Shows a stored instant as the county's local calendar date.
    pub fn local_date(&self, at: farmgate_domain::time::Timestamp) -> String {
        jiff::Timestamp::from_millisecond(at.millis())
            .map(|ts| {
                ts.to_zoned(self.time_zone.clone())
                    .strftime("%Y-%m-%d")
                    .to_string()
            })
            .unwrap_or_default()
    }

    /// Reads a `datetime-local` input (`2026-11-23T09:30`) as the county's local time.
    pub fn parse_local_time(&self, value: &str) -> Option<farmgate_domain::time::Timestamp> {
        let civil: jiff::civil::DateTime = value.trim().parse().ok()?;
        let zoned = civil.to_zoned(self.time_zone.clone()).ok()?;
        Some(farmgate_domain::time::Timestamp::from_millis(
            zoned.timestamp().as_millisecond(),
        ))
    }

    /// An instant as a `datetime-local` input's value in the county's zone.
    pub fn local_input_time(&self, at: farmgate_domain::time::Timestamp) -> String {
        jiff::Timestamp::from_millisecond(at.millis())
            .map(|ts| {
                ts.to_zoned(self.time_zone.clone())
                    .strftime("%Y-%m-%dT%H:%M")
                    .to_string()
            })
            .unwrap_or_default()
    }

    /// Shows a stored instant as the county's local date and time, to the minute.
    pub fn local_time(&self, at: farmgate_domain::time::Timestamp) -> String {
        jiff::Timestamp::from_millisecond(at.millis())
            .map(|ts| {
                ts.to_zoned(self.time_zone.clone())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use farmgate_domain::time::Timestamp;

    #[test]
    fn times_show_in_the_county_zone() {
        let site = SiteConfig {
            demo_accounts: Vec::new(),
            time_zone: jiff::tz::TimeZone::get("Asia/Shanghai").unwrap(),
            secure_cookies: false,
            video: VideoSite::default(),
        };
        // 2026-01-01T00:00:00Z is 08:00 in Xining.
        let new_year = Timestamp::from_millis(1_767_225_600_000);
        assert_eq!(site.local_time(new_year), "2026-01-01 08:00");
        assert_eq!(site.local_input_time(new_year), "2026-01-01T08:00");
        assert_eq!(site.parse_local_time("2026-01-01T08:00"), Some(new_year));
        assert_eq!(site.parse_local_time("tomorrow"), None);
    }

    #[test]
    fn hosts_push_to_the_name_they_reached_us_by() {
        let video = VideoSite {
            enabled: true,
            rtmp_port: 1935,
            unavailable: None,
        };
        assert_eq!(
            video.push_server(Some("farm.example.cn:8080")),
            "rtmp://farm.example.cn:1935/live"
        );
        assert_eq!(
            video.push_server(Some("[::1]:8080")),
            "rtmp://[::1]:1935/live"
        );
        assert_eq!(video.push_server(Some("[::1]")), "rtmp://[::1]:1935/live");
        assert_eq!(video.push_server(None), "rtmp://127.0.0.1:1935/live");
    }
}
