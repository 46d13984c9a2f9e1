//! Past trade written in bulk: the demo's two years of orders, with everything that happened
//! to them, stored in a few large transactions instead of one use case at a time (which would
//! take minutes). The records are the ones the live paths write, so every read sees them as
//! if they had been bought, paid, shipped and refunded one by one.

use async_trait::async_trait;
use farmgate_domain::ledger::Entry;
use farmgate_domain::time::Timestamp;

use crate::{
    AccountRecord, AfterSaleRecord, LiveSessionRecord, NewCheckout, PaymentRecord, PayoutRecord,
    SavedRoomFigures, StoreResult,
};

/// A ledger entry as the live paths post it: its id, the event it records, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostedEntry {
    pub id: String,
    pub entry: Entry,
    /// The payment, order, after-sale or payout it is about; `(kind, reference)` is unique.
    pub reference: String,
    pub at: Timestamp,
}

/// A slice of history: everything in it refers only to itself or to what is already stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryBatch {
    /// Buyers, with their roles.
    pub accounts: Vec<AccountRecord>,
    /// Ended live sessions (no bag, no replay) with what their rooms counted; the batch's
    /// orders may refer to them.
    pub live_sessions: Vec<(LiveSessionRecord, SavedRoomFigures)>,
    /// Checkouts with their orders (any status, with their shipment and dates) and lines;
    /// no coupon claims.
    pub checkouts: Vec<NewCheckout>,
    pub payments: Vec<PaymentRecord>,
    /// Completed refunds (`Refunded`, with `refunded_at` and where the money came from); the
    /// orders' refunded totals are set from them.
    pub refunds: Vec<AfterSaleRecord>,
    pub entries: Vec<PostedEntry>,
    pub payouts: Vec<PayoutRecord>,
}

#[async_trait]
pub trait History: Send + Sync {
    /// Writes the batch in one transaction, all or nothing. Rollups are not touched: rebuild
    /// them once the history is in (`Rollups::rebuild_rollups`).
    async fn insert_history(&self, batch: &HistoryBatch) -> StoreResult<()>;
}
