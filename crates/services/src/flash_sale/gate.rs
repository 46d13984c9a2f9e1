//! The gate of one open sale: its remaining units and what each buyer holds, in memory, so
//! twenty thousand buyers pressing "buy" at once are answered "sold out" or "over your limit"
//! without a database round trip. A unit the gate lets through is reserved until the batch
//! that writes it commits; the database then has the last word, and `settle` corrects the gate
//! whenever the database disagreed.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use farmgate_domain::flash_sale::FlashSalePhase;
use farmgate_domain::id::AccountId;
use farmgate_domain::time::Timestamp;
use farmgate_store::{
    FlashPurchaseOutcome, FlashPurchaseRecord, FlashRefusal, FlashSaleBook, FlashSaleRecord,
    NewFlashPurchase, ProductDetail, StoreResult,
};

pub(crate) struct Gate {
    /// The sale's terms; its `sold` is what it was when the gate was built.
    pub sale: FlashSaleRecord,
    /// The product as it was when the gate was built: what orders are written with.
    pub product: Arc<ProductDetail>,
    remaining: AtomicI64,
    buyers: Mutex<HashMap<AccountId, Holding>>,
}

/// One buyer's units (written or on their way) and purchases, kept for replays.
#[derive(Default)]
struct Holding {
    units: i64,
    purchases: Vec<FlashPurchaseRecord>,
}

/// What the gate lets a purchase do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Admission {
    /// The units are there for this buyer (and, from `reserve`, held for them).
    Admitted,
    /// The buyer already bought with this key: answer with that purchase.
    Replay(FlashPurchaseRecord),
}

impl Gate {
    /// The gate as the database has the sale now.
    pub fn new(book: FlashSaleBook, product: Arc<ProductDetail>) -> Self {
        let mut buyers: HashMap<AccountId, Holding> = HashMap::with_capacity(book.buyers.len());
        for (buyer, units) in book.buyers {
            buyers.entry(buyer).or_default().units = units;
        }
        for purchase in book.purchases {
            let holding = buyers.entry(purchase.buyer_id.clone()).or_default();
            holding.purchases.push(purchase);
        }
        Self {
            remaining: AtomicI64::new(book.sale.stock_limit - book.sale.sold),
            sale: book.sale,
            product,
            buyers: Mutex::new(buyers),
        }
    }

    pub fn remaining(&self) -> i64 {
        self.remaining.load(Ordering::Acquire).max(0)
    }

    pub fn phase(&self, now: Timestamp) -> FlashSalePhase {
        FlashSalePhase::at(
            self.sale.opens_at,
            self.sale.closes_at,
            self.remaining(),
            now,
        )
    }

    /// Whether the purchase would get through, without reserving anything: lets a refusal
    /// or a replay be answered before the order is priced.
    pub fn check(
        &self,
        buyer: &AccountId,
        key: &str,
        quantity: i64,
        now: Timestamp,
    ) -> Result<Admission, FlashRefusal> {
        self.admit(buyer, key, quantity, now, false)
    }

    /// Reserves `quantity` units for the buyer, or says why not.
    pub fn reserve(
        &self,
        buyer: &AccountId,
        key: &str,
        quantity: i64,
        now: Timestamp,
    ) -> Result<Admission, FlashRefusal> {
        self.admit(buyer, key, quantity, now, true)
    }

    fn admit(
        &self,
        buyer: &AccountId,
        key: &str,
        quantity: i64,
        now: Timestamp,
        reserve: bool,
    ) -> Result<Admission, FlashRefusal> {
        let mut buyers = self.buyers.lock().unwrap_or_else(PoisonError::into_inner);
        let holding = buyers.get(buyer);
        if let Some(earlier) =
            holding.and_then(|h| h.purchases.iter().find(|p| p.idempotency_key == key))
        {
            return Ok(Admission::Replay(earlier.clone()));
        }
        match self.phase(now) {
            FlashSalePhase::Upcoming => return Err(FlashRefusal::NotOpen),
            FlashSalePhase::Closed => return Err(FlashRefusal::Closed),
            FlashSalePhase::SoldOut => return Err(FlashRefusal::SoldOut),
            FlashSalePhase::Open => {}
        }
        if holding.map_or(0, |h| h.units) + quantity > self.sale.per_buyer_limit {
            return Err(FlashRefusal::OverLimit);
        }
        if !reserve {
            return match self.remaining() >= quantity {
                true => Ok(Admission::Admitted),
                false => Err(FlashRefusal::TooFewLeft),
            };
        }
        self.remaining
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
                (left >= quantity).then_some(left - quantity)
            })
            .map_err(|left| match left {
                0 => FlashRefusal::SoldOut,
                _ => FlashRefusal::TooFewLeft,
            })?;
        buyers.entry(buyer.clone()).or_default().units += quantity;
        Ok(Admission::Admitted)
    }

    /// Brings a reservation in line with what the database did with it.
    pub fn settle(&self, purchase: &NewFlashPurchase, outcome: &StoreResult<FlashPurchaseOutcome>) {
        let buyer = &purchase.checkout.buyer;
        let quantity = purchase.quantity;
        let (units_back, allowance_back) = match outcome {
            Ok(FlashPurchaseOutcome::Placed) => {
                if let Some(record) = purchase.record() {
                    self.remember(record);
                }
                (false, false)
            }
            Ok(FlashPurchaseOutcome::Replayed(earlier)) => {
                self.remember(earlier.clone());
                (true, true)
            }
            // The units are not there (another node sold them): keep them out of the gate.
            Ok(FlashPurchaseOutcome::Refused(FlashRefusal::SoldOut | FlashRefusal::TooFewLeft)) => {
                (false, true)
            }
            // The buyer holds more than this node knew: keep the allowance used up.
            Ok(FlashPurchaseOutcome::Refused(FlashRefusal::OverLimit)) => (true, false),
            Ok(FlashPurchaseOutcome::Refused(FlashRefusal::NotOpen | FlashRefusal::Closed))
            | Err(_) => (true, true),
        };
        if units_back {
            self.remaining.fetch_add(quantity, Ordering::AcqRel);
        }
        if allowance_back {
            self.give_back_allowance(buyer, quantity);
        }
    }

    /// An unpaid order expired and the database gave its units back to the sale.
    pub fn units_returned(&self, buyer: &AccountId, quantity: i64) {
        self.remaining.fetch_add(quantity, Ordering::AcqRel);
        self.give_back_allowance(buyer, quantity);
    }

    fn give_back_allowance(&self, buyer: &AccountId, quantity: i64) {
        let mut buyers = self.buyers.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(holding) = buyers.get_mut(buyer) {
            holding.units = (holding.units - quantity).max(0);
        }
    }

    fn remember(&self, record: FlashPurchaseRecord) {
        let mut buyers = self.buyers.lock().unwrap_or_else(PoisonError::into_inner);
        let holding = buyers.entry(record.buyer_id.clone()).or_default();
        if !holding
            .purchases
            .iter()
            .any(|p| p.idempotency_key == record.idempotency_key)
        {
            holding.purchases.push(record);
        }
    }
}

#[cfg(test)]
mod tests;
