//! Turns a file's rows into product forms: rows with the same product key (or, without that
//! column, the same title) are one product with one variant per row. The product's own columns
//! are read from its first row; a later row may leave them blank or repeat them, and a title,
//! description, category or grade that differs is reported. Only how a file is laid out is
//! checked here; what a product may be is the product form's rules, applied by the caller.

use farmgate_domain::place::{Place, PlaceLevel};
use farmgate_domain::validation::Problem;

use super::columns::{Column, ColumnMap};
use super::table::Table;
use super::{RowError, RowProblem};
use crate::catalogue::{ProductForm, SkuForm};

/// One product of the file: its form and the row each variant came from.
#[derive(Debug, Clone)]
pub struct Draft {
    pub form: ProductForm,
    /// Spreadsheet row numbers, one per variant in `form.skus`.
    pub rows: Vec<usize>,
    /// Layout problems found while reading its rows.
    pub errors: Vec<RowError>,
}

impl Draft {
    pub fn first_row(&self) -> usize {
        self.rows.first().copied().unwrap_or(0)
    }
}

/// Groups the rows into drafts in the order products first appear. `places` lets a village be
/// named instead of coded.
pub fn drafts(table: &Table, columns: &ColumnMap, places: &[Place]) -> Vec<Draft> {
    let key_column = if columns.has(Column::ProductKey) {
        Column::ProductKey
    } else {
        Column::Title
    };
    let mut keys: Vec<String> = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    for (row, cells) in &table.rows {
        let key = columns.cell(cells, key_column);
        // A row without a key is a product of its own (and its missing title is reported).
        let existing = (!key.is_empty())
            .then(|| keys.iter().position(|k| k == key))
            .flatten();
        match existing {
            Some(index) => drafts[index].add_variant(*row, cells, columns),
            None => {
                keys.push(key.to_owned());
                drafts.push(Draft::start(*row, cells, columns, places));
            }
        }
    }
    drafts
}

impl Draft {
    fn start(row: usize, cells: &[String], columns: &ColumnMap, places: &[Place]) -> Draft {
        let cell = |column| columns.cell(cells, column).to_owned();
        let mut errors = Vec::new();
        let season_months = months(&cell(Column::Months)).unwrap_or_else(|| {
            errors.push(RowError::field(row, "season_months", Problem::Invalid));
            Vec::new()
        });
        let form = ProductForm {
            title: cell(Column::Title),
            title_en: cell(Column::TitleEn),
            description: cell(Column::Description),
            category: cell(Column::Category),
            grade: cell(Column::Grade),
            origin: village_code(&cell(Column::Origin), places),
            season_months,
            presale_ships_from: date(&cell(Column::ShipsFrom)),
            skus: vec![sku(cells, columns)],
        };
        Draft {
            form,
            rows: vec![row],
            errors,
        }
    }

    fn add_variant(&mut self, row: usize, cells: &[String], columns: &ColumnMap) {
        let first_row = self.first_row();
        let first = &self.form;
        let firsts = [
            (Column::Title, first.title.as_str()),
            (Column::TitleEn, &first.title_en),
            (Column::Description, &first.description),
            (Column::Category, &first.category),
            (Column::Grade, &first.grade),
        ];
        for (column, value) in firsts {
            let here = columns.cell(cells, column);
            if !here.is_empty() && here != value {
                self.errors.push(RowError {
                    row,
                    column: Some(column),
                    problem: RowProblem::DiffersFromRow(first_row),
                });
            }
        }
        self.form.skus.push(sku(cells, columns));
        self.rows.push(row);
    }
}

fn sku(cells: &[String], columns: &ColumnMap) -> SkuForm {
    let cell = |column| columns.cell(cells, column).to_owned();
    SkuForm {
        name: cell(Column::Variant),
        price: cell(Column::Price),
        unit: cell(Column::Unit),
        net_weight_g: cell(Column::NetWeight),
        shipping_weight_g: cell(Column::ShippingWeight),
        stock: cell(Column::Stock),
    }
}

/// A village named in Chinese or English becomes its code when the name is unambiguous;
/// anything else is passed on for the product form to accept (a code) or refuse.
fn village_code(text: &str, places: &[Place]) -> String {
    let mut named = places.iter().filter(|place| {
        place.code.level() == PlaceLevel::Village
            && (place.name_zh == text || place.name_en.eq_ignore_ascii_case(text))
    });
    match (named.next(), named.next()) {
        (Some(place), None) => place.code.to_string(),
        _ => text.to_owned(),
    }
}

/// Months as people write them: `8,9,10`, `8、9、10`, `8-10`, `11-2` (over new year), `8月-10月`;
/// empty or `全年` / `all year` for all year. `None` when it cannot be read.
fn months(text: &str) -> Option<Vec<u8>> {
    let text = text.replace('月', "");
    let text = text.trim();
    if text.is_empty() || text == "全年" || text.eq_ignore_ascii_case("all year") {
        return Some(Vec::new());
    }
    let mut months = Vec::new();
    for part in text.split([',', '，', '、', ';', '；', ' ']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (from, to) = part
            .split_once(['-', '–', '~', '～', '至'])
            .unwrap_or((part, part));
        let (from, to) = (month(from)?, month(to)?);
        let mut m = from;
        loop {
            months.push(m);
            if m == to {
                break;
            }
            m = m % 12 + 1;
        }
    }
    Some(months)
}

fn month(text: &str) -> Option<u8> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|m| (1..=12).contains(m))
}

/// `2026/12/1` and `2026.12.1` read as `2026-12-1`; the product form checks the date itself.
fn date(text: &str) -> String {
    text.replace(['/', '.'], "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_as_people_write_them() {
        assert_eq!(months(""), Some(vec![]));
        assert_eq!(months("全年"), Some(vec![]));
        assert_eq!(months("8,9,10"), Some(vec![8, 9, 10]));
        assert_eq!(months("8月-10月"), Some(vec![8, 9, 10]));
        assert_eq!(months("7、9"), Some(vec![7, 9]));
        assert_eq!(months("11-2"), Some(vec![11, 12, 1, 2]));
        assert_eq!(months("13"), None);
        assert_eq!(months("summer"), None);
    }

    #[test]
    fn rows_of_one_title_are_one_product_and_contradictions_are_reported() {
        let row = |n: usize, title: &str, grade: &str, variant: &str, price: &str| {
            let cells = [title, "fruit", grade, "村", variant, "g", price];
            (n, cells.map(String::from).to_vec())
        };
        let header = [
            "title", "category", "grade", "origin", "variant", "unit", "price",
        ];
        let table = Table {
            header: header.map(String::from).to_vec(),
            rows: vec![
                row(2, "枸杞", "特级", "250g", "68"),
                row(3, "藜麦", "一级", "1kg", "30"),
                row(4, "枸杞", "", "500g", "120"),
                row(5, "枸杞", "一级", "1kg", "230"),
            ],
        };
        let columns = ColumnMap::from_header(&table.header).unwrap();
        let drafts = drafts(&table, &columns, &[]);
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].rows, [2, 4, 5]);
        assert_eq!(drafts[0].form.skus[1].price, "120");
        assert_eq!(drafts[0].form.grade, "特级");
        assert_eq!(
            drafts[0].errors,
            [RowError {
                row: 5,
                column: Some(Column::Grade),
                problem: RowProblem::DiffersFromRow(2)
            }]
        );
        assert!(drafts[1].errors.is_empty());
    }
}
