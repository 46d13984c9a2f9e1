//! Two full years of the county's orders, so the bureau's year-on-year figures mean something
//! from the first start: bought by buyers all over the country from the demo's own shops and
//! products at their real prices, with harvest seasons, the New Year goods festival, 618,
//! Double 11 and Double 12, the week's rhythm, growth (live commerce fastest), coupons, and a
//! few refunds. Each day is drawn from a stream of its own, so a day's orders depend only on
//! the seed and the date, never on when the demo is made.

mod buyers;
mod catalogue;
mod day;
mod live;
mod season;

pub(crate) use buyers::buyer;

use farmgate_domain::after_sales::{AfterSaleKind, AfterSaleReason};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::stats::Channel;
use farmgate_domain::time::Timestamp;

pub use live::PastLiveSession;

use crate::rng::Rng;
use crate::DemoPlan;

/// The buyer pool's stream; each day's orders draw from `DAY_STREAMS + day number`.
const BUYER_STREAM: u64 = 6;
const SHELF_STREAM: u64 = 7;
const DAY_STREAMS: u64 = 1 << 32;

/// Months of history before the month the demo is made in.
pub const HISTORY_MONTHS: i64 = 24;

/// The demo's past: its buyers and their orders, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoHistory {
    /// The first day with orders: the first of the month two years before the demo's month.
    pub from: CivilDate,
    /// The day the demo is made; history ends the day before.
    pub today: CivilDate,
    pub buyers: Vec<DemoBuyer>,
    pub orders: Vec<DemoOrder>,
    /// The shops' evening live sessions, oldest first.
    pub sessions: Vec<PastLiveSession>,
}

/// A buyer somewhere in China, with the address their parcels go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoBuyer {
    pub email: String,
    pub display_name: String,
    pub phone: String,
    /// The province's two-digit code, as orders store it.
    pub province: String,
    pub city: String,
    pub county: String,
    pub address_detail: String,
    /// The first day they may buy.
    pub joined: CivilDate,
}

/// One shop's order in the past, as far as it had got when the demo is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOrder {
    /// Index into [`DemoHistory::buyers`].
    pub buyer: usize,
    /// Index into [`DemoPlan::producers`]: the shop sold it.
    pub producer: usize,
    pub channel: Channel,
    /// Index into [`DemoHistory::sessions`]: the live session it was bought in.
    pub live_session: Option<usize>,
    pub placed_at: Timestamp,
    pub paid_at: Timestamp,
    /// One or two products of the shop.
    pub lines: Vec<DemoOrderLine>,
    /// A coupon's fen off the goods; the shop bears it.
    pub discount_fen: i64,
    pub shipping_fen: i64,
    /// Carrier code and tracking number, once shipped.
    pub shipped: Option<(String, String, Timestamp)>,
    pub delivered_at: Option<Timestamp>,
    /// The after-sales window closed: the sale is final.
    pub completed_at: Option<Timestamp>,
    pub refund: Option<DemoRefund>,
}

/// A product bought, by its index into [`DemoPlan::products`] and its variant's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOrderLine {
    pub product: usize,
    pub sku: usize,
    pub quantity: i64,
    /// The variant's price when bought.
    pub unit_price_fen: i64,
}

/// Money given back: before shipping in full, or after delivery for a damaged or short parcel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoRefund {
    pub kind: AfterSaleKind,
    pub reason: AfterSaleReason,
    pub amount_fen: i64,
    pub requested_at: Timestamp,
    pub refunded_at: Timestamp,
}

impl DemoOrder {
    /// The lines' value before the coupon.
    pub fn lines_fen(&self) -> i64 {
        self.lines
            .iter()
            .map(|line| line.unit_price_fen * line.quantity)
            .sum()
    }

    /// What the buyer paid for the goods.
    pub fn goods_fen(&self) -> i64 {
        self.lines_fen() - self.discount_fen
    }

    pub fn total_fen(&self) -> i64 {
        self.goods_fen() + self.shipping_fen
    }
}

/// The history up to `now` (the moment the demo is made): every day from the first of the
/// month [`HISTORY_MONTHS`] months before to yesterday (in China). Steps that would come after
/// `now` — a delivery, a refund — have not happened yet.
pub fn history(plan: &DemoPlan, seed: u64, now: Timestamp) -> DemoHistory {
    let today = CivilDate::in_china(now);
    let from = first_of_month_before(today, HISTORY_MONTHS);
    let buyers = buyers::buyers(&mut Rng::stream(seed, BUYER_STREAM), from, today);
    let shelf = catalogue::Shelf::new(&mut Rng::stream(seed, SHELF_STREAM), &plan.products);
    let mut orders = Vec::new();
    let mut sessions = Vec::new();
    let mut date = from;
    while date < today {
        let stream = DAY_STREAMS.wrapping_add(date.day_number().unsigned_abs());
        let context = day::Day {
            date,
            now,
            plan,
            shelf: &shelf,
            buyers: &buyers,
        };
        let mut rng = Rng::stream(seed, stream);
        let mut day = context.orders(&mut rng);
        let first = sessions.len();
        sessions.extend(live::sessions_of_day(date, plan, &mut day, first, &mut rng));
        orders.extend(day);
        date = date.plus_days(1);
    }
    DemoHistory {
        from,
        today,
        buyers,
        orders,
        sessions,
    }
}

/// The first day of the month `months` months before `day`'s month.
fn first_of_month_before(day: CivilDate, months: i64) -> CivilDate {
    let index = day.year * 12 + i64::from(day.month.number()) - 1 - months;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    CivilDate::new(year, u8::try_from(month).unwrap_or(1), 1).unwrap_or(day)
}

#[cfg(test)]
mod tests;
