//! Share posters: a phone-sized SVG a buyer saves or forwards in a chat, with what is offered,
//! its price and a QR code that opens the link. Every line comes already worded by the caller;
//! the viewer's own fonts draw the text, so any script shows.

use std::fmt::Write;

use qrcode::EcLevel;

use crate::qr::{modules, QUIET_ZONE};
use crate::DocumentError;

const WIDTH: usize = 600;
const HEIGHT: usize = 900;
/// The QR code's side, quiet zone included.
const QR_SIDE: usize = 300;
const QR_TOP: usize = 470;
/// Wide enough for a title of about 14 Chinese characters at the title's size.
const TITLE_EMS: f32 = 13.5;
const LINK_EMS: f32 = 52.0;

/// What the poster says, top to bottom.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SharePoster {
    /// "拼团 Group-buy", on the band at the top.
    pub badge: String,
    pub title: String,
    /// The price offered, large.
    pub price: String,
    /// The price it beats, struck through; empty for none.
    pub was: String,
    /// Up to two short lines: "3人团 · 还差2人", "11-25 18:00 截止".
    pub lines: Vec<String>,
    /// Under the code: "扫码参团".
    pub scan: String,
    /// What the code opens, also printed small for those who cannot scan.
    pub link: String,
}

/// The poster as an SVG document.
pub fn share_poster(poster: &SharePoster) -> Result<String, DocumentError> {
    let code = modules(&poster.link, EcLevel::M)?;
    let mut svg = String::with_capacity(8 * 1024);
    // Writing to a String cannot fail; `write!` only returns a `Result` for other sinks.
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"><rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/><rect width="{WIDTH}" height="110" fill="#2f7d32"/>"##
    );
    text(&mut svg, (40, 72), 40, "#fff", "bold", &poster.badge);
    text(
        &mut svg,
        (40, 185),
        40,
        "#222",
        "bold",
        &clip(&poster.title, TITLE_EMS),
    );
    text(&mut svg, (40, 270), 68, "#d0342c", "bold", &poster.price);
    if !poster.was.is_empty() {
        let _ = write!(
            svg,
            r##"<text x="40" y="315" font-size="26" fill="#888" text-decoration="line-through">{}</text>"##,
            escape(&poster.was)
        );
    }
    for (line, y) in poster.lines.iter().take(2).zip([370, 415]) {
        text(&mut svg, (40, y), 30, "#333", "normal", line);
    }
    qr_path(&mut svg, &code);
    let centre = WIDTH / 2;
    let _ = write!(
        svg,
        r##"<text x="{centre}" y="820" font-size="30" fill="#222" text-anchor="middle">{}</text><text x="{centre}" y="860" font-size="16" fill="#888" text-anchor="middle">{}</text></svg>"##,
        escape(&poster.scan),
        escape(&clip(&poster.link, LINK_EMS)),
    );
    Ok(svg)
}

pub(crate) fn text(
    svg: &mut String,
    (x, y): (usize, usize),
    size: usize,
    fill: &str,
    weight: &str,
    s: &str,
) {
    let _ = write!(
        svg,
        r#"<text x="{x}" y="{y}" font-size="{size}" fill="{fill}" font-weight="{weight}">{}</text>"#,
        escape(s)
    );
}

/// The code as one path of module-high runs, scaled into its square.
fn qr_path(svg: &mut String, code: &crate::qr::Modules) {
    let modules = code.width + 2 * QUIET_ZONE;
    let scale = QR_SIDE as f32 / modules as f32;
    let left = (WIDTH - QR_SIDE) / 2;
    let _ = write!(
        svg,
        r##"<rect x="{left}" y="{QR_TOP}" width="{QR_SIDE}" height="{QR_SIDE}" fill="#fff" stroke="#ddd"/><path fill="#000" shape-rendering="crispEdges" transform="translate({left} {QR_TOP}) scale({scale})" d=""##
    );
    for &(row, start, length) in &code.runs {
        let _ = write!(
            svg,
            "M{} {}h{length}v1h-{length}z",
            start + QUIET_ZONE,
            row + QUIET_ZONE
        );
    }
    svg.push_str(r#""/>"#);
}

/// Cuts `s` to about `ems` widths of a Chinese character (Latin letters count about half),
/// ending in "…" when cut: SVG text does not wrap.
pub(crate) fn clip(s: &str, ems: f32) -> String {
    let mut used = 0.0;
    let mut out = String::new();
    for c in s.chars() {
        used += if c.is_ascii() { 0.55 } else { 1.0 };
        if used > ems {
            out.push('…');
            return out;
        }
        out.push(c);
    }
    out
}

pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poster() -> SharePoster {
        SharePoster {
            badge: "拼团 Group-buy".into(),
            title: "高原黑枸杞 <特级> & 礼盒装 500 克 精选 新疆 青海 柴达木".into(),
            price: "¥19.90".into(),
            was: "¥29.90".into(),
            lines: vec!["3人团 · 还差2人".into(), "11-25 18:00 截止".into()],
            scan: "扫码参团".into(),
            link: "https://farmgate.example/teams/01JTEAM".into(),
        }
    }

    #[test]
    fn poster_is_well_formed_with_its_words_escaped() {
        let svg = share_poster(&poster()).unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("&lt;特级&gt; &amp;"));
        assert!(!svg.contains("<特级>"));
        assert!(svg.contains("…"), "a long title is clipped");
        assert!(svg.contains("还差2人") && svg.contains("line-through"));
        assert_eq!(svg.matches("<text").count(), 8);
    }

    #[test]
    fn code_path_has_one_run_per_dark_stretch() {
        let svg = share_poster(&poster()).unwrap();
        let code = modules(&poster().link, EcLevel::M).unwrap();
        assert_eq!(svg.matches("v1h-").count(), code.runs.len());
    }

    #[test]
    fn clip_counts_latin_letters_as_half() {
        assert_eq!(clip("abcdef", 3.0), "abcde…");
        assert_eq!(clip("枸杞", 3.0), "枸杞");
        assert_eq!(clip("一二三四", 3.0), "一二三…");
    }
}
