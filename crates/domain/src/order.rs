//! An order's life: from waiting for payment to completed, cancelled, expired or refunded.
//! One function decides every status change, so the services, the sandbox callbacks and the
//! timers cannot disagree about what may happen next.

use serde::{Deserialize, Serialize};

use crate::shipment::Shipment;
use crate::time::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Created at checkout; stock is reserved until the payment deadline.
    PendingPayment,
    /// Paid (a pre-sale order too, long before its ship date); waiting for the producer to ship.
    Paid,
    Shipped,
    /// The buyer confirmed receipt, or the order was confirmed automatically after N days.
    Delivered,
    /// The after-sales window has closed; the sale is final.
    Completed,
    /// Cancelled by the buyer before paying.
    Cancelled,
    /// Not paid in time; the reserved stock went back.
    Expired,
    /// Refunded in full (partial refunds leave the status alone).
    Refunded,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 8] = [
        OrderStatus::PendingPayment,
        OrderStatus::Paid,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
        OrderStatus::Expired,
        OrderStatus::Refunded,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "pending_payment",
            OrderStatus::Paid => "paid",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Completed => "completed",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Expired => "expired",
            OrderStatus::Refunded => "refunded",
        }
    }

    pub fn parse(value: &str) -> Option<OrderStatus> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    /// No event moves an order out of these.
    pub const fn is_final(self) -> bool {
        matches!(
            self,
            OrderStatus::Completed
                | OrderStatus::Cancelled
                | OrderStatus::Expired
                | OrderStatus::Refunded
        )
    }

    /// Whether the buyer's money has been taken and not (fully) given back.
    pub const fn is_paid(self) -> bool {
        matches!(
            self,
            OrderStatus::Paid
                | OrderStatus::Shipped
                | OrderStatus::Delivered
                | OrderStatus::Completed
        )
    }
}

/// What can happen to an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum OrderEvent {
    /// The provider confirmed the payment.
    Pay,
    /// The payment deadline passed unpaid.
    Expire,
    /// The buyer cancelled before paying.
    Cancel,
    Ship(Shipment),
    ConfirmReceipt,
    /// Nobody confirmed within the auto-confirm period after shipping.
    AutoConfirm,
    /// The after-sales window after delivery closed.
    CloseAfterSales,
    /// Refunds now add up to everything paid.
    RefundInFull,
}

impl OrderEvent {
    pub const fn name(&self) -> &'static str {
        match self {
            OrderEvent::Pay => "pay",
            OrderEvent::Expire => "expire",
            OrderEvent::Cancel => "cancel",
            OrderEvent::Ship(_) => "ship",
            OrderEvent::ConfirmReceipt => "confirm_receipt",
            OrderEvent::AutoConfirm => "auto_confirm",
            OrderEvent::CloseAfterSales => "close_after_sales",
            OrderEvent::RefundInFull => "refund_in_full",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an order that is {} cannot {event}", .from.as_str())]
pub struct InvalidTransition {
    pub from: OrderStatus,
    pub event: &'static str,
}

/// The status after `event`, or why it cannot happen. After payment, "cancel" is a refund:
/// the money has to go back through the provider, so it arrives as `RefundInFull`.
pub fn transition(from: OrderStatus, event: &OrderEvent) -> Result<OrderStatus, InvalidTransition> {
    use OrderEvent as E;
    use OrderStatus as S;
    let to = match (from, event) {
        (S::PendingPayment, E::Pay) => S::Paid,
        (S::PendingPayment, E::Expire) => S::Expired,
        (S::PendingPayment, E::Cancel) => S::Cancelled,
        (S::Paid, E::Ship(_)) => S::Shipped,
        (S::Shipped, E::ConfirmReceipt | E::AutoConfirm) => S::Delivered,
        (S::Delivered, E::CloseAfterSales) => S::Completed,
        (S::Paid | S::Shipped | S::Delivered, E::RefundInFull) => S::Refunded,
        _ => {
            return Err(InvalidTransition {
                from,
                event: event.name(),
            })
        }
    };
    Ok(to)
}

/// The clocks that move orders along without anyone pressing a button. The defaults follow
/// what buyers know from the large platforms, and a hub may change them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPolicy {
    /// How long reserved stock waits for payment.
    pub payment_window_minutes: i64,
    /// How soon a paid order must ship (from the ship date, for pre-sale).
    pub ship_within_hours: i64,
    /// Days after shipping until receipt is confirmed automatically.
    pub auto_confirm_days: i64,
    /// Days after delivery during which after-sales can be opened.
    pub after_sales_days: i64,
}

impl Default for OrderPolicy {
    fn default() -> Self {
        OrderPolicy {
            payment_window_minutes: 30,
            ship_within_hours: 48,
            auto_confirm_days: 10,
            after_sales_days: 15,
        }
    }
}

impl OrderPolicy {
    pub fn payment_due(&self, created_at: Timestamp) -> Timestamp {
        created_at.plus_millis(self.payment_window_minutes.saturating_mul(60_000))
    }

    /// Whether an unpaid order may be expired now. Exactly at the deadline it is still payable.
    pub fn is_payment_overdue(&self, created_at: Timestamp, now: Timestamp) -> bool {
        now > self.payment_due(created_at)
    }

    /// The latest a paid order should ship: from payment, or from the pre-sale ship date when
    /// that is later. A producer may ship a pre-sale early when the harvest comes early.
    pub fn ship_by(&self, paid_at: Timestamp, ships_from: Option<Timestamp>) -> Timestamp {
        let start = ships_from.map_or(paid_at, |date| date.max(paid_at));
        start.plus_millis(self.ship_within_hours.saturating_mul(3_600_000))
    }

    pub fn auto_confirm_at(&self, shipped_at: Timestamp) -> Timestamp {
        shipped_at.plus_days(self.auto_confirm_days)
    }

    pub fn after_sales_close_at(&self, delivered_at: Timestamp) -> Timestamp {
        delivered_at.plus_days(self.after_sales_days)
    }
}

#[cfg(test)]
mod tests;
