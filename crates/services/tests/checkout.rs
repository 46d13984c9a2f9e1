//! The whole purchase against the real SQL store and the sandbox provider: checkout across two
//! shops, pay on the cashier, signed callback (duplicated), ledger; late callbacks; expiry.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::access::Actor;
use farmgate_domain::listing::ListingEvent;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::role::Role;
use farmgate_payments::{PaymentProvider, Signer};
use farmgate_services::catalogue::{ProductForm, SkuForm};
use farmgate_services::checkout::{CartItem, PlacedCheckout};
use farmgate_services::payments::CallbackResult;
use farmgate_services::{new_id, ServiceError};
use farmgate_store::Page;

use support::{pay_reference, request, two_shops, Direct, TwoShops, VILLAGE};

/// One goji and three salt (two shops) checked out, not yet paid.
async fn goji_and_salt(w: &TwoShops, key: &str) -> PlacedCheckout {
    let mut salt = w.salt.item.clone();
    salt.quantity = 3;
    w.services
        .checkout(&w.buyer, &request(vec![w.goji.item.clone(), salt], key))
        .await
        .unwrap()
}

#[tokio::test]
async fn two_shops_one_checkout_one_payment_and_a_balanced_ledger() {
    let w = two_shops().await;
    let placed = goji_and_salt(&w, "key-00000001").await;
    assert_eq!(placed.orders.len(), 2, "one order per shop");
    assert!(placed
        .orders
        .iter()
        .all(|o| o.order.status == OrderStatus::PendingPayment));
    // Shanghai is in the far zone: ¥12 first kilogram; the salt (3 × 500 g) adds one more kg.
    let shipping: Vec<i64> = placed
        .orders
        .iter()
        .map(|o| o.order.shipping.minor())
        .collect();
    assert!(
        shipping.contains(&1_200) && shipping.contains(&1_800),
        "{shipping:?}"
    );

    let now = w.clock.now_ms();
    w.sandbox
        .complete(
            &pay_reference(&w.services, &w.buyer, &placed).await,
            true,
            now,
        )
        .await
        .unwrap();
    let merchant = Direct(w.services.clone());
    w.sandbox.deliver_due(&merchant, now).await.unwrap();
    let orders = w
        .services
        .store
        .orders_of_checkout(&placed.checkout)
        .await
        .unwrap();
    assert!(orders.iter().all(|o| o.order.status == OrderStatus::Paid));

    // The sandbox duplicates this callback; the duplicate changes nothing.
    w.clock.advance_millis(2_000);
    w.sandbox
        .deliver_due(&merchant, w.clock.now_ms())
        .await
        .unwrap();
    let balances = w.services.store.ledger_balances().await.unwrap();
    assert_eq!(balances.iter().map(|(_, m)| m.minor()).sum::<i64>(), 0);
    let clearing = balances
        .iter()
        .find(|(a, _)| a == "provider_clearing")
        .unwrap()
        .1;
    assert_eq!(
        clearing.minor(),
        placed
            .orders
            .iter()
            .map(|o| o.order.total.minor())
            .sum::<i64>(),
        "captured once"
    );
}

#[tokio::test]
async fn the_same_checkout_twice_is_one_order_and_one_payment() {
    let w = two_shops().await;
    let first = w
        .services
        .checkout(
            &w.buyer,
            &request(vec![w.goji.item.clone()], "key-00000002"),
        )
        .await
        .unwrap();
    let again = w
        .services
        .checkout(
            &w.buyer,
            &request(vec![w.goji.item.clone()], "key-00000002"),
        )
        .await
        .unwrap();
    assert_eq!(first.checkout, again.checkout);
    assert_eq!(
        pay_reference(&w.services, &w.buyer, &first).await,
        pay_reference(&w.services, &w.buyer, &again).await,
        "one payment"
    );
    let product = w
        .services
        .product(None, &w.goji.item.product)
        .await
        .unwrap();
    assert_eq!(product.skus[0].stock, 4);
}

#[tokio::test]
async fn selling_out_is_refused_and_bad_input_is_a_validation_error() {
    let w = two_shops().await;
    let mut greedy = w.goji.item.clone();
    greedy.quantity = 6;
    assert!(matches!(
        w.services
            .checkout(&w.buyer, &request(vec![greedy], "key-00000003"))
            .await,
        Err(ServiceError::Conflict("not enough stock"))
    ));
    let mut zero = w.goji.item.clone();
    zero.quantity = 0;
    assert!(matches!(
        w.services
            .checkout(&w.buyer, &request(vec![zero], "key-00000004"))
            .await,
        Err(ServiceError::Validation(_))
    ));
    let mut bad = request(vec![w.goji.item.clone()], "key-00000005");
    bad.address.phone = "12345".into();
    assert!(matches!(
        w.services.checkout(&w.buyer, &bad).await,
        Err(ServiceError::Validation(_))
    ));
    let orders = w
        .services
        .store
        .orders_of_buyer(&w.buyer.account_id, Page::first(10))
        .await
        .unwrap();
    assert!(orders.is_empty());
}

