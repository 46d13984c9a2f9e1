//! Report tables as files people open in a spreadsheet: CSV (UTF-8 with a byte-order mark, so
//! Excel reads Chinese right) and XLSX (a minimal SpreadsheetML workbook). Money stays integer
//! fen until it is written, as an exact decimal of yuan: a number, never text.

mod csv;
mod xlsx;

pub use self::csv::csv;
pub use self::xlsx::{xlsx, SheetError};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// A whole number: orders, buyers, units, a year.
    Count(i64),
    /// Money in fen, written as yuan with two decimals.
    Money(i64),
    /// A ratio in basis points (2,310 is 23.1 %), written as a percentage.
    Percent(i64),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }
}

/// A table: its name (the sheet's, or the file's) and its rows, headings first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

/// `minor` hundredths as an exact decimal: `-1234` is `-12.34`.
fn hundredths(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Basis points as an exact fraction of one: `2310` is `0.231`.
fn fraction(basis_points: i64) -> String {
    let sign = if basis_points < 0 { "-" } else { "" };
    let abs = basis_points.unsigned_abs();
    let digits = format!("{:04}", abs % 10_000);
    let digits = digits.trim_end_matches('0');
    if digits.is_empty() {
        format!("{sign}{}", abs / 10_000)
    } else {
        format!("{sign}{}.{digits}", abs / 10_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_ratios_are_exact_decimals() {
        assert_eq!(hundredths(12_790_000_000), "127900000.00");
        assert_eq!(hundredths(5), "0.05");
        assert_eq!(hundredths(-1234), "-12.34");
        assert_eq!(fraction(2310), "0.231");
        assert_eq!(fraction(-50), "-0.005");
        assert_eq!(fraction(10_000), "1");
        assert_eq!(fraction(0), "0");
    }
}
