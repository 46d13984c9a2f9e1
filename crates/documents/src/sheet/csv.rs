//! A table as CSV: UTF-8 behind a byte-order mark (without it Excel reads Chinese as mojibake),
//! CRLF line ends, quoted only where needed; money as yuan with two decimals.

use super::{hundredths, Cell, Sheet};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The sheet's rows as a CSV file.
pub fn csv(sheet: &Sheet) -> Vec<u8> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(BOM.to_vec());
    for row in &sheet.rows {
        let fields: Vec<String> = row.iter().map(field).collect();
        // Writing into a Vec cannot fail; a field is never refused.
        if writer.write_record(&fields).is_err() {
            break;
        }
    }
    writer.into_inner().unwrap_or_default()
}

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Money(fen) => hundredths(*fen),
        // Percent with two decimals ("23.10%"), which spreadsheets read back as a number.
        Cell::Percent(bp) => format!("{}%", hundredths(*bp)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it_and_writes_money_as_yuan() {
        let sheet = Sheet {
            name: "channels".into(),
            rows: vec![
                vec![
                    Cell::text("渠道"),
                    Cell::text("sales, yuan"),
                    Cell::text("yoy"),
                ],
                vec![
                    Cell::text("直播"),
                    Cell::Money(1_234_567),
                    Cell::Percent(2310),
                ],
                vec![Cell::text("say \"hi\""), Cell::Count(3), Cell::text("new")],
            ],
        };
        let bytes = csv(&sheet);
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert_eq!(
            text,
            "渠道,\"sales, yuan\",yoy\r\n直播,12345.67,23.10%\r\n\"say \"\"hi\"\"\",3,new\r\n"
        );
    }
}
