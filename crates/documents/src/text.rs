//! Lines of glyphs in a given width: breaking after spaces and around Chinese characters (which
//! may break anywhere), inside a word only when it alone is too wide; an ellipsis where a box
//! allows fewer lines than the text needs.

use crate::glyphs::Glyph;

pub(crate) type Line = Vec<Glyph>;

/// Width in ems.
pub(crate) fn width(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|glyph| glyph.advance).sum()
}

/// The text in lines no wider than `width_em`; no line starts or ends with a space.
pub(crate) fn wrap(glyphs: &[Glyph], width_em: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line: Line = Vec::new();
    // Where the line may be cut: the glyphs before it stay, the rest move down.
    let mut break_at = None;
    for &glyph in glyphs {
        if let Some(&previous) = line.last() {
            if may_break_between(previous, glyph) {
                break_at = Some(line.len());
            }
        }
        while !line.is_empty() && width(&line) + glyph.advance > width_em {
            let rest = line.split_off(break_at.take().unwrap_or(line.len()));
            lines.push(trimmed(line));
            line = trimmed(rest);
        }
        if !(line.is_empty() && glyph.ch == ' ') {
            line.push(glyph);
        }
    }
    if !line.is_empty() {
        lines.push(trimmed(line));
    }
    lines
}

/// At most `max_lines`; when text was cut, the last line ends in `ellipsis` within `width_em`.
pub(crate) fn at_most(
    mut lines: Vec<Line>,
    max_lines: usize,
    width_em: f32,
    ellipsis: Glyph,
) -> Vec<Line> {
    if lines.len() <= max_lines {
        return lines;
    }
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut() {
        while !last.is_empty() && width(last) + ellipsis.advance > width_em {
            last.pop();
        }
        last.push(ellipsis);
    }
    lines
}

/// The size (between `min` and `max` points) at which the text fills `width_pt` on one line.
pub(crate) fn fitting_size(glyphs: &[Glyph], width_pt: f32, min: f32, max: f32) -> f32 {
    let em = width(glyphs);
    if em <= 0.0 {
        return max;
    }
    (width_pt / em).clamp(min, max)
}

fn may_break_between(before: Glyph, after: Glyph) -> bool {
    let allowed = before.ch == ' ' || after.ch == ' ' || is_wide(before.ch) || is_wide(after.ch);
    // Chinese typesetting keeps closing punctuation off a line's start, opening off its end.
    allowed && !CLOSING.contains(after.ch) && !OPENING.contains(before.ch)
}

const CLOSING: &str = "，。、；：？！）」』】》〉,.;:?!)]}…";
const OPENING: &str = "（「『【《〈([{";

/// Chinese characters and full-width punctuation: a line may break on either side.
fn is_wide(ch: char) -> bool {
    matches!(ch, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

fn trimmed(mut line: Line) -> Line {
    while line.last().is_some_and(|glyph| glyph.ch == ' ') {
        line.pop();
    }
    let leading = line.iter().take_while(|glyph| glyph.ch == ' ').count();
    line.drain(..leading);
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Latin glyphs half an em wide, Chinese a whole em.
    fn glyphs(text: &str) -> Vec<Glyph> {
        text.chars()
            .map(|ch| Glyph {
                cid: 0,
                advance: if is_wide(ch) { 1.0 } else { 0.5 },
                ch,
            })
            .collect()
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|line| line.iter().map(|g| g.ch).collect())
            .collect()
    }

    #[test]
    fn latin_breaks_at_spaces_and_drops_them_at_line_ends() {
        let lines = wrap(&glyphs("XY0001 XY0002 XY0003"), 6.0);
        assert_eq!(texts(&lines), ["XY0001", "XY0002", "XY0003"]);
        let lines = wrap(&glyphs("XY0001 XY0002 XY0003"), 8.0);
        assert_eq!(texts(&lines), ["XY0001 XY0002", "XY0003"]);
    }

    #[test]
    fn chinese_breaks_between_any_two_characters() {
        let lines = wrap(&glyphs("河湾村服务点"), 4.0);
        assert_eq!(texts(&lines), ["河湾村服", "务点"]);
    }

    #[test]
    fn punctuation_stays_with_its_text() {
        let lines = wrap(&glyphs("河湾村，服务点"), 3.0);
        assert_eq!(texts(&lines), ["河湾", "村，服", "务点"]);
        let lines = wrap(&glyphs("河湾（老村"), 3.0);
        assert_eq!(texts(&lines), ["河湾", "（老村"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_inside() {
        let lines = wrap(&glyphs("ABCDEFGHIJ"), 2.0);
        assert_eq!(texts(&lines), ["ABCD", "EFGH", "IJ"]);
    }

    #[test]
    fn an_ellipsis_ends_text_that_does_not_fit() {
        let ellipsis = glyphs("…")[0];
        let lines = at_most(wrap(&glyphs("河湾村服务点南"), 3.0), 2, 3.0, ellipsis);
        assert_eq!(texts(&lines), ["河湾村", "服务…"]);
        let short = at_most(wrap(&glyphs("河湾"), 3.0), 2, 3.0, ellipsis);
        assert_eq!(texts(&short), ["河湾"]);
    }

    #[test]
    fn the_fitting_size_stays_within_its_bounds() {
        assert_eq!(fitting_size(&glyphs("河湾"), 100.0, 10.0, 30.0), 30.0);
        assert_eq!(
            fitting_size(&glyphs("河湾村服务点"), 120.0, 10.0, 30.0),
            20.0
        );
        assert_eq!(
            fitting_size(&glyphs(&"村".repeat(50)), 120.0, 10.0, 30.0),
            10.0
        );
        assert_eq!(fitting_size(&[], 120.0, 10.0, 30.0), 30.0);
    }
}
