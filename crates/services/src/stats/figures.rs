//! From rollup sums to the figures the bureau reads: each figure in its period, the same period
//! last year and the period before, with growth stated honestly; the headline definitions.

use farmgate_domain::catalogue::{AgriculturalStage, Category};
use farmgate_domain::stats::{
    BuyerPeriod, Channel, Growth, Period, PeriodKind, RollupFigures, MIN_BASE_FEN,
};
use farmgate_store::BuyerCounts;
use serde::Serialize;

/// One figure in the period, the same period last year, and the period just before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub now: i64,
    pub last_year: i64,
    pub previous: i64,
    pub year_on_year: Growth,
    /// Quarter-on-quarter for a quarter, month-on-month for a month, and so on.
    pub on_previous: Growth,
}

impl Figure {
    /// Money in fen: no percentage over a base under ¥1,000.
    pub fn money(now: i64, last_year: i64, previous: i64) -> Figure {
        Figure::with_base(now, last_year, previous, MIN_BASE_FEN)
    }

    /// Counts, and rates in basis points.
    pub fn counted(now: i64, last_year: i64, previous: i64) -> Figure {
        Figure::with_base(now, last_year, previous, 1)
    }

    fn with_base(now: i64, last_year: i64, previous: i64, min_base: i64) -> Figure {
        Figure {
            now,
            last_year,
            previous,
            year_on_year: Growth::of(now, last_year, min_base),
            on_previous: Growth::of(now, previous, min_base),
        }
    }
}

/// The figures the summary heads with, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureId {
    /// Paid goods net of refunds, where the seller is.
    OnlineRetailSales,
    /// The same for physical goods: everything Farmgate sells is a good.
    PhysicalGoodsSales,
    /// Categories that are agricultural products, primary and processed.
    AgriculturalSales,
    AgriculturalPrimarySales,
    AgriculturalProcessedSales,
    /// Sellers located in the county and below.
    RuralSales,
    /// Goods delivered into the county, by where the buyer is; county-wide only.
    DownSales,
    Orders,
    /// Paid goods per order, before refunds.
    AverageOrderValue,
    Refunds,
    /// Buyers who paid in the calendar period; county-wide months, quarters and years only.
    Buyers,
    /// Buyers with two or more orders, in basis points of buyers.
    RepeatBuyerRate,
    /// Shops with paid orders in the period.
    ProducersWithSales,
    /// Live sessions that went live in the period.
    LiveSessions,
    /// Those sessions' paid goods net of refunds, whenever paid (a session counts whole).
    LiveSessionSales,
    /// Each session's distinct paying buyers, summed over the sessions.
    LiveBuyers,
    /// Each session's distinct viewers as its room counted them, summed.
    LiveViewers,
    /// Buyers ÷ viewers over the sessions whose viewers were counted, in basis points.
    LiveConversion,
    /// Delivery runs that went out in the period.
    Runs,
    /// Parcels those runs carried.
    ParcelsCarried,
    /// Parcels that rode with another carrier's parcels, of those carried, in basis points.
    CoDistributionRate,
    /// The county's rural villages a run's stop was done in.
    VillagesReached,
    /// Those villages, of all the county's rural villages, in basis points.
    VillageCoverage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Fen,
    Count,
    BasisPoints,
}

