//! After-sales (售后) use cases: a buyer asks for a refund or a return with photos, the producer
//! approves or rejects, the buyer ships a return or escalates, the hub rules, and a producer who
//! stays silent is answered for. Every step goes through the domain's state machine and is
//! stored only from the status it was read in. Opening a request is in `after_sales/opening.rs`,
//! refunds themselves in `refunds.rs`.

mod opening;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::after_sales::{
    self as rules, AfterSaleEvent, AfterSaleKind, AfterSaleStatus, Ruling,
};
use farmgate_domain::id::AfterSaleId;
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::shipment::Shipment;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{AfterSaleChange, AfterSaleRecord, OrderDetail, Page, ShipmentRecord};

use crate::{ServiceError, ServiceResult, Services};

/// A buyer's request as typed into the form; `amount` empty means everything refundable.
#[derive(Debug, Clone, Default)]
pub struct AfterSaleForm {
    pub kind: String,
    pub reason: String,
    pub amount: String,
    pub description: String,
}

/// The hub's ruling as typed: `refund` (with an amount, default what was asked),
/// `return_first` or `dismiss`, and why.
#[derive(Debug, Clone, Default)]
pub struct RulingForm {
    pub ruling: String,
    pub amount: String,
    pub note: String,
}

/// An order with what the buyer may still get back from it.
#[derive(Debug, Clone)]
pub struct RefundableOrder {
    pub detail: OrderDetail,
    pub refundable: Money,
}

impl Services {
    /// The buyer's requests, newest first.
    pub async fn my_after_sales(&self, actor: &Actor) -> ServiceResult<Vec<AfterSaleRecord>> {
        Ok(self
            .store
            .after_sales_of_buyer(&actor.account_id, Page::first(200))
            .await?)
    }

    /// A shop's requests, newest first, for its members and the hub.
    pub async fn shop_after_sales(
        &self,
        actor: &Actor,
        shop: &farmgate_domain::id::ShopId,
    ) -> ServiceResult<Vec<AfterSaleRecord>> {
        authorize(actor, &Action::ManageShop(shop))?;
        Ok(self
            .store
            .after_sales_of_shop(shop, Page::first(200))
            .await?)
    }

    /// Escalated requests, longest waiting first.
    pub async fn disputes(&self, actor: &Actor) -> ServiceResult<Vec<AfterSaleRecord>> {
        authorize(actor, &Action::ResolveDisputes)?;
        Ok(self
            .store
            .after_sales_in(AfterSaleStatus::Disputed, Page::first(200))
            .await?)
    }

    /// The producer says yes. A return needs the address the goods go back to.
    pub async fn approve_after_sale(
        &self,
        actor: &Actor,
        id: &AfterSaleId,
        return_address: &str,
    ) -> ServiceResult<AfterSaleRecord> {
        let case = self.managed_case(actor, id).await?;
        let address = match case.kind {
            AfterSaleKind::ReturnAndRefund => Some(rules::note("return_address", return_address)?),
            AfterSaleKind::RefundOnly => None,
        };
        self.advance(&case, AfterSaleEvent::Approve, |change| {
            change.return_address = address;
        })
        .await
    }

    pub async fn reject_after_sale(
        &self,
        actor: &Actor,
        id: &AfterSaleId,
        reason: &str,
    ) -> ServiceResult<AfterSaleRecord> {
        let case = self.managed_case(actor, id).await?;
        let event = AfterSaleEvent::reject(reason)?;
        let AfterSaleEvent::Reject { reason } = &event else {
            return Err(ServiceError::Internal(
                "a rejection without its reason".into(),
            ));
        };
        let reason = Some(reason.clone());
        self.advance(&case, event, |change| change.reject_reason = reason)
            .await
    }

    /// The returned goods arrived at the farm: the refund goes out.
    pub async fn confirm_return_received(
        &self,
        actor: &Actor,
        id: &AfterSaleId,
    ) -> ServiceResult<AfterSaleRecord> {
        let case = self.managed_case(actor, id).await?;
        self.advance(&case, AfterSaleEvent::ConfirmReturnReceived, |_| {})
            .await
    }

    /// The buyer sent the goods back with a carrier and tracking number.
    pub async fn ship_return(
        &self,
        actor: &Actor,
        id: &AfterSaleId,
        carrier: &str,
        tracking: &str,
    ) -> ServiceResult<AfterSaleRecord> {
        let case = self.own_case(actor, id).await?;
        let shipment = Shipment::parse(carrier, tracking)?;
        let record = ShipmentRecord {
            carrier: shipment.carrier.code().to_owned(),
            tracking_no: shipment.tracking.as_str().to_owned(),
            shipped_at: self.clock.now(),
        };
        self.advance(&case, AfterSaleEvent::ShipReturn(shipment), |change| {
            change.return_shipment = Some(record);
        })
        .await
    }

