//! The books of the demo's history, kept the way the live paths keep them: each payment
//! captured into escrow, each delivery settled to the producer less commission, each refund
//! from escrow or from the producer and the commission, and — so producers' balances look like
//! a real platform's — the provider's money settled to the bank and producers paid out once a
//! month. Events are replayed in time order, so every refund after delivery sees the payable
//! as it stood, exactly as `complete_refund` would have read it.

use std::collections::HashMap;

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::{OrderId, PaymentId, PayoutId, PayoutRunId, ShopId};
use farmgate_domain::ledger::{
    payment_captured, payout, provider_settled, refund, sale_settled, Entry, LedgerError,
    RefundBasis,
};
use farmgate_domain::money::Money;
use farmgate_domain::payout::{PayeeAccount, PayoutStatus};
use farmgate_domain::time::Timestamp;
use farmgate_store::{PayoutRecord, PostedEntry, RefundSource};

use crate::ids::id_at;
use crate::payouts::transfer_reference;
use crate::{ServiceError, ServiceResult};

/// Producers are paid on this day of each month, at ten; the provider settles an hour before.
const PAYOUT_DAY: u8 = 10;
const HOUR: i64 = 3_600_000;
/// Less than this owed waits for the next month.
const PAYOUT_MINIMUM_FEN: i64 = 10_000;

/// What the books need of one history order.
pub(crate) struct SoldOrder {
    pub shop: usize,
    pub order: OrderId,
    pub payment: PaymentId,
    pub total: Money,
    pub commission: Money,
    pub paid_at: Timestamp,
    pub delivered_at: Option<Timestamp>,
    /// The after-sale's id, the amount and when it was paid back.
    pub refund: Option<(String, Money, Timestamp)>,
}

/// How a refund was taken, for its after-sale record.
pub(crate) struct RefundTaken {
    pub source: RefundSource,
    pub commission_reversed: Money,
}

pub(crate) struct HistoryBooks {
    pub entries: Vec<PostedEntry>,
    pub payouts: Vec<PayoutRecord>,
    /// By after-sale id.
    pub refunds: HashMap<String, RefundTaken>,
}

