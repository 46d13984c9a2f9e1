//! What an order adds to the bureau's rollups, and what a refund takes away. A cell is one day
//! (in China) × a key of its table (see `cells.rs`); the figures of any period, place, category
//! or channel are sums of cells.
//!
//! The rules, shown beside the figures:
//! - sales are the goods the buyer paid for, after discounts and without shipping, counted on
//!   the day of payment where the **seller** is (the shop's village);
//! - a refund subtracts on the day it is paid back, so a closed period never changes; it comes
//!   out of the goods first, so refunded shipping never takes away sales;
//! - an order counts once, in the category of its largest line (the first, on a tie), so
//!   order counts add up across categories;
//! - a buyer counts once per month, quarter and year in which they paid for an order
//!   (`buyers.rs`);
//! - an order bought in a live session also adds to that session's cell, which has no day: a
//!   session is read whole (see `LiveCell`).

use super::cells::{
    DestinationKey, LiveCell, ProductCell, ProductKey, RollupChange, RollupFigures, SalesKey,
};
use super::{BuyerMonths, Channel};
use crate::allocation::{allocate, AllocationError};
use crate::calendar::CivilDate;
use crate::catalogue::Category;
use crate::id::{AccountId, LiveSessionId, ProductId, ShopId};
use crate::money::Money;
use crate::place::AreaCode;

/// One line of a paid order: its goods after the order's discount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoldLine {
    pub product: ProductId,
    pub category: Category,
    pub goods: Money,
    pub units: i64,
}

/// A paid order as the rollups see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoldOrder {
    pub shop: ShopId,
    pub seller_place: AreaCode,
    pub buyer: AccountId,
    /// The delivery address's province code and county name.
    pub destination: (String, String),
    pub channel: Channel,
    /// The live session the order was bought in, if any.
    pub live_session: Option<LiveSessionId>,
    pub lines: Vec<SoldLine>,
}

impl SoldOrder {
    /// The lines of an order whose lines are worth `values` before a discount that left
    /// `goods`: the discount is shared in proportion to the lines' values.
    pub fn discounted_lines(
        goods: Money,
        lines: Vec<(ProductId, Category, Money, i64)>,
    ) -> Result<Vec<SoldLine>, AllocationError> {
        let values: Vec<Money> = lines.iter().map(|(_, _, value, _)| *value).collect();
        let shares = allocate(goods, &values)?;
        Ok(lines
            .into_iter()
            .zip(shares)
            .map(|((product, category, _, units), goods)| SoldLine {
                product,
                category,
                goods,
                units,
            })
            .collect())
    }

    /// The cells payment on `day` adds to.
    pub fn paid(&self, day: CivilDate) -> RollupChange {
        let mut change = RollupChange::default();
        let main = self.main_line();
        for (index, line) in self.lines.iter().enumerate() {
            let figures = RollupFigures {
                paid_minor: line.goods.minor(),
                refunded_minor: 0,
                orders: i64::from(main == Some(index)),
                units: line.units,
            };
            self.add(&mut change, day, line, &figures);
        }
        if main.is_some() {
            let (year, month) = BuyerMonths::paid_on(day);
            change.buyers.insert((year, self.buyer.clone()), month);
            if let Some(cell) = self.live_cell(&mut change) {
                cell.figures.add(&order_figures(&self.lines));
                cell.buyers.insert(self.buyer.clone());
            }
        }
        change
    }

    /// The cells a refund of `amount` paid back on `day` takes from. `refunded_before` is what
    /// earlier refunds of the order gave back; refunds come out of the goods first, and the
    /// goods part is split across the lines in proportion to their goods.
    pub fn refunded(
        &self,
        day: CivilDate,
        amount: Money,
        refunded_before: Money,
    ) -> Result<RollupChange, AllocationError> {
        let goods: Vec<Money> = self.lines.iter().map(|line| line.goods).collect();
        let total: i64 = goods.iter().map(|goods| goods.minor()).sum();
        let goods_left = total - refunded_before.minor().clamp(0, total);
        let from_goods = Money::fen(amount.minor().clamp(0, goods_left));
        let shares = allocate(from_goods, &goods)?;
        let mut change = RollupChange::default();
        if let Some(cell) = self.live_cell(&mut change) {
            cell.figures.refunded_minor = from_goods.minor();
        }
        for (line, share) in self.lines.iter().zip(shares) {
            let figures = RollupFigures {
                refunded_minor: share.minor(),
                ..RollupFigures::default()
            };
            self.add(&mut change, day, line, &figures);
        }
        Ok(change)
    }

    /// The order's live session cell in `change`, if it was bought in one.
    fn live_cell<'c>(&self, change: &'c mut RollupChange) -> Option<&'c mut LiveCell> {
        let session = self.live_session.clone()?;
        Some(change.live.entry(session).or_default())
    }

    /// The index of the largest line, the first on a tie.
    fn main_line(&self) -> Option<usize> {
        let mut main: Option<(usize, i64)> = None;
        for (index, line) in self.lines.iter().enumerate() {
            if main.is_none_or(|(_, largest)| line.goods.minor() > largest) {
                main = Some((index, line.goods.minor()));
            }
        }
        main.map(|(index, _)| index)
    }

    fn add(
        &self,
        change: &mut RollupChange,
        day: CivilDate,
        line: &SoldLine,
        figures: &RollupFigures,
    ) {
        let sales = SalesKey {
            day,
            seller_place: self.seller_place.clone(),
            category: line.category,
            channel: self.channel,
        };
        change.sales.entry(sales).or_default().add(figures);
        let product = ProductKey {
            day,
            product: line.product.clone(),
            channel: self.channel,
        };
        change
            .products
            .entry(product)
            .or_insert_with(|| ProductCell {
                shop: self.shop.clone(),
                place: self.seller_place.clone(),
                category: line.category,
                figures: RollupFigures::default(),
            })
            .figures
            .add(figures);
        let destination = DestinationKey {
            day,
            province: self.destination.0.clone(),
            county: self.destination.1.clone(),
        };
        change
            .destinations
            .entry(destination)
            .or_default()
            .add(figures);
    }
}

/// A paid order's whole figures: its goods, one order and its units.
fn order_figures(lines: &[SoldLine]) -> RollupFigures {
    RollupFigures {
        paid_minor: lines.iter().map(|line| line.goods.minor()).sum(),
        refunded_minor: 0,
        orders: 1,
        units: lines.iter().map(|line| line.units).sum(),
    }
}

#[cfg(test)]
mod tests;
