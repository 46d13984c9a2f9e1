//! The built-in sandbox provider. It keeps its own books (through `SandboxBook`), serves a
//! cashier page through Farmgate (`cashier_url`), and sends signed callbacks the way real
//! providers do: at least once, retried on the published schedule until acknowledged, sometimes
//! twice, in no guaranteed order. Refunds settle a few seconds after they are requested.

mod book;
#[cfg(test)]
mod memory_book;
mod schedule;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use async_trait::async_trait;
use farmgate_domain::time::Timestamp;
use rand::seq::SliceRandom;
use rand::{Rng, RngCore};

pub use book::{BookError, Delivery, SandboxBook, SandboxPayment, SandboxRefund};
pub use schedule::next_attempt;

use crate::notification::{Notification, NotificationError, PaymentOutcome, RefundOutcome};
use crate::provider::{
    PaymentProvider, PaymentRequest, ProviderError, ProviderPayment, ProviderRefund, RefundRequest,
};
use crate::signature::{SignedHeaders, Signer};

/// How long a sandbox refund stays "processing".
pub const REFUND_SETTLES_AFTER_MILLIS: i64 = 3_000;
/// One callback in this many is delivered twice.
const DUPLICATE_ONE_IN: u32 = 3;
/// Callbacks sent per sweep at most.
const DELIVERIES_PER_SWEEP: i64 = 200;

