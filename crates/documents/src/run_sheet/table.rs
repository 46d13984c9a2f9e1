//! The table of stops: its columns, each row measured before it is drawn (so a row that does not
//! fit moves to the next page whole), and a row too tall for any page split between its parcel
//! lines, the stop named again where it continues.

use qrcode::EcLevel;

use super::{RunSheetCaptions, RunSheetStop, BODY_BOTTOM, HEIGHT, MARGIN, WIDTH};
use crate::canvas::{Page, TextStyle};
use crate::pdf::DocumentBuilder;
use crate::text::Line;
use crate::{qr, DocumentError};

pub(super) const TABLE_WIDTH: f32 = WIDTH - 2.0 * MARGIN;
/// Column widths, in mm: done, #, stop, arrive/depart, window, down, up, parcels, QR.
const COLUMNS: [f32; 9] = [9.0, 8.0, 42.0, 18.0, 20.0, 10.0, 10.0, 49.0, 20.0];
const PAD: f32 = 1.2;
const MIN_ROW: f32 = 10.0;
/// The stop's QR code, quiet zone included, in its 20 mm column.
const QR_BOX: f32 = 19.0;
const RULE: f32 = 0.2;

const HEADER: TextStyle = TextStyle::bold(8.0);
const SEQ: TextStyle = TextStyle::bold(11.0);
const NAME: TextStyle = TextStyle::regular(10.0);
const SMALL: TextStyle = TextStyle::regular(8.0);
const TIMES: TextStyle = TextStyle::regular(9.0);
const COUNT: TextStyle = TextStyle::bold(12.0);
const RUNNING_HEAD: TextStyle = TextStyle::regular(9.0);

/// A stop's cells as lines, in column order (the done column has a box, not text).
struct Row<'s> {
    seq: Vec<Line>,
    name: Vec<Line>,
    code: Vec<Line>,
    times: Vec<Line>,
    window: Vec<Line>,
    deliver: Vec<Line>,
    pickup: Vec<Line>,
    parcels: Vec<Line>,
    scan_url: Option<&'s str>,
}

pub(super) struct Table {
    header: Vec<Vec<Line>>,
    header_height: f32,
    running_head: Vec<Line>,
    pages: Vec<Page>,
    page: Page,
    top: f32,
    rows_on_page: usize,
}

impl Table {
    /// Starts on `page` at `top` with the column captions.
    pub fn new(
        document: &mut DocumentBuilder<'_>,
        captions: &RunSheetCaptions,
        running_head: Vec<Line>,
        page: Page,
        top: f32,
    ) -> Self {
        let captions = [
            &captions.done,
            &captions.seq,
            &captions.stop,
            &captions.arrive_depart,
            &captions.window,
            &captions.deliver,
            &captions.pickup,
            &captions.parcels,
            &captions.scan,
        ];
        let header: Vec<Vec<Line>> = captions
            .iter()
            .zip(COLUMNS)
            .map(|(caption, width)| document.lines(caption, width - 2.0 * PAD, HEADER, Some(2)))
            .collect();
        let tallest = header.iter().map(Vec::len).max().unwrap_or(1);
        let header_height = cell_height([(tallest, HEADER)]);
        let mut table = Self {
            header,
            header_height,
            running_head,
            pages: Vec::new(),
            page,
            top,
            rows_on_page: 0,
        };
        table.draw_header();
        table
    }

    pub fn add_stop(
        &mut self,
        document: &mut DocumentBuilder<'_>,
        stop: &RunSheetStop,
    ) -> Result<(), DocumentError> {
        let row = Row::new(document, stop);
        let mut parcels = row.parcels.as_slice();
        let mut first = true;
        loop {
            let fixed = row.height_without_parcels(first);
            let needed = fixed.max(parcel_height(parcels.len()));
            let room = BODY_BOTTOM - self.top;
            let lines_fit = ((room - 2.0 * PAD) / SMALL.line_height()).max(0.0) as usize;
            let fresh = self.rows_on_page == 0;
            if needed <= room || (fresh && (fixed > room || lines_fit == 0)) {
                return self.draw_row(&row, first, parcels, needed);
            }
            // Only a long parcel list makes a row taller than a whole page: split that one here.
            if (fresh || needed > self.room_on_next_page()) && fixed <= room && lines_fit > 0 {
                let (here, rest) = parcels.split_at(lines_fit.min(parcels.len()));
                self.draw_row(&row, first, here, room)?;
                parcels = rest;
                first = false;
            }
            self.next_page();
        }
    }

    pub fn finish(mut self) -> Vec<Page> {
        self.pages.push(self.page);
        self.pages
    }

    fn room_on_next_page(&self) -> f32 {
        BODY_BOTTOM - self.continued_top() - self.header_height
    }

    fn continued_top(&self) -> f32 {
        MARGIN + self.running_head.len() as f32 * RUNNING_HEAD.line_height() + 2.0
    }

