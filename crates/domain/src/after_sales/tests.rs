use super::*;

fn photos(n: usize) -> Vec<PhotoId> {
    (0..n).map(|i| PhotoId::new(format!("photo-{i}"))).collect()
}

fn delivered() -> OrderStanding {
    OrderStanding {
        status: OrderStatus::Delivered,
        after_sales_close_at: Some(Timestamp::from_millis(10_000)),
        paid: Money::fen(10_000),
        already_refunded: Money::fen(0),
        has_open_case: false,
    }
}

fn spoiled(amount: i64, evidence: &[PhotoId]) -> AfterSaleInput<'_> {
    AfterSaleInput {
        kind: AfterSaleKind::RefundOnly,
        reason: AfterSaleReason::Spoiled,
        description: "到货时有三个烂果",
        photos: evidence,
        amount: Money::fen(amount),
    }
}

fn now() -> Timestamp {
    Timestamp::from_millis(5_000)
}

fn field_errors(result: Result<AfterSaleRequest, OpenError>) -> Vec<(&'static str, Problem)> {
    match result {
        Err(OpenError::Invalid(errors)) => errors.0.iter().map(|e| (e.field, e.problem)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn a_spoiled_delivery_with_a_photo_opens() {
    let evidence = photos(2);
    let request = AfterSaleRequest::open(&spoiled(3_000, &evidence), &delivered(), now()).unwrap();
    assert_eq!(request.amount, Money::fen(3_000));
    assert_eq!(request.photos.len(), 2);
}

#[test]
fn evidence_rules() {
    let none = photos(0);
    assert_eq!(
        field_errors(AfterSaleRequest::open(
            &spoiled(100, &none),
            &delivered(),
            now()
        )),
        [("photos", Problem::Required)]
    );
    let four = photos(4);
    assert_eq!(
        field_errors(AfterSaleRequest::open(
            &spoiled(100, &four),
            &delivered(),
            now()
        )),
        [("photos", Problem::TooLong { max: 3 })]
    );
    let three = photos(3);
    assert!(AfterSaleRequest::open(&spoiled(100, &three), &delivered(), now()).is_ok());
    let long = "烂".repeat(201);
    let wordy = AfterSaleInput {
        description: &long,
        ..spoiled(100, &three)
    };
    assert_eq!(
        field_errors(AfterSaleRequest::open(&wordy, &delivered(), now())),
        [("description", Problem::TooLong { max: 200 })]
    );
    let unexplained = AfterSaleInput {
        reason: AfterSaleReason::Other,
        description: "",
        ..spoiled(100, &none)
    };
    assert_eq!(
        field_errors(AfterSaleRequest::open(&unexplained, &delivered(), now())),
        [("description", Problem::Required)]
    );
}

#[test]
fn the_amount_is_at_most_what_is_left_to_refund() {
    let evidence = photos(1);
    let partly_refunded = OrderStanding {
        already_refunded: Money::fen(4_000),
        ..delivered()
    };
    assert!(AfterSaleRequest::open(&spoiled(6_000, &evidence), &partly_refunded, now()).is_ok());
    for amount in [6_001, 0, -1] {
        assert_eq!(
            field_errors(AfterSaleRequest::open(
                &spoiled(amount, &evidence),
                &partly_refunded,
                now()
            )),
            [("amount", Problem::Invalid)]
        );
    }
    let all_refunded = OrderStanding {
        already_refunded: Money::fen(10_000),
        ..delivered()
    };
    assert_eq!(
        AfterSaleRequest::open(&spoiled(1, &evidence), &all_refunded, now()),
        Err(OpenError::NotOpenable(NotOpenable::NothingLeftToRefund))
    );
}

#[test]
fn when_a_case_may_be_opened() {
    let evidence = photos(1);
    let refused = |status, kind, reason, at| {
        let order = OrderStanding {
            status,
            ..delivered()
        };
        let input = AfterSaleInput {
            kind,
            reason,
            ..spoiled(100, &evidence)
        };
        match AfterSaleRequest::open(&input, &order, at) {
            Err(OpenError::NotOpenable(why)) => Some(why),
            _ => None,
        }
    };
    use AfterSaleKind::*;
    use AfterSaleReason::*;
    use OrderStatus::*;
    for unpaid in [PendingPayment, Cancelled, Expired] {
        assert_eq!(
            refused(unpaid, RefundOnly, NoLongerWanted, now()),
            Some(NotOpenable::NotPaid)
        );
    }
    for done in [Completed, Refunded] {
        assert_eq!(
            refused(done, RefundOnly, Spoiled, now()),
            Some(NotOpenable::WindowClosed)
        );
    }
    assert_eq!(
        refused(Paid, ReturnAndRefund, Other, now()),
        Some(NotOpenable::NotShippedYet)
    );
    assert_eq!(refused(Paid, RefundOnly, NoLongerWanted, now()), None);
    assert_eq!(refused(Shipped, ReturnAndRefund, Damaged, now()), None);
    assert_eq!(
        refused(
            Delivered,
            ReturnAndRefund,
            Damaged,
            Timestamp::from_millis(9_999)
        ),
        None
    );
    assert_eq!(
        refused(
            Delivered,
            RefundOnly,
            Spoiled,
            Timestamp::from_millis(10_000)
        ),
        Some(NotOpenable::WindowClosed)
    );
    let busy = OrderStanding {
        has_open_case: true,
        ..delivered()
    };
    assert_eq!(
        AfterSaleRequest::open(&spoiled(100, &evidence), &busy, now()),
        Err(OpenError::NotOpenable(NotOpenable::CaseAlreadyOpen))
    );
}

#[test]
fn goods_complaints_need_a_shipped_parcel() {
    let evidence = photos(1);
    let paid = OrderStanding {
        status: OrderStatus::Paid,
        ..delivered()
    };
    assert_eq!(
        field_errors(AfterSaleRequest::open(
            &spoiled(100, &evidence),
            &paid,
            now()
        )),
        [("reason", Problem::NotAllowed)]
    );
}

fn ship_back() -> AfterSaleEvent {
    AfterSaleEvent::ShipReturn(Shipment::parse("中通", "ZT7512345678901").unwrap())
}

fn all_events() -> Vec<AfterSaleEvent> {
    vec![
        AfterSaleEvent::Approve,
        AfterSaleEvent::AutoApprove,
        AfterSaleEvent::reject("照片显示果子完好").unwrap(),
        ship_back(),
        AfterSaleEvent::ConfirmReturnReceived,
        AfterSaleEvent::RefundCompleted,
        AfterSaleEvent::Escalate,
        AfterSaleEvent::Rule(Ruling::Refund),
        AfterSaleEvent::Rule(Ruling::ReturnFirst),
        AfterSaleEvent::Rule(Ruling::Dismiss),
        AfterSaleEvent::Withdraw,
        AfterSaleEvent::Lapse,
    ]
}

/// (kind: None = both, from, event, to). Everything else is refused.
fn allowed() -> Vec<(
    Option<AfterSaleKind>,
    AfterSaleStatus,
    &'static str,
    AfterSaleStatus,
)> {
    use AfterSaleKind::*;
    use AfterSaleStatus::*;
    vec![
        (Some(RefundOnly), Requested, "approve", RefundApproved),
        (Some(RefundOnly), Requested, "auto_approve", RefundApproved),
        (Some(ReturnAndRefund), Requested, "approve", AwaitingReturn),
        (
            Some(ReturnAndRefund),
            Requested,
            "auto_approve",
            AwaitingReturn,
        ),
        (None, Requested, "reject", Rejected),
        (None, Requested, "withdraw", Withdrawn),
        (None, AwaitingReturn, "ship_return", ReturnShipped),
        (None, AwaitingReturn, "withdraw", Withdrawn),
        (None, AwaitingReturn, "lapse", Closed),
        (
            None,
            ReturnShipped,
            "confirm_return_received",
            RefundApproved,
        ),
        (None, ReturnShipped, "escalate", Disputed),
        (None, RefundApproved, "refund_completed", Refunded),
        (None, Rejected, "escalate", Disputed),
        (None, Rejected, "withdraw", Withdrawn),
        (None, Rejected, "lapse", Closed),
        (None, Disputed, "rule_refund", RefundApproved),
        (
            Some(ReturnAndRefund),
            Disputed,
            "rule_return_first",
            AwaitingReturn,
        ),
        (None, Disputed, "rule_dismiss", Closed),
        (None, Disputed, "withdraw", Withdrawn),
    ]
}

#[test]
fn the_whole_table_for_both_kinds() {
    let table = allowed();
    let mut allowed_seen = 0;
    for kind in [AfterSaleKind::RefundOnly, AfterSaleKind::ReturnAndRefund] {
        for from in AfterSaleStatus::ALL {
            for event in all_events() {
                let expected = table
                    .iter()
                    .find(|(k, f, e, _)| {
                        k.is_none_or(|k| k == kind) && *f == from && *e == event.name()
                    })
                    .map(|row| row.3);
                let got = transition(kind, from, &event).ok();
                assert_eq!(got, expected, "{kind:?} {from:?} + {}", event.name());
                allowed_seen += usize::from(got.is_some());
            }
        }
    }
    // 14 rows hold for both kinds, 5 for one kind only.
    assert_eq!(allowed_seen, 14 * 2 + 5);
}

#[test]
fn closed_cases_accept_nothing() {
    for status in AfterSaleStatus::ALL.into_iter().filter(|s| !s.is_open()) {
        for event in all_events() {
            assert!(transition(AfterSaleKind::ReturnAndRefund, status, &event).is_err());
        }
    }
}

#[test]
fn a_return_goes_round_the_loop() {
    let kind = AfterSaleKind::ReturnAndRefund;
    let mut status = AfterSaleStatus::Requested;
    for event in [
        AfterSaleEvent::reject("x 未见破损").unwrap(),
        AfterSaleEvent::Escalate,
        AfterSaleEvent::Rule(Ruling::ReturnFirst),
        ship_back(),
        AfterSaleEvent::ConfirmReturnReceived,
        AfterSaleEvent::RefundCompleted,
    ] {
        status = transition(kind, status, &event).unwrap();
    }
    assert_eq!(status, AfterSaleStatus::Refunded);
}

#[test]
fn rejections_need_a_reason() {
    assert!(AfterSaleEvent::reject("").is_err());
    assert!(AfterSaleEvent::reject("不").is_err());
    assert!(AfterSaleEvent::reject(&"不".repeat(201)).is_err());
}

#[test]
fn full_refund_is_when_refunds_reach_the_paid_amount() {
    assert!(!refunds_complete_order(
        Money::fen(10_000),
        Money::fen(9_999)
    ));
    assert!(refunds_complete_order(
        Money::fen(10_000),
        Money::fen(10_000)
    ));
    assert!(!refunds_complete_order(Money::fen(i64::MIN), Money::fen(1)));
}

#[test]
fn silent_producers_are_answered_for_refund_only_requests() {
    let at = Timestamp::from_millis(0);
    let days = |d: i64| Some(at.plus_days(d));
    assert_eq!(
        answer_by(AfterSaleKind::RefundOnly, OrderStatus::Paid, at),
        days(2)
    );
    assert_eq!(
        answer_by(AfterSaleKind::RefundOnly, OrderStatus::Shipped, at),
        days(5)
    );
    assert_eq!(
        answer_by(AfterSaleKind::ReturnAndRefund, OrderStatus::Delivered, at),
        None
    );
}

#[test]
fn the_hub_awards_at_most_what_was_asked() {
    let asked = Money::fen(3_000);
    assert_eq!(
        ruled_amount(asked, Money::fen(1_000)),
        Ok(Money::fen(1_000))
    );
    assert_eq!(ruled_amount(asked, asked), Ok(asked));
    for bad in [0, -1, 3_001] {
        assert!(ruled_amount(asked, Money::fen(bad)).is_err());
    }
    assert!(note("reason", "好").is_err());
    assert!(note("reason", "照片显示已腐烂").is_ok());
}
