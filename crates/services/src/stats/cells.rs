//! A period's rollup cells (seller's place × category × channel), read once and cut every
//! way the figures need: by category, by channel, by township or village, inside a place.

use std::collections::BTreeMap;

use farmgate_domain::place::AreaCode;
use farmgate_domain::stats::RollupFigures;
use farmgate_store::SalesCell;

pub struct PeriodCells(pub Vec<(SalesCell, RollupFigures)>);

impl PeriodCells {
    /// Sums by `key`, in key order; cells without a key are left out.
    pub fn by(&self, key: impl Fn(&SalesCell) -> Option<String>) -> Vec<(String, RollupFigures)> {
        let mut sums: BTreeMap<String, RollupFigures> = BTreeMap::new();
        for (cell, figures) in &self.0 {
            if let Some(key) = key(cell) {
                sums.entry(key).or_default().add(figures);
            }
        }
        sums.into_iter().collect()
    }

    pub fn by_category(&self) -> Vec<(String, RollupFigures)> {
        self.by(|cell| Some(cell.category.clone()))
    }

    pub fn by_channel(&self) -> Vec<(String, RollupFigures)> {
        self.by(|cell| Some(cell.channel.clone()))
    }

    /// By the place code's first `digits` digits: 9 for townships, 12 for villages.
    pub fn by_place(&self, digits: usize) -> Vec<(String, RollupFigures)> {
        self.by(|cell| cell.place.get(..digits).map(str::to_owned))
    }

    /// The sums of sellers in `place` and below.
    pub fn within(&self, place: &AreaCode) -> RollupFigures {
        let mut sum = RollupFigures::default();
        for (cell, figures) in &self.0 {
            if cell.place.starts_with(place.prefix()) {
                sum.add(figures);
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(place: &str, category: &str, channel: &str, paid: i64) -> (SalesCell, RollupFigures) {
        let cell = SalesCell {
            place: place.into(),
            category: category.into(),
            channel: channel.into(),
        };
        let figures = RollupFigures {
            paid_minor: paid,
            ..RollupFigures::default()
        };
        (cell, figures)
    }

    #[test]
    fn cells_add_up_every_way() {
        let cells = PeriodCells(vec![
            cell("632830101203", "fruit", "live", 100),
            cell("632830101204", "fruit", "shelf", 20),
            cell("632830102201", "honey", "live", 3),
        ]);
        let paid = |rows: Vec<(String, RollupFigures)>| -> Vec<(String, i64)> {
            rows.into_iter().map(|(k, f)| (k, f.paid_minor)).collect()
        };
        assert_eq!(
            paid(cells.by_category()),
            [("fruit".into(), 120), ("honey".into(), 3)]
        );
        assert_eq!(
            paid(cells.by_channel()),
            [("live".into(), 103), ("shelf".into(), 20)]
        );
        assert_eq!(
            paid(cells.by_place(9)),
            [("632830101".into(), 120), ("632830102".into(), 3)]
        );
        let township = AreaCode::parse("632830101000").unwrap();
        assert_eq!(cells.within(&township).paid_minor, 120);
        let elsewhere = AreaCode::parse("632821000000").unwrap();
        assert_eq!(cells.within(&elsewhere).paid_minor, 0);
    }
}
