//! One day of orders: how many (growth × season × weekday × festival), at what hours, through
//! which channel, what is bought, what it costs to ship, and what became of each order.

use farmgate_domain::after_sales::{AfterSaleKind, AfterSaleReason};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::stats::Channel;
use farmgate_domain::time::Timestamp;

use super::buyers::joined_by;
use super::catalogue::Shelf;
use super::live::LIVE_HOURS;
use super::season::{festival, live_share, trend, weekday};
use super::{DemoBuyer, DemoOrder, DemoOrderLine, DemoRefund};
use crate::rng::Rng;
use crate::DemoPlan;

/// Orders on an ordinary weekday of an average month at the trend's anchor (1 January 2026).
const ORDERS_PER_DAY: i64 = 60;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// How orders spread over the day, per hour from midnight: evenings sell most.
const HOURS: [(i64, u32); 24] = [
    (0, 30),
    (1, 14),
    (2, 6),
    (3, 3),
    (4, 3),
    (5, 5),
    (6, 12),
    (7, 25),
    (8, 40),
    (9, 50),
    (10, 55),
    (11, 55),
    (12, 60),
    (13, 50),
    (14, 45),
    (15, 45),
    (16, 45),
    (17, 45),
    (18, 55),
    (19, 70),
    (20, 90),
    (21, 95),
    (22, 75),
    (23, 50),
];

const CARRIERS: [(&str, u32); 4] = [("ZTO", 35), ("YTO", 25), ("EMS", 25), ("SF", 15)];
/// Coupons shops hand out: fen off, on goods of at least.
const COUPONS: [(i64, i64); 4] = [
    (500, 5_900),
    (1_000, 9_900),
    (2_000, 19_900),
    (5_000, 49_900),
];
/// Goods at least this much ship free; below it a first-kilo fee and so much per further kilo.
const FREE_SHIPPING_FEN: i64 = 9_900;

pub(crate) struct Day<'a> {
    pub date: CivilDate,
    pub now: Timestamp,
    pub plan: &'a DemoPlan,
    pub shelf: &'a Shelf,
    pub buyers: &'a [DemoBuyer],
}

