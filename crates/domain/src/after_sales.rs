//! After-sales (售后): a buyer asks for a refund, or to return goods for a refund, with a reason
//! and photos; the producer approves or rejects; a rejected buyer can escalate to the county hub,
//! whose ruling is final. Produce spoils, so the photo is usually the evidence.

use serde::{Deserialize, Serialize};

use crate::id::PhotoId;
use crate::money::Money;
use crate::order::OrderStatus;
use crate::shipment::Shipment;
use crate::time::Timestamp;
use crate::validation::{text_length, FieldError, Problem, ValidationErrors};

mod codes;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterSaleKind {
    /// Money back, goods stay (not shipped yet, lost, or spoiled beyond returning).
    RefundOnly,
    ReturnAndRefund,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterSaleReason {
    NoLongerWanted,
    NotReceived,
    /// Crushed or broken in transit.
    Damaged,
    /// Rotten, mouldy or thawed.
    Spoiled,
    /// Grade, size, origin or look differ from the listing.
    NotAsDescribed,
    /// Less than the stated net weight (短斤少两).
    ShortWeight,
    WrongItem,
    Other,
    /// The buyer's group-buy team did not fill in time: refunded in full by the platform.
    GroupBuyFailed,
    /// The buyer's group-buy team reached a cheaper tier: the difference back.
    GroupBuyTier,
}

impl AfterSaleReason {
    /// Reasons the platform gives for refunds it makes itself; a buyer cannot choose them.
    pub const fn is_platforms(self) -> bool {
        matches!(self, Self::GroupBuyFailed | Self::GroupBuyTier)
    }

    /// Reasons about the state of goods need a photo of them.
    pub const fn needs_photo(self) -> bool {
        matches!(
            self,
            Self::Damaged
                | Self::Spoiled
                | Self::NotAsDescribed
                | Self::ShortWeight
                | Self::WrongItem
        )
    }

    /// Reasons that only make sense once the parcel has left the producer.
    pub const fn needs_shipment(self) -> bool {
        !matches!(
            self,
            Self::NoLongerWanted | Self::Other | Self::GroupBuyFailed | Self::GroupBuyTier
        )
    }
}

/// Three photos show a parcel, its contents and the label, as the large platforms ask.
pub const MAX_PHOTOS: usize = 3;
pub const MAX_DESCRIPTION_CHARS: usize = 200;

/// The order as it stands when the buyer asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderStanding {
    pub status: OrderStatus,
    /// When the after-sales window closes (known once delivered).
    pub after_sales_close_at: Option<Timestamp>,
    pub paid: Money,
    pub already_refunded: Money,
    /// Another case on this order is still open: one at a time keeps the sums straight.
    pub has_open_case: bool,
}

/// A buyer's request as submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterSaleInput<'a> {
    pub kind: AfterSaleKind,
    pub reason: AfterSaleReason,
    pub description: &'a str,
    pub photos: &'a [PhotoId],
    pub amount: Money,
}

/// A request that may be opened. Built only by [`AfterSaleRequest::open`], so not deserialised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AfterSaleRequest {
    pub kind: AfterSaleKind,
    pub reason: AfterSaleReason,
    pub description: String,
    pub photos: Vec<PhotoId>,
    pub amount: Money,
}

/// Why the order does not allow this request at all (as opposed to a field being wrong).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotOpenable {
    #[error("the order has not been paid")]
    NotPaid,
    #[error("the after-sales window has closed")]
    WindowClosed,
    #[error("nothing has been shipped to return")]
    NotShippedYet,
    #[error("another after-sales case on this order is open")]
    CaseAlreadyOpen,
    #[error("everything paid has been refunded")]
    NothingLeftToRefund,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    NotOpenable(#[from] NotOpenable),
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),
}

