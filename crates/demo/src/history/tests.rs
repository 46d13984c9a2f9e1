use farmgate_domain::calendar::CivilDate;
use farmgate_domain::stats::Channel;
use farmgate_domain::time::Timestamp;

use super::*;
use crate::{plan, DEFAULT_SEED};

fn date(text: &str) -> CivilDate {
    CivilDate::parse(text).unwrap()
}

/// Ten in the morning of `day`, China time.
fn morning(day: &str) -> Timestamp {
    date(day).start_in_china().plus_millis(10 * 3_600_000)
}

fn history_made(day: &str) -> DemoHistory {
    history(&plan(DEFAULT_SEED), DEFAULT_SEED, morning(day))
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
fn the_same_seed_gives_the_same_orders_and_a_known_november() {
    let first = history_made("2026-11-23");
    assert_eq!(first, history_made("2026-11-23"));
    assert_eq!(first.from, date("2024-11-01"));
    assert_eq!(first.today, date("2026-11-23"));
    // November 2025, paid: the figure the bureau's tests and the demo's rollups can rely on.
    assert_eq!(
        sales(&first, "2025-11-01", "2025-11-30"),
        (63_824_790, 2_810)
    );
    // A day's orders depend on the date alone, not on when the demo is made.
    let later = history_made("2027-03-02");
    assert_eq!(
        sales(&later, "2025-11-01", "2025-11-30"),
        sales(&first, "2025-11-01", "2025-11-30")
    );
    let other = history(&plan(7), 7, morning("2026-11-23"));
    assert_ne!(
        sales(&other, "2025-11-01", "2025-11-30"),
        sales(&first, "2025-11-01", "2025-11-30")
    );
}

#[test]
fn history_ends_before_today_and_steps_never_pass_now() {
    let made = morning("2026-11-23");
    let history = history_made("2026-11-23");
    let today = date("2026-11-23").start_in_china().millis();
    assert!(history.orders.iter().all(|o| o.paid_at.millis() < today));
    for order in &history.orders {
        let steps = [
            order.shipped.as_ref().map(|s| s.2),
            order.delivered_at,
            order.completed_at,
            order.refund.as_ref().map(|r| r.refunded_at),
        ];
        assert!(steps.iter().flatten().all(|at| at.millis() < made.millis()));
        assert!(order.goods_fen() > 0 && order.discount_fen < order.lines_fen());
        if let Some(refund) = &order.refund {
            assert!(refund.amount_fen > 0 && refund.amount_fen <= order.total_fen());
        }
    }
    // Yesterday's orders have not all arrived; two-year-old ones all have.
    let recent = sales(&history, "2026-11-22", "2026-11-22").1;
    assert!(recent > 0);
    let old = history
        .orders
        .iter()
        .filter(|o| CivilDate::in_china(o.paid_at) < date("2025-01-01"));
    assert!(old
        .into_iter()
        .all(|o| o.completed_at.is_some() || o.refund.is_some()));
}

#[test]
fn double_eleven_the_new_year_festival_and_harvests_show() {
    let history = history_made("2026-11-23");
    let (double_eleven, _) = sales(&history, "2025-11-11", "2025-11-11");
    let (ordinary, _) = sales(&history, "2025-11-18", "2025-11-18");
    assert!(
        double_eleven > 4 * ordinary,
        "Double 11 {double_eleven} against {ordinary}"
    );
    // Ten days before Spring Festival 2026 (17 February) against the holiday week itself.
    let (goods_festival, _) = sales(&history, "2026-02-05", "2026-02-09");
    let (holiday, _) = sales(&history, "2026-02-17", "2026-02-21");
    assert!(goods_festival > 3 * holiday);
    // Yak meat sells in late autumn, not in spring.
    let plan = plan(DEFAULT_SEED);
    let yak = |month: u8| -> usize {
        history
            .orders
            .iter()
            .filter(|o| {
                let day = CivilDate::in_china(o.paid_at);
                day.year == 2025 && day.month.number() == month
            })
            .flat_map(|o| &o.lines)
            .filter(|l| plan.products[l.product].specialty == crate::Specialty::YakMeat)
            .count()
    };
    assert!(
        yak(11) > 2 * yak(4),
        "{} in November, {} in April",
        yak(11),
        yak(4)
    );
}

#[test]
fn each_year_sells_more_than_the_last_and_live_grows_fastest() {
    let history = history_made("2026-11-23");
    let (last_year, _) = sales(&history, "2025-01-01", "2025-11-22");
    let (this_year, _) = sales(&history, "2026-01-01", "2026-11-22");
    let growth = (this_year - last_year) * 100 / last_year;
    assert!((15..=40).contains(&growth), "{growth} %");
    let live = |from: &str, to: &str| -> i64 {
        let (from, to) = (date(from), date(to));
        history
            .orders
            .iter()
            .filter(|o| o.channel == Channel::Live)
            .filter(|o| (from..=to).contains(&CivilDate::in_china(o.paid_at)))
            .map(DemoOrder::goods_fen)
            .sum()
    };
    let live_growth = (live("2026-01-01", "2026-11-22") - live("2025-01-01", "2025-11-22")) * 100
        / live("2025-01-01", "2025-11-22");
    assert!(
        live_growth > 2 * growth,
        "live {live_growth} %, all {growth} %"
    );
    for channel in Channel::ALL {
        assert!(
            history.orders.iter().any(|o| o.channel == channel),
            "{channel:?}"
        );
    }
}

#[test]
fn buyers_are_nationwide_some_at_home_and_refunds_are_few() {
    let history = history_made("2026-11-23");
    let provinces: std::collections::HashSet<&str> =
        history.buyers.iter().map(|b| b.province.as_str()).collect();
    assert!(provinces.len() > 20);
    let at_home = history
        .orders
        .iter()
        .filter(|o| history.buyers[o.buyer].county == "雪源县")
        .count();
    assert!(
        at_home * 100 > history.orders.len() * 2,
        "{at_home} sent down into the county"
    );
    let refunded = history.orders.iter().filter(|o| o.refund.is_some()).count();
    let share = refunded * 1_000 / history.orders.len();
    assert!((30..=60).contains(&share), "{share} ‰ refunded");
    let partial = history
        .orders
        .iter()
        .filter(|o| {
            o.refund
                .as_ref()
                .is_some_and(|r| r.amount_fen < o.goods_fen())
        })
        .count();
    assert!(partial * 2 > refunded, "most refunds are partial");
    let discounted = history.orders.iter().filter(|o| o.discount_fen > 0).count();
    assert!(discounted * 10 > history.orders.len());
}

#[test]
fn live_orders_are_bought_in_their_shops_evening_session() {
    let history = history_made("2026-11-23");
    let mut sold_in = vec![0; history.sessions.len()];
    for order in &history.orders {
        let Some(index) = order.live_session else {
            assert_ne!(order.channel, Channel::Live, "a live order has its session");
            continue;
        };
        let session = &history.sessions[index];
        assert_eq!(session.producer, order.producer);
        assert!(session.went_live_at <= order.placed_at && order.paid_at < session.ended_at);
        assert_eq!(
            CivilDate::in_china(session.went_live_at),
            CivilDate::in_china(order.paid_at)
        );
        sold_in[index] += 1;
    }
    assert!(
        sold_in.iter().all(|orders| *orders > 0),
        "every session sold"
    );
    assert!(history.sessions.len() > 1_000, "{}", history.sessions.len());
    let buyers: i64 = sold_in.iter().sum();
    let viewers: i64 = history.sessions.iter().map(|s| s.unique_viewers).sum();
    let conversion = buyers * 1_000 / viewers;
    assert!((15..=70).contains(&conversion), "{conversion} ‰");
}
