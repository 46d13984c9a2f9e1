//! After-sales against the real SQL store and the sandbox provider: many approvals and
//! duplicated callbacks refund once; refunds after delivery come out of the producer's payable
//! and the commission; silent producers are answered for; the hub rules on disputes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::ops::Deref;

use farmgate_domain::access::Actor;
use farmgate_domain::after_sales::AfterSaleStatus;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::role::Role;
use farmgate_payments::sandbox::REFUND_SETTLES_AFTER_MILLIS;
use farmgate_payments::PaymentProvider;
use farmgate_services::after_sales::RulingForm;
use farmgate_services::checkout::CartItem;
use farmgate_services::ServiceError;
use farmgate_store::{CompleteOutcome, OrderRecord};
use support::{account, after_sale_form, market, request, stall, Market};

/// A shop selling goji (five in stock) and a buyer.
struct World {
    market: Market,
    buyer: Actor,
    producer: Actor,
    /// Two goji.
    goji: CartItem,
}

impl Deref for World {
    type Target = Market;

    fn deref(&self) -> &Market {
        &self.market
    }
}

async fn world() -> World {
    let market = market().await;
    let stall = stall(&market, "a@example.cn", "黑枸杞", "68.00", "5").await;
    let buyer = account(&market.store, "buyer@example.cn", vec![Role::Buyer]).await;
    World {
        market,
        buyer,
        producer: stall.producer,
        goji: CartItem {
            quantity: 2,
            ..stall.item
        },
    }
}

/// Two goji bought and paid, the callback applied.
async fn paid_order(w: &World, key: &str) -> OrderRecord {
    let placed = w
        .services
        .checkout(&w.buyer, &request(vec![w.goji.clone()], key))
        .await
        .unwrap();
    w.pay(&w.buyer, &placed).await;
    placed.orders[0].order.clone()
}

async fn balance(w: &World, account: &str) -> i64 {
    w.services.store.balance_of(account).await.unwrap().minor()
}

async fn stock(w: &World) -> i64 {
    let product = w.services.product(None, &w.goji.product).await.unwrap();
    product.skus[0].stock
}

#[tokio::test]
async fn twenty_approvals_and_duplicated_callbacks_refund_once() {
    let w = world().await;
    let order = paid_order(&w, "key-00000001").await;
    assert_eq!(stock(&w).await, 3);
    let case = w
        .services
        .open_after_sale(
            &w.buyer,
            &order.id,
            &after_sale_form("refund_only", "no_longer_wanted", ""),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        case.amount, order.total,
        "defaults to everything refundable"
    );

    let approvals: Vec<_> = (0..20)
        .map(|_| {
            let (services, producer, id) =
                (w.services.clone(), w.producer.clone(), case.id.clone());
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
        w.services
            .open_after_sale(
                &w.buyer,
                &order.id,
                &after_sale_form("refund_only", "other", ""),
                vec![]
            )
            .await,
        Err(ServiceError::Conflict(_))
    ));
}

#[tokio::test]
async fn a_refund_after_delivery_comes_from_the_producer_and_the_commission() {
    let w = world().await;
    let order = paid_order(&w, "key-00000002").await;
    w.services
        .ship_order(&w.producer, &order.id, "顺丰", "SF1234567890")
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
        .services
        .open_after_sale(
            &w.buyer,
            &order.id,
            &after_sale_form("refund_only", "other", "34.00"),
            vec![],
        )
        .await
        .unwrap();
    assert!(matches!(
        w.services.approve_after_sale(&w.buyer, &case.id, "").await,
        Err(ServiceError::Forbidden)
    ));
    w.services
        .approve_after_sale(&w.producer, &case.id, "")
        .await
        .unwrap();
    w.refunds_settle().await;

    let refunded = w
        .services
        .store
        .after_sale(&case.id)
        .await
        .unwrap()
        .unwrap();
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
    let w = world().await;
    let order = paid_order(&w, "key-00000003").await;
    let case = w
        .services
        .open_after_sale(
            &w.buyer,
            &order.id,
            &after_sale_form("refund_only", "no_longer_wanted", "10"),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(w.services.auto_approve_after_sales().await.unwrap(), 0);
    w.clock.advance_millis(2 * 86_400_000 + 1);
    assert_eq!(w.services.auto_approve_after_sales().await.unwrap(), 1);
    w.refunds_settle().await;
    let done = w
        .services
        .store
        .after_sale(&case.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(done.status, AfterSaleStatus::Refunded);

    w.services
        .ship_order(&w.producer, &order.id, "顺丰", "SF1234567890")
        .await
        .unwrap();
    let disputed = w
        .services
        .open_after_sale(
            &w.buyer,
            &order.id,
            &after_sale_form("refund_only", "other", "20"),
            vec![],
        )
        .await
        .unwrap();
    assert!(matches!(
        w.services
            .reject_after_sale(&w.producer, &disputed.id, "")
            .await,
        Err(ServiceError::Validation(_))
    ));
    w.services
        .reject_after_sale(&w.producer, &disputed.id, "果子完好")
        .await
        .unwrap();
    assert!(matches!(
        w.services
            .escalate_after_sale(&w.producer, &disputed.id)
            .await,
        Err(ServiceError::NotFound)
    ));
    w.services
        .escalate_after_sale(&w.buyer, &disputed.id)
        .await
        .unwrap();
    assert!(matches!(
        w.services.disputes(&w.producer).await,
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
    let ruled = w
        .services
        .store
        .after_sale(&disputed.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (ruled.status, ruled.amount.minor()),
        (AfterSaleStatus::Refunded, 1_500)
    );
    assert_eq!(
        balance(&w, "provider_clearing").await,
        order.total.minor() - 1_000 - 1_500
    );
}
