//! Refunds of after-sales requests through the payment provider. The refund number is the
//! request's id, so sending it again (a retry, a second sweep) refunds once at the provider;
//! the provider's callback, or asking it, completes the refund once in Farmgate's books: the
//! request refunded, the ledger entry and the order's refunded total in one transaction.

use farmgate_domain::after_sales::{refunds_complete_order, AfterSaleStatus};
use farmgate_domain::id::{AfterSaleId, OrderId, PostingId};
use farmgate_domain::ledger::{refund, LedgerError, RefundBasis};
use farmgate_domain::money::Money;
use farmgate_domain::order::{transition, OrderEvent, OrderStatus};
use farmgate_domain::time::Timestamp;
use farmgate_payments::{ProviderError, RefundOutcome, RefundRequest};
use farmgate_store::{
    AfterSaleRecord, CompleteOutcome, PaymentStatus, RefundCompletion, RefundSource, StoreError,
};

use crate::fulfilment::held_and_commission;
use crate::payments::{CallbackResult, QUERY_AFTER_MILLIS};
use crate::{new_id, ServiceError, ServiceResult, Services};

/// Tries per completion: the order may move on (be delivered) between reading and writing.
const COMPLETION_ATTEMPTS: usize = 3;

impl Services {
    /// Asks the provider to pay an approved request back to the buyer's original payment.
    pub(crate) async fn send_refund(&self, case: &AfterSaleRecord) -> ServiceResult<()> {
        let setup = self.setup()?;
        let order = self
            .store
            .order(&case.order_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let payment = self
            .store
            .payments_of_checkout(&order.order.checkout_id)
            .await?
            .into_iter()
            .find(|p| p.status == PaymentStatus::Succeeded)
            .ok_or(ServiceError::Conflict("the order has no captured payment"))?;
        let request = RefundRequest {
            out_refund_no: case.id.to_string(),
            out_trade_no: payment.id.to_string(),
            amount: case.amount,
            reason: case.reason.as_str().to_owned(),
            notify_url: setup.notify_url.clone(),
        };
        let now = self.clock.now();
        let sent = setup
            .provider
            .create_refund(&request, now)
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        if sent.outcome == Some(RefundOutcome::Succeeded) {
            self.complete_refund(&case.id, now).await?;
        }
        Ok(())
    }

    /// The provider's callback for a refund. Refunds of late payments (not requests) only
    /// need acknowledging.
    pub(crate) async fn refund_notified(
        &self,
        out_refund_no: &str,
        outcome: RefundOutcome,
        amount_fen: i64,
        now: Timestamp,
    ) -> ServiceResult<CallbackResult> {
        let Some(id) = AfterSaleId::parse(out_refund_no) else {
            tracing::info!(%out_refund_no, "refund settled at the provider");
            return Ok(CallbackResult::RefundNoted);
        };
        let case = self
            .store
            .after_sale(&id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if case.amount.minor() != amount_fen {
            tracing::warn!(after_sale = %id, "refund callback amount does not match");
            return Err(ServiceError::Conflict(
                "the amount does not match the refund",
            ));
        }
        if outcome == RefundOutcome::Failed {
            tracing::warn!(after_sale = %id, "the provider could not refund; it needs a person");
            return Ok(CallbackResult::RefundNoted);
        }
        match self.complete_refund(&id, now).await? {
            CompleteOutcome::Completed => Ok(CallbackResult::Applied),
            CompleteOutcome::AlreadyCompleted => Ok(CallbackResult::Duplicate),
        }
    }

    /// Asks the provider about approved refunds whose callback is late, sending again those it
    /// never received; returns how many completed.
    pub async fn reconcile_refunds(&self) -> ServiceResult<usize> {
        let setup = self.setup()?;
        let now = self.clock.now();
        let due = self
            .store
            .refunds_outstanding(now.plus_millis(-QUERY_AFTER_MILLIS), 100)
            .await?;
        let mut completed = 0;
        for case in due {
            match setup.provider.query_refund(case.id.as_str(), now).await {
                Ok(found) if found.outcome == Some(RefundOutcome::Succeeded) => {
                    self.complete_refund(&case.id, now).await?;
                    completed += 1;
                }
                Ok(_) => {}
                Err(ProviderError::NotFound) => self.send_refund(&case).await?,
                Err(error) => tracing::warn!(%error, after_sale = %case.id, "refund query failed"),
            }
        }
        Ok(completed)
    }

    /// Records a refund the provider made, once.
    pub async fn complete_refund(
        &self,
        id: &AfterSaleId,
        now: Timestamp,
    ) -> ServiceResult<CompleteOutcome> {
        let mut why = "the order keeps changing; try again";
        for _ in 0..COMPLETION_ATTEMPTS {
            let case = self
                .store
                .after_sale(id)
                .await?
                .ok_or(ServiceError::NotFound)?;
            match case.status {
                AfterSaleStatus::Refunded => return Ok(CompleteOutcome::AlreadyCompleted),
                AfterSaleStatus::RefundApproved => {}
                _ => return Err(ServiceError::Conflict("the refund is not due")),
            }
            // Read while another completion of the same refund was landing: read again.
            let completion = match self.completion(&case, now).await {
                Err(ServiceError::Conflict(reason)) => {
                    why = reason;
                    continue;
                }
                other => other?,
            };
            match self.store.complete_refund(&completion).await {
                Err(StoreError::Conflict(reason)) => {
                    tracing::info!(after_sale = %id, reason, "order moved on; refund recomputed");
                    why = reason;
                }
                Ok(CompleteOutcome::Completed) if completion.order_refunded_in_full => {
                    self.restocked(&completion.order).await?;
                    return Ok(CompleteOutcome::Completed);
                }
                other => return Ok(other?),
            }
        }
        Err(ServiceError::Conflict(why))
    }

    /// An order refunded in full may have given its stock back (if it never shipped): "in
    /// stock" searches and cached copies must see it.
    async fn restocked(&self, order: &OrderId) -> ServiceResult<()> {
        if let Some(detail) = self.store.order(order).await? {
            self.catalogue_changed(detail.lines.into_iter().map(|line| line.product_id));
        }
        Ok(())
    }

    /// How `case` is refunded, from the order as it stands: from escrow before delivery, from
    /// the producer and the commission after (the store charges the producer's part to their
    /// payable, or their debt where it falls short, under the shop's lock).
    async fn completion(
        &self,
        case: &AfterSaleRecord,
        now: Timestamp,
    ) -> ServiceResult<RefundCompletion> {
        let order = self
            .store
            .order(&case.order_id)
            .await?
            .ok_or(ServiceError::NotFound)?
            .order;
        let totals = self.store.refund_totals(&order.id).await?;
        let refunded_before = totals.total();
        let internal =
            |e: farmgate_domain::money::MoneyError| ServiceError::Internal(e.to_string());
        let mut leader_reversal = None;
        let mut campaign_reversal = Money::fen(0);
        let (source, basis) = match order.status {
            OrderStatus::Delivered | OrderStatus::Completed => {
                let (settled, commission) = held_and_commission(&order, totals.held)?;
                leader_reversal = self
                    .leader_reversal(&order, settled, totals.settled, case.amount)
                    .await?;
                campaign_reversal = self
                    .campaign_reversal(&order, settled, totals.settled, case.amount)
                    .await?;
                let basis = RefundBasis::Settled {
                    shop: order.shop_id.clone(),
                    settled,
                    commission,
                    refunded_before: totals.settled,
                    commission_reversed_before: totals.commission_reversed,
                };
                (RefundSource::Settled, basis)
            }
            _ => {
                let held = order.total.checked_sub(refunded_before).map_err(internal)?;
                let basis = RefundBasis::Held {
                    shop: order.shop_id.clone(),
                    held,
                };
                (RefundSource::Held, basis)
            }
        };
        let split = refund(&basis, case.amount).map_err(|e| match e {
            LedgerError::AboveRefundable => ServiceError::Conflict("more than is left to refund"),
            other => ServiceError::Internal(other.to_string()),
        })?;
        let after = refunded_before.checked_add(case.amount).map_err(internal)?;
        let in_full = refunds_complete_order(order.total, after);
        if in_full && transition(order.status, &OrderEvent::RefundInFull).is_err() {
            return Err(ServiceError::Conflict(
                "the order can no longer be refunded",
            ));
        }
        Ok(RefundCompletion {
            after_sale: case.id.clone(),
            order: order.id.clone(),
            order_status: order.status,
            refunded_before,
            source,
            refund: split,
            leader_reversal,
            campaign_reversal,
            entry_id: new_id::<PostingId>().to_string(),
            order_refunded_in_full: in_full,
            at: now,
        })
    }
}
