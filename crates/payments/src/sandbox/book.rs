//! The sandbox provider's own records — what a real provider keeps on its side. Stored through
//! this interface so the sandbox survives restarts like a real provider would; the SQL store
//! implements it.

use async_trait::async_trait;
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;

use crate::notification::{PaymentOutcome, RefundOutcome};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxPayment {
    pub provider_ref: String,
    pub out_trade_no: String,
    pub amount: Money,
    pub description: String,
    pub notify_url: String,
    pub return_url: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub outcome: Option<PaymentOutcome>,
    pub settled_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxRefund {
    pub provider_ref: String,
    pub out_refund_no: String,
    pub out_trade_no: String,
    pub amount: Money,
    pub reason: String,
    pub created_at: Timestamp,
    /// Refunds take a moment, as real ones do: until then the refund is still processing.
    pub settles_at: Timestamp,
    pub outcome: RefundOutcome,
}

/// A callback waiting to be delivered (again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: String,
    pub url: String,
    pub body: String,
    /// Deliveries made so far, successful or not.
    pub attempts: i64,
    pub next_attempt_at: Timestamp,
    /// Extra copies still to send after the first acknowledged one: at-least-once means
    /// merchants must cope with duplicates, so the sandbox makes sure they do.
    pub duplicates_left: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookError {
    #[error("{0}")]
    Refused(&'static str),
    #[error("sandbox storage failed: {0}")]
    Storage(String),
}

#[async_trait]
pub trait SandboxBook: Send + Sync {
    /// Stores a new payment, or returns the one already stored under its `out_trade_no`.
    async fn create_payment(&self, payment: &SandboxPayment) -> Result<SandboxPayment, BookError>;
    async fn payment(&self, provider_ref: &str) -> Result<Option<SandboxPayment>, BookError>;
    async fn payment_by_trade_no(
        &self,
        out_trade_no: &str,
    ) -> Result<Option<SandboxPayment>, BookError>;
    /// Records the outcome of a payment still awaiting one, with the callback that announces
    /// it, together; `false` when the payment already had an outcome.
    async fn settle_payment(
        &self,
        provider_ref: &str,
        outcome: PaymentOutcome,
        at: Timestamp,
        callback: &Delivery,
    ) -> Result<bool, BookError>;
    /// Stores a refund with its callback, or returns the one already stored under its
    /// `out_refund_no`. Refuses (`BookError::Refused`) when the payment's refunds would exceed
    /// its amount — checked in the same transaction as the insert.
    async fn create_refund(
        &self,
        refund: &SandboxRefund,
        callback: &Delivery,
    ) -> Result<SandboxRefund, BookError>;
    async fn refund(&self, out_refund_no: &str) -> Result<Option<SandboxRefund>, BookError>;
    /// Callbacks due at `now`, at most `limit`.
    async fn due_deliveries(&self, now: Timestamp, limit: i64) -> Result<Vec<Delivery>, BookError>;
    /// Stores the delivery's new state after an attempt; `next_attempt_at: None` retires it.
    async fn record_attempt(
        &self,
        id: &str,
        attempts: i64,
        duplicates_left: i64,
        next_attempt_at: Option<Timestamp>,
    ) -> Result<(), BookError>;
}