    /// The buyer takes a rejection (or a stalled return) to the county hub.
    pub async fn escalate_after_sale(
        &self,
        actor: &Actor,
        id: &AfterSaleId,
    ) -> ServiceResult<AfterSaleRecord> {
        let case = self.own_case(actor, id).await?;
        self.advance(&case, AfterSaleEvent::Escalate, |change| {
            change.escalated = true;
        })
        .await
    }

    pub async fn withdraw_after_sale(
        &self,
        actor: &Actor,
        id: &AfterSaleId,
    ) -> ServiceResult<AfterSaleRecord> {
        let case = self.own_case(actor, id).await?;
        self.advance(&case, AfterSaleEvent::Withdraw, |_| {}).await
    }

    /// The hub's final word on a dispute: refund (all or part of what was asked), have the
    /// goods returned first, or dismiss; always with a reason.
    pub async fn rule_dispute(
        &self,
        actor: &Actor,
        id: &AfterSaleId,
        form: &RulingForm,
    ) -> ServiceResult<AfterSaleRecord> {
        authorize(actor, &Action::ResolveDisputes)?;
        let case = self
            .store
            .after_sale(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let mut errors = ValidationErrors::default();
        let ruling = match form.ruling.trim() {
            "refund" => Some(Ruling::Refund),
            "return_first" => Some(Ruling::ReturnFirst),
            "dismiss" => Some(Ruling::Dismiss),
            _ => {
                errors.push("ruling", Problem::Required);
                None
            }
        };
        let note = errors.check(rules::note("ruling_note", &form.note));
        let amount = match (ruling, form.amount.trim()) {
            (Some(Ruling::Refund), "") => Some(case.amount),
            (Some(Ruling::Refund), text) => errors.check(
                Money::parse_major(text, Currency::Cny)
                    .ok_or(farmgate_domain::validation::FieldError {
                        field: "amount",
                        problem: Problem::Invalid,
                    })
                    .and_then(|ruled| rules::ruled_amount(case.amount, ruled)),
            ),
            _ => None,
        };
        errors.into_result()?;
        let ruling = ruling.ok_or(ServiceError::Internal("a ruling went missing".into()))?;
        self.advance(&case, AfterSaleEvent::Rule(ruling), |change| {
            change.ruling_note = note;
            change.amount = amount;
        })
        .await
    }

    /// Approves refund-only requests whose producer did not answer in time; returns how many.
    pub async fn auto_approve_after_sales(&self) -> ServiceResult<usize> {
        let due = self
            .store
            .unanswered_after_sales(self.clock.now(), 100)
            .await?;
        let mut approved = 0;
        for case in &due {
            match self
                .advance(case, AfterSaleEvent::AutoApprove, |_| {})
                .await
            {
                Ok(_) => approved += 1,
                // Answered meanwhile.
                Err(ServiceError::Conflict(_)) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(approved)
    }

    /// A request of a shop the actor manages.
    async fn managed_case(
        &self,
        actor: &Actor,
        id: &AfterSaleId,
    ) -> ServiceResult<AfterSaleRecord> {
        let case = self
            .store
            .after_sale(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        authorize(actor, &Action::ManageShop(&case.shop_id))?;
        Ok(case)
    }

    /// One of the buyer's own requests; anyone else's is not found.
    async fn own_case(&self, actor: &Actor, id: &AfterSaleId) -> ServiceResult<AfterSaleRecord> {
        let case = self
            .store
            .after_sale(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if case.buyer_id != actor.account_id {
            return Err(ServiceError::NotFound);
        }
        Ok(case)
    }

    /// Moves a request on by `event` from the status it was read in, with the fields `fill`
    /// sets; an approved refund then goes out through the provider.
    async fn advance(
        &self,
        case: &AfterSaleRecord,
        event: AfterSaleEvent,
        fill: impl FnOnce(&mut AfterSaleChange),
    ) -> ServiceResult<AfterSaleRecord> {
        let to = rules::transition(case.kind, case.status, &event)
            .map_err(|_| ServiceError::Conflict(NOT_NOW))?;
        let mut change = AfterSaleChange::new(&case.id, case.status, to, self.clock.now());
        fill(&mut change);
        if !self.store.advance_after_sale(&change).await? {
            return Err(ServiceError::Conflict(NOT_NOW));
        }
        let updated = self
            .store
            .after_sale(&case.id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if to == AfterSaleStatus::RefundApproved {
            // Approved is approved: a provider that is down now is retried by the sweeper.
            if let Err(error) = self.send_refund(&updated).await {
                tracing::warn!(%error, after_sale = %updated.id, "refund not sent yet");
            }
        }
        Ok(updated)
    }
}

/// The conflict a request answers when it has moved on, or cannot take this step.
pub const NOT_NOW: &str = "this after-sales request cannot take that step now";
