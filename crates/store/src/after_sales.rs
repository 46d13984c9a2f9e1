//! After-sales requests as stored, and their storage interface. A request changes status only
//! from the status it was read in, and a refund is completed once, with its ledger entry and
//! the order's refunded total, in one transaction.

use async_trait::async_trait;
use farmgate_domain::after_sales::{AfterSaleKind, AfterSaleReason, AfterSaleStatus};
use farmgate_domain::id::{AccountId, AfterSaleId, OrderId, ShopId};
use farmgate_domain::ledger::Refund;
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::time::Timestamp;

use crate::{OrderRecord, Page, ShipmentRecord, StoreResult};

/// Where a refund's money came from: escrow before delivery, the producer's payable (and the
/// commission) after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundSource {
    Held,
    Settled,
}

impl RefundSource {
    pub const fn as_str(self) -> &'static str {
        match self {
            RefundSource::Held => "held",
            RefundSource::Settled => "settled",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Held, Self::Settled]
            .into_iter()
            .find(|source| source.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterSaleRecord {
    pub id: AfterSaleId,
    pub order_id: OrderId,
    pub shop_id: ShopId,
    pub buyer_id: AccountId,
    pub kind: AfterSaleKind,
    pub reason: AfterSaleReason,
    pub description: String,
    /// What the buyer asked for, or what the hub awarded.
    pub amount: Money,
    pub status: AfterSaleStatus,
    /// The photos' file ids, in the order they were uploaded.
    pub photos: Vec<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Unanswered by then, the request is approved for the producer.
    pub answer_by: Option<Timestamp>,
    pub reject_reason: Option<String>,
    /// Where the buyer sends a return, as the producer wrote it.
    pub return_address: Option<String>,
    pub return_shipment: Option<ShipmentRecord>,
    pub escalated_at: Option<Timestamp>,
    pub ruling_note: Option<String>,
    pub refunded_at: Option<Timestamp>,
    pub refund_source: Option<RefundSource>,
    pub commission_reversed: Option<Money>,
}

impl AfterSaleRecord {
    /// A refund the platform owes on `order` and approves itself, due at once: a group-buy
    /// team's, which no buyer asked for and no producer answers.
    pub fn platform_refund(
        id: AfterSaleId,
        order: &OrderRecord,
        reason: AfterSaleReason,
        amount: Money,
        at: Timestamp,
    ) -> Self {
        AfterSaleRecord {
            id,
            order_id: order.id.clone(),
            shop_id: order.shop_id.clone(),
            buyer_id: order.buyer_id.clone(),
            kind: AfterSaleKind::RefundOnly,
            reason,
            description: String::new(),
            amount,
            status: AfterSaleStatus::RefundApproved,
            photos: Vec::new(),
            created_at: at,
            updated_at: at,
            answer_by: None,
            reject_reason: None,
            return_address: None,
            return_shipment: None,
            escalated_at: None,
            ruling_note: None,
            refunded_at: None,
            refund_source: None,
            commission_reversed: None,
        }
    }
}

/// One status change, applied only if the request is still in `from`. The optional fields are
/// written when given and left alone otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterSaleChange {
    pub id: AfterSaleId,
    pub from: AfterSaleStatus,
    pub to: AfterSaleStatus,
    pub at: Timestamp,
    pub reject_reason: Option<String>,
    pub return_address: Option<String>,
    pub return_shipment: Option<ShipmentRecord>,
    pub escalated: bool,
    pub ruling_note: Option<String>,
    /// A new amount (the hub awarding part of what was asked).
    pub amount: Option<Money>,
}

impl AfterSaleChange {
    pub fn new(
        id: &AfterSaleId,
        from: AfterSaleStatus,
        to: AfterSaleStatus,
        at: Timestamp,
    ) -> Self {
        AfterSaleChange {
            id: id.clone(),
            from,
            to,
            at,
            reject_reason: None,
            return_address: None,
            return_shipment: None,
            escalated: false,
            ruling_note: None,
            amount: None,
        }
    }
}

/// What has been refunded on one order so far, by where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefundTotals {
    pub held: Money,
    pub settled: Money,
    /// Commission given back by the refunds from settled money.
    pub commission_reversed: Money,
}

impl RefundTotals {
    pub fn total(&self) -> Money {
        Money::fen(self.held.minor().saturating_add(self.settled.minor()))
    }
}

/// A refund the provider confirmed, to be recorded once. The order must still be in
/// `order_status` with `refunded_before` refunded, as the refund was split from that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundCompletion {
    pub after_sale: AfterSaleId,
    pub order: OrderId,
    pub order_status: OrderStatus,
    pub refunded_before: Money,
    pub source: RefundSource,
    /// Who gives the money back. The store writes its entry with the producer's payable as it
    /// stands under the shop's lock: what the payable no longer holds becomes their debt.
    pub refund: Refund,
    /// The leader's commission this refund takes back, booked in the same entry, when the
    /// order was delivered with a leader's commission.
    pub leader_reversal: Option<(AccountId, Money)>,
    /// After delivery: what the refund takes back of the platform's campaign share paid to the
    /// producer (zero without one).
    pub campaign_reversal: Money,
    /// The ledger entry's id; its reference is the after-sale id.
    pub entry_id: String,
    /// Refunds now add up to what was paid: the order becomes refunded, and if it never
    /// shipped its stock goes back.
    pub order_refunded_in_full: bool,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompleteOutcome {
    Completed,
    /// Already refunded (a duplicate callback or a second sweep): nothing changed.
    AlreadyCompleted,
}

#[async_trait]
pub trait AfterSales: Send + Sync {
    /// Stores a request with its photos; `StoreError::Conflict` when the order already has an
    /// open one.
    async fn insert_after_sale(&self, record: &AfterSaleRecord) -> StoreResult<()>;
    async fn after_sale(&self, id: &AfterSaleId) -> StoreResult<Option<AfterSaleRecord>>;
    /// Newest first.
    async fn after_sales_of_order(&self, order: &OrderId) -> StoreResult<Vec<AfterSaleRecord>>;
    /// Newest first.
    async fn after_sales_of_buyer(
        &self,
        buyer: &AccountId,
        page: Page,
    ) -> StoreResult<Vec<AfterSaleRecord>>;
    /// Newest first.
    async fn after_sales_of_shop(
        &self,
        shop: &ShopId,
        page: Page,
    ) -> StoreResult<Vec<AfterSaleRecord>>;
    /// Oldest change first: the queue the hub works through.
    async fn after_sales_in(
        &self,
        status: AfterSaleStatus,
        page: Page,
    ) -> StoreResult<Vec<AfterSaleRecord>>;
    /// Applies the change if the request is still in `change.from`; `false` when it was not.
    async fn advance_after_sale(&self, change: &AfterSaleChange) -> StoreResult<bool>;
    /// Requests still unanswered whose time to answer ran out before `now`.
    async fn unanswered_after_sales(
        &self,
        now: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<AfterSaleRecord>>;
    /// Approved refunds not confirmed since before `before`: worth asking the provider about.
    async fn refunds_outstanding(
        &self,
        before: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<AfterSaleRecord>>;
    async fn refund_totals(&self, order: &OrderId) -> StoreResult<RefundTotals>;
    /// Records a confirmed refund once: the request refunded, the ledger entry, the order's
    /// refunded total (and status and stock when in full). `StoreError::Conflict` when the
    /// order moved on since the refund was split.
    async fn complete_refund(&self, completion: &RefundCompletion) -> StoreResult<CompleteOutcome>;
}
