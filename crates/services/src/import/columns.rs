//! The import file's columns: what each is called in Chinese and English (either is accepted,
//! with or without a unit in brackets), which are required, and where each lives in a file.

use super::table::FileProblem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Title,
    TitleEn,
    Category,
    Grade,
    Origin,
    Description,
    Months,
    ShipsFrom,
    Variant,
    Unit,
    NetWeight,
    ShippingWeight,
    Price,
    Stock,
    /// Rows with the same key are one product; without the column, rows with the same title are.
    ProductKey,
}

impl Column {
    /// In the template's order.
    pub const ALL: [Column; 15] = [
        Column::Title,
        Column::TitleEn,
        Column::Category,
        Column::Grade,
        Column::Origin,
        Column::Description,
        Column::Months,
        Column::ShipsFrom,
        Column::Variant,
        Column::Unit,
        Column::NetWeight,
        Column::ShippingWeight,
        Column::Price,
        Column::Stock,
        Column::ProductKey,
    ];

    /// (Chinese header, English header, other accepted names), as the template writes them.
    const fn names(self) -> (&'static str, &'static str, &'static [&'static str]) {
        match self {
            Column::Title => ("商品标题", "title", &["标题", "商品名称", "品名"]),
            Column::TitleEn => ("英文标题", "english title", &["title_en", "title en"]),
            Column::Category => ("分类", "category", &["类目", "品类"]),
            Column::Grade => ("等级", "grade", &["品级"]),
            Column::Origin => ("产地村", "origin village", &["产地", "origin", "village"]),
            Column::Description => ("描述", "description", &["商品描述", "详情"]),
            Column::Months => (
                "上市月份",
                "available months",
                &["月份", "months", "season"],
            ),
            Column::ShipsFrom => (
                "预售发货日期",
                "pre-sale ships from",
                &[
                    "预售发货",
                    "发货日期",
                    "ships from",
                    "ships_from",
                    "presale",
                ],
            ),
            Column::Variant => ("规格名称", "variant", &["规格", "variant name", "sku"]),
            Column::Unit => ("单位", "unit", &["计量单位"]),
            Column::NetWeight => ("净重(克)", "net weight (g)", &["净重", "net_weight_g"]),
            Column::ShippingWeight => (
                "运输重量(克)",
                "shipping weight (g)",
                &["运输重量", "毛重", "shipping_weight_g"],
            ),
            Column::Price => ("价格(元)", "price (yuan)", &["价格", "单价", "售价"]),
            Column::Stock => ("库存", "stock", &["库存数量"]),
            Column::ProductKey => ("商品编号", "product key", &["编号", "key", "product_key"]),
        }
    }

    pub const fn header_zh(self) -> &'static str {
        self.names().0
    }

    pub const fn header_en(self) -> &'static str {
        self.names().1
    }

    /// What a product cannot be made without; the rest may be left out of a file.
    pub const fn is_required(self) -> bool {
        matches!(
            self,
            Column::Title
                | Column::Category
                | Column::Grade
                | Column::Origin
                | Column::Variant
                | Column::Unit
                | Column::Price
        )
    }

    /// Whether the column describes the product (the same on each of its rows) rather than
    /// one variant.
    pub const fn is_product_level(self) -> bool {
        matches!(
            self,
            Column::Title
                | Column::TitleEn
                | Column::Category
                | Column::Grade
                | Column::Origin
                | Column::Description
                | Column::Months
                | Column::ShipsFrom
        )
    }

    /// The column a form field's problem belongs to.
    pub fn for_field(field: &str) -> Option<Column> {
        Some(match field {
            "title" => Column::Title,
            "title_en" => Column::TitleEn,
            "category" => Column::Category,
            "grade" => Column::Grade,
            "origin" => Column::Origin,
            "description" => Column::Description,
            "season_months" => Column::Months,
            "ships_from" => Column::ShipsFrom,
            "sku_name" => Column::Variant,
            "unit" => Column::Unit,
            "net_weight_g" => Column::NetWeight,
            "shipping_weight_g" => Column::ShippingWeight,
            "price" | "price_fen" => Column::Price,
            "stock" => Column::Stock,
            _ => return None,
        })
    }

    fn matches(self, header: &str) -> bool {
        let (zh, en, others) = self.names();
        let wanted = normalise(header);
        [zh, en]
            .iter()
            .chain(others)
            .any(|name| normalise(name) == wanted)
    }
}

