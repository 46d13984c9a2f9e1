//! The rollup cells an order event changes. Each table the dashboards read has its own key; all
//! keep the same figures, and a change is a set of cells to add to, merged before it is written
//! so one cell is written once.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{BuyerMonths, Channel};
use crate::calendar::CivilDate;
use crate::catalogue::Category;
use crate::id::{AccountId, LiveSessionId, ProductId, ShopId};
use crate::place::AreaCode;

/// The sums a cell keeps: money in the currency's minor unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RollupFigures {
    pub paid_minor: i64,
    pub refunded_minor: i64,
    pub orders: i64,
    /// Units sold (a line's quantity); refunds do not take them back.
    pub units: i64,
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
        self.units = self.units.saturating_add(other.units);
    }
}

/// Sales where the seller is: the cell of the bureau's main figures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SalesKey {
    pub day: CivilDate,
    pub seller_place: AreaCode,
    pub category: Category,
    pub channel: Channel,
}

/// One product's sales, for the top products.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ProductKey {
    pub day: CivilDate,
    pub product: ProductId,
    pub channel: Channel,
}

/// Sales by where the buyer is: the province code and county name of the delivery address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct DestinationKey {
    pub day: CivilDate,
    pub province: String,
    pub county: String,
}

/// A product's shop, place and category, kept beside its cells for scoped rankings and for a
/// shop's own figures (a shop's sums are its products' sums).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProductCell {
    pub shop: ShopId,
    pub place: AreaCode,
    pub category: Category,
    pub figures: RollupFigures,
}

/// A live session's sales, whenever its orders were paid or refunded: the bureau reads a
/// session whole, in the period it went live in. Its buyers are kept as a set, so one who pays
/// twice in a session counts once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveCell {
    pub figures: RollupFigures,
    pub buyers: BTreeSet<AccountId>,
}

/// The calendar periods buyers are counted in: a buyer counts once per period, however many
/// orders they pay in it, so buyer counts cannot be summed from days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum BuyerPeriod {
    /// `yyyymm`.
    Month(i64),
    /// `yyyyq`, the quarter 1 to 4.
    Quarter(i64),
    /// `yyyy`.
    Year(i64),
}

impl BuyerPeriod {
    /// The month, quarter and year a day falls in.
    pub fn of(day: CivilDate) -> [BuyerPeriod; 3] {
        let month = i64::from(day.month.number());
        [
            BuyerPeriod::Month(day.year * 100 + month),
            BuyerPeriod::Quarter(day.year * 10 + (month - 1) / 3 + 1),
            BuyerPeriod::Year(day.year),
        ]
    }

    pub const fn grain(self) -> &'static str {
        match self {
            BuyerPeriod::Month(_) => "m",
            BuyerPeriod::Quarter(_) => "q",
            BuyerPeriod::Year(_) => "y",
        }
    }

    pub const fn number(self) -> i64 {
        match self {
            BuyerPeriod::Month(n) | BuyerPeriod::Quarter(n) | BuyerPeriod::Year(n) => n,
        }
    }
}

/// Everything one event (or a rebuild's many) adds to the rollups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RollupChange {
    pub sales: BTreeMap<SalesKey, RollupFigures>,
    pub products: BTreeMap<ProductKey, ProductCell>,
    pub destinations: BTreeMap<DestinationKey, RollupFigures>,
    /// The months each buyer paid in, per year.
    pub buyers: BTreeMap<(i64, AccountId), BuyerMonths>,
    pub live: BTreeMap<LiveSessionId, LiveCell>,
}

impl RollupChange {
    pub fn is_empty(&self) -> bool {
        self.sales.is_empty() && self.buyers.is_empty()
    }

    /// Adds another change into this one, cell by cell.
    pub fn merge(&mut self, other: RollupChange) {
        for (key, figures) in other.sales {
            self.sales.entry(key).or_default().add(&figures);
        }
        for (key, cell) in other.products {
            match self.products.get_mut(&key) {
                Some(mine) => mine.figures.add(&cell.figures),
                None => {
                    self.products.insert(key, cell);
                }
            }
        }
        for (key, figures) in other.destinations {
            self.destinations.entry(key).or_default().add(&figures);
        }
        for (key, months) in other.buyers {
            let mine = self.buyers.entry(key).or_default();
            *mine = mine.merge(months);
        }
        for (session, cell) in other.live {
            let mine = self.live.entry(session).or_default();
            mine.figures.add(&cell.figures);
            mine.buyers.extend(cell.buyers);
        }
    }

    /// The figures of every sales cell added up.
    pub fn sales_total(&self) -> RollupFigures {
        let mut total = RollupFigures::default();
        self.sales.values().for_each(|figures| total.add(figures));
        total
    }
}
