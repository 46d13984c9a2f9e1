use farmgate_domain::calendar::CivilDate;
use farmgate_domain::stats::Channel;
use farmgate_domain::time::Timestamp;

use super::*;
use crate::{plan, DEFAULT_SEED};

fn date(text: &str) -> CivilDate {
    CivilDate::parse(text).unwrap()
}

/// The demo made at ten in the morning of 23 November 2026, China time.
fn made_at() -> Timestamp {
    date("2026-11-23").start_in_china().plus_millis(10 * 3_600_000)
}

fn demo_history() -> DemoHistory {
    history(&plan(DEFAULT_SEED), DEFAULT_SEED, made_at())
}

/// Goods paid for (after coupons, without shipping) and orders, on the days from `from` to
/// `to`, both included.
fn sales(history: &DemoHistory, from: &str, to: &str) -> (i64, usize) {
    let (from, to) = (date(from), date(to));
    let within: Vec<&DemoOrder> = history
        .orders
        .iter()
        .filter(|o| (from..=to).contains(&CivilDate::in_china(o.paid_at)))
        .collect();
    (within.iter().map(|o| o.goods_fen()).sum(), within.len())
}

#[test]
fn print_sizes() {
    let h = demo_history();
    println!("from {} orders {}", h.from, h.orders.len());
    for (a, b) in [("2024-11-01", "2025-10-31"), ("2025-11-01", "2026-10-31"), ("2025-01-01", "2025-11-22"), ("2026-01-01", "2026-11-22"), ("2025-11-01", "2025-11-30"), ("2025-11-11", "2025-11-11"), ("2025-11-18", "2025-11-18")] {
        println!("{a}..{b}: {:?}", sales(&h, a, b));
    }
    let refunds = h.orders.iter().filter(|o| o.refund.is_some()).count();
    println!("refunds {refunds}");
}
