//! A document being made: its pages, drawn one after another, and the glyphs they use; written
//! out at the end, when the font subset is known.

use pdf_writer::{Filter, Finish, Pdf, Ref, Settings, TextStr};

use crate::canvas::{pt, Page, TextStyle, FONT};
use crate::embed::{write_font, FontRefs};
use crate::glyphs::{Glyph, GlyphSet};
use crate::text::{self, Line};
use crate::{Document, DocumentError, LabelFont};

pub(crate) struct DocumentBuilder<'f> {
    font: &'f LabelFont,
    glyphs: GlyphSet<'f>,
    pages: Vec<Page>,
}

impl<'f> DocumentBuilder<'f> {
    pub fn new(font: &'f LabelFont) -> Result<Self, DocumentError> {
        Ok(Self {
            font,
            glyphs: GlyphSet::new(font.face()?),
            pages: Vec::new(),
        })
    }

    pub fn glyphs(&mut self, text: &str) -> Vec<Glyph> {
        self.glyphs.glyphs(text)
    }

    /// `text` in lines at most `width` mm wide, `max_lines` of them at most (else all).
    pub fn lines(
        &mut self,
        text: &str,
        width: f32,
        style: TextStyle,
        max_lines: Option<usize>,
    ) -> Vec<Line> {
        let glyphs = self.glyphs.glyphs(text);
        let width_em = pt(width) / style.size;
        let lines = text::wrap(&glyphs, width_em);
        match max_lines {
            Some(max) => text::at_most(lines, max, width_em, self.glyphs.glyph('…')),
            None => lines,
        }
    }

    pub fn push_page(&mut self, page: Page) {
        self.pages.push(page);
    }

    pub fn finish(self, title: &str) -> Result<Document, DocumentError> {
        let mut next = Ref::new(1);
        let mut alloc = || next.bump();
        let catalog = alloc();
        let page_tree = alloc();
        let info = alloc();
        let font = FontRefs {
            type0: alloc(),
            cid_font: alloc(),
            descriptor: alloc(),
            outlines: alloc(),
            to_unicode: alloc(),
        };
        let page_refs: Vec<(Ref, Ref)> = self.pages.iter().map(|_| (alloc(), alloc())).collect();

        // Compact: pretty-printing pads every object for human readers.
        let mut pdf = Pdf::with_settings(Settings { pretty: false });
        pdf.catalog(catalog).pages(page_tree);
        pdf.pages(page_tree)
            .kids(page_refs.iter().map(|&(page, _)| page))
            .count(page_refs.len() as i32);
        for (page, (page_ref, content_ref)) in self.pages.into_iter().zip(&page_refs) {
            let mut writer = pdf.page(*page_ref);
            writer
                .parent(page_tree)
                .media_box(page.media_box())
                .contents(*content_ref);
            writer.resources().fonts().pair(FONT, font.type0);
            writer.finish();
            pdf.stream(*content_ref, &deflate(&page.into_content()))
                .filter(Filter::FlateDecode);
        }
        write_font(&mut pdf, &font, self.font, &self.glyphs)?;
        pdf.document_info(info)
            .title(TextStr(title))
            .producer(TextStr("Farmgate"));
        Ok(Document {
            pdf: pdf.finish(),
            missing_chars: self.glyphs.into_missing(),
        })
    }
}

pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}