impl Day<'_> {
    pub(crate) fn orders(&self, rng: &mut Rng) -> Vec<DemoOrder> {
        let month = self.date.month.number();
        let festival = festival(self.date).factor;
        let expected = ORDERS_PER_DAY
            * trend(self.date)
            * self.shelf.level(month)
            * weekday(self.date)
            * festival
            / 1_000_000_000_000;
        // Within ±8 % of the expectation, as real days scatter.
        let count = expected * (100 + i64::from(rng.offset(8))) / 100;
        let buyers = joined_by(self.buyers, self.date).max(1);
        let mut orders: Vec<DemoOrder> = (0..count)
            .filter_map(|_| self.order(rng, month, festival, buyers))
            .collect();
        orders.sort_by_key(|order| order.placed_at);
        orders
    }

    fn order(&self, rng: &mut Rng, month: u8, festival: i64, buyers: usize) -> Option<DemoOrder> {
        let first = self.shelf.pick(rng, month);
        let product = self.plan.products.get(first)?;
        let mut lines = vec![self.line(rng, first)?];
        // One order in seven adds another product of the same shop.
        if rng.chance(14) {
            let second = self.shelf.pick(rng, month);
            let same_shop = self
                .plan
                .products
                .get(second)
                .is_some_and(|p| p.producer == product.producer);
            if same_shop && second != first {
                lines.extend(self.line(rng, second));
            }
        }
        // Loyal customers: a third of orders come from the earliest tenth of the pool.
        let buyer = if rng.chance(33) {
            rng.below((buyers / 10).max(1))
        } else {
            rng.below(buyers)
        };
        let channel = channel(rng, self.date, festival);
        // Live orders are bought during the evening's sessions (`live.rs`).
        let hours: &[(i64, u32)] = if channel == Channel::Live {
            &LIVE_HOURS
        } else {
            &HOURS
        };
        let placed_at = self
            .date
            .start_in_china()
            .plus_millis(*rng.weighted(hours) * HOUR + i64::from(rng.between(0, 59)) * MINUTE);
        let paid_at = placed_at.plus_millis(i64::from(rng.between(1, 9)) * MINUTE);
        let mut order = DemoOrder {
            buyer,
            producer: product.producer,
            channel,
            live_session: None,
            placed_at,
            paid_at,
            lines,
            discount_fen: 0,
            shipping_fen: 0,
            shipped: None,
            delivered_at: None,
            completed_at: None,
            refund: None,
        };
        let couponed = if channel == Channel::Campaign { 60 } else { 15 };
        if rng.chance(couponed) {
            let value = order.lines_fen();
            order.discount_fen = COUPONS
                .iter()
                .rev()
                .find(|(_, least)| value >= *least)
                .map_or(0, |(off, _)| *off);
        }
        order.shipping_fen = shipping(&order, self.plan, &self.buyers[buyer]);
        self.follow(rng, &mut order, &self.buyers[buyer]);
        Some(order)
    }

    /// A variant of the product: the smallest pack most often; one unit mostly, more of
    /// cheap packs.
    fn line(&self, rng: &mut Rng, product: usize) -> Option<DemoOrderLine> {
        let skus = &self.plan.products.get(product)?.skus;
        let sku = if skus.len() > 1 && rng.chance(45) {
            1 + rng.below(skus.len() - 1)
        } else {
            0
        };
        let price = skus.get(sku)?.price_fen;
        let quantity = match (price, rng.between(1, 100)) {
            (..=3_000, 1..=50) => 2 + i64::from(rng.between(0, 4)),
            (..=10_000, 1..=30) => 2 + i64::from(rng.between(0, 1)),
            (_, 1..=8) => 2,
            _ => 1,
        };
        Some(DemoOrderLine {
            product,
            sku,
            quantity,
            unit_price_fen: price,
        })
    }

    /// Ships, arrives, closes, and maybe comes back — each step only if it happened before now.
    fn follow(&self, rng: &mut Rng, order: &mut DemoOrder, buyer: &DemoBuyer) {
        let now = self.now.millis();
        let happened = |at: Timestamp| (at.millis() < now).then_some(at);
        let refund_roll = rng.between(1, 1_000);
        // About 1.5 % are cancelled and refunded in full before they ship.
        if refund_roll <= 15 {
            let requested_at = order
                .paid_at
                .plus_millis(i64::from(rng.between(10, 300)) * MINUTE);
            let refunded_at = requested_at.plus_millis(i64::from(rng.between(1, 20)) * HOUR);
            order.refund = happened(refunded_at).map(|refunded_at| DemoRefund {
                kind: AfterSaleKind::RefundOnly,
                reason: AfterSaleReason::NoLongerWanted,
                amount_fen: order.total_fen(),
                requested_at,
                refunded_at,
            });
            if order.refund.is_some() {
                return;
            }
        }
        let shipped_at = order
            .paid_at
            .plus_millis(i64::from(rng.between(6, 60)) * HOUR);
        let Some(shipped_at) = happened(shipped_at) else {
            return;
        };
        let carrier = *rng.weighted(&CARRIERS);
        let tracking = format!("{carrier}{:012}", rng.next_u64() % 1_000_000_000_000);
        order.shipped = Some((carrier.to_owned(), tracking, shipped_at));
        let far = matches!(buyer.province.as_str(), "54" | "65" | "23" | "46");
        let transit = i64::from(rng.between(40, 110)) + if far { 48 } else { 0 };
        let Some(delivered_at) = happened(shipped_at.plus_millis(transit * HOUR)) else {
            return;
        };
        order.delivered_at = Some(delivered_at);
        // About 3 % come back after delivery: mostly part of the goods, a few returned whole.
        if (16..=45).contains(&refund_roll) {
            let requested_at = delivered_at.plus_millis(i64::from(rng.between(2, 72)) * HOUR);
            let refunded_at = requested_at.plus_millis(i64::from(rng.between(24, 120)) * HOUR);
            let whole = refund_roll <= 20;
            let goods = order.goods_fen();
            let (kind, reason, amount) = if whole {
                (
                    AfterSaleKind::ReturnAndRefund,
                    AfterSaleReason::NotAsDescribed,
                    goods,
                )
            } else {
                let reason = *rng.pick(&[
                    AfterSaleReason::Damaged,
                    AfterSaleReason::Spoiled,
                    AfterSaleReason::ShortWeight,
                ]);
                let share = i64::from(rng.between(15, 60));
                (
                    AfterSaleKind::RefundOnly,
                    reason,
                    (goods * share / 100).max(1),
                )
            };
            order.refund = happened(refunded_at).map(|refunded_at| DemoRefund {
                kind,
                reason,
                amount_fen: amount,
                requested_at,
                refunded_at,
            });
        }
        let closes = delivered_at.plus_millis(15 * DAY);
        let closes = match &order.refund {
            Some(refund) if refund.refunded_at.millis() > closes.millis() => refund.refunded_at,
            _ => closes,
        };
        order.completed_at = happened(closes);
    }
}

/// Live's share grows with the trend; on festival days most of the extra orders come through
/// the county's campaign; group-buys and short videos take steady shares.
fn channel(rng: &mut Rng, date: CivilDate, festival: i64) -> Channel {
    let campaign = if festival > 1_000 {
        (festival - 1_000) * 800 / festival
    } else {
        30
    };
    let roll = i64::from(rng.between(0, 999));
    if roll < campaign {
        return Channel::Campaign;
    }
    let rest = i64::from(rng.between(0, 999));
    let live = live_share(date);
    match rest {
        r if r < live => Channel::Live,
        r if r < live + 110 => Channel::GroupBuy,
        r if r < live + 110 + 90 => Channel::ShortVideo,
        _ => Channel::Shelf,
    }
}

/// Free from ¥99 of goods; otherwise ¥8 for the first kilo and ¥3 for each further one, twice
/// that to Tibet, Xinjiang and Hainan.
fn shipping(order: &DemoOrder, plan: &DemoPlan, buyer: &DemoBuyer) -> i64 {
    if order.goods_fen() >= FREE_SHIPPING_FEN {
        return 0;
    }
    let grams: i64 = order
        .lines
        .iter()
        .filter_map(|line| {
            let sku = plan.products.get(line.product)?.skus.get(line.sku)?;
            Some(sku.shipping_weight_g.or(sku.net_weight_g).unwrap_or(500) * line.quantity)
        })
        .sum();
    let extra_kilos = (grams - 1).max(0) / 1_000;
    let fee = 800 + 300 * extra_kilos;
    if matches!(buyer.province.as_str(), "54" | "65" | "46") {
        fee * 2
    } else {
        fee
    }
}
