//! The sandbox payment provider's books: idempotent creation, one outcome per payment with its
//! callback, refunds that never exceed the payment even when requested all at once.

use farmgate_domain::money::Money;
use farmgate_payments::sandbox::{BookError, Delivery, SandboxBook, SandboxPayment, SandboxRefund};
use farmgate_payments::{PaymentOutcome, RefundOutcome};
use farmgate_store::sql::SqlStore;

use crate::fixtures::{new_id, T0};

fn payment(no: &str, fen: i64) -> SandboxPayment {
    SandboxPayment {
        provider_ref: format!("sbx_{}", new_id()),
        out_trade_no: no.to_owned(),
        amount: Money::fen(fen),
        description: "黑枸杞 ×2".to_owned(),
        notify_url: "http://127.0.0.1/notify".to_owned(),
        return_url: "http://127.0.0.1/orders".to_owned(),
        created_at: T0,
        expires_at: T0.plus_millis(900_000),
        outcome: None,
        settled_at: None,
    }
}

fn delivery(at_ms: i64) -> Delivery {
    Delivery {
        id: new_id(),
        url: "http://127.0.0.1/notify".to_owned(),
        body: r#"{"event":"payment"}"#.to_owned(),
        attempts: 0,
        next_attempt_at: T0.plus_millis(at_ms),
        duplicates_left: 1,
    }
}

fn refund(no: &str, trade: &str, fen: i64) -> SandboxRefund {
    SandboxRefund {
        provider_ref: format!("sbr_{}", new_id()),
        out_refund_no: no.to_owned(),
        out_trade_no: trade.to_owned(),
        amount: Money::fen(fen),
        reason: "破损".to_owned(),
        created_at: T0,
        settles_at: T0.plus_millis(3_000),
        outcome: RefundOutcome::Succeeded,
    }
}

pub async fn sandbox_payments_are_idempotent_and_settle_once(store: SqlStore) {
    let first = store.create_payment(&payment("p1", 2_500)).await.unwrap();
    let again = store.create_payment(&payment("p1", 9_999)).await.unwrap();
    assert_eq!(
        again, first,
        "the first payment under an out_trade_no stands"
    );
    assert_eq!(
        store.payment_by_trade_no("p1").await.unwrap(),
        Some(first.clone())
    );

    let callback = delivery(0);
    assert!(store
        .settle_payment(
            &first.provider_ref,
            PaymentOutcome::Succeeded,
            T0,
            &callback
        )
        .await
        .unwrap());
    assert!(!store
        .settle_payment(
            &first.provider_ref,
            PaymentOutcome::Failed,
            T0,
            &delivery(0)
        )
        .await
        .unwrap());
    let settled = store.payment(&first.provider_ref).await.unwrap().unwrap();
    assert_eq!(
        (settled.outcome, settled.settled_at),
        (Some(PaymentOutcome::Succeeded), Some(T0))
    );
    assert_eq!(
        store.due_deliveries(T0, 10).await.unwrap(),
        vec![callback.clone()],
        "one callback only"
    );

    store
        .record_attempt(&callback.id, 1, 1, Some(T0.plus_millis(15_000)))
        .await
        .unwrap();
    assert!(store
        .due_deliveries(T0.plus_millis(14_999), 10)
        .await
        .unwrap()
        .is_empty());
    let due = store
        .due_deliveries(T0.plus_millis(15_000), 10)
        .await
        .unwrap();
    assert_eq!(due[0].attempts, 1);
    store
        .record_attempt(&callback.id, 2, 0, None)
        .await
        .unwrap();
    assert!(store
        .due_deliveries(T0.plus_millis(999_999_999), 10)
        .await
        .unwrap()
        .is_empty());
}

pub async fn sandbox_refunds_never_exceed_the_payment(store: SqlStore) {
    store.create_payment(&payment("p2", 1_000)).await.unwrap();
    let stored = store
        .create_refund(&refund("r1", "p2", 600), &delivery(3_000))
        .await
        .unwrap();
    assert_eq!(
        store
            .create_refund(&refund("r1", "p2", 600), &delivery(3_000))
            .await
            .unwrap(),
        stored
    );
    assert_eq!(
        store
            .create_refund(&refund("r2", "p2", 401), &delivery(3_000))
            .await,
        Err(BookError::Refused("refunds would exceed the payment"))
    );
    assert!(matches!(
        store
            .create_refund(&refund("r3", "nope", 1), &delivery(3_000))
            .await,
        Err(BookError::Refused(_))
    ));
    assert_eq!(store.refund("r1").await.unwrap(), Some(stored));
    assert_eq!(
        store
            .due_deliveries(T0.plus_millis(3_000), 10)
            .await
            .unwrap()
            .len(),
        1
    );

    // Twenty refunds of 100 at once on the 400 left: exactly four fit.
    let attempts = (0..20).map(|i| {
        let store = store.clone();
        tokio::spawn(async move {
            store
                .create_refund(&refund(&format!("c{i}"), "p2", 100), &delivery(3_000))
                .await
        })
    });
    let mut accepted = 0;
    for attempt in attempts {
        if attempt.await.unwrap().is_ok() {
            accepted += 1;
        }
    }
    assert_eq!(accepted, 4);
}