enum Event<'a> {
    Captured(&'a SoldOrder),
    Settled(&'a SoldOrder),
    Refunded(&'a SoldOrder),
    PayDay(CivilDate),
}

/// The entries and payouts of `orders` sold by `shops` (each with its payee) up to `now`.
pub(crate) fn keep_books(
    orders: &[SoldOrder],
    shops: &[(ShopId, PayeeAccount)],
    from: CivilDate,
    now: Timestamp,
) -> ServiceResult<HistoryBooks> {
    let mut events: Vec<(i64, u8, Event<'_>)> = Vec::with_capacity(orders.len() * 2);
    for order in orders {
        events.push((order.paid_at.millis(), 0, Event::Captured(order)));
        if let Some(at) = order.delivered_at {
            events.push((at.millis(), 1, Event::Settled(order)));
        }
        if let Some((_, _, at)) = &order.refund {
            events.push((at.millis(), 2, Event::Refunded(order)));
        }
    }
    let mut month = CivilDate::new(from.year, from.month.number(), PAYOUT_DAY);
    while let Some(day) = month.filter(|d| d.start_in_china().plus_millis(10 * HOUR) < now) {
        events.push((
            day.start_in_china().plus_millis(9 * HOUR).millis(),
            3,
            Event::PayDay(day),
        ));
        let next = day.plus_days(31);
        month = CivilDate::new(next.year, next.month.number(), PAYOUT_DAY);
    }
    events.sort_by_key(|(at, order, _)| (*at, *order));
    let mut books = Books {
        shops,
        payable: vec![0; shops.len()],
        debt: vec![0; shops.len()],
        clearing: 0,
        out: HistoryBooks {
            entries: Vec::new(),
            payouts: Vec::new(),
            refunds: HashMap::new(),
        },
    };
    for (_, _, event) in events {
        match event {
            Event::Captured(order) => books.captured(order)?,
            Event::Settled(order) => books.settled(order)?,
            Event::Refunded(order) => books.refunded(order)?,
            Event::PayDay(day) => books.pay_day(day)?,
        }
    }
    Ok(books.out)
}

struct Books<'a> {
    shops: &'a [(ShopId, PayeeAccount)],
    /// What each shop is owed and owes, as positive fen.
    payable: Vec<i64>,
    debt: Vec<i64>,
    /// What the provider holds for the platform.
    clearing: i64,
    out: HistoryBooks,
}

fn internal(error: LedgerError) -> ServiceError {
    ServiceError::Internal(format!("demo history books: {error}"))
}

impl Books<'_> {
    fn shop(&self, index: usize) -> ServiceResult<&ShopId> {
        self.shops
            .get(index)
            .map(|(shop, _)| shop)
            .ok_or_else(|| ServiceError::Internal("a history order of no shop".into()))
    }

    fn post(&mut self, entry: Entry, reference: &str, at: Timestamp) {
        self.out.entries.push(PostedEntry {
            id: id_at(at),
            entry,
            reference: reference.to_owned(),
            at,
        });
    }

    fn captured(&mut self, order: &SoldOrder) -> ServiceResult<()> {
        let shop = self.shop(order.shop)?.clone();
        let entry = payment_captured(order.total, &[(shop, order.total)]).map_err(internal)?;
        self.clearing += order.total.minor();
        self.post(entry, order.payment.as_str(), order.paid_at);
        Ok(())
    }

    /// Only orders not refunded before delivery arrive, so all of the total is still held.
    fn settled(&mut self, order: &SoldOrder) -> ServiceResult<()> {
        let at = order.delivered_at.unwrap_or(order.paid_at);
        let shop = self.shop(order.shop)?.clone();
        let entry = sale_settled(&shop, order.total, order.commission).map_err(internal)?;
        self.payable[order.shop] += order.total.minor() - order.commission.minor();
        self.post(entry, order.order.as_str(), at);
        Ok(())
    }

    fn refunded(&mut self, order: &SoldOrder) -> ServiceResult<()> {
        let Some((after_sale, amount, at)) = &order.refund else {
            return Ok(());
        };
        let shop = self.shop(order.shop)?.clone();
        let delivered = order
            .delivered_at
            .is_some_and(|d| d.millis() <= at.millis());
        let basis = if delivered {
            RefundBasis::Settled {
                shop,
                settled: order.total,
                commission: order.commission,
                refunded_before: Money::fen(0),
                commission_reversed_before: Money::fen(0),
            }
        } else {
            RefundBasis::Held {
                shop,
                held: order.total,
            }
        };
        let taken = refund(&basis, *amount).map_err(internal)?;
        let payable = self.payable[order.shop];
        let entry = taken.entry(Money::fen(payable)).map_err(internal)?;
        let covered = payable.clamp(0, taken.from_producer.minor());
        self.payable[order.shop] -= covered;
        self.debt[order.shop] += taken.from_producer.minor() - covered;
        self.clearing -= amount.minor();
        self.post(entry, after_sale, *at);
        self.out.refunds.insert(
            after_sale.clone(),
            RefundTaken {
                source: if delivered {
                    RefundSource::Settled
                } else {
                    RefundSource::Held
                },
                commission_reversed: taken.commission_reversed,
            },
        );
        Ok(())
    }

    /// The provider settles what it holds to the bank; then every shop owed enough is paid
    /// all it is owed, its debt taken first.
    fn pay_day(&mut self, day: CivilDate) -> ServiceResult<()> {
        let settled_at = day.start_in_china().plus_millis(9 * HOUR);
        if self.clearing > 0 {
            let entry = provider_settled(Money::fen(self.clearing)).map_err(internal)?;
            self.clearing = 0;
            self.post(entry, &format!("demo-history-{day}"), settled_at);
        }
        let paid_at = settled_at.plus_millis(HOUR);
        let run: PayoutRunId = id_at(paid_at);
        for index in 0..self.shops.len() {
            let (payable, debt) = (self.payable[index], self.debt[index]);
            if payable - debt < PAYOUT_MINIMUM_FEN {
                continue;
            }
            let (shop, payee) = &self.shops[index];
            let amount = Money::fen(payable - debt);
            let entry =
                payout(shop, amount, Money::fen(payable), Money::fen(debt)).map_err(internal)?;
            let id: PayoutId = id_at(paid_at);
            self.post(entry, id.as_str(), paid_at);
            self.out.payouts.push(PayoutRecord {
                reference: transfer_reference(&id),
                id,
                shop_id: shop.clone(),
                run: run.clone(),
                amount,
                status: PayoutStatus::Paid,
                payee: payee.clone(),
                created_at: paid_at,
                paid_at: Some(paid_at),
            });
            self.payable[index] = 0;
            self.debt[index] = 0;
        }
        Ok(())
    }
}
