//! Reads an uploaded file into rows of text: CSV in UTF-8 (with or without a byte-order mark)
//! or GB18030 (what Chinese Excel saves as "CSV"), or the first sheet of an XLSX workbook.
//! Everything a file can do wrong becomes a `FileProblem`; nothing here panics on any input.

use std::io::{Cursor, Read, Seek};

use calamine::{Data, Reader, Xlsx};

/// The largest file accepted: far more than 2,000 rows need.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Data rows per file (the header row not counted).
pub const MAX_ROWS: usize = 2_000;
/// Rows read before giving up, blank ones included (the exact count of data rows is checked
/// once blank rows are dropped).
const MAX_READ_ROWS: usize = 2 * MAX_ROWS + 1;
/// How large a workbook may unpack to; a zip bomb is refused before anything is inflated.
const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
/// Columns read per row; a product needs fifteen.
const MAX_COLUMNS: usize = 64;

/// Why a file could not be read as a table of products.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    Empty,
    TooLarge {
        max_bytes: usize,
    },
    TooManyRows {
        max: usize,
    },
    /// Neither `.csv` nor `.xlsx` (an old `.xls`, a photo…).
    UnsupportedType,
    /// Text that is neither UTF-8 nor GB18030.
    BrokenEncoding,
    /// An `.xlsx` that is not a readable workbook.
    UnreadableWorkbook,
    /// Required columns the header row does not name.
    MissingColumns(Vec<super::columns::Column>),
    /// A column named twice, so which one counts is unclear.
    DuplicateColumn(super::columns::Column),
}

/// A file's rows: the header, then the data rows with their spreadsheet row numbers (the header
/// is row 1). Blank rows are skipped but keep their numbers, so numbers match what Excel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

pub fn read(file_name: &str, bytes: &[u8]) -> Result<Table, FileProblem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileProblem::TooLarge {
            max_bytes: MAX_FILE_BYTES,
        });
    }
    if bytes.is_empty() {
        return Err(FileProblem::Empty);
    }
    let name = file_name.trim().to_lowercase();
    let rows = if name.ends_with(".xlsx") {
        xlsx_rows(bytes)?
    } else if name.ends_with(".csv") && !looks_binary(bytes) {
        csv_rows(&decode(bytes)?)?
    } else {
        return Err(FileProblem::UnsupportedType);
    };
    table(rows)
}

/// A zip archive or NUL bytes: a spreadsheet or a picture renamed to `.csv`.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.contains(&0)
}

/// UTF-8 (a BOM, if any, dropped), else GB18030 — a superset of GBK and GB2312.
fn decode(bytes: &[u8]) -> Result<String, FileProblem> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).map_err(|_| FileProblem::BrokenEncoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
        .ok_or(FileProblem::BrokenEncoding)
}

fn csv_rows(text: &str) -> Result<Vec<Vec<String>>, FileProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut next_line = 1;
    for record in reader.records() {
        let record = record.map_err(|_| FileProblem::BrokenEncoding)?;
        // The reader skips empty lines; they still count as rows, as in a spreadsheet.
        let start = record.position().map_or(next_line, csv::Position::line);
        let blank = usize::try_from(start.saturating_sub(next_line)).unwrap_or(usize::MAX);
        if rows.len().saturating_add(blank) > MAX_READ_ROWS {
            return Err(FileProblem::TooManyRows { max: MAX_ROWS });
        }
        rows.extend(std::iter::repeat_n(Vec::new(), blank));
        let breaks: usize = record.iter().map(|field| field.matches('\n').count()).sum();
        next_line = start + 1 + breaks as u64;
        rows.push(record.iter().take(MAX_COLUMNS).map(str::to_owned).collect());
    }
    Ok(rows)
}

fn xlsx_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, FileProblem> {
    if unpacked_size(Cursor::new(bytes)).is_none_or(|size| size > MAX_UNPACKED_BYTES) {
        return Err(FileProblem::UnreadableWorkbook);
    }
    let mut workbook =
        Xlsx::new(Cursor::new(bytes)).map_err(|_| FileProblem::UnreadableWorkbook)?;
    let sheet = workbook
        .sheet_names()
        .into_iter()
        .next()
        .ok_or(FileProblem::Empty)?;
    // Cells are streamed rather than read as one range: a range spans from the first used cell
    // to the last, and two cells a million rows apart would make it enormous.
    let mut cells = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|_| FileProblem::UnreadableWorkbook)?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = cells
        .next_cell()
        .map_err(|_| FileProblem::UnreadableWorkbook)?
    {
        let (row, column) = cell.get_position();
        let (row, column) = (row as usize, column as usize);
        if row >= MAX_READ_ROWS {
            return Err(FileProblem::TooManyRows { max: MAX_ROWS });
        }
        if column >= MAX_COLUMNS {
            continue;
        }
        if rows.len() <= row {
            rows.resize(row + 1, Vec::new());
        }
        let cells = &mut rows[row];
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = cell_text(&Data::from(cell.get_value().clone()));
    }
    Ok(rows)
}

/// What the archive's entries say they unpack to, without unpacking them (zip refuses to
/// inflate an entry past its stated size).
fn unpacked_size(reader: impl Read + Seek) -> Option<u64> {
    let mut archive = zip::ZipArchive::new(reader).ok()?;
    let mut total = 0u64;
    for index in 0..archive.len() {
        total = total.checked_add(archive.by_index_raw(index).ok()?.size())?;
    }
    Some(total)
}

/// A cell as the producer typed it. Numbers are written back in their shortest exact form
/// (`12.5`, `250`), so prices are parsed from text with integer arithmetic like a CSV's; a
/// computed `12.499999…` is then refused rather than rounded.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) => number.to_string(),
        Data::Bool(value) => value.to_string(),
        Data::DateTime(date) if date.is_datetime() => {
            let (year, month, day, ..) = date.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        Data::DateTime(duration) => duration.as_f64().to_string(),
        Data::Error(error) => error.to_string(),
    }
}

fn table(rows: Vec<Vec<String>>) -> Result<Table, FileProblem> {
    let mut numbered = rows
        .into_iter()
        .enumerate()
        .map(|(index, cells)| (index + 1, cells))
        .filter(|(_, cells)| cells.iter().any(|cell| !cell.trim().is_empty()));
    let (_, header) = numbered.next().ok_or(FileProblem::Empty)?;
    let rows: Vec<_> = numbered.collect();
    if rows.is_empty() {
        return Err(FileProblem::Empty);
    }
    if rows.len() > MAX_ROWS {
        return Err(FileProblem::TooManyRows { max: MAX_ROWS });
    }
    Ok(Table { header, rows })
}
