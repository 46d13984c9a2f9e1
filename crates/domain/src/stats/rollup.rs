//! What an order adds to the bureau's rollups, and what a refund takes away. A rollup cell is
//! one day (in China) × the seller's place × category × channel; the figures of any period,
//! place, category or channel are sums of cells.
//!
//! The rules, shown beside the figures:
//! - sales are the goods the buyer paid for, after discounts and without shipping, counted on
//!   the day of payment where the **seller** is (the shop's village);
//! - a refund subtracts on the day it is paid back, so a closed period never changes;
//! - an order counts once, in the category of its largest line (the first, on a tie), so
//!   order counts add up across categories.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Channel;
use crate::allocation::{allocate, AllocationError};
use crate::calendar::CivilDate;
use crate::catalogue::Category;
use crate::money::Money;
use crate::place::AreaCode;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct RollupKey {
    pub day: CivilDate,
    pub seller_place: AreaCode,
    pub category: Category,
    pub channel: Channel,
}

/// The sums a cell keeps, in the currency's minor unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RollupFigures {
    pub paid_minor: i64,
    pub refunded_minor: i64,
    pub orders: i64,
}

impl RollupFigures {
    /// Sales net of refunds.
    pub fn sales_minor(&self) -> i64 {
        self.paid_minor.saturating_sub(self.refunded_minor)
    }

    pub fn add(&mut self, other: &RollupFigures) {
        self.paid_minor = self.paid_minor.saturating_add(other.paid_minor);
        self.refunded_minor = self.refunded_minor.saturating_add(other.refunded_minor);
        self.orders = self.orders.saturating_add(other.orders);
    }
}

/// A paid order as the rollups see it: each line's goods after discount, with its category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoldOrder {
    pub seller_place: AreaCode,
    pub channel: Channel,
    pub lines: Vec<(Category, Money)>,
}

impl SoldOrder {
    /// The cells payment on `day` adds to.
    pub fn paid(&self, day: CivilDate) -> BTreeMap<RollupKey, RollupFigures> {
        let mut cells = BTreeMap::new();
        for (category, goods) in &self.lines {
            self.cell(&mut cells, day, *category).paid_minor += goods.minor();
        }
        if let Some(category) = self.main_category() {
            self.cell(&mut cells, day, category).orders += 1;
        }
        cells
    }

    /// The cells a refund of `amount` paid back on `day` takes from, split across the lines in
    /// proportion to their goods.
    pub fn refunded(
        &self,
        day: CivilDate,
        amount: Money,
    ) -> Result<BTreeMap<RollupKey, RollupFigures>, AllocationError> {
        let goods: Vec<Money> = self.lines.iter().map(|(_, goods)| *goods).collect();
        let shares = allocate(amount, &goods)?;
        let mut cells = BTreeMap::new();
        for ((category, _), share) in self.lines.iter().zip(shares) {
            self.cell(&mut cells, day, *category).refunded_minor += share.minor();
        }
        Ok(cells)
    }

    /// The category of the largest line, the first on a tie.
    fn main_category(&self) -> Option<Category> {
        let mut main: Option<(Category, i64)> = None;
        for (category, goods) in &self.lines {
            if main.is_none_or(|(_, largest)| goods.minor() > largest) {
                main = Some((*category, goods.minor()));
            }
        }
        main.map(|(category, _)| category)
    }

    fn cell<'a>(
        &self,
        cells: &'a mut BTreeMap<RollupKey, RollupFigures>,
        day: CivilDate,
        category: Category,
    ) -> &'a mut RollupFigures {
        cells
            .entry(RollupKey {
                day,
                seller_place: self.seller_place.clone(),
                category,
                channel: self.channel,
            })
            .or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> CivilDate {
        CivilDate::parse(text).unwrap()
    }

    fn order() -> SoldOrder {
        SoldOrder {
            seller_place: AreaCode::parse("632821100201").unwrap(),
            channel: Channel::Live,
            lines: vec![
                (Category::Fruit, Money::fen(6_800)),
                (Category::Seasonings, Money::fen(1_200)),
                (Category::Fruit, Money::fen(3_000)),
            ],
        }
    }

    fn total(cells: &BTreeMap<RollupKey, RollupFigures>) -> RollupFigures {
        let mut sum = RollupFigures::default();
        cells.values().for_each(|cell| sum.add(cell));
        sum
    }

    #[test]
    fn payment_adds_goods_by_category_and_the_order_once() {
        let cells = order().paid(d("2026-11-11"));
        assert_eq!(cells.len(), 2);
        let fruit = cells
            .iter()
            .find(|(k, _)| k.category == Category::Fruit)
            .unwrap();
        assert_eq!((fruit.1.paid_minor, fruit.1.orders), (9_800, 1));
        assert_eq!(fruit.0.channel, Channel::Live);
        assert_eq!(fruit.0.seller_place.as_str(), "632821100201");
        assert_eq!(total(&cells).paid_minor, 11_000);
        assert_eq!(total(&cells).orders, 1);
    }

    #[test]
    fn a_refund_subtracts_on_its_own_day_in_proportion() {
        let cells = order()
            .refunded(d("2026-12-02"), Money::fen(5_500))
            .unwrap();
        assert!(cells.keys().all(|key| key.day == d("2026-12-02")));
        let sum = total(&cells);
        assert_eq!(
            (sum.refunded_minor, sum.orders, sum.paid_minor),
            (5_500, 0, 0)
        );
        let salt = cells
            .iter()
            .find(|(k, _)| k.category == Category::Seasonings)
            .unwrap();
        assert_eq!(salt.1.refunded_minor, 600);

        let mut both = total(&order().paid(d("2026-11-11")));
        both.add(&sum);
        assert_eq!(both.sales_minor(), 5_500);
    }

    #[test]
    fn the_order_counts_in_its_largest_category_the_first_on_a_tie() {
        let tie = SoldOrder {
            lines: vec![
                (Category::Honey, Money::fen(500)),
                (Category::Grain, Money::fen(500)),
            ],
            ..order()
        };
        let cells = tie.paid(d("2026-11-11"));
        let counted: Vec<_> = cells
            .iter()
            .filter(|(_, f)| f.orders == 1)
            .map(|(k, _)| k.category)
            .collect();
        assert_eq!(counted, [Category::Honey]);
    }

    #[test]
    fn an_order_without_lines_adds_nothing_and_cannot_be_refunded() {
        let empty = SoldOrder {
            lines: Vec::new(),
            ..order()
        };
        assert!(empty.paid(d("2026-11-11")).is_empty());
        assert!(empty.refunded(d("2026-11-11"), Money::fen(1)).is_err());
    }
}
