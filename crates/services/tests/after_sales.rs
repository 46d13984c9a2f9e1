//! After-sales against the real SQL store and the sandbox provider: many approvals and
//! duplicated callbacks refund once; refunds after delivery come out of the producer's payable
//! and the commission; silent producers are answered for; the hub rules on disputes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::after_sales::AfterSaleStatus;
use farmgate_domain::order::OrderStatus;
use farmgate_payments::sandbox::REFUND_SETTLES_AFTER_MILLIS;
use farmgate_payments::PaymentProvider;
use farmgate_services::after_sales::RulingForm;
use farmgate_services::checkout::CartItem;
use farmgate_services::ServiceError;
use farmgate_store::{CompleteOutcome, OrderRecord};
use support::{request, two_shops, TwoShops};

/// Two goji bought and paid, the callback applied.
async fn paid_order(w: &TwoShops, key: &str) -> OrderRecord {
    let two_goji = CartItem {
        quantity: 2,
        video: None,
        ..w.goji.item.clone()
    };
    let placed = w
        .services
        .checkout(&w.buyer, &request(vec![two_goji], key))
        .await
        .unwrap();
    w.pay(&w.buyer, &placed).await;
    placed.orders[0].order.clone()
}

async fn balance(w: &TwoShops, account: &str) -> i64 {
    w.services.store.balance_of(account).await.unwrap().minor()
}

async fn stock(w: &TwoShops) -> i64 {
    let product = w
        .services
        .product(None, &w.goji.item.product)
        .await
        .unwrap();
    product.skus[0].stock
}