    fn next_page(&mut self) {
        let page = std::mem::replace(&mut self.page, Page::new(WIDTH, HEIGHT));
        self.pages.push(page);
        self.page
            .lines(MARGIN, MARGIN, RUNNING_HEAD, &self.running_head);
        self.top = self.continued_top();
        self.rows_on_page = 0;
        self.draw_header();
    }

    fn draw_header(&mut self) {
        let height = self.header_height;
        self.draw_grid(height);
        for (x, lines) in column_starts().into_iter().zip(&self.header) {
            self.page.lines(x + PAD, self.top + PAD, HEADER, lines);
        }
        let bottom = self.top + height;
        self.page
            .line((MARGIN, bottom), (MARGIN + TABLE_WIDTH, bottom), 0.5);
        self.top = bottom;
    }

    /// A stop's row, or where it continues (`first` false): the stop named again, its parcels.
    fn draw_row(
        &mut self,
        row: &Row<'_>,
        first: bool,
        parcels: &[Line],
        height: f32,
    ) -> Result<(), DocumentError> {
        self.draw_grid(height);
        let [done, seq, stop, times, window, deliver, pickup, parcel_column, scan] =
            column_starts();
        let top = self.top + PAD;
        let page = &mut self.page;
        page.lines(seq + PAD, top, SEQ, &row.seq);
        let below_name = page.lines(stop + PAD, top, NAME, &row.name);
        page.lines(stop + PAD, below_name, SMALL, &row.code);
        page.lines(parcel_column + PAD, top, SMALL, parcels);
        if first {
            page.stroke_rect([done + 2.0, top + 0.5, 5.0, 5.0], 0.3);
            page.lines(times + PAD, top, TIMES, &row.times);
            page.lines(window + PAD, top, TIMES, &row.window);
            page.lines(deliver + PAD, top, COUNT, &row.deliver);
            page.lines(pickup + PAD, top, COUNT, &row.pickup);
            if let Some(url) = row.scan_url {
                qr::draw(page, url, EcLevel::M, (scan + 0.5, self.top + 0.5), QR_BOX)?;
            }
        }
        self.top += height;
        self.rows_on_page += 1;
        Ok(())
    }

    /// The row's outline and the rules between its columns.
    fn draw_grid(&mut self, height: f32) {
        let top = self.top;
        self.page
            .stroke_rect([MARGIN, top, TABLE_WIDTH, height], RULE);
        for x in column_starts().into_iter().skip(1) {
            self.page.line((x, top), (x, top + height), RULE);
        }
    }
}

impl<'s> Row<'s> {
    fn new(document: &mut DocumentBuilder<'_>, stop: &'s RunSheetStop) -> Self {
        let mut cell = |text: &str, column: usize, style: TextStyle, max_lines: Option<usize>| {
            document.lines(text, COLUMNS[column] - 2.0 * PAD, style, max_lines)
        };
        let mut times = cell(&stop.arrive, 3, TIMES, Some(1));
        times.extend(cell(&stop.depart, 3, TIMES, Some(1)));
        Self {
            seq: cell(&stop.seq.to_string(), 1, SEQ, Some(1)),
            name: cell(&stop.name, 2, NAME, Some(3)),
            code: cell(&stop.code, 2, SMALL, Some(1)),
            times,
            window: cell(&stop.window, 4, TIMES, Some(3)),
            deliver: cell(&stop.deliver_parcels.to_string(), 5, COUNT, Some(1)),
            pickup: cell(&stop.pickup_parcels.to_string(), 6, COUNT, Some(1)),
            // Two spaces keep codes apart where several share a line.
            parcels: cell(&stop.parcel_codes.join("  "), 7, SMALL, None),
            scan_url: stop.scan_url.as_deref(),
        }
    }

    /// What every cell but the parcel list needs (on a continuation: the stop's name alone).
    fn height_without_parcels(&self, first: bool) -> f32 {
        let name = cell_height([(self.name.len(), NAME), (self.code.len(), SMALL)]);
        let mut height = MIN_ROW.max(name);
        if first {
            height = height.max(cell_height([(self.times.len(), TIMES)]));
            height = height.max(cell_height([(self.window.len(), TIMES)]));
            if self.scan_url.is_some() {
                height = height.max(QR_BOX + 1.0);
            }
        }
        height
    }
}

/// Padding and the lines of a cell: `(line count, style)` stacked.
fn cell_height(parts: impl IntoIterator<Item = (usize, TextStyle)>) -> f32 {
    let lines: f32 = parts
        .into_iter()
        .map(|(count, style)| count as f32 * style.line_height())
        .sum();
    2.0 * PAD + lines
}

fn parcel_height(lines: usize) -> f32 {
    cell_height([(lines, SMALL)])
}

/// Where each column starts, in mm from the page's left edge.
fn column_starts() -> [f32; 9] {
    let mut starts = [MARGIN; 9];
    for column in 1..COLUMNS.len() {
        starts[column] = starts[column - 1] + COLUMNS[column - 1];
    }
    starts
}
