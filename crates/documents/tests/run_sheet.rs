//! Run sheets read back: pages as the table flows, every stop and parcel in the extracted text,
//! page numbers, and the stops' QR codes decoded.

mod common;

use farmgate_documents::{run_sheet, LabelFont};

use common::{check_structure, pdf_text, qr_codes, run_sheet_captions, tool};

#[test]
fn sixty_stops_flow_over_numbered_pages_in_order() {
    let sheet = common::run_sheet(60, 4);
    let document = run_sheet(&sheet, &run_sheet_captions(), &LabelFont::embedded()).unwrap();
    let pages = check_structure(&document.pdf);
    // Rows with a QR code are about 21 mm high: about eleven to a page.
    assert!((5..=8).contains(&pages), "{pages} pages");
    assert!(document.missing_chars.is_empty());

    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let text = pdf_text(&pdftotext, &document.pdf);
    let mut from = 0;
    for seq in 1..=60 {
        let name = format!("第{seq}站服务点");
        let at = text[from..]
            .find(&name)
            .unwrap_or_else(|| panic!("{name} after {from}"));
        from += at + name.len();
    }
    let texts: Vec<&str> = text.split('\u{c}').collect();
    for (number, page) in (1..=pages).zip(&texts) {
        assert!(
            page.contains(&format!("{number}/{pages}")),
            "page {number}: {page}"
        );
        assert!(page.contains("司机签字"));
    }
    assert!(texts[0].contains("青A·D1234 第2趟") && texts[0].contains("河湾村路段施工"));
    assert!(texts[0].contains("142.5 km") && texts[0].contains("240"));
}

#[test]
fn a_stop_with_more_parcels_than_a_page_holds_continues_on_the_next() {
    let mut sheet = common::run_sheet(3, 2);
    let codes: Vec<String> = (0..400).map(|n| format!("XY2511{n:07}")).collect();
    sheet.stops[1].parcel_codes = codes.clone();
    let document = run_sheet(&sheet, &run_sheet_captions(), &LabelFont::embedded()).unwrap();
    let pages = check_structure(&document.pdf);
    assert!(pages >= 3, "{pages} pages");

    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let text = pdf_text(&pdftotext, &document.pdf);
    for code in &codes {
        assert_eq!(text.matches(code.as_str()).count(), 1, "{code}");
    }
    // The stop is named again on every page its parcels continue on.
    let with_codes = text
        .split('\u{c}')
        .filter(|page| codes.iter().any(|code| page.contains(code.as_str())))
        .count();
    assert!(with_codes >= 3, "over {with_codes} pages");
    assert_eq!(text.matches("第2站服务点").count(), with_codes);
    assert!(text.contains("第3站服务点"));
}

#[test]
fn each_stop_has_a_qr_code_with_its_scan_url() {
    let Some(pdftoppm) = tool("pdftoppm") else {
        return;
    };
    let sheet = common::run_sheet(3, 2);
    let document = run_sheet(&sheet, &run_sheet_captions(), &LabelFont::embedded()).unwrap();
    // The QR column is the last 20 mm before the right margin.
    let mut found = qr_codes(&pdftoppm, &document.pdf, 1, 300, Some((177.0, 22.0)));
    found.sort();
    let expected: Vec<String> = sheet
        .stops
        .iter()
        .filter_map(|s| s.scan_url.clone())
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn a_run_without_stops_is_one_valid_page() {
    let mut sheet = common::run_sheet(0, 0);
    sheet.driver_note = None;
    let document = run_sheet(&sheet, &run_sheet_captions(), &LabelFont::embedded()).unwrap();
    assert_eq!(check_structure(&document.pdf), 1);
}