#[tokio::test]
async fn twenty_approvals_and_duplicated_callbacks_refund_once() {
    let w = two_shops().await;
    let order = paid_order(&w, "key-00000001").await;
    assert_eq!(stock(&w).await, 3);
    let case = w
        .ask_refund(&w.buyer, &order.id, "no_longer_wanted", "")
        .await
        .unwrap();
    assert_eq!(
        case.amount, order.total,
        "defaults to everything refundable"
    );

    let approvals: Vec<_> = (0..20)
        .map(|_| {
            let (services, producer, id) =
                (w.services.clone(), w.goji.producer.clone(), case.id.clone());
            tokio::spawn(async move { services.approve_after_sale(&producer, &id, "").await })
        })
        .collect();
    let mut approved = 0;
    for task in approvals {
        match task.await.unwrap() {
            Ok(_) => approved += 1,
            Err(ServiceError::Conflict(_)) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!(approved, 1);

    w.clock.advance_millis(REFUND_SETTLES_AFTER_MILLIS);
    let completions: Vec<_> = (0..20)
        .map(|_| {
            let (services, id, now) = (w.services.clone(), case.id.clone(), w.clock.now_ms());
            tokio::spawn(async move { services.complete_refund(&id, now).await })
        })
        .collect();
    let mut completed = 0;
    for task in completions {
        if task.await.unwrap().unwrap() == CompleteOutcome::Completed {
            completed += 1;
        }
    }
    assert_eq!(completed, 1);
    w.refunds_settle().await;
    assert_eq!(w.services.reconcile_refunds().await.unwrap(), 0);

    let refund = w
        .sandbox
        .query_refund(case.id.as_str(), w.clock.now_ms())
        .await
        .unwrap();
    assert_eq!(refund.amount, order.total, "one refund at the provider");
    let now = w
        .services
        .store
        .order(&order.id)
        .await
        .unwrap()
        .unwrap()
        .order;
    assert_eq!(now.status, OrderStatus::Refunded);
    assert_eq!(stock(&w).await, 5, "never shipped: the stock is back, once");
    assert_eq!(balance(&w, "provider_clearing").await, 0, "refunded once");
    let escrow = format!("order_escrow:{}", order.shop_id);
    assert_eq!(balance(&w, &escrow).await, 0);
    assert!(matches!(
        w.ask_refund(&w.buyer, &order.id, "other", "").await,
        Err(ServiceError::Conflict(_))
    ));
}

#[tokio::test]
async fn a_refund_after_delivery_comes_from_the_producer_and_the_commission() {
    let w = two_shops().await;
    let order = paid_order(&w, "key-00000002").await;
    w.services
        .ship_order(&w.goji.producer, &order.id, "顺丰", "SF1234567890")
        .await
        .unwrap();
    w.services
        .confirm_receipt(&w.buyer, &order.id)
        .await
        .unwrap();
    let payable = format!("producer_payable:{}", order.shop_id);
    let owed = -balance(&w, &payable).await;
    let earned = -balance(&w, "commission_revenue").await;
    assert_eq!(owed + earned, order.total.minor());

    let case = w
        .ask_refund(&w.buyer, &order.id, "other", "34.00")
        .await
        .unwrap();
    assert!(matches!(
        w.services.approve_after_sale(&w.buyer, &case.id, "").await,
        Err(ServiceError::Forbidden)
    ));
    w.services
        .approve_after_sale(&w.goji.producer, &case.id, "")
        .await
        .unwrap();
    w.refunds_settle().await;

    let refunded = w.after_sale(&case.id).await;
    assert_eq!(refunded.status, AfterSaleStatus::Refunded);
    let reversed = refunded.commission_reversed.unwrap().minor();
    assert!(reversed > 0, "part of the commission comes back");
    assert_eq!(-balance(&w, &payable).await, owed - (3_400 - reversed));
    assert_eq!(-balance(&w, "commission_revenue").await, earned - reversed);
    let balances = w.services.store.ledger_balances().await.unwrap();
    assert_eq!(balances.iter().map(|(_, m)| m.minor()).sum::<i64>(), 0);
    let status = w
        .services
        .store
        .order(&order.id)
        .await
        .unwrap()
        .unwrap()
        .order
        .status;
    assert_eq!(
        status,
        OrderStatus::Delivered,
        "a partial refund keeps the sale"
    );
}

#[tokio::test]
async fn silent_producers_are_answered_for_and_the_hub_rules_on_disputes() {
    let w = two_shops().await;
    let order = paid_order(&w, "key-00000003").await;
    let case = w
        .ask_refund(&w.buyer, &order.id, "no_longer_wanted", "10")
        .await
        .unwrap();
    assert_eq!(w.services.auto_approve_after_sales().await.unwrap(), 0);
    w.clock.advance_millis(2 * 86_400_000 + 1);
    assert_eq!(w.services.auto_approve_after_sales().await.unwrap(), 1);
    w.refunds_settle().await;
    let done = w.after_sale(&case.id).await;
    assert_eq!(done.status, AfterSaleStatus::Refunded);

    w.services
        .ship_order(&w.goji.producer, &order.id, "顺丰", "SF1234567890")
        .await
        .unwrap();
    let disputed = w
        .ask_refund(&w.buyer, &order.id, "other", "20")
        .await
        .unwrap();
    assert!(matches!(
        w.services
            .reject_after_sale(&w.goji.producer, &disputed.id, "")
            .await,
        Err(ServiceError::Validation(_))
    ));
    w.services
        .reject_after_sale(&w.goji.producer, &disputed.id, "果子完好")
        .await
        .unwrap();
    assert!(matches!(
        w.services
            .escalate_after_sale(&w.goji.producer, &disputed.id)
            .await,
        Err(ServiceError::NotFound)
    ));
    w.services
        .escalate_after_sale(&w.buyer, &disputed.id)
        .await
        .unwrap();
    assert!(matches!(
        w.services.disputes(&w.goji.producer).await,
        Err(ServiceError::Forbidden)
    ));
    assert_eq!(w.services.disputes(&w.hub).await.unwrap().len(), 1);
    let ruling = |amount: &str| RulingForm {
        ruling: "refund".into(),
        amount: amount.into(),
        note: "照片显示有坏果".into(),
    };
    assert!(matches!(
        w.services
            .rule_dispute(&w.hub, &disputed.id, &ruling("25"))
            .await,
        Err(ServiceError::Validation(_))
    ));
    w.services
        .rule_dispute(&w.hub, &disputed.id, &ruling("15"))
        .await
        .unwrap();
    w.refunds_settle().await;
    let ruled = w.after_sale(&disputed.id).await;
    assert_eq!(
        (ruled.status, ruled.amount.minor()),
        (AfterSaleStatus::Refunded, 1_500)
    );
    assert_eq!(
        balance(&w, "provider_clearing").await,
        order.total.minor() - 1_000 - 1_500
    );
}
