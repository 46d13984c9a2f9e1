//! Paying for checkouts through the configured provider, applying its callbacks exactly once,
//! asking about late ones, and refunding money that arrived for expired orders. Also the
//! sandbox provider's signing key, made once per installation and kept in the store.

use std::sync::Arc;

use farmgate_domain::id::{CheckoutId, PaymentId, ShopId};
use farmgate_domain::ledger::payment_captured;
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::stats::Channel;
use farmgate_domain::time::Timestamp;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_payments::{
    Notification, PaymentOutcome, PaymentProvider, PaymentRequest, ProviderError, RefundRequest,
    Signer,
};
use farmgate_store::{OrderDetail, PaymentRecord, PaymentSettlement, PaymentStatus, SettleOutcome};

use crate::{new_id, ServiceError, ServiceResult, Services};

/// The meta key holding the sandbox provider's callback-signing key (base64).
pub const SANDBOX_KEY: &str = "payments.sandbox.key";

impl Services {
    /// The sandbox's signing key, created on first use.
    pub async fn sandbox_signer(&self) -> ServiceResult<Signer> {
        if let Some(key) = self.store.meta(SANDBOX_KEY).await? {
            return Ok(Signer::new(key.as_bytes()));
        }
        self.store
            .set_meta(SANDBOX_KEY, &Signer::generate_key())
            .await?;
        // Read back what is stored, so a node that raced this one ends up with the same key.
        let key = self.store.meta(SANDBOX_KEY).await?.unwrap_or_default();
        Ok(Signer::new(key.as_bytes()))
    }
}

/// How Farmgate takes payments: the provider, and where it sends its callbacks.
pub struct PaymentSetup {
    pub provider: Arc<dyn PaymentProvider>,
    /// Absolute URL of Farmgate's callback endpoint for this provider.
    pub notify_url: String,
    /// Absolute base URL of Farmgate, for the cashier's "return" link.
    pub public_url: String,
}

/// A payment still pending after this long is asked about rather than waited for.
pub const QUERY_AFTER_MILLIS: i64 = 60_000;

/// What a callback did, for the HTTP answer and the logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackResult {
    Applied,
    Duplicate,
    /// The money came in for orders that had expired: it is being refunded.
    Refunding,
    /// A refund's outcome: acknowledged.
    RefundNoted,
}

impl Services {
    pub fn with_payments(mut self, setup: PaymentSetup) -> Self {
        self.payments = Some(Arc::new(setup));
        self
    }

    pub(crate) fn setup(&self) -> ServiceResult<&PaymentSetup> {
        self.payments
            .as_deref()
            .ok_or_else(|| ServiceError::Internal("no payment provider is configured".into()))
    }

    /// The cashier URL for a checkout: its pending payment's, or a new payment's.
    pub(crate) async fn payment_for(
        &self,
        checkout: &CheckoutId,
        orders: &[OrderDetail],
        now: Timestamp,
    ) -> ServiceResult<String> {
        let setup = self.setup()?;
        let pay_by = orders
            .iter()
            .map(|o| o.order.pay_by)
            .min()
            .ok_or(ServiceError::NotFound)?;
        if orders
            .iter()
            .any(|o| o.order.status != OrderStatus::PendingPayment)
        {
            return Err(ServiceError::Conflict(
                "this checkout is no longer awaiting payment",
            ));
        }
        let existing = self.store.payments_of_checkout(checkout).await?;
        let payment = match existing
            .into_iter()
            .find(|p| p.status == PaymentStatus::Pending)
        {
            Some(payment) => payment,
            None => {
                let amount = orders
                    .iter()
                    .try_fold(Money::fen(0), |sum, o| sum.checked_add(o.order.total));
                let payment = PaymentRecord {
                    id: new_id(),
                    checkout_id: checkout.clone(),
                    provider: setup.provider.name().to_owned(),
                    provider_ref: None,
                    amount: amount.map_err(|e| ServiceError::Internal(e.to_string()))?,
                    status: PaymentStatus::Pending,
                    created_at: now,
                    settled_at: None,
                };
                self.store.insert_payment(&payment).await?;
                payment
            }
        };
        let request = PaymentRequest {
            out_trade_no: payment.id.to_string(),
            amount: payment.amount,
            description: description(orders),
            notify_url: setup.notify_url.clone(),
            return_url: format!(
                "{}{}",
                setup.public_url.trim_end_matches('/'),
                self.return_path(checkout, orders).await?
            ),
            expires_at: pay_by,
        };
        let created = setup
            .provider
            .create_payment(&request, now)
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        if payment.provider_ref.as_deref() != Some(created.provider_ref.as_str()) {
            self.store
                .set_provider_ref(&payment.id, &created.provider_ref)
                .await?;
        }
        Ok(created.cashier_url)
    }

    /// Where the cashier sends the buyer back: a team seat to its team's page, since that is
    /// where they share it; anything else to their orders.
    async fn return_path(
        &self,
        checkout: &CheckoutId,
        orders: &[OrderDetail],
    ) -> ServiceResult<String> {
        let in_team = orders
            .iter()
            .any(|o| o.order.channel == Channel::GroupBuy.as_str());
        let team = match in_team {
            true => self.store.team_of_checkout(checkout).await?,
            false => None,
        };
        Ok(team.map_or_else(|| "/orders".to_owned(), |team| format!("/teams/{team}")))
    }

