//! Batch QR label sheets: 24 labels an A4 sheet, each QR code decoding to its Digital Link,
//! the product name and lot extracting as text, and a clear refusal past the document's size.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{check_structure, pdf_text, qr_codes, tool};
use farmgate_documents::{
    batch_labels, BatchLabel, BatchLabelCaptions, DocumentError, LabelFont, MAX_BATCH_LABELS,
};

fn label(n: usize) -> BatchLabel {
    BatchLabel {
        uri: format!("https://farm.example/01/09506000134352/10/GJ-0815/21/{n}"),
        product: "柴达木黑枸杞 特级 500g".to_owned(),
        lot: "GJ-0815".to_owned(),
        harvested_on: "2026-08-15".to_owned(),
        counter: format!("{n}/30"),
    }
}

fn captions() -> BatchLabelCaptions {
    BatchLabelCaptions {
        heading: "批次标签".to_owned(),
        lot: "批号".to_owned(),
        harvested_on: "采收".to_owned(),
        scan: "扫码溯源".to_owned(),
    }
}

#[test]
fn twenty_four_labels_fill_a_sheet_and_the_rest_go_on_the_next() {
    let labels: Vec<_> = (1..=30).map(label).collect();
    let document = batch_labels(&labels, &captions(), &LabelFont::embedded()).unwrap();
    assert_eq!(check_structure(&document.pdf), 2);
    assert!(document.missing_chars.is_empty());
    if let Some(pdftotext) = tool("pdftotext") {
        let text = pdf_text(&pdftotext, &document.pdf);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        assert!(pages[0].contains("柴达木黑枸杞") && pages[0].contains("GJ-0815"));
        assert!(pages[0].contains("24/30") && !pages[0].contains("25/30"));
        assert!(pages[1].contains("25/30") && pages[1].contains("30/30"));
    }
}

#[test]
fn the_qr_codes_decode_to_each_labels_digital_link() {
    let Some(pdftoppm) = tool("pdftoppm") else {
        return;
    };
    let labels: Vec<_> = (1..=3).map(label).collect();
    let document = batch_labels(&labels, &captions(), &LabelFont::embedded()).unwrap();
    // The first column only: one code a row.
    let mut found = qr_codes(&pdftoppm, &document.pdf, 1, 300, Some((0.0, 70.0)));
    found.sort();
    assert_eq!(found, [label(1).uri]);
    let mut all = qr_codes(&pdftoppm, &document.pdf, 1, 300, None);
    all.sort();
    assert_eq!(all, [label(1).uri, label(2).uri, label(3).uri]);
}

#[test]
fn no_labels_or_too_many_are_refused() {
    let font = LabelFont::embedded();
    assert!(matches!(
        batch_labels(&[], &captions(), &font),
        Err(DocumentError::NoLabels)
    ));
    let many = vec![label(1); MAX_BATCH_LABELS + 1];
    assert!(matches!(
        batch_labels(&many, &captions(), &font),
        Err(DocumentError::TooManyLabels { .. })
    ));
}
