//! Parcel labels: 100 × 150 mm, the common thermal label in China, one parcel a page. Laid out
//! for the sorter at the county warehouse: the QR code and parcel code first, the village point
//! biggest, then who it is for, whose parcel it is and which run carries it.

use qrcode::EcLevel;

use crate::canvas::{pt, Ink, Page, TextStyle};
use crate::pdf::DocumentBuilder;
use crate::qr;
use crate::text::fitting_size;
use crate::{Document, DocumentError, LabelFont};

const WIDTH: f32 = 100.0;
const HEIGHT: f32 = 150.0;
const MARGIN: f32 = 4.0;
const INNER: f32 = WIDTH - 2.0 * MARGIN;
/// The QR box (quiet zone included): a short parcel code makes modules near 2 mm, which a
/// 203 dpi thermal head prints cleanly and a worn label still scans (level Q restores 25 %).
const QR_BOX: f32 = 52.0;
const CAPTION_COLUMN: f32 = 18.0;

/// One parcel, as the caller has it ready to print: personal data already masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParcelLabel {
    /// What the QR code encodes and the label prints large, e.g. `XY25112300017`.
    pub parcel_code: String,
    /// Which way the parcel travels, in the reader's words, e.g. `派送` or `Pickup`; printed
    /// white on black in the top corner. Empty: no badge.
    pub direction: String,
    pub carrier: String,
    pub carrier_tracking: Option<String>,
    /// Masked by the caller, e.g. `张*`.
    pub recipient_name: String,
    /// Masked by the caller, e.g. `138****5678`.
    pub recipient_phone: String,
    /// The village point's name, e.g. `河湾村服务点`: what the sorter reads.
    pub destination: String,
    /// The village point's code, e.g. `VP-017`.
    pub destination_code: String,
    /// The run and stop, e.g. `青A·D1234 run 2, stop 5`.
    pub route: Option<String>,
    /// With its unit, e.g. `2.4 kg`.
    pub weight: String,
    pub note: Option<String>,
}

/// Every caption a label prints, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelCaptions {
    /// Top-left of every label, and the document's title.
    pub heading: String,
    pub destination: String,
    pub recipient: String,
    pub carrier: String,
    pub route: String,
    pub weight: String,
    pub note: String,
}

/// One page per label, in the order given.
pub fn labels(
    labels: &[ParcelLabel],
    captions: &LabelCaptions,
    font: &LabelFont,
) -> Result<Document, DocumentError> {
    if labels.is_empty() {
        return Err(DocumentError::NoLabels);
    }
    let mut document = DocumentBuilder::new(font)?;
    for label in labels {
        let page = draw_label(&mut document, label, captions)?;
        document.push_page(page);
    }
    document.finish(&captions.heading)
}

fn draw_label(
    document: &mut DocumentBuilder<'_>,
    label: &ParcelLabel,
    captions: &LabelCaptions,
) -> Result<Page, DocumentError> {
    let mut page = Page::new(WIDTH, HEIGHT);
    draw_heading(document, &mut page, label, captions);

    let qr_at = ((WIDTH - QR_BOX) / 2.0, 15.0);
    qr::draw(&mut page, &label.parcel_code, EcLevel::Q, qr_at, QR_BOX)?;
    let code = document.glyphs(&label.parcel_code);
    let style = TextStyle::bold(fitting_size(&code, pt(INNER), 10.0, 24.0));
    let mut top = 68.0;
    for line in document.lines(&label.parcel_code, INNER, style, Some(2)) {
        page.text_centred(WIDTH / 2.0, top, style, &line);
        top += style.line_height();
    }
    page.line((MARGIN, 79.0), (WIDTH - MARGIN, 79.0), 0.4);

    draw_destination(document, &mut page, label, captions);
    page.line((MARGIN, 106.0), (WIDTH - MARGIN, 106.0), 0.4);

    let recipient = format!("{}  {}", label.recipient_name, label.recipient_phone);
    let carrier = match &label.carrier_tracking {
        Some(tracking) => format!("{}  {tracking}", label.carrier),
        None => label.carrier.clone(),
    };
    let fields = [
        (&captions.recipient, Some(&recipient), 14.0, 1),
        (&captions.carrier, Some(&carrier), 12.0, 1),
        (&captions.route, label.route.as_ref(), 12.0, 1),
        (&captions.weight, Some(&label.weight), 12.0, 1),
        (&captions.note, label.note.as_ref(), 9.0, 2),
    ];
    let mut top = 107.0;
    for (caption, value, size, max_lines) in fields {
        if let Some(value) = value {
            let field = Field {
                caption,
                value,
                style: TextStyle::regular(size),
                max_lines,
            };
            top = field.draw(document, &mut page, top + 1.0);
        }
    }
    Ok(page)
}

