//! The sandbox against an in-memory book and a transport that records what it is sent.

use std::sync::Mutex;

use super::*;

const T0: Timestamp = Timestamp::from_millis(1_790_000_000_000);

use super::memory_book::MemoryBook;

/// One callback as the merchant received it: headers and body.
type Received = (Vec<(&'static str, String)>, String);

/// Answers with the scripted acknowledgements (then `true`), keeping every request.
#[derive(Default)]
struct Merchant {
    refuse_first: Mutex<usize>,
    received: Mutex<Vec<Received>>,
}

#[async_trait]
impl CallbackTransport for Merchant {
    async fn post(&self, _url: &str, headers: &[(&'static str, String)], body: &str) -> bool {
        self.received
            .lock()
            .unwrap()
            .push((headers.to_vec(), body.to_owned()));
        let mut refuse = self.refuse_first.lock().unwrap();
        if *refuse > 0 {
            *refuse -= 1;
            return false;
        }
        true
    }
}

/// A sandbox that never duplicates unless a test asks it to.
fn sandbox() -> (SandboxProvider, Arc<MemoryBook>) {
    let book = Arc::new(MemoryBook::default());
    let provider = SandboxProvider::new(
        book.clone(),
        Signer::new(b"test key"),
        "http://farmgate.test/sandbox/pay/",
    )
    .duplicating(0);
    (provider, book)
}

fn request(no: &str, fen: i64) -> PaymentRequest {
    PaymentRequest {
        out_trade_no: no.into(),
        amount: farmgate_domain::money::Money::fen(fen),
        description: "柴达木黑枸杞 ×2".into(),
        notify_url: "http://farmgate.test/api/v1/payments/notify/sandbox".into(),
        return_url: "http://farmgate.test/orders".into(),
        expires_at: T0.plus_millis(900_000),
    }
}

#[tokio::test]
async fn creating_the_same_payment_twice_finds_the_first_and_another_amount_is_refused() {
    let (sandbox, _) = sandbox();
    let first = sandbox
        .create_payment(&request("p1", 2_500), T0)
        .await
        .unwrap();
    assert!(first
        .cashier_url
        .starts_with("http://farmgate.test/sandbox/pay/sbx_"));
    assert_eq!(first.outcome, None);
    let again = sandbox
        .create_payment(&request("p1", 2_500), T0)
        .await
        .unwrap();
    assert_eq!(again.provider_ref, first.provider_ref);
    assert!(matches!(
        sandbox.create_payment(&request("p1", 2_600), T0).await,
        Err(ProviderError::Refused(_))
    ));
    assert!(matches!(
        sandbox.create_payment(&request("p2", 0), T0).await,
        Err(ProviderError::Refused(_))
    ));
}

#[tokio::test]
async fn paying_sends_a_signed_callback_that_is_retried_until_acknowledged() {
    let (sandbox, book) = sandbox();
    let payment = sandbox
        .create_payment(&request("p1", 2_500), T0)
        .await
        .unwrap();
    sandbox
        .complete(&payment.provider_ref, true, T0)
        .await
        .unwrap();
    assert!(
        sandbox
            .complete(&payment.provider_ref, false, T0)
            .await
            .is_err(),
        "finished once"
    );

    let merchant = Merchant {
        refuse_first: Mutex::new(2),
        ..Merchant::default()
    };
    let report = sandbox.deliver_due(&merchant, T0).await.unwrap();
    assert_eq!(
        report,
        SweepReport {
            acknowledged: 0,
            failed: 1
        }
    );
    assert_eq!(
        sandbox
            .deliver_due(&merchant, T0.plus_millis(14_999))
            .await
            .unwrap(),
        SweepReport::default()
    );
    assert_eq!(
        sandbox
            .deliver_due(&merchant, T0.plus_millis(15_000))
            .await
            .unwrap()
            .failed,
        1
    );
    assert_eq!(
        sandbox
            .deliver_due(&merchant, T0.plus_millis(30_000))
            .await
            .unwrap()
            .acknowledged,
        1
    );

    let received = merchant.received.lock().unwrap().clone();
    assert_eq!(received.len(), 3);
    let (headers, body) = &received[2];
    let lookup = |name: &str| {
        headers
            .iter()
            .find(|(h, _)| *h == name)
            .map(|(_, v)| v.clone())
    };
    let notification = sandbox
        .read_notification(&lookup, body.as_bytes(), T0.plus_millis(30_000))
        .unwrap();
    match notification {
        Notification::Payment {
            out_trade_no,
            outcome,
            amount_fen,
            ..
        } => {
            assert_eq!(
                (out_trade_no.as_str(), outcome, amount_fen),
                ("p1", PaymentOutcome::Succeeded, 2_500)
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        book.state.lock().unwrap().2.is_empty(),
        "nothing left to send"
    );
}

#[tokio::test]
async fn a_marked_duplicate_repeats_the_same_notification() {
    let (sandbox, book) = sandbox();
    let payment = sandbox
        .create_payment(&request("p1", 990), T0)
        .await
        .unwrap();
    sandbox
        .complete(&payment.provider_ref, false, T0)
        .await
        .unwrap();
    book.state.lock().unwrap().2[0].duplicates_left = 1;
    let merchant = Merchant::default();
    sandbox.deliver_due(&merchant, T0).await.unwrap();
    sandbox
        .deliver_due(&merchant, T0.plus_millis(2_000))
        .await
        .unwrap();
    sandbox
        .deliver_due(&merchant, T0.plus_millis(60_000))
        .await
        .unwrap();
    let bodies: Vec<String> = merchant
        .received
        .lock()
        .unwrap()
        .iter()
        .map(|(_, b)| b.clone())
        .collect();
    assert_eq!(bodies.len(), 2);
    assert_eq!(
        bodies[0], bodies[1],
        "a duplicate carries the same notification id"
    );
    assert!(book.state.lock().unwrap().2.is_empty());
}

#[tokio::test]
async fn forged_stale_or_unsigned_callbacks_are_refused() {
    let (sandbox, _) = sandbox();
    let body = br#"{"event":"payment","notification_id":"n","out_trade_no":"p1","provider_ref":"x","outcome":"succeeded","amount_fen":1,"currency":"CNY","at":0}"#;
    let forger = Signer::new(b"guessed key").sign(T0.millis() / 1_000, "n", body);
    let headers = |h: SignedHeaders| {
        move |name: &str| match name {
            SignedHeaders::TIMESTAMP => Some(h.timestamp.to_string()),
            SignedHeaders::NONCE => Some(h.nonce.clone()),
            SignedHeaders::SIGNATURE => Some(h.signature.clone()),
            _ => None,
        }
    };
    let forged = sandbox.read_notification(&headers(forger), body, T0);
    assert!(matches!(
        forged,
        Err(NotificationError::Signature(
            crate::SignatureError::Mismatch
        ))
    ));
    let genuine = Signer::new(b"test key").sign(T0.millis() / 1_000, "n", body);
    assert!(sandbox
        .read_notification(&headers(genuine.clone()), body, T0)
        .is_ok());
    let late = sandbox.read_notification(&headers(genuine), body, T0.plus_millis(600_000));
    assert!(matches!(
        late,
        Err(NotificationError::Signature(crate::SignatureError::Stale))
    ));
    let nothing = sandbox.read_notification(&|_: &str| None, body, T0);
    assert!(matches!(
        nothing,
        Err(NotificationError::Signature(
            crate::SignatureError::Malformed
        ))
    ));
}

#[tokio::test]
async fn an_unpaid_payment_closes_when_it_expires() {
    let (sandbox, _) = sandbox();
    let payment = sandbox
        .create_payment(&request("p1", 100), T0)
        .await
        .unwrap();
    let later = T0.plus_millis(900_000);
    assert_eq!(
        sandbox.query_payment("p1", later).await.unwrap().outcome,
        Some(PaymentOutcome::Closed)
    );
    assert!(sandbox
        .complete(&payment.provider_ref, true, later)
        .await
        .is_err());
    assert_eq!(
        sandbox.query_payment("nope", later).await,
        Err(ProviderError::NotFound)
    );
}

#[tokio::test]
async fn refunds_settle_after_a_moment_and_never_exceed_the_payment() {
    let (sandbox, _) = sandbox();
    let payment = sandbox
        .create_payment(&request("p1", 1_000), T0)
        .await
        .unwrap();
    let refund = |no: &str, fen: i64| RefundRequest {
        out_refund_no: no.into(),
        out_trade_no: "p1".into(),
        amount: farmgate_domain::money::Money::fen(fen),
        reason: "品相不好".into(),
        notify_url: "http://farmgate.test/api/v1/payments/notify/sandbox".into(),
    };
    assert!(
        matches!(
            sandbox.create_refund(&refund("r0", 100), T0).await,
            Err(ProviderError::Refused(_))
        ),
        "not paid yet"
    );
    sandbox
        .complete(&payment.provider_ref, true, T0)
        .await
        .unwrap();

    let first = sandbox.create_refund(&refund("r1", 600), T0).await.unwrap();
    assert_eq!(first.outcome, None, "still processing");
    assert_eq!(
        sandbox
            .create_refund(&refund("r1", 600), T0)
            .await
            .unwrap()
            .provider_ref,
        first.provider_ref
    );
    assert!(matches!(
        sandbox.create_refund(&refund("r2", 401), T0).await,
        Err(ProviderError::Refused(_))
    ));
    assert!(sandbox.create_refund(&refund("r2", 400), T0).await.is_ok());
    let settled = sandbox
        .query_refund("r1", T0.plus_millis(REFUND_SETTLES_AFTER_MILLIS))
        .await
        .unwrap();
    assert_eq!(settled.outcome, Some(RefundOutcome::Succeeded));

    let merchant = Merchant::default();
    sandbox.deliver_due(&merchant, T0).await.unwrap();
    let early: Vec<String> = merchant
        .received
        .lock()
        .unwrap()
        .iter()
        .map(|(_, b)| b.clone())
        .collect();
    assert!(
        early.iter().all(|b| b.contains(r#""event":"payment""#)),
        "refund callbacks wait until settled"
    );
    sandbox
        .deliver_due(&merchant, T0.plus_millis(REFUND_SETTLES_AFTER_MILLIS))
        .await
        .unwrap();
    let refunds = merchant
        .received
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, b)| b.contains(r#""event":"refund""#))
        .count();
    assert!(refunds >= 2, "both refunds announced: {refunds}");
}