#[tokio::test]
async fn money_arriving_after_expiry_is_refunded_and_late_callbacks_are_queried() {
    let w = two_shops().await;
    let placed = w
        .services
        .checkout(
            &w.buyer,
            &request(vec![w.goji.item.clone()], "key-00000006"),
        )
        .await
        .unwrap();
    let reference = pay_reference(&w.services, &w.buyer, &placed).await;
    // Paid at the provider, but the callback never arrives: the reconciler asks.
    w.sandbox
        .complete(&reference, true, w.clock.now_ms())
        .await
        .unwrap();
    w.clock.advance_millis(61_000);
    assert_eq!(w.services.reconcile_payments().await.unwrap(), 1);
    let orders = w
        .services
        .store
        .orders_of_checkout(&placed.checkout)
        .await
        .unwrap();
    assert_eq!(orders[0].order.status, OrderStatus::Paid);

    let second = w
        .services
        .checkout(
            &w.buyer,
            &request(vec![w.goji.item.clone()], "key-00000007"),
        )
        .await
        .unwrap();
    let stale_tab = pay_reference(&w.services, &w.buyer, &second).await;
    w.clock.advance_millis(31 * 60_000);
    assert_eq!(w.services.expire_unpaid_orders().await.unwrap(), 1);
    // The buyer pays on a stale cashier tab anyway — the sandbox has already closed it.
    assert!(w
        .sandbox
        .complete(&stale_tab, true, w.clock.now_ms())
        .await
        .is_err());
    let product = w
        .services
        .product(None, &w.goji.item.product)
        .await
        .unwrap();
    assert_eq!(
        product.skus[0].stock, 4,
        "the expired order's unit came back"
    );

    // Paid just in time at the provider, but the callback lands after the orders expired.
    let third = w
        .services
        .checkout(
            &w.buyer,
            &request(vec![w.goji.item.clone()], "key-00000009"),
        )
        .await
        .unwrap();
    w.sandbox
        .complete(
            &pay_reference(&w.services, &w.buyer, &third).await,
            true,
            w.clock.now_ms(),
        )
        .await
        .unwrap();
    w.clock.advance_millis(31 * 60_000);
    w.services.expire_unpaid_orders().await.unwrap();
    w.callbacks_due().await;
    let payment = w
        .services
        .store
        .payments_of_checkout(&third.checkout)
        .await
        .unwrap()
        .remove(0);
    let refund = w
        .sandbox
        .query_refund(&format!("late-{}", payment.id), w.clock.now_ms())
        .await
        .unwrap();
    assert_eq!(refund.amount, payment.amount, "the whole payment goes back");
    let orders = w
        .services
        .store
        .orders_of_checkout(&third.checkout)
        .await
        .unwrap();
    assert_eq!(orders[0].order.status, OrderStatus::Expired);
}

#[tokio::test]
async fn forged_unknown_and_mismatched_callbacks_change_nothing() {
    let w = two_shops().await;
    let placed = w
        .services
        .checkout(
            &w.buyer,
            &request(vec![w.goji.item.clone()], "key-00000008"),
        )
        .await
        .unwrap();
    pay_reference(&w.services, &w.buyer, &placed).await;
    let payment = w
        .services
        .store
        .payments_of_checkout(&placed.checkout)
        .await
        .unwrap()
        .remove(0);
    let body = format!(
        r#"{{"event":"payment","notification_id":"n","out_trade_no":"{}","provider_ref":"x","outcome":"succeeded","amount_fen":{},"currency":"CNY","at":0}}"#,
        payment.id,
        payment.amount.minor()
    );
    let now_secs = w.clock.now_ms().millis() / 1_000;
    let sign = |key: &[u8], body: &str| {
        let headers = Signer::new(key).sign(now_secs, "nonce", body.as_bytes());
        move |name: &str| match name {
            "sandbox-timestamp" => Some(headers.timestamp.to_string()),
            "sandbox-nonce" => Some(headers.nonce.clone()),
            "sandbox-signature" => Some(headers.signature.clone()),
            _ => None,
        }
    };
    let forged = w
        .services
        .payment_callback(&sign(b"guess", &body), body.as_bytes())
        .await;
    assert!(matches!(forged, Err(ServiceError::Validation(_))));
    let cheap = body.replace(&format!(":{},", payment.amount.minor()), ":1,");
    let mismatch = w
        .services
        .payment_callback(&sign(b"k", &cheap), cheap.as_bytes())
        .await;
    assert!(matches!(mismatch, Err(ServiceError::Conflict(_))));
    let unknown = body.replace(payment.id.as_str(), "01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d0e");
    assert!(matches!(
        w.services
            .payment_callback(&sign(b"k", &unknown), unknown.as_bytes())
            .await,
        Err(ServiceError::NotFound)
    ));
    let orders = w
        .services
        .store
        .orders_of_checkout(&placed.checkout)
        .await
        .unwrap();
    assert_eq!(orders[0].order.status, OrderStatus::PendingPayment);
    let genuine = w
        .services
        .payment_callback(&sign(b"k", &body), body.as_bytes())
        .await
        .unwrap();
    assert_eq!(genuine, CallbackResult::Applied);
    let query = w
        .sandbox
        .query_payment(payment.id.as_str(), w.clock.now_ms())
        .await
        .unwrap();
    assert_eq!(
        query.outcome, None,
        "the provider itself never saw a payment; only our books moved on a genuine signature"
    );
}

