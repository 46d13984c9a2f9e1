//! The font documents are set in: the Noto Sans CJK SC subset built into the binary (so Chinese
//! prints on a machine with no CJK font), or a fuller font file an operator names.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use ttf_parser::{Face, FaceParsingError};

/// `scripts/make_label_font.py` makes it: ASCII, punctuation and GB2312 (all 6763 hanzi), 1.5 MB.
static EMBEDDED: &[u8] = include_bytes!("../fonts/NotoSansCJKsc-Regular-subset.otf");

/// An OpenType font (CFF or TrueType outlines), checked when loaded to parse and subset.
#[derive(Debug, Clone)]
pub struct LabelFont {
    data: Cow<'static, [u8]>,
    face_index: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("cannot read the font file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("not a font this can read: {0}")]
    Parse(#[from] FaceParsingError),
    #[error("the font collection has {faces} faces; face {index} was asked for")]
    NoSuchFace { index: u32, faces: u32 },
    #[error("the font has no Unicode character map")]
    NoUnicodeMap,
    #[error(
        "the font has neither CFF nor TrueType outlines (variable CFF2 fonts are not supported)"
    )]
    UnsupportedOutlines,
    #[error("the font cannot be subset: {0}")]
    Subset(#[from] subsetter::Error),
}

/// How the outlines are embedded: bare CFF (`FontFile3`) or a TrueType file (`FontFile2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outlines {
    Cff,
    TrueType,
}

impl LabelFont {
    /// The font built into the binary.
    pub fn embedded() -> Self {
        Self {
            data: Cow::Borrowed(EMBEDDED),
            face_index: 0,
        }
    }

    /// A font file (`.otf`, `.ttf`, or a collection `.ttc`/`.otc` with the face's index; Debian's
    /// `NotoSansCJK-Regular.ttc` has the Simplified Chinese face at index 2).
    pub fn from_file(path: impl AsRef<Path>, face_index: u32) -> Result<Self, FontError> {
        let path = path.as_ref();
        let data = std::fs::read(path).map_err(|source| FontError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::from_bytes(data, face_index)
    }

    pub fn from_bytes(data: Vec<u8>, face_index: u32) -> Result<Self, FontError> {
        let font = Self {
            data: Cow::Owned(data),
            face_index,
        };
        font.check()?;
        Ok(font)
    }

    /// Fails now, not when a label is printed: parses, maps Unicode, and subsets `.notdef`.
    fn check(&self) -> Result<(), FontError> {
        let face = self.face()?;
        if !face
            .tables()
            .cmap
            .is_some_and(|cmap| cmap.subtables.into_iter().any(|table| table.is_unicode()))
        {
            return Err(FontError::NoUnicodeMap);
        }
        self.outlines()?;
        subsetter::subset(
            self.data(),
            self.face_index,
            &subsetter::GlyphRemapper::new(),
        )?;
        Ok(())
    }

    pub(crate) fn data(&self) -> &[u8] {
        &self.data
    }

    pub(crate) fn face_index(&self) -> u32 {
        self.face_index
    }

    pub(crate) fn face(&self) -> Result<Face<'_>, FontError> {
        if let Some(faces) = ttf_parser::fonts_in_collection(&self.data) {
            if self.face_index >= faces {
                return Err(FontError::NoSuchFace {
                    index: self.face_index,
                    faces,
                });
            }
        }
        Ok(Face::parse(&self.data, self.face_index)?)
    }

    pub(crate) fn outlines(&self) -> Result<Outlines, FontError> {
        let face = self.face()?;
        let tables = face.tables();
        if tables.cff.is_some() {
            Ok(Outlines::Cff)
        } else if tables.glyf.is_some() {
            Ok(Outlines::TrueType)
        } else {
            Err(FontError::UnsupportedOutlines)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_font_maps_chinese_and_latin_and_subsets() {
        let font = LabelFont::embedded();
        font.check().unwrap();
        let face = font.face().unwrap();
        for ch in [
            '河', '湾', '村', '服', '务', '点', 'X', '7', '·', '，', '￥',
        ] {
            assert!(face.glyph_index(ch).is_some(), "{ch} is missing");
        }
        assert_eq!(font.outlines().unwrap(), Outlines::Cff);
    }

    #[test]
    fn a_second_face_of_a_single_font_or_a_non_font_is_refused() {
        let single = LabelFont::embedded().data().to_vec();
        assert!(matches!(
            LabelFont::from_bytes(single, 3),
            Err(FontError::Parse(FaceParsingError::FaceIndexOutOfBounds))
        ));
        assert!(matches!(
            LabelFont::from_bytes(b"not a font".to_vec(), 0),
            Err(FontError::Parse(_))
        ));
    }

    #[test]
    fn an_unreadable_file_names_its_path() {
        let error = LabelFont::from_file("/nonexistent/font.ttc", 2).unwrap_err();
        assert!(error.to_string().contains("/nonexistent/font.ttc"));
    }
}
