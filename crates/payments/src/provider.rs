//! The interface every payment provider implements. Farmgate names each payment and refund
//! itself (`out_trade_no`, `out_refund_no`), as WeChat Pay and Alipay expect, so creating the
//! same one twice is recognised by the provider and answered with the first result.

use async_trait::async_trait;
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;

use crate::notification::{Notification, NotificationError, PaymentOutcome, RefundOutcome};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRequest {
    pub out_trade_no: String,
    pub amount: Money,
    /// What the buyer sees on the cashier page.
    pub description: String,
    /// Where the provider sends the outcome.
    pub notify_url: String,
    /// Where the cashier page sends the buyer afterwards.
    pub return_url: String,
    /// After this the payment can no longer be paid.
    pub expires_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderPayment {
    pub provider_ref: String,
    pub out_trade_no: String,
    pub amount: Money,
    /// `None` while the buyer may still pay.
    pub outcome: Option<PaymentOutcome>,
    /// The page where the buyer pays.
    pub cashier_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundRequest {
    pub out_refund_no: String,
    pub out_trade_no: String,
    pub amount: Money,
    pub reason: String,
    pub notify_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderRefund {
    pub provider_ref: String,
    pub out_refund_no: String,
    pub amount: Money,
    /// `None` while the provider is still processing it.
    pub outcome: Option<RefundOutcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// The provider refused the request (e.g. the same number with another amount, or a refund
    /// larger than what is left); retrying will not help.
    #[error("refused by the provider: {0}")]
    Refused(String),
    #[error("unknown to the provider")]
    NotFound,
    /// The provider could not be reached or failed; retrying later may help.
    #[error("provider unavailable: {0}")]
    Unavailable(String),
}

#[async_trait]
pub trait PaymentProvider: Send + Sync {
    /// A short name stored with each payment, e.g. "sandbox".
    fn name(&self) -> &'static str;

    /// Creates (or finds, for the same `out_trade_no` and amount) a payment awaiting the buyer.
    async fn create_payment(
        &self,
        request: &PaymentRequest,
        now: Timestamp,
    ) -> Result<ProviderPayment, ProviderError>;

    /// Asks for a payment's state: used when a callback is late.
    async fn query_payment(
        &self,
        out_trade_no: &str,
        now: Timestamp,
    ) -> Result<ProviderPayment, ProviderError>;

    /// Starts (or finds, for the same `out_refund_no`) a refund of a succeeded payment.
    async fn create_refund(
        &self,
        request: &RefundRequest,
        now: Timestamp,
    ) -> Result<ProviderRefund, ProviderError>;

    async fn query_refund(
        &self,
        out_refund_no: &str,
        now: Timestamp,
    ) -> Result<ProviderRefund, ProviderError>;

    /// Checks a callback's signature and reads it. `header` looks a request header up by its
    /// lower-case name.
    fn read_notification(
        &self,
        header: &dyn Fn(&str) -> Option<String>,
        body: &[u8],
        now: Timestamp,
    ) -> Result<Notification, NotificationError>;
}