/// Case, spaces, underscores and a unit in brackets do not matter: `价格（元）`, `Price`,
/// `price (yuan)` are one column.
fn normalise(header: &str) -> String {
    let header = header.trim().trim_start_matches('\u{feff}');
    let without_unit = header
        .find(['(', '（'])
        .map_or(header, |start| &header[..start]);
    without_unit
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where each known column is in a file's header row.
#[derive(Debug, Clone, Default)]
pub struct ColumnMap(Vec<(Column, usize)>);

impl ColumnMap {
    /// Finds the columns; unknown headers (a producer's own notes) are ignored.
    pub fn from_header(header: &[String]) -> Result<ColumnMap, FileProblem> {
        let mut found = Vec::new();
        for (index, name) in header.iter().enumerate() {
            let Some(column) = Column::ALL.into_iter().find(|c| c.matches(name)) else {
                continue;
            };
            if found.iter().any(|(known, _)| *known == column) {
                return Err(FileProblem::DuplicateColumn(column));
            }
            found.push((column, index));
        }
        let missing: Vec<Column> = Column::ALL
            .into_iter()
            .filter(|c| c.is_required() && !found.iter().any(|(known, _)| known == c))
            .collect();
        if missing.is_empty() {
            Ok(ColumnMap(found))
        } else {
            Err(FileProblem::MissingColumns(missing))
        }
    }

    pub fn has(&self, column: Column) -> bool {
        self.0.iter().any(|(known, _)| *known == column)
    }

    /// The cell of `column` in a row, trimmed; empty when the column or the cell is absent.
    pub fn cell<'a>(&self, row: &'a [String], column: Column) -> &'a str {
        self.0
            .iter()
            .find(|(known, _)| *known == column)
            .and_then(|(_, index)| row.get(*index))
            .map_or("", |cell| cell.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn chinese_and_english_headers_are_both_understood() {
        let zh: Vec<String> = Column::ALL.iter().map(|c| c.header_zh().into()).collect();
        let en: Vec<String> = Column::ALL.iter().map(|c| c.header_en().into()).collect();
        for names in [zh, en] {
            let map = ColumnMap::from_header(&names).unwrap();
            assert!(Column::ALL.iter().all(|c| map.has(*c)), "{names:?}");
        }
        let loose = header(&[
            "Title",
            "分类",
            "GRADE",
            "产地",
            "规格",
            "Unit",
            "价格（元）",
            "备注",
        ]);
        let map = ColumnMap::from_header(&loose).unwrap();
        let row = header(&["枸杞", "fruit", "特级", "沟里村", "250g", "g", " 68 ", "x"]);
        assert_eq!(map.cell(&row, Column::Price), "68");
        assert_eq!(
            map.cell(&row, Column::Stock),
            "",
            "an absent column reads empty"
        );
    }

    #[test]
    fn missing_and_doubled_columns_are_file_problems() {
        assert_eq!(
            ColumnMap::from_header(&header(&["title", "grade", "unit", "stock"])).unwrap_err(),
            FileProblem::MissingColumns(vec![
                Column::Category,
                Column::Origin,
                Column::Variant,
                Column::Price
            ])
        );
        assert_eq!(
            ColumnMap::from_header(&header(&["价格", "price (yuan)"])).unwrap_err(),
            FileProblem::DuplicateColumn(Column::Price)
        );
    }
}
