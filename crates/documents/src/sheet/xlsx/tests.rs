use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};

use super::*;

fn report() -> Vec<Sheet> {
    vec![
        Sheet {
            name: "渠道 channels".into(),
            rows: vec![
                vec![
                    Cell::text("渠道"),
                    Cell::text("销售额（元）"),
                    Cell::text("同比"),
                ],
                vec![
                    Cell::text("直播 <live> & co"),
                    Cell::Money(1_234_567),
                    Cell::Percent(2310),
                ],
                vec![Cell::text("货架"), Cell::Money(-5), Cell::text("新增")],
                vec![Cell::text("订单"), Cell::Count(42)],
            ],
        },
        Sheet {
            name: "a/b:c".into(),
            rows: vec![vec![Cell::text("x")]],
        },
    ]
}

#[test]
fn a_workbook_reads_back_with_numbers_as_numbers() {
    let bytes = xlsx(&report()).unwrap();
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), ["渠道 channels", "abc"]);
    let range = workbook.worksheet_range("渠道 channels").unwrap();
    assert_eq!(
        range.get((0, 1)),
        Some(&Data::String("销售额（元）".into()))
    );
    assert_eq!(
        range.get((1, 0)),
        Some(&Data::String("直播 <live> & co".into()))
    );
    assert_eq!(range.get((1, 1)), Some(&Data::Float(12_345.67)));
    assert_eq!(range.get((1, 2)), Some(&Data::Float(0.231)));
    assert_eq!(range.get((2, 1)), Some(&Data::Float(-0.05)));
    assert_eq!(range.get((3, 1)), Some(&Data::Float(42.0)));
}

#[test]
fn the_package_holds_the_parts_spreadsheets_look_for() {
    let bytes = xlsx(&report()).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
    ] {
        assert!(zip.by_name(part).is_ok(), "{part}");
    }
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(
        sheet.contains("<c r=\"B2\" s=\"1\"><v>12345.67</v></c>"),
        "{sheet}"
    );
    assert!(sheet.contains("直播 &lt;live&gt; &amp; co"));
}

#[test]
fn columns_and_names_follow_excels_rules() {
    assert_eq!(column(0), "A");
    assert_eq!(column(25), "Z");
    assert_eq!(column(26), "AA");
    assert_eq!(column(701), "ZZ");
    assert_eq!(escape("a\u{1}b"), "ab");
    assert!(matches!(xlsx(&[]), Err(SheetError::NoSheets)));
}