/// Sends a callback over HTTP; kept outside this crate so it needs no HTTP client.
#[async_trait]
pub trait CallbackTransport: Send + Sync {
    /// `true` when the merchant acknowledged the callback (answered 2xx).
    async fn post(&self, url: &str, headers: &[(&'static str, String)], body: &str) -> bool;
}

/// What one delivery sweep did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SweepReport {
    pub acknowledged: usize,
    pub failed: usize,
}

pub struct SandboxProvider {
    book: Arc<dyn SandboxBook>,
    signer: Signer,
    cashier_base: String,
    duplicate_one_in: u32,
}

impl SandboxProvider {
    /// `cashier_base` is where the cashier page is served, e.g. `http://host/sandbox/pay`.
    pub fn new(
        book: Arc<dyn SandboxBook>,
        signer: Signer,
        cashier_base: impl Into<String>,
    ) -> Self {
        Self {
            book,
            signer,
            cashier_base: cashier_base.into(),
            duplicate_one_in: DUPLICATE_ONE_IN,
        }
    }

    /// Sends one callback in `one_in` twice (0: never, 1: always).
    pub fn duplicating(mut self, one_in: u32) -> Self {
        self.duplicate_one_in = one_in;
        self
    }

    /// A payment as the cashier page shows it; an expired one is closed on the way.
    pub async fn cashier(
        &self,
        provider_ref: &str,
        now: Timestamp,
    ) -> Result<SandboxPayment, ProviderError> {
        let payment = self.book.payment(provider_ref).await.map_err(unavailable)?;
        let payment = payment.ok_or(ProviderError::NotFound)?;
        self.close_if_expired(payment, now).await
    }

    /// The buyer pressed "pay" (`paid`) or "fail" on the cashier page.
    pub async fn complete(
        &self,
        provider_ref: &str,
        paid: bool,
        now: Timestamp,
    ) -> Result<SandboxPayment, ProviderError> {
        let payment = self.cashier(provider_ref, now).await?;
        if payment.outcome.is_some() {
            return Err(ProviderError::Refused(
                "this payment is already finished".into(),
            ));
        }
        let outcome = if paid {
            PaymentOutcome::Succeeded
        } else {
            PaymentOutcome::Failed
        };
        self.settle(&payment, outcome, now).await?;
        self.cashier(provider_ref, now).await
    }

    /// Sends every callback that is due, in shuffled order, and schedules what must be retried.
    pub async fn deliver_due(
        &self,
        transport: &dyn CallbackTransport,
        now: Timestamp,
    ) -> Result<SweepReport, ProviderError> {
        let mut due = self
            .book
            .due_deliveries(now, DELIVERIES_PER_SWEEP)
            .await
            .map_err(unavailable)?;
        due.shuffle(&mut rand::thread_rng());
        let mut report = SweepReport::default();
        for delivery in due {
            let headers = self
                .signer
                .sign_now(now.millis() / 1_000, delivery.body.as_bytes());
            let header_list = [
                (SignedHeaders::TIMESTAMP, headers.timestamp.to_string()),
                (SignedHeaders::NONCE, headers.nonce),
                (SignedHeaders::SIGNATURE, headers.signature),
            ];
            let acknowledged = transport
                .post(&delivery.url, &header_list, &delivery.body)
                .await;
            let attempts = delivery.attempts + 1;
            let (duplicates_left, next) = if acknowledged {
                report.acknowledged += 1;
                let again = delivery.duplicates_left > 0;
                let next = again.then(|| now.plus_millis(schedule::DUPLICATE_AFTER_MILLIS));
                (delivery.duplicates_left - i64::from(again), next)
            } else {
                report.failed += 1;
                (delivery.duplicates_left, next_attempt(attempts, now))
            };
            self.book
                .record_attempt(&delivery.id, attempts, duplicates_left, next)
                .await
                .map_err(unavailable)?;
        }
        Ok(report)
    }

    async fn close_if_expired(
        &self,
        payment: SandboxPayment,
        now: Timestamp,
    ) -> Result<SandboxPayment, ProviderError> {
        if payment.outcome.is_none() && now >= payment.expires_at {
            self.settle(&payment, PaymentOutcome::Closed, now).await?;
            let closed = self
                .book
                .payment(&payment.provider_ref)
                .await
                .map_err(unavailable)?;
            return closed.ok_or(ProviderError::NotFound);
        }
        Ok(payment)
    }

    async fn settle(
        &self,
        payment: &SandboxPayment,
        outcome: PaymentOutcome,
        now: Timestamp,
    ) -> Result<(), ProviderError> {
        let notification = Notification::Payment {
            notification_id: random_ref("ntf"),
            out_trade_no: payment.out_trade_no.clone(),
            provider_ref: payment.provider_ref.clone(),
            outcome,
            amount_fen: payment.amount.minor(),
            currency: payment.amount.currency().code().to_owned(),
            at: now.millis(),
        };
        let callback = self.callback(&payment.notify_url, &notification, now);
        self.book
            .settle_payment(&payment.provider_ref, outcome, now, &callback)
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    /// A callback for `notification`, first sent at `at`; some are marked to be sent twice.
    fn callback(&self, url: &str, notification: &Notification, at: Timestamp) -> Delivery {
        let duplicate =
            self.duplicate_one_in > 0 && rand::thread_rng().gen_ratio(1, self.duplicate_one_in);
        Delivery {
            id: random_ref("dlv"),
            url: url.to_owned(),
            body: notification.to_json(),
            attempts: 0,
            next_attempt_at: at,
            duplicates_left: i64::from(duplicate),
        }
    }

    fn cashier_url(&self, provider_ref: &str) -> String {
        format!("{}/{provider_ref}", self.cashier_base.trim_end_matches('/'))
    }

    fn view(&self, payment: &SandboxPayment) -> ProviderPayment {
        ProviderPayment {
            provider_ref: payment.provider_ref.clone(),
            out_trade_no: payment.out_trade_no.clone(),
            amount: payment.amount,
            outcome: payment.outcome,
            cashier_url: self.cashier_url(&payment.provider_ref),
        }
    }
}

#[async_trait]
impl PaymentProvider for SandboxProvider {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    async fn create_payment(
        &self,
        request: &PaymentRequest,
        now: Timestamp,
    ) -> Result<ProviderPayment, ProviderError> {
        if request.amount.minor() <= 0 {
            return Err(ProviderError::Refused("the amount must be positive".into()));
        }
        let new = SandboxPayment {
            provider_ref: random_ref("sbx"),
            out_trade_no: request.out_trade_no.clone(),
            amount: request.amount,
            description: request.description.clone(),
            notify_url: request.notify_url.clone(),
            return_url: request.return_url.clone(),
            created_at: now,
            expires_at: request.expires_at,
            outcome: None,
            settled_at: None,
        };
        let stored = self.book.create_payment(&new).await.map_err(unavailable)?;
        if stored.amount != request.amount {
            return Err(ProviderError::Refused(
                "this out_trade_no was already used with another amount".into(),
            ));
        }
        Ok(self.view(&stored))
    }

    async fn query_payment(
        &self,
        out_trade_no: &str,
        now: Timestamp,
    ) -> Result<ProviderPayment, ProviderError> {
        let payment = self
            .book
            .payment_by_trade_no(out_trade_no)
            .await
            .map_err(unavailable)?
            .ok_or(ProviderError::NotFound)?;
        let payment = self.close_if_expired(payment, now).await?;
        Ok(self.view(&payment))
    }

    async fn create_refund(
        &self,
        request: &RefundRequest,
        now: Timestamp,
    ) -> Result<ProviderRefund, ProviderError> {
        let payment = self
            .book
            .payment_by_trade_no(&request.out_trade_no)
            .await
            .map_err(unavailable)?
            .ok_or(ProviderError::NotFound)?;
        if payment.outcome != Some(PaymentOutcome::Succeeded) {
            return Err(ProviderError::Refused(
                "only a succeeded payment can be refunded".into(),
            ));
        }
        if request.amount.minor() <= 0 || request.amount.currency() != payment.amount.currency() {
            return Err(ProviderError::Refused(
                "the refund amount must be positive".into(),
            ));
        }
        let settles_at = now.plus_millis(REFUND_SETTLES_AFTER_MILLIS);
        let refund = SandboxRefund {
            provider_ref: random_ref("sbr"),
            out_refund_no: request.out_refund_no.clone(),
            out_trade_no: request.out_trade_no.clone(),
            amount: request.amount,
            reason: request.reason.clone(),
            created_at: now,
            settles_at,
            outcome: RefundOutcome::Succeeded,
        };
        let notification = Notification::Refund {
            notification_id: random_ref("ntf"),
            out_refund_no: refund.out_refund_no.clone(),
            out_trade_no: refund.out_trade_no.clone(),
            provider_ref: refund.provider_ref.clone(),
            outcome: refund.outcome,
            amount_fen: refund.amount.minor(),
            currency: refund.amount.currency().code().to_owned(),
            at: settles_at.millis(),
        };
        let callback = self.callback(&request.notify_url, &notification, settles_at);
        let stored = match self.book.create_refund(&refund, &callback).await {
            Ok(stored) => stored,
            Err(BookError::Refused(why)) => return Err(ProviderError::Refused(why.into())),
            Err(other) => return Err(unavailable(other)),
        };
        if stored.amount != request.amount {
            return Err(ProviderError::Refused(
                "this out_refund_no was already used with another amount".into(),
            ));
        }
        Ok(refund_view(&stored, now))
    }

    async fn query_refund(
        &self,
        out_refund_no: &str,
        now: Timestamp,
    ) -> Result<ProviderRefund, ProviderError> {
        let refund = self
            .book
            .refund(out_refund_no)
            .await
            .map_err(unavailable)?
            .ok_or(ProviderError::NotFound)?;
        Ok(refund_view(&refund, now))
    }

    fn read_notification(
        &self,
        header: &dyn Fn(&str) -> Option<String>,
        body: &[u8],
        now: Timestamp,
    ) -> Result<Notification, NotificationError> {
        let malformed = || NotificationError::Signature(crate::SignatureError::Malformed);
        let headers = SignedHeaders {
            timestamp: header(SignedHeaders::TIMESTAMP)
                .and_then(|t| t.trim().parse().ok())
                .ok_or_else(malformed)?,
            nonce: header(SignedHeaders::NONCE).ok_or_else(malformed)?,
            signature: header(SignedHeaders::SIGNATURE).ok_or_else(malformed)?,
        };
        self.signer.verify(&headers, body, now.millis() / 1_000)?;
        Notification::from_json(body)
    }
}

fn refund_view(refund: &SandboxRefund, now: Timestamp) -> ProviderRefund {
    ProviderRefund {
        provider_ref: refund.provider_ref.clone(),
        out_refund_no: refund.out_refund_no.clone(),
        amount: refund.amount,
        outcome: (now >= refund.settles_at).then_some(refund.outcome),
    }
}

fn random_ref(prefix: &str) -> String {
    let mut bytes = [0u8; 12];
    rand::thread_rng().fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}_{hex}")
}

fn unavailable(error: BookError) -> ProviderError {
    match error {
        BookError::Refused(why) => ProviderError::Refused(why.into()),
        BookError::Storage(why) => ProviderError::Unavailable(why),
    }
}
