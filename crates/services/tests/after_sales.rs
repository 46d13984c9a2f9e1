//! After-sales against the real SQL store and the sandbox provider: many approvals and
//! duplicated callbacks refund once; refunds after delivery come out of the producer's payable
//! and the commission; silent producers are answered for; the hub rules on disputes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use async_trait::async_trait;
use farmgate_domain::access::Actor;
use farmgate_domain::after_sales::AfterSaleStatus;
use farmgate_domain::listing::ListingEvent;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_domain::time::Timestamp;
use farmgate_payments::sandbox::{CallbackTransport, SandboxProvider, REFUND_SETTLES_AFTER_MILLIS};
use farmgate_payments::{PaymentProvider, Signer};
use farmgate_services::after_sales::{AfterSaleForm, RulingForm};
use farmgate_services::catalogue::{ProductForm, SkuForm};
use farmgate_services::checkout::{AddressForm, CartItem, CheckoutRequest};
use farmgate_services::payments::PaymentSetup;
use farmgate_services::{new_id, FixedClock, ServiceError, Services};
use farmgate_store::sql::SqlStore;
use farmgate_store::{AccountRecord, CompleteOutcome, OrderRecord, ShopRecord, Store};

const VILLAGE: &str = "632830101201";

struct World {
    services: Services,
    sandbox: Arc<SandboxProvider>,
    clock: Arc<FixedClock>,
    buyer: Actor,
    producer: Actor,
    hub: Actor,
    goji: CartItem,
    _data: tempfile::TempDir,
}

/// Delivers callbacks straight to the services, as Farmgate's HTTP endpoint would.
struct Direct(Services);