/// The heading on the left, the direction white on black on the right.
fn draw_heading(
    document: &mut DocumentBuilder<'_>,
    page: &mut Page,
    label: &ParcelLabel,
    captions: &LabelCaptions,
) {
    let badge_style = TextStyle {
        ink: Ink::Reversed,
        ..TextStyle::bold(14.0)
    };
    let badge = document.lines(&label.direction, INNER / 2.0, badge_style, Some(1));
    let badge_width = badge
        .first()
        .map(|line| badge_style.width(line) + 4.0)
        .unwrap_or(0.0);
    let heading = document.lines(
        &captions.heading,
        INNER - badge_width - 2.0,
        TextStyle::regular(9.0),
        Some(1),
    );
    page.lines(MARGIN, 6.0, TextStyle::regular(9.0), &heading);
    if let Some(line) = badge.first() {
        page.fill_rects([[WIDTH - MARGIN - badge_width, MARGIN, badge_width, 8.5]]);
        page.text(
            WIDTH - MARGIN - badge_width + 2.0,
            MARGIN + 1.5,
            badge_style,
            line,
        );
    }
    page.line((MARGIN, 14.0), (WIDTH - MARGIN, 14.0), 0.4);
}

/// The village point as large as one line allows (two smaller lines for a long name), its code
/// on the right of the caption.
fn draw_destination(
    document: &mut DocumentBuilder<'_>,
    page: &mut Page,
    label: &ParcelLabel,
    captions: &LabelCaptions,
) {
    let caption = document.glyphs(&captions.destination);
    page.text(MARGIN, 81.0, TextStyle::regular(8.0), &caption);
    let code = document.glyphs(&label.destination_code);
    page.text_right(WIDTH - MARGIN, 80.5, TextStyle::bold(14.0), &code);

    const LARGEST: f32 = 34.0;
    const SMALLEST: f32 = 18.0;
    let name = document.glyphs(&label.destination);
    let size = fitting_size(&name, pt(INNER), SMALLEST, LARGEST);
    let style = TextStyle::bold(size);
    let lines = document.lines(&label.destination, INNER, style, Some(2));
    let height = lines.len() as f32 * style.line_height();
    // Centred in the band between the caption and the rule below.
    let top = 87.0 + (18.0 - height).max(0.0) / 2.0;
    page.lines(MARGIN, top, style, &lines);
}

/// A small caption in its column and the value beside it.
struct Field<'a> {
    caption: &'a str,
    value: &'a str,
    style: TextStyle,
    max_lines: usize,
}

impl Field<'_> {
    /// Returns where the value ends.
    fn draw(&self, document: &mut DocumentBuilder<'_>, page: &mut Page, top: f32) -> f32 {
        let caption_style = TextStyle::regular(8.0);
        let caption = document.lines(self.caption, CAPTION_COLUMN - 1.0, caption_style, Some(1));
        // Caption and value share a baseline.
        let caption_top = top + self.style.ascent() - caption_style.ascent();
        page.lines(MARGIN, caption_top, caption_style, &caption);
        let width = INNER - CAPTION_COLUMN;
        let lines = document.lines(self.value, width, self.style, Some(self.max_lines));
        page.lines(MARGIN + CAPTION_COLUMN, top, self.style, &lines)
    }
}
