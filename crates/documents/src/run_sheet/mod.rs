//! Route-run sheets: A4, the run's particulars and totals, then its stops in order as a table
//! that flows over as many pages as it needs (numbered `1/3`), a box per stop for the driver to
//! tick and a QR code per stop for the driver's phone.

mod table;

use crate::canvas::{Page, TextStyle};
use crate::pdf::DocumentBuilder;
use crate::{Document, DocumentError, LabelFont};

use table::{Table, TABLE_WIDTH};

const WIDTH: f32 = 210.0;
const HEIGHT: f32 = 297.0;
const MARGIN: f32 = 12.0;
/// Where the table must end on every page: the footer is below.
const BODY_BOTTOM: f32 = HEIGHT - MARGIN - 8.0;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSheet {
    /// E.g. `青A·D1234 · run 2`.
    pub title: String,
    pub day: String,
    pub vehicle: String,
    pub depot: String,
    pub driver_note: Option<String>,
    pub totals: RunTotals,
    /// In the order the vehicle visits them.
    pub stops: Vec<RunSheetStop>,
}

/// Figures formatted by the caller with their units (`42.5 km`, `3 h 20 min`, `180 kg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunTotals {
    pub distance: String,
    pub duration: String,
    pub parcels_down: u32,
    pub parcels_up: u32,
    pub weight: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSheetStop {
    pub seq: u32,
    pub name: String,
    pub code: String,
    /// Clock times as the caller shows them, e.g. `09:40`.
    pub arrive: String,
    pub depart: String,
    /// The opening window, e.g. `08:00–18:00`.
    pub window: String,
    pub deliver_parcels: u32,
    pub pickup_parcels: u32,
    /// Parcels to hand over or collect here; printed in full, wrapped.
    pub parcel_codes: Vec<String>,
    /// What the stop's QR code holds, e.g. the driver's scan page for the stop. None: no code.
    pub scan_url: Option<String>,
}

/// Every caption a run sheet prints, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSheetCaptions {
    /// Above the title, and with it the document's title, e.g. `Run sheet`.
    pub heading: String,
    pub day: String,
    pub vehicle: String,
    pub depot: String,
    pub driver_note: String,
    pub distance: String,
    pub duration: String,
    pub parcels_down: String,
    pub parcels_up: String,
    pub weight: String,
    /// Column captions.
    pub done: String,
    pub seq: String,
    pub stop: String,
    pub arrive_depart: String,
    pub window: String,
    pub deliver: String,
    pub pickup: String,
    pub parcels: String,
    pub scan: String,
    /// Beside the line the driver signs on, at the foot of every page.
    pub signature: String,
}

pub fn run_sheet(
    sheet: &RunSheet,
    captions: &RunSheetCaptions,
    font: &LabelFont,
) -> Result<Document, DocumentError> {
    let mut document = DocumentBuilder::new(font)?;
    let title = format!("{} · {}", captions.heading, sheet.title);
    let mut first = Page::new(WIDTH, HEIGHT);
    let top = draw_particulars(&mut document, &mut first, sheet, captions);
    let running_head = document.lines(&title, TABLE_WIDTH, TextStyle::regular(9.0), Some(1));
    let mut table = Table::new(&mut document, captions, running_head, first, top);
    for stop in &sheet.stops {
        table.add_stop(&mut document, stop)?;
    }
    let pages = table.finish();
    let count = pages.len();
    for (number, mut page) in (1..).zip(pages) {
        draw_footer(&mut document, &mut page, captions, number, count);
        document.push_page(page);
    }
    document.finish(&title)
}

/// The heading and title, the run's particulars, its totals and the note for the driver;
/// returns where the table starts.
fn draw_particulars(
    document: &mut DocumentBuilder<'_>,
    page: &mut Page,
    sheet: &RunSheet,
    captions: &RunSheetCaptions,
) -> f32 {
    let heading = document.lines(
        &captions.heading,
        TABLE_WIDTH,
        TextStyle::regular(10.0),
        Some(1),
    );
    let mut top = page.lines(MARGIN, MARGIN, TextStyle::regular(10.0), &heading);
    let title_style = TextStyle::bold(18.0);
    let title = document.lines(&sheet.title, TABLE_WIDTH, title_style, Some(2));
    top = page.lines(MARGIN, top, title_style, &title) + 2.0;

    let particulars = [
        (&captions.day, sheet.day.clone()),
        (&captions.vehicle, sheet.vehicle.clone()),
        (&captions.depot, sheet.depot.clone()),
    ];
    top = draw_fields(document, page, &particulars, top) + 1.5;
    let totals = &sheet.totals;
    let totals = [
        (&captions.distance, totals.distance.clone()),
        (&captions.duration, totals.duration.clone()),
        (&captions.parcels_down, totals.parcels_down.to_string()),
        (&captions.parcels_up, totals.parcels_up.to_string()),
        (&captions.weight, totals.weight.clone()),
    ];
    top = draw_fields(document, page, &totals, top) + 1.5;

    if let Some(note) = sheet
        .driver_note
        .as_deref()
        .filter(|note| !note.trim().is_empty())
    {
        let caption_style = TextStyle::regular(8.0);
        let caption = document.lines(&captions.driver_note, TABLE_WIDTH, caption_style, Some(1));
        top = page.lines(MARGIN, top, caption_style, &caption);
        let style = TextStyle::regular(10.0);
        let lines = document.lines(note, TABLE_WIDTH, style, Some(6));
        top = page.lines(MARGIN, top, style, &lines) + 1.5;
    }
    top + 2.0
}

/// Fields side by side across the page, each a small caption over its value.
fn draw_fields(
    document: &mut DocumentBuilder<'_>,
    page: &mut Page,
    fields: &[(&String, String)],
    top: f32,
) -> f32 {
    let caption_style = TextStyle::regular(8.0);
    let value_style = TextStyle::regular(11.0);
    let column = TABLE_WIDTH / fields.len() as f32;
    let mut bottom = top;
    for (index, (caption, value)) in fields.iter().enumerate() {
        let x = MARGIN + index as f32 * column;
        let caption = document.lines(caption, column - 2.0, caption_style, Some(1));
        let value_top = page.lines(x, top, caption_style, &caption);
        let value = document.lines(value, column - 2.0, value_style, Some(2));
        bottom = bottom.max(page.lines(x, value_top, value_style, &value));
    }
    bottom
}

/// The signature line on the left, `page/pages` on the right.
fn draw_footer(
    document: &mut DocumentBuilder<'_>,
    page: &mut Page,
    captions: &RunSheetCaptions,
    number: usize,
    count: usize,
) {
    let style = TextStyle::regular(9.0);
    let top = HEIGHT - MARGIN - 4.0;
    let signature = document.lines(&captions.signature, 60.0, style, Some(1));
    page.lines(MARGIN, top, style, &signature);
    let line_from = MARGIN + signature.first().map_or(0.0, |line| style.width(line)) + 2.0;
    page.line(
        (line_from, top + style.ascent()),
        (line_from + 50.0, top + style.ascent()),
        0.2,
    );
    let numbering = document.glyphs(&format!("{number}/{count}"));
    page.text_right(WIDTH - MARGIN, top, style, &numbering);
}
