//! Parcel labels read back as a printer and a scanner would: the file's structure, the text
//! `pdftotext` extracts, and the QR codes decoded from pages rendered by `pdftoppm`.

mod common;

use farmgate_documents::{labels, DocumentError, FontError, LabelFont};

use common::{check_structure, label, label_captions, pdf_text, qr_codes, run_on_pdf, tool};

#[test]
fn one_page_per_label_each_a_valid_pdf_page() {
    let batch = [
        label("XY25112300017", "河湾村服务点"),
        label("XY25112300018", "上庄村服务点"),
        label("XY25112300019", "东沟村服务点"),
    ];
    let document = labels(&batch, &label_captions(), &LabelFont::embedded()).unwrap();
    assert_eq!(check_structure(&document.pdf), 3);
    assert!(document.missing_chars.is_empty());
}

#[test]
fn the_chinese_destination_recipient_and_parcel_code_extract_exactly() {
    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let batch = [
        label("XY25112300017", "河湾村服务点"),
        label("XY25112300018", "上新庄镇阿家堡村东沟服务点"),
    ];
    let document = labels(&batch, &label_captions(), &LabelFont::embedded()).unwrap();
    let text = pdf_text(&pdftotext, &document.pdf);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    for (page, (code, destination)) in pages.iter().zip([
        ("XY25112300017", "河湾村服务点"),
        ("XY25112300018", "上新庄镇阿家堡村东沟服务点"),
    ]) {
        let lines: Vec<&str> = page.lines().map(str::trim).collect();
        assert!(
            lines.contains(&code),
            "{code} not on its own line in {page}"
        );
        // A long name may wrap onto two lines, never lose or garble a character.
        assert!(
            page.replace('\n', "").contains(destination),
            "{destination} in {page}"
        );
        assert!(
            page.contains("张*  138****5678") || page.contains("张* 138****5678"),
            "{page}"
        );
        assert!(
            page.contains("顺丰速运") && page.contains("SF1408862231907"),
            "{page}"
        );
        assert!(lines.contains(&"VP-017"), "{page}");
    }
}

#[test]
fn the_qr_code_decodes_to_the_parcel_code() {
    let Some(pdftoppm) = tool("pdftoppm") else {
        return;
    };
    let batch = [
        label("XY25112300017", "河湾村服务点"),
        label("XY25112300042", "上庄村服务点"),
    ];
    let document = labels(&batch, &label_captions(), &LabelFont::embedded()).unwrap();
    // 203 dpi: a common thermal printer's resolution.
    assert_eq!(
        qr_codes(&pdftoppm, &document.pdf, 1, 203, None),
        ["XY25112300017"]
    );
    assert_eq!(
        qr_codes(&pdftoppm, &document.pdf, 2, 203, None),
        ["XY25112300042"]
    );
}

#[test]
fn only_the_glyphs_used_are_embedded() {
    let one = labels(
        &[label("XY25112300017", "河湾村服务点")],
        &label_captions(),
        &LabelFont::embedded(),
    )
    .unwrap();
    // The font alone is 1.5 MB; its subset here is a few kilobytes.
    assert!(one.pdf.len() < 200_000, "{} bytes", one.pdf.len());
    let fifty: Vec<_> = (0..50)
        .map(|n| label(&format!("XY251123{n:05}"), "河湾村服务点"))
        .collect();
    let fifty = labels(&fifty, &label_captions(), &LabelFont::embedded()).unwrap();
    assert!(fifty.pdf.len() < 50 * 40_000, "{} bytes", fifty.pdf.len());
}

#[test]
fn the_font_is_an_embedded_cid_subset_that_maps_back_to_unicode() {
    let Some(pdffonts) = tool("pdffonts") else {
        return;
    };
    let document = labels(
        &[label("XY25112300017", "河湾村服务点")],
        &label_captions(),
        &LabelFont::embedded(),
    )
    .unwrap();
    let listing = run_on_pdf(&pdffonts, &document.pdf, &[]);
    let fonts: Vec<Vec<&str>> = listing
        .lines()
        .skip(2)
        .map(|line| line.split_whitespace().collect())
        .collect();
    assert_eq!(fonts.len(), 1, "{listing}");
    let font = &fonts[0];
    // A six-letter subset tag, then the face's PostScript name.
    assert!(
        font[0].ends_with("+NotoSansCJKsc-Regular") && font[0].len() == 28,
        "{listing}"
    );
    assert_eq!(
        font[1..],
        [
            "CID",
            "Type",
            "0C",
            "Identity-H",
            "yes",
            "yes",
            "yes",
            "4",
            "0"
        ]
    );
}

#[test]
fn a_character_outside_the_font_is_replaced_and_reported() {
    // U+20000 is in CJK Extension B, beyond GB2312 and the embedded font.
    let mut odd = label("XY25112300017", "\u{20000}家村服务点");
    odd.note = Some("\u{1F4E6}".to_owned());
    let document = labels(&[odd], &label_captions(), &LabelFont::embedded()).unwrap();
    assert_eq!(
        document.missing_chars.into_iter().collect::<Vec<_>>(),
        ['\u{1F4E6}', '\u{20000}']
    );
    assert_eq!(check_structure(&document.pdf), 1);
    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let text = pdf_text(&pdftotext, &document.pdf);
    assert!(text.contains("?家村服务点"), "{text}");
}

#[test]
fn no_labels_is_an_error_not_an_empty_file() {
    let error = labels(&[], &label_captions(), &LabelFont::embedded()).unwrap_err();
    assert!(matches!(error, DocumentError::NoLabels));
}

#[test]
fn a_parcel_code_too_long_for_a_qr_code_is_an_error() {
    let error = labels(
        &[label(&"9".repeat(8000), "河湾村服务点")],
        &label_captions(),
        &LabelFont::embedded(),
    )
    .unwrap_err();
    assert!(matches!(error, DocumentError::QrCode { .. }));
}

/// Debian's Noto Sans CJK collection (face 2 is Simplified Chinese) and a TrueType font.
#[test]
fn an_operators_font_file_works_from_a_collection_or_truetype() {
    const COLLECTION: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    const TRUETYPE: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    if !std::path::Path::new(COLLECTION).exists() || !std::path::Path::new(TRUETYPE).exists() {
        let reason = "fonts-noto-cjk or fonts-dejavu-core is not installed";
        assert!(
            std::env::var_os(common::REQUIRE_PDF_TOOLS).is_none(),
            "{reason}"
        );
        eprintln!("skipped: {reason}");
        return;
    }
    let batch = [label("XY25112300017", "河湾村服务点")];

    let noto = LabelFont::from_file(COLLECTION, 2).unwrap();
    let document = labels(&batch, &label_captions(), &noto).unwrap();
    assert!(document.pdf.len() < 200_000, "{} bytes", document.pdf.len());
    assert!(pdf_text(&pdftotext, &document.pdf).contains("河湾村服务点"));
    assert!(matches!(
        LabelFont::from_file(COLLECTION, 12),
        Err(FontError::NoSuchFace {
            index: 12,
            faces: 10
        })
    ));

    // DejaVu has Latin but no Chinese: the Latin prints, the Chinese is reported.
    let dejavu = LabelFont::from_file(TRUETYPE, 0).unwrap();
    let document = labels(&batch, &label_captions(), &dejavu).unwrap();
    assert!(document.missing_chars.contains(&'河'));
    let text = pdf_text(&pdftotext, &document.pdf);
    assert!(
        text.contains("XY25112300017") && text.contains("138****5678"),
        "{text}"
    );
}