    /// A provider's callback: checked, then applied once. A forged or unreadable one is a
    /// validation error for the caller to answer 4xx and log.
    pub async fn payment_callback(
        &self,
        header: &(dyn Fn(&str) -> Option<String> + Sync),
        body: &[u8],
    ) -> ServiceResult<CallbackResult> {
        let setup = self.setup()?;
        let now = self.clock.now();
        let notification = setup
            .provider
            .read_notification(header, body, now)
            .map_err(|error| {
                tracing::warn!(%error, "payment callback refused");
                ServiceError::Validation(ValidationErrors::single("signature", Problem::Invalid))
            })?;
        match notification {
            Notification::Payment {
                out_trade_no,
                outcome,
                amount_fen,
                ..
            } => {
                let id = PaymentId::parse(&out_trade_no).ok_or(ServiceError::NotFound)?;
                self.apply_outcome(&id, outcome, Some(amount_fen), now)
                    .await
            }
            Notification::Refund {
                out_refund_no,
                outcome,
                amount_fen,
                ..
            } => {
                self.refund_notified(&out_refund_no, outcome, amount_fen, now)
                    .await
            }
        }
    }

    /// Asks the provider about payments whose callback is late, and applies what it says.
    pub async fn reconcile_payments(&self) -> ServiceResult<usize> {
        let setup = self.setup()?;
        let now = self.clock.now();
        let pending = self
            .store
            .pending_payments(now.plus_millis(-QUERY_AFTER_MILLIS), 100)
            .await?;
        let mut settled = 0;
        for payment in pending {
            let answer = setup.provider.query_payment(payment.id.as_str(), now).await;
            let outcome = match answer {
                Ok(found) => found.outcome,
                Err(ProviderError::NotFound) => Some(PaymentOutcome::Closed),
                Err(error) => {
                    tracing::warn!(%error, payment = %payment.id, "payment query failed");
                    None
                }
            };
            if let Some(outcome) = outcome {
                self.apply_outcome(&payment.id, outcome, None, now).await?;
                settled += 1;
            }
        }
        Ok(settled)
    }

    /// Expires unpaid orders whose time ran out, returning their stock.
    pub async fn expire_unpaid_orders(&self) -> ServiceResult<u64> {
        let expired = self.store.expire_unpaid(self.clock.now()).await?;
        self.flash_units_returned(&expired.flash_returns);
        // Back in stock: "in stock" searches and cached copies must see it.
        self.catalogue_changed(expired.restocked);
        Ok(expired.orders)
    }

    pub(crate) async fn apply_outcome(
        &self,
        id: &PaymentId,
        outcome: PaymentOutcome,
        amount_fen: Option<i64>,
        now: Timestamp,
    ) -> ServiceResult<CallbackResult> {
        let payment = self
            .store
            .payment(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if amount_fen.is_some_and(|fen| fen != payment.amount.minor()) {
            tracing::warn!(payment = %id, "callback amount does not match the payment");
            return Err(ServiceError::Conflict(
                "the amount does not match the payment",
            ));
        }
        let status = match outcome {
            PaymentOutcome::Succeeded => PaymentStatus::Succeeded,
            PaymentOutcome::Failed => PaymentStatus::Failed,
            PaymentOutcome::Closed => PaymentStatus::Closed,
        };
        let orders = self.store.orders_of_checkout(&payment.checkout_id).await?;
        let per_shop: Vec<(ShopId, Money)> = orders
            .iter()
            .map(|o| (o.order.shop_id.clone(), o.order.total))
            .collect();
        let captured = payment_captured(payment.amount, &per_shop)
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        let settlement = PaymentSettlement {
            payment: id.clone(),
            outcome: status,
            at: now,
            captured: Some((new_id::<PaymentId>().to_string(), captured)),
        };
        match self.store.settle_payment(&settlement).await? {
            SettleOutcome::Applied if status == PaymentStatus::Succeeded => {
                if let Err(error) = self.attribute_paid_orders(&orders, now).await {
                    tracing::warn!(payment = %id, %error, "orders paid but not attributed");
                }
                let seat = Channel::GroupBuy.as_str();
                if orders.iter().any(|o| o.order.channel == seat) {
                    self.seat_paid(&payment.checkout_id, now).await;
                }
                Ok(CallbackResult::Applied)
            }
            SettleOutcome::Applied => Ok(CallbackResult::Applied),
            SettleOutcome::AlreadySettled => Ok(CallbackResult::Duplicate),
            SettleOutcome::OrdersNoLongerPayable => {
                self.refund_whole(&payment, now).await?;
                Ok(CallbackResult::Refunding)
            }
        }
    }

    /// Gives back a payment that arrived for orders no longer payable. The refund number is
    /// derived from the payment, so asking twice refunds once.
    async fn refund_whole(&self, payment: &PaymentRecord, now: Timestamp) -> ServiceResult<()> {
        let setup = self.setup()?;
        let request = RefundRequest {
            out_refund_no: format!("late-{}", payment.id),
            out_trade_no: payment.id.to_string(),
            amount: payment.amount,
            reason: "orders expired before the payment arrived".into(),
            notify_url: setup.notify_url.clone(),
        };
        setup
            .provider
            .create_refund(&request, now)
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        Ok(())
    }
}

/// What the cashier shows: the first product and how many more lines there are.
fn description(orders: &[OrderDetail]) -> String {
    let lines: Vec<&str> = orders
        .iter()
        .flat_map(|o| o.lines.iter().map(|l| l.title.as_str()))
        .collect();
    match lines.as_slice() {
        [] => "Farmgate".to_owned(),
        [only] => (*only).to_owned(),
        [first, rest @ ..] => format!("{first} +{}", rest.len()),
    }
}
