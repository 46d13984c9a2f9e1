//! Reading files: encodings, quoting, spreadsheets, prices as people type them, and every way a
//! file can be refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

use farmgate_domain::id::ProductId;

use super::columns::ColumnMap;
use super::drafts::drafts;
use super::table::{read, FileProblem, Table, MAX_FILE_BYTES, MAX_ROWS};
use crate::catalogue::validate_sku;

const HEADER: &str = "title,category,grade,origin,variant,unit,net weight (g),price,stock";

fn cells(table: &Table) -> Vec<Vec<&str>> {
    table
        .rows
        .iter()
        .map(|(_, row)| row.iter().map(String::as_str).collect())
        .collect()
}

/// The price, in fen, of each row's variant as the product form reads it.
fn prices(csv: &str) -> Vec<Option<i64>> {
    let table = read("p.csv", csv.as_bytes()).unwrap();
    let columns = ColumnMap::from_header(&table.header).unwrap();
    let product: ProductId = crate::new_id();
    drafts(&table, &columns, &[])
        .iter()
        .flat_map(|draft| draft.form.skus.clone())
        .map(|sku| {
            validate_sku(&product, 0, &sku)
                .ok()
                .map(|s| s.price.minor())
        })
        .collect()
}

#[test]
fn utf8_with_or_without_a_byte_order_mark() {
    let text = format!("{HEADER}\n黑枸杞,果品,特级,沟里村,250g,g,250,68,10\n");
    let plain = read("goods.csv", text.as_bytes()).unwrap();
    let with_bom = read("GOODS.CSV", format!("\u{feff}{text}").as_bytes()).unwrap();
    assert_eq!(plain, with_bom);
    assert_eq!(
        plain.header[0], "title",
        "the mark is not part of the header"
    );
    assert_eq!(cells(&plain)[0][0], "黑枸杞");
}

#[test]
fn gbk_from_chinese_excel_is_decoded() {
    let text = "商品标题,分类\r\n柴达木黑枸杞,果品\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    assert!(std::str::from_utf8(&gbk).is_err(), "really not UTF-8");
    let table = read("导出.csv", &gbk).unwrap();
    assert_eq!(table.header, ["商品标题", "分类"]);
    assert_eq!(cells(&table), [["柴达木黑枸杞", "果品"]]);
}

#[test]
fn quoted_fields_keep_their_commas_quotes_and_line_breaks() {
    let text = "title,description\n\"枸杞, 特级\",\"第一行\n第二行，\"\"晒干\"\"\"\n藜麦,x\n";
    let table = read("q.csv", text.as_bytes()).unwrap();
    assert_eq!(
        cells(&table),
        [
            vec!["枸杞, 特级", "第一行\n第二行，\"晒干\""],
            vec!["藜麦", "x"]
        ]
    );
    assert_eq!(
        table.rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        [2, 3],
        "a record spanning two lines is one spreadsheet row"
    );
}

#[test]
fn prices_are_read_as_yuan_and_fen_without_floats() {
    let rows = [
        "12.5",
        "12.50",
        "¥12",
        "￥1,280.05",
        "0.01",
        "12.345",
        "12元",
        "-3",
        "abc",
        "",
    ]
    .map(|price| format!("\"枸杞 {price}\",果品,特级,沟里村,袋,g,250,\"{price}\",1"));
    let csv = format!("{HEADER}\n{}\n", rows.join("\n"));
    assert_eq!(
        prices(&csv),
        [
            Some(1_250),
            Some(1_250),
            Some(1_200),
            Some(128_005),
            Some(1),
            None,
            None,
            None,
            None,
            None
        ]
    );
}

#[test]
fn blank_rows_are_skipped_but_keep_their_numbers() {
    let text = format!("{HEADER}\n\n,,,\n黑枸杞,果品,特级,沟里村,250g,g,250,68,10\n");
    let table = read("b.csv", text.as_bytes()).unwrap();
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].0, 4);
}

