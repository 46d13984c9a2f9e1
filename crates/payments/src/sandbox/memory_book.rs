//! An in-memory `SandboxBook` for the sandbox's unit tests; the real one is the SQL store's.

use std::sync::Mutex;

use async_trait::async_trait;
use farmgate_domain::time::Timestamp;

use super::{BookError, Delivery, SandboxBook, SandboxPayment, SandboxRefund};
use crate::notification::PaymentOutcome;

#[derive(Default)]
pub(super) struct MemoryBook {
    pub(super) state: Mutex<(Vec<SandboxPayment>, Vec<SandboxRefund>, Vec<Delivery>)>,
}

#[async_trait]
impl SandboxBook for MemoryBook {
    async fn create_payment(&self, payment: &SandboxPayment) -> Result<SandboxPayment, BookError> {
        let mut state = self.state.lock().unwrap();
        if let Some(found) = state
            .0
            .iter()
            .find(|p| p.out_trade_no == payment.out_trade_no)
        {
            return Ok(found.clone());
        }
        state.0.push(payment.clone());
        Ok(payment.clone())
    }
    async fn payment(&self, provider_ref: &str) -> Result<Option<SandboxPayment>, BookError> {
        Ok(self
            .state
            .lock()
            .unwrap()
            .0
            .iter()
            .find(|p| p.provider_ref == provider_ref)
            .cloned())
    }
    async fn payment_by_trade_no(&self, no: &str) -> Result<Option<SandboxPayment>, BookError> {
        Ok(self
            .state
            .lock()
            .unwrap()
            .0
            .iter()
            .find(|p| p.out_trade_no == no)
            .cloned())
    }
    async fn settle_payment(
        &self,
        provider_ref: &str,
        outcome: PaymentOutcome,
        at: Timestamp,
        callback: &Delivery,
    ) -> Result<bool, BookError> {
        let mut state = self.state.lock().unwrap();
        let Some(payment) = state.0.iter_mut().find(|p| p.provider_ref == provider_ref) else {
            return Ok(false);
        };
        if payment.outcome.is_some() {
            return Ok(false);
        }
        payment.outcome = Some(outcome);
        payment.settled_at = Some(at);
        state.2.push(callback.clone());
        Ok(true)
    }
    async fn create_refund(
        &self,
        refund: &SandboxRefund,
        callback: &Delivery,
    ) -> Result<SandboxRefund, BookError> {
        let mut state = self.state.lock().unwrap();
        if let Some(found) = state
            .1
            .iter()
            .find(|r| r.out_refund_no == refund.out_refund_no)
        {
            return Ok(found.clone());
        }
        let paid = state
            .0
            .iter()
            .find(|p| p.out_trade_no == refund.out_trade_no)
            .map(|p| p.amount.minor());
        let refunded: i64 = state
            .1
            .iter()
            .filter(|r| r.out_trade_no == refund.out_trade_no)
            .map(|r| r.amount.minor())
            .sum();
        if refunded + refund.amount.minor() > paid.unwrap_or(0) {
            return Err(BookError::Refused("refunds would exceed the payment"));
        }
        state.1.push(refund.clone());
        state.2.push(callback.clone());
        Ok(refund.clone())
    }
    async fn refund(&self, no: &str) -> Result<Option<SandboxRefund>, BookError> {
        Ok(self
            .state
            .lock()
            .unwrap()
            .1
            .iter()
            .find(|r| r.out_refund_no == no)
            .cloned())
    }
    async fn due_deliveries(&self, now: Timestamp, limit: i64) -> Result<Vec<Delivery>, BookError> {
        let state = self.state.lock().unwrap();
        Ok(state
            .2
            .iter()
            .filter(|d| d.next_attempt_at <= now)
            .take(limit as usize)
            .cloned()
            .collect())
    }
    async fn record_attempt(
        &self,
        id: &str,
        attempts: i64,
        duplicates_left: i64,
        next: Option<Timestamp>,
    ) -> Result<(), BookError> {
        let mut state = self.state.lock().unwrap();
        match next {
            Some(at) => {
                if let Some(d) = state.2.iter_mut().find(|d| d.id == id) {
                    d.attempts = attempts;
                    d.duplicates_left = duplicates_left;
                    d.next_attempt_at = at;
                }
            }
            None => state.2.retain(|d| d.id != id),
        }
        Ok(())
    }
}
