//! Tables as an XLSX workbook, one sheet each: the smallest SpreadsheetML package Excel,
//! LibreOffice and WPS open without a repair prompt — content types, package and workbook
//! relationships, a workbook, a style sheet (money as `#,##0.00`, ratios as `0.0%`, bold
//! headings) and the sheets with inline strings. No shared-string table: these reports are
//! small, and inline strings keep the writer obviously correct.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{fraction, hundredths, Cell, Sheet};

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("a workbook needs at least one sheet")]
    NoSheets,
    #[error("could not write the workbook: {0}")]
    Zip(String),
}

impl From<zip::result::ZipError> for SheetError {
    fn from(error: zip::result::ZipError) -> Self {
        SheetError::Zip(error.to_string())
    }
}

impl From<std::io::Error> for SheetError {
    fn from(error: std::io::Error) -> Self {
        SheetError::Zip(error.to_string())
    }
}

/// Style indices in `STYLES`' `cellXfs`.
const STYLE_MONEY: u8 = 1;
const STYLE_PERCENT: u8 = 2;
const STYLE_HEADING: u8 = 3;

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Built-in number formats 4 (`#,##0.00`) and 10 (`0.00%`); font 1 is bold.
const STYLES: &str = concat!(
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>",
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>",
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>",
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>",
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>",
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
    "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
    "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"10\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>",
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>",
    "</styleSheet>"
);

/// The sheets as one workbook, in order; the first row of each is set in bold.
pub fn xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, SheetError> {
    if sheets.is_empty() {
        return Err(SheetError::NoSheets);
    }
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let names = sheet_names(sheets);
    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), content_types(sheets.len())),
        ("_rels/.rels".into(), package_rels()),
        ("xl/workbook.xml".into(), workbook(&names)),
        (
            "xl/_rels/workbook.xml.rels".into(),
            workbook_rels(sheets.len()),
        ),
        ("xl/styles.xml".into(), format!("{XML_HEAD}{STYLES}")),
    ];
    for (index, sheet) in sheets.iter().enumerate() {
        parts.push((
            format!("xl/worksheets/sheet{}.xml", index + 1),
            worksheet(sheet),
        ));
    }
    for (name, body) in parts {
        zip.start_file(name, options)?;
        zip.write_all(body.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

fn content_types(sheets: usize) -> String {
    let mut xml = format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    );
    for n in 1..=sheets {
        let _ = write!(
            xml,
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    xml.push_str("</Types>");
    xml
}

fn package_rels() -> String {
    format!(
        "{XML_HEAD}<Relationships xmlns=\"{PKG_REL_NS}\">\
<Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/>\
</Relationships>"
    )
}

fn workbook(names: &[String]) -> String {
    let mut xml = format!("{XML_HEAD}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheets>");
    for (index, name) in names.iter().enumerate() {
        let n = index + 1;
        let _ = write!(
            xml,
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            escape(name)
        );
    }
    xml.push_str("</sheets></workbook>");
    xml
}

fn workbook_rels(sheets: usize) -> String {
    let mut xml = format!("{XML_HEAD}<Relationships xmlns=\"{PKG_REL_NS}\">");
    for n in 1..=sheets {
        let _ = write!(
            xml,
            "<Relationship Id=\"rId{n}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        );
    }
    let styles = sheets + 1;
    let _ = write!(
        xml,
        "<Relationship Id=\"rId{styles}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/></Relationships>"
    );
    xml
}

fn worksheet(sheet: &Sheet) -> String {
    let mut xml = format!("{XML_HEAD}<worksheet xmlns=\"{MAIN_NS}\"><sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        let number = r + 1;
        let _ = write!(xml, "<row r=\"{number}\">");
        for (c, cell) in row.iter().enumerate() {
            let reference = format!("{}{number}", column(c));
            let heading = if r == 0 { STYLE_HEADING } else { 0 };
            let _ = match cell {
                Cell::Text(text) => write!(
                    xml,
                    "<c r=\"{reference}\" s=\"{heading}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    escape(text)
                ),
                Cell::Count(n) => write!(xml, "<c r=\"{reference}\"><v>{n}</v></c>"),
                Cell::Money(fen) => write!(
                    xml,
                    "<c r=\"{reference}\" s=\"{STYLE_MONEY}\"><v>{}</v></c>",
                    hundredths(*fen)
                ),
                Cell::Percent(bp) => write!(
                    xml,
                    "<c r=\"{reference}\" s=\"{STYLE_PERCENT}\"><v>{}</v></c>",
                    fraction(*bp)
                ),
            };
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// `A`, `B`, … `Z`, `AA`, … for a zero-based column.
fn column(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Sheet names as Excel accepts them: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_names(sheets: &[Sheet]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (index, sheet) in sheets.iter().enumerate() {
        let clean: String = sheet
            .name
            .chars()
            .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
            .take(28)
            .collect();
        let clean = if clean.trim().is_empty() {
            format!("Sheet{}", index + 1)
        } else {
            clean
        };
        let name = if names.contains(&clean) {
            format!("{clean} {}", index + 1)
        } else {
            clean
        };
        names.push(name);
    }
    names
}

/// Text as XML character data; characters XML 1.0 forbids are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
