//! The dashboard's charts as shapes for an inline SVG: rectangles and labels in a 320-unit-wide
//! view box that scales to any screen and prints sharp. The template draws them, so every
//! label is escaped; no script and no chart library.

use super::format;
use crate::i18n::Lang;
use crate::texts::Texts;

/// The drawing's width in view-box units; it is drawn at 100 % of its box.
pub const WIDTH: i64 = 320;

#[derive(Debug, Default)]
pub struct Svg {
    pub height: i64,
    pub rects: Vec<Rect>,
    pub labels: Vec<Label>,
}

#[derive(Debug)]
pub struct Rect {
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
    pub class: String,
    /// Shown on hover and read by screen readers.
    pub title: String,
}

#[derive(Debug)]
pub struct Label {
    pub x: i64,
    pub y: i64,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    pub class: &'static str,
    pub text: String,
}

impl Svg {
    fn rect(
        &mut self,
        (x, y, w, h): (i64, i64, i64, i64),
        class: impl Into<String>,
        title: String,
    ) {
        self.rects.push(Rect {
            x,
            y,
            w,
            h,
            class: class.into(),
            title,
        });
    }

    fn label(
        &mut self,
        (x, y): (i64, i64),
        anchor: &'static str,
        class: &'static str,
        text: String,
    ) {
        self.labels.push(Label {
            x,
            y,
            anchor,
            class,
            text,
        });
    }
}

/// `value` of `max` as a length of `full` units, never negative.
fn scaled(value: i64, max: i64, full: i64) -> i64 {
    if max <= 0 || value <= 0 {
        return 0;
    }
    let length = i128::from(value) * i128::from(full) / i128::from(max);
    i64::try_from(length).unwrap_or(full).max(1)
}

/// Quarters of this year beside last year's, as grouped bars.
pub fn quarters(t: &Texts, lang: Lang, rows: &[(u8, i64, i64)], year: &str, last: &str) -> Svg {
    let mut svg = Svg {
        height: 200,
        ..Svg::default()
    };
    svg.rect((0, 4, 10, 10), "now", year.to_owned());
    svg.label((14, 13), "start", "small", year.to_owned());
    svg.rect((70, 4, 10, 10), "before", last.to_owned());
    svg.label((84, 13), "start", "small", last.to_owned());
    let max = rows
        .iter()
        .flat_map(|(_, a, b)| [*a, *b])
        .max()
        .unwrap_or(0);
    let (top, bottom) = (28, 176);
    let group = WIDTH / 4;
    for (i, (quarter, now, before)) in (0..).zip(rows) {
        let x = i * group + 8;
        let name = t.stats.quarter.replace("{n}", &quarter.to_string());
        for (offset, value, class, which) in [(0, *now, "now", year), (30, *before, "before", last)]
        {
            let h = scaled(value, max, bottom - top);
            let title = format!("{name} {which}: {}", format::money(lang, value));
            svg.rect((x + offset, bottom - h, 28, h), class, title);
        }
        svg.label((x + 29, bottom + 16), "middle", "small", name);
    }
    svg.rect((0, bottom, WIDTH, 1), "axis", String::new());
    svg
}

/// One horizontal bar per row: the name above, the value at the right end.
pub fn bars(lang: Lang, rows: &[(String, i64)]) -> Svg {
    const ROW: i64 = 34;
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(0);
    let mut svg = Svg {
        height: ROW * i64::try_from(rows.len()).unwrap_or(0) + 4,
        ..Svg::default()
    };
    for (i, (name, value)) in (0..).zip(rows) {
        let y = i * ROW;
        let text = format::money(lang, *value);
        svg.label((0, y + 13), "start", "small", clip(name, 34));
        svg.label((WIDTH, y + 13), "end", "small strong", text.clone());
        svg.rect((0, y + 18, WIDTH, 10), "track", String::new());
        svg.rect(
            (0, y + 18, scaled(*value, max, WIDTH), 10),
            "now",
            format!("{name}: {text}"),
        );
    }
    svg
}

/// Parts of a whole as one bar, with a legend of names, values and shares below it.
pub fn stacked(lang: Lang, parts: &[(String, i64)]) -> Svg {
    const LEGEND: i64 = 20;
    let total: i64 = parts.iter().map(|(_, v)| (*v).max(0)).sum();
    let mut svg = Svg {
        height: 34 + LEGEND * i64::try_from(parts.len()).unwrap_or(0),
        ..Svg::default()
    };
    let mut x = 0;
    svg.rect((0, 0, WIDTH, 22), "track", String::new());
    for (i, (name, value)) in (0..).zip(parts) {
        let class = format!("s{}", i % 6);
        let share = format::share_bp((*value).max(0), total).map_or_else(String::new, format::rate);
        let text = format!("{} · {share}", format::money(lang, *value));
        let w = scaled(*value, total, WIDTH);
        svg.rect((x, 0, w, 22), class.clone(), format!("{name}: {text}"));
        x += w;
        let y = 34 + i * LEGEND;
        svg.rect((0, y, 12, 12), class, String::new());
        svg.label((18, y + 11), "start", "small", clip(name, 22));
        svg.label((WIDTH, y + 11), "end", "small", text);
    }
    svg
}

