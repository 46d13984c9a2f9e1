//! Text to glyphs, one glyph per character by the font's Unicode map and advance widths: enough
//! for Chinese and Latin, which need no shaping. Records what the subset must keep, what each
//! glyph reads as (for copying text out of the PDF) and the characters the font lacks.

use std::collections::BTreeSet;

use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

/// Drawn for a character the font lacks, the first of these the font has (else `.notdef`).
const REPLACEMENTS: [char; 2] = ['\u{FFFD}', '?'];

/// A glyph as placed: `cid` is its id in the subset (what the content stream shows),
/// `advance` its width in ems.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    pub cid: u16,
    pub advance: f32,
    pub ch: char,
}

pub(crate) struct GlyphSet<'f> {
    face: Face<'f>,
    units_per_em: f32,
    remapper: GlyphRemapper,
    /// Indexed by cid: the glyph in the full font, and the character it reads as.
    originals: Vec<(GlyphId, char)>,
    replacement: (GlyphId, char),
    missing: BTreeSet<char>,
}

impl<'f> GlyphSet<'f> {
    pub fn new(face: Face<'f>) -> Self {
        let replacement = REPLACEMENTS
            .into_iter()
            .find_map(|ch| face.glyph_index(ch).map(|glyph| (glyph, ch)))
            .unwrap_or((GlyphId(0), REPLACEMENTS[0]));
        Self {
            units_per_em: f32::from(face.units_per_em()),
            face,
            remapper: GlyphRemapper::new(),
            originals: vec![(GlyphId(0), REPLACEMENTS[0])],
            replacement,
            missing: BTreeSet::new(),
        }
    }

    /// Whitespace of any kind (a newline in a note) is set as one space.
    pub fn glyphs(&mut self, text: &str) -> Vec<Glyph> {
        text.chars()
            .map(|ch| self.glyph(if ch.is_whitespace() { ' ' } else { ch }))
            .collect()
    }

    pub fn glyph(&mut self, ch: char) -> Glyph {
        let (original, reads_as) = match self.face.glyph_index(ch) {
            Some(glyph) if !ch.is_control() => (glyph, ch),
            _ => {
                self.missing.insert(ch);
                self.replacement
            }
        };
        let cid = self.remapper.remap(original.0);
        if usize::from(cid) == self.originals.len() {
            self.originals.push((original, reads_as));
        }
        Glyph {
            cid,
            advance: self.advance(original),
            ch: reads_as,
        }
    }

    fn advance(&self, glyph: GlyphId) -> f32 {
        f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) / self.units_per_em
    }

    pub fn face(&self) -> &Face<'f> {
        &self.face
    }

    pub fn remapper(&self) -> &GlyphRemapper {
        &self.remapper
    }

    /// `(cid, width in thousandths of an em, the character it reads as)`, by cid.
    pub fn used(&self) -> impl Iterator<Item = (u16, f32, char)> + '_ {
        (0u16..)
            .zip(&self.originals)
            .map(|(cid, &(glyph, ch))| (cid, self.advance(glyph) * 1000.0, ch))
    }

    pub fn into_missing(self) -> BTreeSet<char> {
        self.missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LabelFont;

    #[test]
    fn each_new_glyph_gets_the_next_cid_and_repeats_reuse_it() {
        let font = LabelFont::embedded();
        let mut set = GlyphSet::new(font.face().unwrap());
        let cids: Vec<u16> = set.glyphs("河湾河 A").iter().map(|g| g.cid).collect();
        assert_eq!(cids, [1, 2, 1, 3, 4]);
        let read: String = set.used().skip(1).map(|(_, _, ch)| ch).collect();
        assert_eq!(read, "河湾 A");
        assert!(set.into_missing().is_empty());
    }

    #[test]
    fn chinese_is_one_em_wide_and_latin_narrower() {
        let font = LabelFont::embedded();
        let mut set = GlyphSet::new(font.face().unwrap());
        let glyphs = set.glyphs("村i");
        assert_eq!(glyphs[0].advance, 1.0);
        assert!(glyphs[1].advance < 0.5);
    }

    #[test]
    fn a_character_the_font_lacks_is_replaced_and_reported() {
        let font = LabelFont::embedded();
        let mut set = GlyphSet::new(font.face().unwrap());
        let glyphs = set.glyphs("A😀\u{7}\nB");
        let drawn: String = glyphs.iter().map(|g| g.ch).collect();
        assert_eq!(drawn, "A?? B");
        assert_eq!(
            set.into_missing().into_iter().collect::<Vec<_>>(),
            ['\u{7}', '😀']
        );
    }
}
