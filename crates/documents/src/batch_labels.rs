//! Batch labels: small QR labels on an A4 sheet of 3 × 8 (70 × 37 mm, the common self-adhesive
//! sheet), each carrying the batch's GS1 Digital Link as a QR code beside the product's name,
//! lot and harvest date — what a buyer scans to open the public trace page.

use qrcode::EcLevel;

use crate::canvas::{Page, TextStyle};
use crate::pdf::DocumentBuilder;
use crate::qr;
use crate::{Document, DocumentError, LabelFont};

const SHEET_WIDTH: f32 = 210.0;
const SHEET_HEIGHT: f32 = 297.0;
const COLUMNS: usize = 3;
const ROWS: usize = 8;
const LABEL_WIDTH: f32 = 70.0;
const LABEL_HEIGHT: f32 = 37.0;
/// The sheet's unprinted band above and below the labels.
const TOP: f32 = (SHEET_HEIGHT - ROWS as f32 * LABEL_HEIGHT) / 2.0;
const PADDING: f32 = 2.5;
/// A Digital Link of ~45 characters at level M is 33 modules: ~0.8 mm each, fine for phones.
const QR_BOX: f32 = LABEL_HEIGHT - 2.0 * PADDING;
/// Labels one document holds at most: 100 sheets.
pub const MAX_BATCH_LABELS: usize = 100 * COLUMNS * ROWS;

/// One label, as the caller has it ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchLabel {
    /// What the QR code encodes: the Digital Link URI, e.g.
    /// `https://farm.example/01/09506000134352/10/GJ-0815/21/17`.
    pub uri: String,
    pub product: String,
    pub lot: String,
    pub harvested_on: String,
    /// Which label of how many, e.g. `17/800` or `箱 3/10`.
    pub counter: String,
}

/// Every caption a label prints, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchLabelCaptions {
    /// The document's title.
    pub heading: String,
    pub lot: String,
    pub harvested_on: String,
    /// Under the QR code's text column, e.g. `扫码溯源`.
    pub scan: String,
}

/// As many sheets as the labels fill, in the order given.
pub fn batch_labels(
    labels: &[BatchLabel],
    captions: &BatchLabelCaptions,
    font: &LabelFont,
) -> Result<Document, DocumentError> {
    if labels.is_empty() {
        return Err(DocumentError::NoLabels);
    }
    if labels.len() > MAX_BATCH_LABELS {
        return Err(DocumentError::TooManyLabels {
            max: MAX_BATCH_LABELS,
        });
    }
    let mut document = DocumentBuilder::new(font)?;
    for sheet in labels.chunks(COLUMNS * ROWS) {
        let mut page = Page::new(SHEET_WIDTH, SHEET_HEIGHT);
        for (index, label) in sheet.iter().enumerate() {
            let x = (index % COLUMNS) as f32 * LABEL_WIDTH;
            let top = TOP + (index / COLUMNS) as f32 * LABEL_HEIGHT;
            draw_label(&mut document, &mut page, label, captions, (x, top))?;
        }
        document.push_page(page);
    }
    document.finish(&captions.heading)
}

fn draw_label(
    document: &mut DocumentBuilder<'_>,
    page: &mut Page,
    label: &BatchLabel,
    captions: &BatchLabelCaptions,
    (x, top): (f32, f32),
) -> Result<(), DocumentError> {
    qr::draw(
        page,
        &label.uri,
        EcLevel::M,
        (x + PADDING, top + PADDING),
        QR_BOX,
    )?;
    let left = x + PADDING + QR_BOX + 1.0;
    let width = x + LABEL_WIDTH - PADDING - left;
    let name_style = TextStyle::bold(10.0);
    let name = document.lines(&label.product, width, name_style, Some(2));
    let mut line_top = page.lines(left, top + PADDING + 1.0, name_style, &name);
    let small = TextStyle::regular(7.5);
    for text in [
        format!("{} {}", captions.lot, label.lot),
        format!("{} {}", captions.harvested_on, label.harvested_on),
        label.counter.clone(),
        captions.scan.clone(),
    ] {
        let lines = document.lines(&text, width, small, Some(1));
        line_top = page.lines(left, line_top + 0.6, small, &lines);
    }
    Ok(())
}
