use super::*;
use crate::shipment::Shipment;

fn ship() -> OrderEvent {
    OrderEvent::Ship(Shipment::parse("顺丰", "SF1234567890123").unwrap())
}

fn all_events() -> Vec<OrderEvent> {
    vec![
        OrderEvent::Pay,
        OrderEvent::Expire,
        OrderEvent::Cancel,
        ship(),
        OrderEvent::ConfirmReceipt,
        OrderEvent::AutoConfirm,
        OrderEvent::CloseAfterSales,
        OrderEvent::RefundInFull,
    ]
}

/// Every allowed transition; everything not listed must be refused.
const ALLOWED: [(OrderStatus, &str, OrderStatus); 10] = {
    use OrderStatus::*;
    [
        (PendingPayment, "pay", Paid),
        (PendingPayment, "expire", Expired),
        (PendingPayment, "cancel", Cancelled),
        (Paid, "ship", Shipped),
        (Paid, "refund_in_full", Refunded),
        (Shipped, "confirm_receipt", Delivered),
        (Shipped, "auto_confirm", Delivered),
        (Shipped, "refund_in_full", Refunded),
        (Delivered, "close_after_sales", Completed),
        (Delivered, "refund_in_full", Refunded),
    ]
};

#[test]
fn the_whole_table_of_statuses_and_events() {
    let mut allowed_seen = 0;
    for from in OrderStatus::ALL {
        for event in all_events() {
            let expected = ALLOWED
                .iter()
                .find(|(f, e, _)| *f == from && *e == event.name())
                .map(|(_, _, to)| *to);
            match (transition(from, &event), expected) {
                (Ok(to), Some(expected)) => {
                    assert_eq!(to, expected, "{} + {}", from.as_str(), event.name());
                    allowed_seen += 1;
                }
                (Err(err), None) => {
                    assert_eq!(err.from, from);
                    assert_eq!(err.event, event.name());
                }
                (got, want) => panic!(
                    "{} + {}: got {got:?}, want {want:?}",
                    from.as_str(),
                    event.name()
                ),
            }
        }
    }
    assert_eq!(allowed_seen, 10);
}

#[test]
fn final_statuses_accept_nothing() {
    for status in OrderStatus::ALL.into_iter().filter(|s| s.is_final()) {
        for event in all_events() {
            assert!(transition(status, &event).is_err());
        }
    }
    assert!(!OrderStatus::Delivered.is_final());
}

#[test]
fn a_happy_order_and_its_statuses() {
    let mut status = OrderStatus::PendingPayment;
    for event in [
        OrderEvent::Pay,
        ship(),
        OrderEvent::AutoConfirm,
        OrderEvent::CloseAfterSales,
    ] {
        status = transition(status, &event).unwrap();
    }
    assert_eq!(status, OrderStatus::Completed);
    assert!(status.is_paid());
    assert!(!OrderStatus::Refunded.is_paid());
    assert!(!OrderStatus::PendingPayment.is_paid());
    for status in OrderStatus::ALL {
        assert_eq!(OrderStatus::parse(status.as_str()), Some(status));
    }
}

#[test]
fn refusals_say_what_was_tried() {
    let err = transition(OrderStatus::Paid, &OrderEvent::Cancel).unwrap_err();
    assert_eq!(err.to_string(), "an order that is paid cannot cancel");
    assert!(transition(OrderStatus::Expired, &OrderEvent::Pay).is_err());
    assert!(transition(OrderStatus::Shipped, &ship()).is_err());
}

#[test]
fn timers_follow_the_policy() {
    let policy = OrderPolicy::default();
    let t = Timestamp::from_millis(1_760_000_000_000);
    assert_eq!(policy.payment_due(t), t.plus_millis(30 * 60_000));
    assert!(!policy.is_payment_overdue(t, policy.payment_due(t)));
    assert!(policy.is_payment_overdue(t, policy.payment_due(t).plus_millis(1)));
    assert_eq!(policy.auto_confirm_at(t), t.plus_days(10));
    assert_eq!(policy.after_sales_close_at(t), t.plus_days(15));
    assert_eq!(policy.ship_by(t, None), t.plus_millis(48 * 3_600_000));
}

#[test]
fn a_pre_sale_is_paid_now_and_ships_from_its_date() {
    let policy = OrderPolicy::default();
    let paid = Timestamp::from_millis(1_760_000_000_000);
    let harvest = paid.plus_days(120);
    assert_eq!(
        transition(OrderStatus::PendingPayment, &OrderEvent::Pay),
        Ok(OrderStatus::Paid)
    );
    assert_eq!(
        policy.ship_by(paid, Some(harvest)),
        harvest.plus_millis(48 * 3_600_000)
    );
    // A ship date already past counts from payment.
    assert_eq!(
        policy.ship_by(paid, Some(paid.plus_days(-1))),
        paid.plus_millis(48 * 3_600_000)
    );
}

#[test]
fn absurd_policies_saturate_instead_of_panicking() {
    let policy = OrderPolicy {
        payment_window_minutes: i64::MAX,
        ship_within_hours: i64::MAX,
        auto_confirm_days: i64::MAX,
        after_sales_days: i64::MIN,
    };
    let t = Timestamp::from_millis(0);
    assert_eq!(policy.payment_due(t).millis(), i64::MAX);
    assert_eq!(policy.ship_by(t, None).millis(), i64::MAX);
    assert_eq!(policy.auto_confirm_at(t).millis(), i64::MAX);
    assert_eq!(policy.after_sales_close_at(t).millis(), i64::MIN);
}
