//! Printable documents as PDF, share posters as SVG (`poster`), and report tables as CSV and
//! XLSX (`sheet`). PDFs: parcel labels (100 × 150 mm, one per page), route-run sheets (A4,
//! as many pages as the stops need) and batch QR label sheets (A4, 3 × 8 labels), each with
//! vector QR codes and text set in a CJK font embedded as a subset. Plain data in, bytes out: no storage, no language of its own (every
//! caption comes from the caller), no I/O beyond loading a font an operator names.

mod banner;
mod batch_labels;
mod canvas;
mod embed;
mod font;
mod glyphs;
mod label;
mod pdf;
mod poster;
mod qr;
mod run_sheet;
mod sheet;
mod text;

use std::collections::BTreeSet;

pub use banner::{campaign_banner, CampaignBanner};
pub use batch_labels::{batch_labels, BatchLabel, BatchLabelCaptions, MAX_BATCH_LABELS};
pub use font::{FontError, LabelFont};
pub use label::{labels, LabelCaptions, ParcelLabel};
pub use poster::{share_poster, SharePoster};
pub use run_sheet::{run_sheet, RunSheet, RunSheetCaptions, RunSheetStop, RunTotals};
pub use sheet::{csv, xlsx, Cell, Sheet, SheetError};

/// A rendered PDF. A character the font has no glyph for never stops printing: it is drawn as a
/// replacement (U+FFFD, or `?` when the font lacks that too) and listed in `missing_chars`, so the
/// caller can log it or suggest a fuller font.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub pdf: Vec<u8>,
    pub missing_chars: BTreeSet<char>,
}

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// A PDF must have a page; an empty batch is the caller's mistake to report.
    #[error("there are no parcel labels to print")]
    NoLabels,
    #[error("the QR code for {content:?} cannot be made: {reason}")]
    QrCode { content: String, reason: String },
    /// More batch labels than one document holds; print per box, or in parts.
    #[error("at most {max} batch labels fit one document")]
    TooManyLabels { max: usize },
    #[error(transparent)]
    Font(#[from] FontError),
}
