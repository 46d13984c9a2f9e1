//! What the demo's village e-commerce leader has brought: neighbours who opened their links
//! and bought over the last three weeks — delivered (the commission earned), on the way, and
//! just paid (pending) — and visitors who only looked.

use crate::group_buys::all_year;
use crate::rng::Rng;
use crate::DemoPlan;

const SALE_STREAM: u64 = 41;
const SALES: usize = 9;
const IDLE_CLICKS: usize = 7;
/// The neighbours of `DemoGroupBuys::members` who buy.
const NEIGHBOURS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLeaderSales {
    pub sales: Vec<DemoLeaderSale>,
    /// Links opened by visitors who did not buy: (product, hours ago).
    pub idle_clicks: Vec<(usize, i64)>,
}

/// A neighbour opening the leader's link to a product, then buying it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLeaderSale {
    /// Index into `DemoGroupBuys::members`.
    pub buyer: usize,
    /// Index into [`DemoPlan::products`], and into its variants.
    pub product: usize,
    pub sku: usize,
    pub quantity: i64,
    pub clicked_hours_ago: i64,
    /// Hours from the click to the order: always within the default 7-day window.
    pub ordered_after_hours: i64,
    pub fate: SaleFate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaleFate {
    Paid,
    Shipped,
    Delivered,
}

/// The demo leader's sales for `plan`.
pub fn leader_sales(plan: &DemoPlan, seed: u64) -> DemoLeaderSales {
    let mut rng = Rng::stream(seed, SALE_STREAM);
    let stocked: Vec<(usize, usize)> = plan
        .products
        .iter()
        .enumerate()
        .filter(|(_, p)| all_year(p))
        .flat_map(|(i, p)| {
            p.skus
                .iter()
                .enumerate()
                .filter(|(_, sku)| sku.stock >= 20)
                .map(move |(s, _)| (i, s))
        })
        .collect();
    if stocked.is_empty() {
        return DemoLeaderSales {
            sales: Vec::new(),
            idle_clicks: Vec::new(),
        };
    }
    let sales = (0..SALES)
        .map(|n| {
            let &(product, sku) = rng.pick(&stocked);
            // Spread from three weeks ago to yesterday, the oldest first.
            let days_ago = 21 - (n * 20 / (SALES - 1)) as i64;
            let clicked_hours_ago = 24 * days_ago + i64::from(rng.between(0, 10));
            let fate = match clicked_hours_ago {
                h if h > 8 * 24 => SaleFate::Delivered,
                h if h > 3 * 24 => SaleFate::Shipped,
                _ => SaleFate::Paid,
            };
            DemoLeaderSale {
                buyer: n % NEIGHBOURS,
                product,
                sku,
                quantity: i64::from(rng.between(1, 2)),
                clicked_hours_ago,
                ordered_after_hours: i64::from(rng.between(0, 6)),
                fate,
            }
        })
        .collect();
    let idle_clicks = (0..IDLE_CLICKS)
        .map(|_| (rng.pick(&stocked).0, i64::from(rng.between(1, 20 * 24))))
        .collect();
    DemoLeaderSales { sales, idle_clicks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan;

    #[test]
    fn sales_are_in_every_state_and_inside_the_window() {
        let demo = leader_sales(&plan(7), 7);
        assert_eq!(demo.sales.len(), SALES);
        for fate in [SaleFate::Paid, SaleFate::Shipped, SaleFate::Delivered] {
            assert!(demo.sales.iter().any(|s| s.fate == fate), "{fate:?}");
        }
        assert!(
            demo.sales
                .iter()
                .all(|s| s.ordered_after_hours < 7 * 24
                    && s.ordered_after_hours < s.clicked_hours_ago)
        );
        assert_eq!(
            demo,
            leader_sales(&plan(7), 7),
            "the same seed, the same sales"
        );
    }
}
