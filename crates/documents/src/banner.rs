//! A campaign's banner: the wide SVG at the top of its landing page and wherever the county
//! shares it — the festival's name, its rule and its dates on a festive red ground. Every line
//! comes worded by the caller; the viewer's fonts draw the text, so any script shows.

use std::fmt::Write;

use crate::poster::{clip, text};

const WIDTH: usize = 1200;
const HEIGHT: usize = 400;
/// About ten Chinese characters at the name's size.
const NAME_EMS: f32 = 11.0;
const LINE_EMS: f32 = 24.0;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CampaignBanner {
    /// "年货节", large.
    pub name: String,
    /// "Spend ¥199, save ¥30 across shops".
    pub rule: String,
    /// "2026-12-01 – 2026-12-31".
    pub window: String,
    /// A small line above the name: "县域购物节 County shopping festival".
    pub kicker: String,
}

/// The banner as an SVG document.
pub fn campaign_banner(banner: &CampaignBanner) -> String {
    let mut svg = String::with_capacity(4 * 1024);
    // Writing to a String cannot fail; `write!` only returns a `Result` for other sinks.
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif" role="img"><defs><linearGradient id="ground" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#c62828"/><stop offset="1" stop-color="#8e1b1b"/></linearGradient></defs><rect width="{WIDTH}" height="{HEIGHT}" fill="url(#ground)"/>"##
    );
    // Lanterns down the right: a festival in any season.
    for (x, y, r) in [(1010, 120, 70), (1120, 230, 50), (930, 290, 40)] {
        let _ = write!(
            svg,
            r##"<line x1="{x}" y1="0" x2="{x}" y2="{}" stroke="#f9d976" stroke-width="3"/><ellipse cx="{x}" cy="{y}" rx="{r}" ry="{}" fill="#f4511e" stroke="#f9d976" stroke-width="4"/><rect x="{}" y="{}" width="{}" height="30" fill="#f9d976"/>"##,
            y - r,
            r * 9 / 10,
            x - r / 5,
            y + r * 9 / 10,
            r * 2 / 5,
        );
    }
    text(
        &mut svg,
        (60, 70),
        28,
        "#f9d976",
        "normal",
        &clip(&banner.kicker, LINE_EMS),
    );
    text(
        &mut svg,
        (60, 190),
        96,
        "#fff",
        "bold",
        &clip(&banner.name, NAME_EMS),
    );
    text(
        &mut svg,
        (60, 270),
        44,
        "#f9d976",
        "bold",
        &clip(&banner.rule, LINE_EMS),
    );
    text(
        &mut svg,
        (60, 340),
        30,
        "#fde7e7",
        "normal",
        &clip(&banner.window, LINE_EMS),
    );
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_says_name_rule_and_dates_with_markup_escaped() {
        let svg = campaign_banner(&CampaignBanner {
            name: "年货节 <b>".into(),
            rule: "跨店满¥199减¥30".into(),
            window: "2026-12-01 至 2026-12-31".into(),
            kicker: "县域购物节".into(),
        });
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("年货节 &lt;b&gt;"));
        assert!(svg.contains("跨店满¥199减¥30"));
        assert!(svg.contains("2026-12-01 至 2026-12-31"));
        assert!(!svg.contains("<b>"));
    }

    #[test]
    fn a_long_name_is_cut_to_fit_the_banner() {
        let svg = campaign_banner(&CampaignBanner {
            name: "一二三四五六七八九十十一十二十三".into(),
            ..CampaignBanner::default()
        });
        assert!(svg.contains("一二三四五六七八九十十…"));
    }
}
