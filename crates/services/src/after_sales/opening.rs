//! Opening an after-sales request: the buyer's own paid order, the domain's rules on what may
//! be asked, and up to three photos checked and stored before the request is.

use farmgate_domain::access::Actor;
use farmgate_domain::after_sales::{
    self as rules, AfterSaleInput, AfterSaleKind, AfterSaleReason, AfterSaleRequest,
    AfterSaleStatus, NotOpenable, OpenError, OrderStanding,
};
use farmgate_domain::id::{OrderId, PhotoId};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::order::OrderPolicy;
use farmgate_domain::stats::Channel;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{AfterSaleRecord, OrderRecord, TeamStatus};

use super::{AfterSaleForm, RefundableOrder};
use crate::group_buys::TEAM_FORMING;
use crate::{new_id, ServiceError, ServiceResult, Services};

impl Services {
    /// One of the buyer's own orders with what is left to refund; someone else's is not found.
    pub async fn refundable_order(
        &self,
        actor: &Actor,
        order: &OrderId,
    ) -> ServiceResult<RefundableOrder> {
        let detail = self.bought_order(actor, order).await?;
        let refunded = self.store.refund_totals(order).await?.total();
        let refundable = detail
            .order
            .total
            .checked_sub(refunded)
            .map_err(|e| ServiceError::Internal(e.to_string()))?;
        Ok(RefundableOrder { detail, refundable })
    }

    /// Opens a request on the buyer's order, with up to three photos checked and resized like
    /// product photos. Nothing is stored unless everything is valid.
    pub async fn open_after_sale(
        &self,
        actor: &Actor,
        order: &OrderId,
        form: &AfterSaleForm,
        photos: Vec<Vec<u8>>,
    ) -> ServiceResult<AfterSaleRecord> {
        let RefundableOrder { detail, refundable } = self.refundable_order(actor, order).await?;
        self.check_team_ended(&detail.order).await?;
        let now = self.clock.now();
        let kind = AfterSaleKind::parse(form.kind.trim());
        let reason = AfterSaleReason::parse(form.reason.trim()).filter(|r| !r.is_platforms());
        let amount = if form.amount.trim().is_empty() {
            Some(refundable)
        } else {
            Money::parse_major(&form.amount, Currency::Cny)
        };
        let mut errors = ValidationErrors::default();
        for (field, missing) in [("kind", kind.is_none()), ("reason", reason.is_none())] {
            if missing {
                errors.push(field, Problem::Required);
            }
        }
        if amount.is_none() {
            errors.push("amount", Problem::Invalid);
        }
        let (Some(kind), Some(reason), Some(amount)) = (kind, reason, amount) else {
            return Err(errors.into());
        };
        let photo_ids: Vec<PhotoId> = photos.iter().map(|_| new_id()).collect();
        let open_case = self
            .store
            .after_sales_of_order(order)
            .await?
            .iter()
            .any(|case| case.status.is_open());
        let standing = OrderStanding {
            status: detail.order.status,
            after_sales_close_at: detail
                .order
                .delivered_at
                .map(|at| OrderPolicy::default().after_sales_close_at(at)),
            paid: detail.order.total,
            already_refunded: Money::fen(detail.order.total.minor() - refundable.minor()),
            has_open_case: open_case,
        };
        let input = AfterSaleInput {
            kind,
            reason,
            description: &form.description,
            photos: &photo_ids,
            amount,
        };
        let request = AfterSaleRequest::open(&input, &standing, now).map_err(open_error)?;
        let mut processed = Vec::with_capacity(photos.len());
        for bytes in photos {
            processed.push(self.process(bytes).await.map_err(photos_field)?);
        }
        let files: Vec<String> = photo_ids.iter().map(ToString::to_string).collect();
        for (id, photo) in photo_ids.iter().zip(processed) {
            if let Err(error) = self.save_photo_files(id, photo).await {
                self.remove_photo_files(&files);
                return Err(error);
            }
        }
        let record = AfterSaleRecord {
            id: new_id(),
            order_id: order.clone(),
            shop_id: detail.order.shop_id.clone(),
            buyer_id: actor.account_id.clone(),
            kind,
            reason,
            description: request.description,
            amount: request.amount,
            status: AfterSaleStatus::Requested,
            photos: files,
            created_at: now,
            updated_at: now,
            answer_by: rules::answer_by(kind, detail.order.status, now),
            reject_reason: None,
            return_address: None,
            return_shipment: None,
            escalated_at: None,
            ruling_note: None,
            refunded_at: None,
            refund_source: None,
            commission_reversed: None,
        };
        if let Err(error) = self.store.insert_after_sale(&record).await {
            self.remove_photo_files(&record.photos);
            return Err(error.into());
        }
        Ok(record)
    }
}

fn open_error(error: OpenError) -> ServiceError {
    match error {
        OpenError::Invalid(errors) => ServiceError::Validation(errors),
        OpenError::NotOpenable(why) => ServiceError::Conflict(match why {
            NotOpenable::NotPaid => "the order has not been paid",
            NotOpenable::WindowClosed => "the after-sales window has closed",
            NotOpenable::NotShippedYet => "nothing has been shipped to return",
            NotOpenable::CaseAlreadyOpen => "another after-sales request on this order is open",
            NotOpenable::NothingLeftToRefund => "everything paid has been refunded",
        }),
    }
}

/// A photo's problem, reported against the form's `photos` field.
fn photos_field(error: ServiceError) -> ServiceError {
    match error {
        ServiceError::Validation(mut errors) => {
            for error in &mut errors.0 {
                error.field = "photos";
            }
            ServiceError::Validation(errors)
        }
        other => other,
    }
}

impl Services {
    /// A group-buy order is its team's until the team ends: refunded with it if it fails.
    async fn check_team_ended(&self, order: &OrderRecord) -> ServiceResult<()> {
        if order.channel != Channel::GroupBuy.as_str() {
            return Ok(());
        }
        let team = match self.store.team_of_checkout(&order.checkout_id).await? {
            Some(id) => self.store.team(&id).await?,
            None => None,
        };
        match team {
            Some(team) if team.status == TeamStatus::Open => {
                Err(ServiceError::Conflict(TEAM_FORMING))
            }
            _ => Ok(()),
        }
    }
}
