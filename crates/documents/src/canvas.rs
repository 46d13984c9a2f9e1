//! One page being drawn, in millimetres from its top-left corner (how labels are designed),
//! turned into PDF points from the bottom-left. Everything is black on white: thermal printers
//! print nothing else.

use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Content, Name, Rect, Str};

use crate::glyphs::Glyph;
use crate::text::Line;

/// The one font of every document, as page resources name it.
pub(crate) const FONT: Name<'static> = Name(b"F0");
const POINTS_PER_MM: f32 = 72.0 / 25.4;
/// Height of a CJK font's ascent, in ems: from the top of a line box to its baseline.
const ASCENT: f32 = 0.88;
/// Stroke width of the outline that makes regular glyphs bold, in ems.
const BOLD_STROKE: f32 = 0.035;

pub(crate) fn mm(points: f32) -> f32 {
    points / POINTS_PER_MM
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    Black,
    /// White on a black box the caller drew.
    Reversed,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct TextStyle {
    pub size: f32,
    pub bold: bool,
    pub ink: Ink,
}

impl TextStyle {
    pub const fn regular(size: f32) -> Self {
        Self {
            size,
            bold: false,
            ink: Ink::Black,
        }
    }

    pub const fn bold(size: f32) -> Self {
        Self {
            bold: true,
            ..Self::regular(size)
        }
    }

    /// From the top of a line box to the baseline, in millimetres.
    pub fn ascent(&self) -> f32 {
        mm(self.size * ASCENT)
    }

    /// How wide the glyphs are set in this style, in millimetres.
    pub fn width(&self, glyphs: &[Glyph]) -> f32 {
        mm(crate::text::width(glyphs) * self.size)
    }

    /// The height of one line, in millimetres.
    pub fn line_height(&self) -> f32 {
        mm(self.size * 1.25)
    }
}

pub(crate) struct Page {
    pub width: f32,
    pub height: f32,
    content: Content,
}

impl Page {
    pub fn new(width: f32, height: f32) -> Self {
        Self {
            width,
            height,
            content: Content::new(),
        }
    }

    /// Glyphs whose line box starts at `top`.
    pub fn text(&mut self, x: f32, top: f32, style: TextStyle, glyphs: &[Glyph]) {
        let codes: Vec<u8> = glyphs.iter().flat_map(|g| g.cid.to_be_bytes()).collect();
        let baseline = self.y(top + style.ascent());
        let content = &mut self.content;
        content.save_state();
        if style.ink == Ink::Reversed {
            content.set_fill_gray(1.0).set_stroke_gray(1.0);
        }
        content.begin_text().set_font(FONT, style.size);
        if style.bold {
            content
                .set_text_rendering_mode(TextRenderingMode::FillStroke)
                .set_line_width(style.size * BOLD_STROKE);
        }
        content
            .set_text_matrix([1.0, 0.0, 0.0, 1.0, pt(x), baseline])
            .show(Str(&codes))
            .end_text()
            .restore_state();
    }

    /// Glyphs centred on `centre`.
    pub fn text_centred(&mut self, centre: f32, top: f32, style: TextStyle, glyphs: &[Glyph]) {
        self.text(centre - style.width(glyphs) / 2.0, top, style, glyphs);
    }

    /// Glyphs ending at `right`.
    pub fn text_right(&mut self, right: f32, top: f32, style: TextStyle, glyphs: &[Glyph]) {
        self.text(right - style.width(glyphs), top, style, glyphs);
    }

    /// Lines one under another from `top`; returns where the last one ends.
    pub fn lines(&mut self, x: f32, top: f32, style: TextStyle, lines: &[Line]) -> f32 {
        let mut top = top;
        for line in lines {
            self.text(x, top, style, line);
            top += style.line_height();
        }
        top
    }

    pub fn fill_rects(&mut self, rects: impl IntoIterator<Item = [f32; 4]>) {
        for [x, top, width, height] in rects {
            let bottom = self.y(top + height);
            self.content.rect(pt(x), bottom, pt(width), pt(height));
        }
        self.content.fill_nonzero();
    }

    pub fn stroke_rect(&mut self, [x, top, width, height]: [f32; 4], line_width: f32) {
        let bottom = self.y(top + height);
        self.content
            .set_line_width(pt(line_width))
            .rect(pt(x), bottom, pt(width), pt(height))
            .stroke();
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), line_width: f32) {
        let (from_y, to_y) = (self.y(from.1), self.y(to.1));
        self.content
            .set_line_width(pt(line_width))
            .move_to(pt(from.0), from_y)
            .line_to(pt(to.0), to_y)
            .stroke();
    }

    pub fn media_box(&self) -> Rect {
        Rect::new(0.0, 0.0, pt(self.width), pt(self.height))
    }

    pub fn into_content(self) -> Vec<u8> {
        self.content.finish().into_vec()
    }

    fn y(&self, top: f32) -> f32 {
        pt(self.height - top)
    }
}

pub(crate) fn pt(millimetres: f32) -> f32 {
    millimetres * POINTS_PER_MM
}
