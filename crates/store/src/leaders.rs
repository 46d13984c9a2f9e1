//! Village e-commerce leaders' clicks and the orders attributed to them.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, OrderId};
use farmgate_domain::ledger::Entry;
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;

use crate::StoreResult;

/// A visit through a leader's share link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClickRecord {
    pub id: String,
    pub leader: AccountId,
    /// What was shared, as the token names it (`p<product>` or `t<team>`).
    pub shared: String,
    /// Unknown until a visitor who was signed out signs in.
    pub buyer: Option<AccountId>,
    pub at: Timestamp,
}

/// An order that earns a leader a commission, computed on its whole total when it was paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderAttribution {
    pub order: OrderId,
    pub leader: AccountId,
    pub click: String,
    pub commission: Money,
    pub at: Timestamp,
}

/// What a leader has brought and earned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeaderFigures {
    pub clicks: i64,
    pub buyers: i64,
    pub orders: i64,
    /// Commission on attributed orders paid but not yet delivered.
    pub pending: Money,
    /// Commission booked on delivery, less what refunds took back.
    pub earned: Money,
    /// Paid to the leader from the bank.
    pub paid: Money,
}

impl LeaderFigures {
    /// What the leader is owed now: earned less paid (below zero when a refund took back
    /// commission already paid out).
    pub fn owed(&self) -> Money {
        Money::fen(self.earned.minor().saturating_sub(self.paid.minor()))
    }
}

/// One leader's line in the hub's ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderRank {
    pub leader: AccountId,
    pub name: String,
    pub clicks: i64,
    pub orders: i64,
    /// What attributed orders paid in all (refunds not taken off).
    pub sales: Money,
    pub commission: Money,
}

#[async_trait]
pub trait Leaders: Send + Sync {
    async fn record_click(&self, click: &ClickRecord) -> StoreResult<()>;
    /// Gives a click made while signed out to the buyer who signed in; a click that already
    /// has a buyer keeps it. Answers whether the click is now the buyer's.
    async fn claim_click(&self, click: &str, buyer: &AccountId) -> StoreResult<bool>;
    /// The buyer's clicks from `from` to `to`, oldest first.
    async fn clicks_of_buyer(
        &self,
        buyer: &AccountId,
        from: Timestamp,
        to: Timestamp,
    ) -> StoreResult<Vec<ClickRecord>>;
    /// Records attributions; an order already attributed keeps its first.
    async fn attribute_orders(&self, attributions: &[OrderAttribution]) -> StoreResult<()>;
    async fn attribution_of(&self, order: &OrderId) -> StoreResult<Option<OrderAttribution>>;
    async fn leader_figures(&self, leader: &AccountId) -> StoreResult<LeaderFigures>;
    /// Books a payment to a leader. `reference` names what was paid before it, so of two
    /// payments made on the same figures only the first lands (`StoreError::Conflict`).
    async fn pay_leader(
        &self,
        id: &str,
        entry: &Entry,
        reference: &str,
        at: Timestamp,
    ) -> StoreResult<()>;
    /// Leaders by the commission their orders paid since `since`, highest first.
    async fn leader_ranking(&self, since: Timestamp, limit: i64) -> StoreResult<Vec<LeaderRank>>;
}