#[test]
fn files_that_cannot_be_read_say_why() {
    assert_eq!(read("a.csv", b""), Err(FileProblem::Empty));
    assert_eq!(read("a.csv", HEADER.as_bytes()), Err(FileProblem::Empty));
    assert_eq!(read("a.csv", b"\xEF\xBB\xBF\n\n"), Err(FileProblem::Empty));
    assert_eq!(
        read("a.csv", b"title\n\xFF\xFE broken\n"),
        Err(FileProblem::BrokenEncoding)
    );
    assert_eq!(
        read("a.csv", b"\xEF\xBB\xBFtitle\n\xC3\x28\n"),
        Err(FileProblem::BrokenEncoding),
        "a UTF-8 mark promises UTF-8"
    );
    assert_eq!(
        read("a.xls", b"\xD0\xCF\x11\xE0"),
        Err(FileProblem::UnsupportedType)
    );
    assert_eq!(
        read("photo.jpg", b"\xFF\xD8\xFF"),
        Err(FileProblem::UnsupportedType)
    );
    assert_eq!(
        read("renamed.csv", b"PK\x03\x04..."),
        Err(FileProblem::UnsupportedType)
    );
    assert_eq!(
        read("fake.xlsx", b"title,price\n"),
        Err(FileProblem::UnreadableWorkbook)
    );
    assert_eq!(
        read("big.csv", &vec![b'a'; MAX_FILE_BYTES + 1]),
        Err(FileProblem::TooLarge {
            max_bytes: MAX_FILE_BYTES
        })
    );
    let many = format!("title\n{}", "枸杞\n".repeat(MAX_ROWS + 1));
    assert_eq!(
        read("many.csv", many.as_bytes()),
        Err(FileProblem::TooManyRows { max: MAX_ROWS })
    );
    let enough = format!("title\n{}", "枸杞\n".repeat(MAX_ROWS));
    assert_eq!(
        read("enough.csv", enough.as_bytes()).unwrap().rows.len(),
        MAX_ROWS
    );
}

#[test]
fn an_xlsx_workbook_reads_like_a_csv() {
    let workbook = xlsx(&[
        (
            1,
            &[
                Cell::Text("商品标题"),
                Cell::Text("价格(元)"),
                Cell::Text("净重(克)"),
            ],
        ),
        (
            2,
            &[
                Cell::Text("黑枸杞, 特级"),
                Cell::Number("12.5"),
                Cell::Number("250"),
            ],
        ),
        (
            4,
            &[Cell::Text("藜麦"), Cell::Number("30"), Cell::Text("1000")],
        ),
    ]);
    let table = read("products.xlsx", &workbook).unwrap();
    assert_eq!(table.header, ["商品标题", "价格(元)", "净重(克)"]);
    assert_eq!(
        cells(&table),
        [["黑枸杞, 特级", "12.5", "250"], ["藜麦", "30", "1000"]]
    );
    assert_eq!(table.rows[1].0, 4, "row numbers as Excel shows them");
}

#[test]
fn a_workbook_with_a_cell_far_down_is_refused_without_filling_the_gap() {
    let workbook = xlsx(&[
        (1, &[Cell::Text("title")]),
        (2, &[Cell::Text("枸杞")]),
        (1_048_576, &[Cell::Text("x")]),
    ]);
    assert_eq!(
        read("far.xlsx", &workbook),
        Err(FileProblem::TooManyRows { max: MAX_ROWS })
    );
}

#[test]
fn a_workbook_that_unpacks_too_large_is_refused_unopened() {
    let huge = " ".repeat(65 * 1024 * 1024);
    let mut bomb = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    bomb.start_file("xl/worksheets/sheet1.xml", options)
        .unwrap();
    bomb.write_all(huge.as_bytes()).unwrap();
    let bytes = bomb.finish().unwrap().into_inner();
    assert!(bytes.len() < MAX_FILE_BYTES, "small when packed");
    assert_eq!(
        read("bomb.xlsx", &bytes),
        Err(FileProblem::UnreadableWorkbook)
    );
}

enum Cell {
    Text(&'static str),
    Number(&'static str),
}

/// The smallest workbook Excel and calamine open: one sheet of inline strings and numbers,
/// given as (row number, cells).
fn xlsx(rows: &[(usize, &[Cell])]) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows {
        sheet.push_str(&format!(r#"<row r="{r}">"#));
        for (c, cell) in row.iter().enumerate() {
            let reference = format!("{}{r}", char::from(b'A' + c as u8));
            sheet.push_str(&match cell {
                Cell::Text(text) => {
                    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
                }
                Cell::Number(number) => format!(r#"<c r="{reference}"><v>{number}</v></c>"#),
            });
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let package = "http://schemas.openxmlformats.org/package/2006/relationships";
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}"><Relationship Id="rId1" Type="{relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{relationships}"><sheets><sheet name="商品" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}"><Relationship Id="rId1" Type="{relationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