#[tokio::test]
async fn out_of_season_products_cannot_be_bought() {
    let w = two_shops().await;
    // The test clock stands in September; this product sells in January only.
    let detail = w
        .services
        .product(None, &w.goji.item.product)
        .await
        .unwrap();
    let owner = Actor {
        account_id: new_id(),
        roles: vec![Role::HubOperator],
        shops: vec![],
    };
    let form = ProductForm {
        title: "冬季牦牛肉".into(),
        category: "meat".into(),
        grade: "一级".into(),
        origin: VILLAGE.into(),
        season_months: vec![1],
        skus: vec![SkuForm {
            name: "500g".into(),
            price: "98".into(),
            unit: "g".into(),
            net_weight_g: "500".into(),
            stock: "9".into(),
            ..SkuForm::default()
        }],
        ..ProductForm::default()
    };
    let winter = w
        .services
        .create_product(&owner, &detail.product.shop_id, &form)
        .await
        .unwrap();
    w.services
        .review_product(&owner, &winter.product.id, ListingEvent::Approve)
        .await
        .unwrap();
    let refused = w
        .services
        .add_to_cart(&w.buyer, &winter.product.id, &winter.skus[0].id, 1, None)
        .await;
    assert!(matches!(
        refused,
        Err(ServiceError::Conflict(
            farmgate_services::checkout::OUT_OF_SEASON
        ))
    ));
    let item = CartItem {
        product: winter.product.id.clone(),
        sku: winter.skus[0].id.clone(),
        quantity: 1,
        video: None,
    };
    let checkout = w
        .services
        .checkout(&w.buyer, &request(vec![item], "key-00000010"))
        .await;
    assert!(matches!(checkout, Err(ServiceError::Conflict(_))));
    assert!(w
        .services
        .add_to_cart(&w.buyer, &w.goji.item.product, &w.goji.item.sku, 1, None)
        .await
        .is_ok());
}

#[tokio::test]
async fn the_hub_sets_commission_and_shipping_and_checkout_follows() {
    use farmgate_domain::address::ShippingZone;
    use farmgate_domain::catalogue::Category;
    use farmgate_services::settings::{CommissionForm, ZoneForm};
    let w = two_shops().await;
    let hub = Actor {
        account_id: new_id(),
        roles: vec![Role::HubOperator],
        shops: vec![],
    };
    let form = CommissionForm {
        default_percent: "10".into(),
        per_category: vec![
            (Category::Fruit, "2.5".into()),
            (Category::Honey, String::new()),
        ],
    };
    assert!(matches!(
        w.services.set_commission(&w.buyer, &form).await,
        Err(ServiceError::Forbidden)
    ));
    let bad = CommissionForm {
        default_percent: "abc".into(),
        ..form.clone()
    };
    assert!(matches!(
        w.services.set_commission(&hub, &bad).await,
        Err(ServiceError::Validation(_))
    ));
    let too_much = CommissionForm {
        default_percent: "31".into(),
        ..form.clone()
    };
    assert!(matches!(
        w.services.set_commission(&hub, &too_much).await,
        Err(ServiceError::Validation(_))
    ));
    w.services.set_commission(&hub, &form).await.unwrap();

    let placed = w
        .services
        .checkout(
            &w.buyer,
            &request(vec![w.goji.item.clone()], "key-00000011"),
        )
        .await
        .unwrap();
    assert_eq!(
        placed.orders[0].order.commission.minor(),
        170,
        "2.5% of ¥68.00 for fruit"
    );

    let zone = |zone, served| ZoneForm {
        zone: Some(zone),
        served,
        first_fee: "6".into(),
        additional_fee: "2".into(),
        free_over: String::new(),
    };
    let near_only = [
        zone(ShippingZone::Near, true),
        zone(ShippingZone::Far, false),
    ];
    w.services.set_shipping(&hub, &near_only).await.unwrap();
    let far = w
        .services
        .checkout(
            &w.buyer,
            &request(vec![w.goji.item.clone()], "key-00000012"),
        )
        .await;
    assert!(
        matches!(far, Err(ServiceError::Conflict(_))),
        "Shanghai is no longer served"
    );
    let mut near = request(vec![w.goji.item.clone()], "key-00000013");
    near.address.province = "青海".into();
    let placed = w.services.checkout(&w.buyer, &near).await.unwrap();
    assert_eq!(placed.orders[0].order.shipping.minor(), 600);
    let none: [ZoneForm; 0] = [];
    assert!(
        matches!(
            w.services.set_shipping(&hub, &none).await,
            Err(ServiceError::Validation(_))
        ),
        "a template serves some zone"
    );
}