impl AfterSaleRequest {
    /// Checks that the order allows a case now, then every field of the request.
    pub fn open(
        input: &AfterSaleInput<'_>,
        order: &OrderStanding,
        now: Timestamp,
    ) -> Result<AfterSaleRequest, OpenError> {
        let refundable = order.paid.checked_sub(order.already_refunded);
        check_order(input, order, now, refundable.ok())?;
        let mut errors = ValidationErrors::default();
        let min = usize::from(input.reason == AfterSaleReason::Other) * 2;
        let description = errors.check(text_length(
            "description",
            input.description,
            min,
            MAX_DESCRIPTION_CHARS,
        ));
        if input.photos.len() > MAX_PHOTOS {
            errors.push("photos", Problem::TooLong { max: MAX_PHOTOS });
        } else if input.reason.needs_photo() && input.photos.is_empty() {
            errors.push("photos", Problem::Required);
        }
        if input.reason.needs_shipment() && order.status == OrderStatus::Paid {
            errors.push("reason", Problem::NotAllowed);
        }
        let within_refundable = refundable
            .and_then(|left| left.checked_sub(input.amount))
            .is_ok_and(|rest| rest.minor() >= 0);
        if input.amount.minor() <= 0 || !within_refundable {
            errors.push("amount", Problem::Invalid);
        }
        errors.into_result()?;
        Ok(AfterSaleRequest {
            kind: input.kind,
            reason: input.reason,
            description: description.unwrap_or_default(),
            photos: input.photos.to_vec(),
            amount: input.amount,
        })
    }
}

