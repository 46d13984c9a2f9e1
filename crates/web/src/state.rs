//! What every handler can reach: the use cases, the site's settings and the metrics handle.

use std::sync::Arc;

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
    /// Live video: its files, and whether nginx runs (pages say so when it cannot).
    pub video: VideoSetup,
}

pub struct SiteConfig {
    /// The demo's role accounts, listed on the start page; empty outside the demo.
    pub demo_accounts: Vec<DemoAccount>,
    /// The county's time zone, for showing times (default Asia/Shanghai).
    pub time_zone: jiff::tz::TimeZone,
    /// Marks cookies `Secure`; on when Farmgate is served over HTTPS.
    pub secure_cookies: bool,
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
        };
        // 2026-01-01T00:00:00Z is 08:00 in Xining.
        assert_eq!(
            site.local_time(Timestamp::from_millis(1_767_225_600_000)),
            "2026-01-01 08:00"
        );
    }
}
