//! The font as a PDF embeds it: a Type0 font over a CID font with `Identity-H` (the content
//! streams show subset glyph ids), the subset's outlines (bare CFF or a TrueType file), widths,
//! and a ToUnicode map so that text copied or extracted from the PDF reads as what was printed.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use ttf_parser::{RawFace, Tag};

use crate::font::{FontError, LabelFont, Outlines};
use crate::glyphs::GlyphSet;
use crate::pdf::deflate;

const IDENTITY: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// The objects the font takes, allocated by the caller; `type0` is what pages refer to.
pub(crate) struct FontRefs {
    pub type0: Ref,
    pub cid_font: Ref,
    pub descriptor: Ref,
    pub outlines: Ref,
    pub to_unicode: Ref,
}

pub(crate) fn write_font(
    pdf: &mut Pdf,
    refs: &FontRefs,
    font: &LabelFont,
    glyphs: &GlyphSet<'_>,
) -> Result<(), FontError> {
    let outlines = font.outlines()?;
    let subset = subsetter::subset(font.data(), font.face_index(), glyphs.remapper())?;
    let base_font = format!("{}+{}", subset_tag(glyphs), postscript_name(glyphs));
    let base_font = Name(base_font.as_bytes());

    pdf.type0_font(refs.type0)
        .base_font(base_font)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(refs.cid_font)
        .to_unicode(refs.to_unicode);

    let mut cid_font = pdf.cid_font(refs.cid_font);
    cid_font
        .subtype(match outlines {
            Outlines::Cff => CidFontType::Type0,
            Outlines::TrueType => CidFontType::Type2,
        })
        .base_font(base_font)
        .system_info(IDENTITY)
        .font_descriptor(refs.descriptor);
    if outlines == Outlines::TrueType {
        cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    // Cids run from 0 without gaps: one run of widths covers them all.
    cid_font
        .widths()
        .consecutive(0, glyphs.used().map(|(_, width, _)| width.round()));
    cid_font.finish();

    write_descriptor(pdf, refs, base_font, outlines, glyphs);

    let (file, subtype) = match outlines {
        Outlines::Cff => (cff_table(&subset)?, Some(Name(b"CIDFontType0C"))),
        Outlines::TrueType => (subset.as_slice(), None),
    };
    let compressed = deflate(file);
    let mut stream = pdf.stream(refs.outlines, &compressed);
    stream.filter(Filter::FlateDecode);
    if let Some(subtype) = subtype {
        stream.pair(Name(b"Subtype"), subtype);
    }
    stream.finish();

    let mut cmap = UnicodeCmap::new(Name(b"Farmgate-UTF16"), IDENTITY);
    for (cid, _, ch) in glyphs.used() {
        cmap.pair(cid, ch);
    }
    pdf.cmap(refs.to_unicode, &cmap.finish())
        .name(Name(b"Farmgate-UTF16"))
        .system_info(IDENTITY);
    Ok(())
}

fn write_descriptor(
    pdf: &mut Pdf,
    refs: &FontRefs,
    base_font: Name<'_>,
    outlines: Outlines,
    glyphs: &GlyphSet<'_>,
) {
    let face = glyphs.face();
    let per_mille = 1000.0 / f32::from(face.units_per_em());
    let scaled = |value: i16| f32::from(value) * per_mille;
    let bbox = face.global_bounding_box();
    let mut flags = FontFlags::SYMBOLIC;
    flags.set(FontFlags::FIXED_PITCH, face.is_monospaced());
    let mut descriptor = pdf.font_descriptor(refs.descriptor);
    descriptor
        .name(base_font)
        .flags(flags)
        .bbox(Rect::new(
            scaled(bbox.x_min),
            scaled(bbox.y_min),
            scaled(bbox.x_max),
            scaled(bbox.y_max),
        ))
        .italic_angle(face.italic_angle())
        .ascent(scaled(face.ascender()))
        .descent(scaled(face.descender()))
        .cap_height(scaled(face.capital_height().unwrap_or(face.ascender())))
        // Readers estimate it for hinting only; this is the usual guess from the weight class.
        .stem_v(10.0 + 0.244 * (f32::from(face.weight().to_number()) - 50.0));
    match outlines {
        Outlines::Cff => descriptor.font_file3(refs.outlines),
        Outlines::TrueType => descriptor.font_file2(refs.outlines),
    };
}

/// The `CFF ` table of the subset, which `FontFile3`/`CIDFontType0C` embeds bare.
fn cff_table(subset: &[u8]) -> Result<&[u8], FontError> {
    RawFace::parse(subset, 0)?
        .table(Tag::from_bytes(b"CFF "))
        .ok_or(FontError::UnsupportedOutlines)
}

/// The PostScript name (name id 6), kept to the characters a PDF name may hold unescaped.
fn postscript_name(glyphs: &GlyphSet<'_>) -> String {
    let name = glyphs
        .face()
        .names()
        .into_iter()
        .filter(|name| name.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|name| name.to_string())
        .unwrap_or_default();
    let name: String = name
        .chars()
        .filter(|ch| ch.is_ascii_alphanumeric() || *ch == '-')
        .collect();
    if name.is_empty() {
        "FarmgateFont".to_owned()
    } else {
        name
    }
}

/// Six capitals that differ between subsets (PDF 32000 §9.6.4), from the glyphs kept.
fn subset_tag(glyphs: &GlyphSet<'_>) -> String {
    // FNV-1a: stable across runs and builds, unlike the standard library's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for glyph in glyphs.remapper().remapped_gids() {
        for byte in glyph.to_be_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 8)) % 26) as u8))
        .collect()
}