#[tokio::test]
async fn delivered_orders_pay_the_producers_less_commission() {
    let w = two_shops().await;
    let placed = goji_and_salt(&w, "key-00000020").await;
    w.sandbox
        .complete(
            &pay_reference(&w.services, &w.buyer, &placed).await,
            true,
            w.clock.now_ms(),
        )
        .await
        .unwrap();
    w.callbacks_due().await;

    let hub = Actor {
        account_id: new_id(),
        roles: vec![Role::HubOperator],
        shops: vec![],
    };
    let (first, second) = (&placed.orders[0].order, &placed.orders[1].order);
    assert!(
        matches!(
            w.services.confirm_receipt(&w.buyer, &first.id).await,
            Err(ServiceError::Conflict(_))
        ),
        "not shipped yet"
    );
    for order in &placed.orders {
        w.services
            .ship_order(&hub, &order.order.id, "顺丰", "SF 1234 5678 90")
            .await
            .unwrap();
    }
    assert!(matches!(
        w.services.ship_order(&hub, &first.id, "顺丰", "12").await,
        Err(ServiceError::Validation(_))
    ));
    assert!(matches!(
        w.services
            .ship_order(&w.buyer, &first.id, "顺丰", "SF1234567890")
            .await,
        Err(ServiceError::Forbidden)
    ));
    let shipped = w
        .services
        .store
        .order(&first.id)
        .await
        .unwrap()
        .unwrap()
        .order;
    assert_eq!(shipped.shipment.unwrap().tracking_no, "SF1234567890");

    assert!(
        matches!(
            w.services.confirm_receipt(&hub, &first.id).await,
            Err(ServiceError::NotFound)
        ),
        "only the buyer confirms"
    );
    w.services
        .confirm_receipt(&w.buyer, &first.id)
        .await
        .unwrap();
    assert!(matches!(
        w.services.confirm_receipt(&w.buyer, &first.id).await,
        Err(ServiceError::Conflict(_))
    ));
    assert_eq!(
        w.services.auto_confirm_deliveries().await.unwrap(),
        0,
        "not due yet"
    );
    w.clock.advance_millis(11 * 86_400_000);
    assert_eq!(
        w.services.auto_confirm_deliveries().await.unwrap(),
        1,
        "the other one confirms itself"
    );

    let balances = w.services.store.ledger_balances().await.unwrap();
    assert_eq!(
        balances.iter().map(|(_, m)| m.minor()).sum::<i64>(),
        0,
        "balanced"
    );
    let of = |prefix: &str| -> i64 {
        balances
            .iter()
            .filter(|(a, _)| a.starts_with(prefix))
            .map(|(_, m)| m.minor())
            .sum()
    };
    let commission = first.commission.minor() + second.commission.minor();
    assert!(commission > 0);
    assert_eq!(
        of("order_escrow"),
        0,
        "nothing held once both are delivered"
    );
    assert_eq!(-of("commission_revenue"), commission);
    assert_eq!(
        -of("producer_payable"),
        first.total.minor() + second.total.minor() - commission
    );
    let earnings = w
        .services
        .shop_earnings(&hub, &first.shop_id)
        .await
        .unwrap();
    assert_eq!(
        (earnings.held.minor(), earnings.payable.minor()),
        (0, first.total.minor() - first.commission.minor())
    );
    assert!(matches!(
        w.services.shop_earnings(&w.buyer, &first.shop_id).await,
        Err(ServiceError::Forbidden)
    ));
}