#[async_trait]
impl CallbackTransport for Direct {
    async fn post(&self, _url: &str, headers: &[(&'static str, String)], body: &str) -> bool {
        let lookup = |name: &str| {
            headers
                .iter()
                .find(|(h, _)| *h == name)
                .map(|(_, v)| v.clone())
        };
        self.0
            .payment_callback(&lookup, body.as_bytes())
            .await
            .is_ok()
    }
}

async fn account(store: &Arc<dyn Store>, email: &str, roles: Vec<Role>) -> Actor {
    let record = AccountRecord {
        id: new_id(),
        email: email.into(),
        display_name: "测试".into(),
        password_hash: "x".into(),
        roles: roles.clone(),
        created_at: Timestamp::from_millis(0),
    };
    store.insert_account(&record).await.unwrap();
    Actor {
        account_id: record.id,
        roles,
        shops: vec![],
    }
}

async fn world() -> World {
    let data = tempfile::tempdir().unwrap();
    let sql = Arc::new(
        SqlStore::open_sqlite(&data.path().join("farmgate.db"))
            .await
            .unwrap(),
    );
    sql.migrate().await.unwrap();
    let store: Arc<dyn Store> = sql.clone();
    let place = |code: &str, ur| Place {
        code: AreaCode::parse(code).unwrap(),
        name_zh: "地".into(),
        name_en: "Place".into(),
        urban_rural: UrbanRuralCode::parse(ur).unwrap(),
        location: GeoPoint::new(36_000_000, 98_000_000).unwrap(),
    };
    let places = [
        place("632830000000", 121),
        place("632830101000", 210),
        place(VILLAGE, 220),
    ];
    store.upsert_places(&places).await.unwrap();
    let clock = Arc::new(FixedClock::new(Timestamp::from_millis(1_790_000_000_000)));
    let mut services = Services::new(store.clone());
    services.clock = clock.clone();
    let sandbox = Arc::new(
        SandboxProvider::new(sql, Signer::new(b"k"), "http://farmgate.test/sandbox/pay")
            .duplicating(1),
    );
    let services = services.with_payments(PaymentSetup {
        provider: sandbox.clone(),
        notify_url: "http://farmgate.test/api/v1/payments/notify/sandbox".into(),
        public_url: "http://farmgate.test".into(),
    });
    let hub = account(&store, "hub@example.cn", vec![Role::HubOperator]).await;
    let owner = account(&store, "a@example.cn", vec![Role::Buyer]).await;
    let shop = ShopRecord {
        id: new_id(),
        name: "枸杞园".into(),
        kind: ProducerKind::Cooperative,
        village: AreaCode::parse(VILLAGE).unwrap(),
        description: String::new(),
        created_at: Timestamp::from_millis(0),
    };
    store
        .insert_shop_with_owner(&shop, &owner.account_id)
        .await
        .unwrap();
    let producer = Actor {
        roles: vec![Role::Buyer, Role::Producer],
        shops: vec![shop.id.clone()],
        ..owner
    };
    let form = ProductForm {
        title: "黑枸杞".into(),
        category: "fruit".into(),
        grade: "特级".into(),
        origin: VILLAGE.into(),
        skus: vec![SkuForm {
            name: "500g".into(),
            price: "68.00".into(),
            unit: "g".into(),
            net_weight_g: "500".into(),
            stock: "5".into(),
            ..SkuForm::default()
        }],
        ..ProductForm::default()
    };
    let detail = services
        .create_product(&producer, &shop.id, &form)
        .await
        .unwrap();
    services
        .review_product(&hub, &detail.product.id, ListingEvent::Approve)
        .await
        .unwrap();
    let buyer = account(&store, "buyer@example.cn", vec![Role::Buyer]).await;
    World {
        services,
        sandbox,
        clock,
        buyer,
        producer,
        hub,
        goji: CartItem {
            product: detail.product.id,
            sku: detail.skus[0].id.clone(),
            quantity: 2,
        },
        _data: data,
    }
}

/// Two goji bought and paid, the callback applied.
async fn paid_order(w: &World, key: &str) -> OrderRecord {
    let request = CheckoutRequest {
        items: vec![w.goji.clone()],
        address: AddressForm {
            recipient: "王芳".into(),
            phone: "138 0013 8000".into(),
            province: "上海".into(),
            city: "上海市".into(),
            county: "浦东新区".into(),
            detail: "世纪大道 100 号 2 栋".into(),
        },
        idempotency_key: key.into(),
    };
    let placed = w.services.checkout(&w.buyer, &request).await.unwrap();
    let cashier = w
        .services
        .pay_checkout(&w.buyer, &placed.checkout)
        .await
        .unwrap();
    let provider_ref = cashier.rsplit('/').next().unwrap().to_owned();
    w.sandbox
        .complete(&provider_ref, true, w.clock.now_ms())
        .await
        .unwrap();
    w.sandbox
        .deliver_due(&Direct(w.services.clone()), w.clock.now_ms())
        .await
        .unwrap();
    placed.orders[0].order.clone()
}

/// Lets the sandbox's refunds settle and delivers every callback due, duplicates included.
async fn refunds_settle(w: &World) {
    w.clock.advance_millis(REFUND_SETTLES_AFTER_MILLIS);
    let merchant = Direct(w.services.clone());
    w.sandbox
        .deliver_due(&merchant, w.clock.now_ms())
        .await
        .unwrap();
    w.clock.advance_millis(2_000);
    w.sandbox
        .deliver_due(&merchant, w.clock.now_ms())
        .await
        .unwrap();
}

fn asking(kind: &str, reason: &str, amount: &str) -> AfterSaleForm {
    AfterSaleForm {
        kind: kind.into(),
        reason: reason.into(),
        amount: amount.into(),
        description: "收到时有几颗坏了".into(),
    }
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
            &asking("refund_only", "no_longer_wanted", ""),
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
    refunds_settle(&w).await;
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
                &asking("refund_only", "other", ""),
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
            &asking("refund_only", "other", "34.00"),
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
    refunds_settle(&w).await;

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
            &asking("refund_only", "no_longer_wanted", "10"),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(w.services.auto_approve_after_sales().await.unwrap(), 0);
    w.clock.advance_millis(2 * 86_400_000 + 1);
    assert_eq!(w.services.auto_approve_after_sales().await.unwrap(), 1);
    refunds_settle(&w).await;
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
            &asking("refund_only", "other", "20"),
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
    refunds_settle(&w).await;
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