fn check_order(
    input: &AfterSaleInput<'_>,
    order: &OrderStanding,
    now: Timestamp,
    refundable: Option<Money>,
) -> Result<(), NotOpenable> {
    match order.status {
        OrderStatus::PendingPayment | OrderStatus::Cancelled | OrderStatus::Expired => {
            return Err(NotOpenable::NotPaid)
        }
        OrderStatus::Completed | OrderStatus::Refunded => return Err(NotOpenable::WindowClosed),
        OrderStatus::Paid if input.kind == AfterSaleKind::ReturnAndRefund => {
            return Err(NotOpenable::NotShippedYet)
        }
        OrderStatus::Delivered if order.after_sales_close_at.is_some_and(|at| now >= at) => {
            return Err(NotOpenable::WindowClosed)
        }
        OrderStatus::Paid | OrderStatus::Shipped | OrderStatus::Delivered => {}
    }
    if order.has_open_case {
        return Err(NotOpenable::CaseAlreadyOpen);
    }
    if refundable.is_none_or(|left| left.minor() <= 0) {
        return Err(NotOpenable::NothingLeftToRefund);
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterSaleStatus {
    Requested,
    /// Return approved; waiting for the buyer to send the goods back.
    AwaitingReturn,
    ReturnShipped,
    /// The refund is due and goes out through the payment provider.
    RefundApproved,
    Refunded,
    /// The producer said no; the buyer may escalate or accept.
    Rejected,
    /// Escalated to the county hub.
    Disputed,
    /// Ended without a refund: the hub dismissed it or the buyer let it lapse.
    Closed,
    Withdrawn,
}

impl AfterSaleStatus {
    pub const ALL: [AfterSaleStatus; 9] = [
        Self::Requested,
        Self::AwaitingReturn,
        Self::ReturnShipped,
        Self::RefundApproved,
        Self::Refunded,
        Self::Rejected,
        Self::Disputed,
        Self::Closed,
        Self::Withdrawn,
    ];

    pub const fn is_open(self) -> bool {
        !matches!(self, Self::Refunded | Self::Closed | Self::Withdrawn)
    }
}

/// The hub's ruling on a dispute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ruling {
    Refund,
    /// The goods must come back first (return cases only).
    ReturnFirst,
    Dismiss,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum AfterSaleEvent {
    Approve,
    /// The producer did not answer in time: the request is approved for them.
    AutoApprove,
    Reject {
        reason: String,
    },
    ShipReturn(Shipment),
    /// The producer (or, when they stay silent, the timer) confirms the return arrived.
    ConfirmReturnReceived,
    /// The provider confirmed the refund.
    RefundCompleted,
    Escalate,
    Rule(Ruling),
    Withdraw,
    /// The buyer did not act in time (escalate a rejection, send a return).
    Lapse,
}

impl AfterSaleEvent {
    /// A rejection must tell the buyer why: 2–200 characters.
    pub fn reject(reason: &str) -> Result<AfterSaleEvent, FieldError> {
        text_length("reason", reason, 2, MAX_DESCRIPTION_CHARS)
            .map(|reason| AfterSaleEvent::Reject { reason })
    }

    pub const fn name(&self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::AutoApprove => "auto_approve",
            Self::Reject { .. } => "reject",
            Self::ShipReturn(_) => "ship_return",
            Self::ConfirmReturnReceived => "confirm_return_received",
            Self::RefundCompleted => "refund_completed",
            Self::Escalate => "escalate",
            Self::Rule(Ruling::Refund) => "rule_refund",
            Self::Rule(Ruling::ReturnFirst) => "rule_return_first",
            Self::Rule(Ruling::Dismiss) => "rule_dismiss",
            Self::Withdraw => "withdraw",
            Self::Lapse => "lapse",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an after-sales case that is {from:?} cannot {event}")]
pub struct InvalidAfterSaleTransition {
    pub from: AfterSaleStatus,
    pub event: &'static str,
}

/// The case's status after `event`. Approval sends a return case to wait for the goods and a
/// refund-only case straight to the refund.
pub fn transition(
    kind: AfterSaleKind,
    from: AfterSaleStatus,
    event: &AfterSaleEvent,
) -> Result<AfterSaleStatus, InvalidAfterSaleTransition> {
    use AfterSaleEvent as E;
    use AfterSaleStatus as S;
    let returns = kind == AfterSaleKind::ReturnAndRefund;
    let to = match (from, event) {
        (S::Requested, E::Approve | E::AutoApprove) if returns => S::AwaitingReturn,
        (S::Requested, E::Approve | E::AutoApprove) => S::RefundApproved,
        (S::Requested, E::Reject { .. }) => S::Rejected,
        (S::AwaitingReturn, E::ShipReturn(_)) => S::ReturnShipped,
        (S::ReturnShipped, E::ConfirmReturnReceived) => S::RefundApproved,
        (S::RefundApproved, E::RefundCompleted) => S::Refunded,
        (S::Rejected | S::ReturnShipped, E::Escalate) => S::Disputed,
        (S::Disputed, E::Rule(Ruling::Refund)) => S::RefundApproved,
        (S::Disputed, E::Rule(Ruling::ReturnFirst)) if returns => S::AwaitingReturn,
        (S::Disputed, E::Rule(Ruling::Dismiss)) => S::Closed,
        (S::Rejected | S::AwaitingReturn, E::Lapse) => S::Closed,
        (S::Requested | S::AwaitingReturn | S::Rejected | S::Disputed, E::Withdraw) => S::Withdrawn,
        _ => {
            return Err(InvalidAfterSaleTransition {
                from,
                event: event.name(),
            })
        }
    };
    Ok(to)
}

/// Days a producer has to answer a refund-only request before it is approved for them: two
/// before shipping (the goods are still on the farm), five once the parcel is on its way. A
/// return waits for the producer, who must say where the goods go back to.
pub fn answer_by(
    kind: AfterSaleKind,
    order: OrderStatus,
    opened_at: Timestamp,
) -> Option<Timestamp> {
    match (kind, order) {
        (AfterSaleKind::ReturnAndRefund, _) => None,
        (AfterSaleKind::RefundOnly, OrderStatus::Paid) => Some(opened_at.plus_days(2)),
        (AfterSaleKind::RefundOnly, _) => Some(opened_at.plus_days(5)),
    }
}

/// A note explaining a decision (a return address, a hub's ruling): 2–200 characters.
pub fn note(field: &'static str, text: &str) -> Result<String, FieldError> {
    text_length(field, text, 2, MAX_DESCRIPTION_CHARS)
}

/// What the hub awards: more than nothing, at most what the buyer asked for.
pub fn ruled_amount(requested: Money, ruled: Money) -> Result<Money, FieldError> {
    let within = requested
        .checked_sub(ruled)
        .is_ok_and(|rest| rest.minor() >= 0);
    if ruled.minor() > 0 && within {
        Ok(ruled)
    } else {
        Err(FieldError {
            field: "amount",
            problem: Problem::Invalid,
        })
    }
}

/// Whether refunds now add up to everything paid, so the order becomes `Refunded`.
pub fn refunds_complete_order(paid: Money, refunded_total: Money) -> bool {
    paid.checked_sub(refunded_total)
        .is_ok_and(|rest| rest.minor() <= 0)
}

#[cfg(test)]
mod tests;