impl FigureId {
    pub const fn unit(self) -> Unit {
        match self {
            FigureId::Orders
            | FigureId::Buyers
            | FigureId::ProducersWithSales
            | FigureId::LiveSessions
            | FigureId::LiveBuyers
            | FigureId::LiveViewers
            | FigureId::Runs
            | FigureId::ParcelsCarried
            | FigureId::VillagesReached => Unit::Count,
            FigureId::RepeatBuyerRate
            | FigureId::LiveConversion
            | FigureId::CoDistributionRate
            | FigureId::VillageCoverage => Unit::BasisPoints,
            FigureId::OnlineRetailSales
            | FigureId::PhysicalGoodsSales
            | FigureId::AgriculturalSales
            | FigureId::AgriculturalPrimarySales
            | FigureId::AgriculturalProcessedSales
            | FigureId::RuralSales
            | FigureId::DownSales
            | FigureId::AverageOrderValue
            | FigureId::LiveSessionSales
            | FigureId::Refunds => Unit::Fen,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Headline {
    pub id: FigureId,
    pub unit: Unit,
    pub figure: Figure,
}

impl Headline {
    /// The figure of `id` from its values now, last year and in the period before, stated as
    /// its unit asks (money gets no percentage over a small base).
    pub fn of(id: FigureId, values: [i64; 3]) -> Headline {
        let [now, last_year, previous] = values;
        let unit = id.unit();
        let figure = match unit {
            Unit::Fen => Figure::money(now, last_year, previous),
            Unit::Count | Unit::BasisPoints => Figure::counted(now, last_year, previous),
        };
        Headline { id, unit, figure }
    }
}

/// A product or producer in a top list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranked {
    pub id: String,
    pub name: String,
    pub sales_minor: i64,
    pub orders: i64,
    pub units: i64,
}

impl Ranked {
    pub fn new(id: String, name: String, figures: &RollupFigures) -> Ranked {
        Ranked {
            id,
            name,
            sales_minor: figures.sales_minor(),
            orders: figures.orders,
            units: figures.units,
        }
    }
}

/// A key of `sales_by`'s rows, read back.
pub trait Key: Sized {
    fn read(key: &str) -> Option<Self>;
}

impl Key for String {
    fn read(key: &str) -> Option<Self> {
        Some(key.to_owned())
    }
}

impl Key for Channel {
    fn read(key: &str) -> Option<Self> {
        Channel::parse(key)
    }
}

impl Key for Category {
    fn read(key: &str) -> Option<Self> {
        Category::parse(key)
    }
}

/// Rows of the period, last year and the period before, joined by key into net-sales
/// figures, largest now first.
pub fn joined<K: Key>(rows: &[Vec<(String, RollupFigures)>]) -> Vec<(K, Figure)> {
    let sales = |period: usize, key: &str| -> i64 {
        rows.get(period)
            .and_then(|rows| rows.iter().find(|(k, _)| k == key))
            .map_or(0, |(_, f)| f.sales_minor())
    };
    let mut keys: Vec<&str> = Vec::new();
    for (key, _) in rows.iter().flatten() {
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
    }
    let mut joined: Vec<(K, Figure)> = keys
        .into_iter()
        .filter_map(|key| {
            let figure = Figure::money(sales(0, key), sales(1, key), sales(2, key));
            Some((K::read(key)?, figure))
        })
        .collect();
    joined.sort_by_key(|(_, figure)| std::cmp::Reverse(figure.now));
    joined
}

/// The headline figures from each period's sums by category (now, last year, previous), the
/// rural sums, the down sums (none when the request is narrowed: destinations are kept for the
/// whole county only), the buyers and the producers with sales.
pub fn headlines(
    by_category: &[Vec<(String, RollupFigures)>],
    rural: &[RollupFigures],
    down: Option<[i64; 3]>,
    buyers: Option<[Figure; 2]>,
    producers: Figure,
) -> Vec<Headline> {
    let sums = |keep: &dyn Fn(Category) -> bool| -> [RollupFigures; 3] {
        std::array::from_fn(|period| {
            let mut sum = RollupFigures::default();
            for (key, figures) in by_category.get(period).into_iter().flatten() {
                if Category::parse(key).is_some_and(keep) {
                    sum.add(figures);
                }
            }
            sum
        })
    };
    let all = sums(&|_| true);
    let agricultural = sums(&Category::is_agricultural);
    let primary = sums(&|c| c.stage() == Some(AgriculturalStage::Primary));
    let processed = sums(&|c| c.stage() == Some(AgriculturalStage::Processed));
    let net = |s: &[RollupFigures; 3]| s.map(|f| f.sales_minor());
    let rural = [0, 1, 2].map(|i| rural.get(i).map_or(0, RollupFigures::sales_minor));
    let average = |f: RollupFigures| f.paid_minor.checked_div(f.orders).unwrap_or(0);
    let mut headlines: Vec<Headline> = [
        (FigureId::OnlineRetailSales, net(&all)),
        (FigureId::PhysicalGoodsSales, net(&all)),
        (FigureId::AgriculturalSales, net(&agricultural)),
        (FigureId::AgriculturalPrimarySales, net(&primary)),
        (FigureId::AgriculturalProcessedSales, net(&processed)),
        (FigureId::RuralSales, rural),
        (FigureId::Orders, all.map(|f| f.orders)),
        (FigureId::AverageOrderValue, all.map(average)),
        (FigureId::Refunds, all.map(|f| f.refunded_minor)),
    ]
    .into_iter()
    .map(|(id, values)| Headline::of(id, values))
    .collect();
    if let Some(down) = down {
        headlines.insert(6, Headline::of(FigureId::DownSales, down));
    }
    let figure = |id: FigureId, figure: Figure| Headline {
        id,
        unit: id.unit(),
        figure,
    };
    if let Some([buyers, repeat]) = buyers {
        headlines.push(figure(FigureId::Buyers, buyers));
        headlines.push(figure(FigureId::RepeatBuyerRate, repeat));
    }
    headlines.push(figure(FigureId::ProducersWithSales, producers));
    headlines
}

/// The calendar period buyers are counted for, if the period is one.
pub fn buyer_period(period: Period) -> Option<BuyerPeriod> {
    let [month, quarter, year] = BuyerPeriod::of(period.from);
    match period.kind {
        PeriodKind::Month => Some(month),
        PeriodKind::Quarter => Some(quarter),
        PeriodKind::Year => Some(year),
        _ => None,
    }
}

/// Buyers, and the repeat-buyer rate in basis points, in the three periods.
pub fn buyer_figures(counts: &[BuyerCounts]) -> [Figure; 2] {
    let get = |i: usize| counts.get(i).copied().unwrap_or_default();
    let rate = |c: BuyerCounts| {
        (c.repeat_buyers * 10_000)
            .checked_div(c.buyers)
            .unwrap_or(0)
    };
    [
        Figure::counted(get(0).buyers, get(1).buyers, get(2).buyers),
        Figure::counted(rate(get(0)), rate(get(1)), rate(get(2))),
    ]
}

/// Net sales by quarter of `year` and of the year before, from sales by month (`yyyymm`).
pub fn quarters(months: &[(i64, i64)], year: i64) -> Vec<(u8, i64, i64)> {
    (1..=4u8)
        .map(|quarter| {
            let within = |y: i64| -> i64 {
                months
                    .iter()
                    .filter(|(m, _)| m / 100 == y && (m % 100 - 1) / 3 + 1 == i64::from(quarter))
                    .map(|(_, sales)| sales)
                    .sum()
            };
            (quarter, within(year), within(year - 1))
        })
        .collect()
}

#[cfg(test)]
mod tests;