/// A township and its villages with their net sales, for the place grid.
pub struct TownshipSales {
    pub name: String,
    pub sales: i64,
    pub villages: Vec<(String, i64)>,
}

/// Townships as bands and their villages as boxes beneath, each shaded by sales (five
/// steps of the largest), like a choropleth without the map's outlines.
pub fn place_grid(lang: Lang, townships: &[TownshipSales]) -> Svg {
    const COLUMNS: i64 = 4;
    const CELL_H: i64 = 30;
    const BAND_H: i64 = 22;
    let cell_w = WIDTH / COLUMNS;
    let top_township = townships.iter().map(|t| t.sales).max().unwrap_or(0);
    let top_village = townships
        .iter()
        .flat_map(|t| t.villages.iter().map(|(_, v)| *v))
        .max()
        .unwrap_or(0);
    let mut svg = Svg::default();
    let mut y = 0;
    for township in townships {
        let value = format::money(lang, township.sales);
        let title = format!("{}: {value}", township.name);
        svg.rect(
            (0, y, WIDTH, BAND_H),
            shade(township.sales, top_township),
            title,
        );
        let (strong, plain) = if dark(township.sales, top_township) {
            ("small strong light", "small light")
        } else {
            ("small strong", "small")
        };
        svg.label((4, y + 15), "start", strong, clip(&township.name, 26));
        svg.label((WIDTH - 4, y + 15), "end", plain, value);
        y += BAND_H + 2;
        for (i, (name, sales)) in (0..).zip(&township.villages) {
            let (col, row) = (i % COLUMNS, i / COLUMNS);
            let (x, cy) = (col * cell_w, y + row * (CELL_H + 2));
            let title = format!("{name}: {}", format::money(lang, *sales));
            svg.rect(
                (x, cy, cell_w - 2, CELL_H),
                shade(*sales, top_village),
                title,
            );
            let class = if dark(*sales, top_village) {
                "tiny light"
            } else {
                "tiny"
            };
            svg.label((x + 3, cy + 19), "start", class, clip(name, 12));
        }
        let rows = (i64::try_from(township.villages.len()).unwrap_or(0) + COLUMNS - 1) / COLUMNS;
        y += rows * (CELL_H + 2) + 6;
    }
    // The legend: none, then four steps up to the largest.
    for step in 0..5 {
        svg.rect(
            (step * 24, y + 4, 22, 12),
            format!("q{step}"),
            String::new(),
        );
    }
    let most = format::money(lang, top_village.max(top_township));
    svg.label((126, y + 14), "start", "small", format!("0 → {most}"));
    svg.height = y + 20;
    svg
}

/// The shade of `value` among values up to `max`: `q0` for nothing, `q1`…`q4` by quarter.
fn shade(value: i64, max: i64) -> String {
    if value <= 0 || max <= 0 {
        return "q0".into();
    }
    let step = (i128::from(value) * 4 + i128::from(max) - 1) / i128::from(max);
    format!("q{}", step.clamp(1, 4))
}

/// Whether a shade is dark enough to need light text.
fn dark(value: i64, max: i64) -> bool {
    matches!(shade(value, max).as_str(), "q3" | "q4")
}

/// At most `budget` half-widths of text (a CJK character takes two), ending in "…" if cut.
fn clip(text: &str, budget: usize) -> String {
    let width = |c: char| if c.is_ascii() { 1 } else { 2 };
    if text.chars().map(width).sum::<usize>() <= budget {
        return text.to_owned();
    }
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        if used + width(c) > budget.saturating_sub(1) {
            break;
        }
        used += width(c);
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_never_go_negative() {
        let svg = bars(
            Lang::En,
            &[("a".into(), 200), ("b".into(), 100), ("c".into(), -5)],
        );
        let widths: Vec<i64> = svg
            .rects
            .iter()
            .filter(|r| r.class == "now")
            .map(|r| r.w)
            .collect();
        assert_eq!(widths, [WIDTH, WIDTH / 2, 0]);
        assert!(svg.labels.iter().any(|l| l.text == "¥2.00"));
    }

    #[test]
    fn shades_step_by_quarters_of_the_largest() {
        assert_eq!(shade(0, 100), "q0");
        assert_eq!(shade(1, 100), "q1");
        assert_eq!(shade(26, 100), "q2");
        assert_eq!(shade(100, 100), "q4");
    }

    #[test]
    fn long_names_are_clipped_by_width() {
        assert_eq!(clip("沟里村", 12), "沟里村");
        assert_eq!(clip("非常非常长的村名字", 8), "非常非…");
        assert_eq!(clip("Yuanshan Village", 12), "Yuanshan Vi…");
    }

    #[test]
    fn the_place_grid_puts_four_villages_a_row() {
        let towns = [TownshipSales {
            name: "T".into(),
            sales: 10,
            villages: (0..5).map(|i| (format!("v{i}"), i)).collect(),
        }];
        let svg = place_grid(Lang::En, &towns);
        let cells: Vec<&Rect> = svg
            .rects
            .iter()
            .filter(|r| r.title.starts_with('v'))
            .collect();
        assert_eq!(cells.len(), 5);
        assert_eq!(cells[4].x, 0);
        assert!(cells[4].y > cells[0].y);
        assert_eq!(cells[0].class, "q0");
    }
}
