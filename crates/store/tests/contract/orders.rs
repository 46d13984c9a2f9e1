//! Checkouts take stock atomically and never oversell, even under 200 simultaneous buyers;
//! the same idempotency key is one checkout; unpaid orders expire and give their stock back;
//! a payment's outcome is applied once, with its ledger entry.

use farmgate_domain::availability::Season;
use farmgate_domain::catalogue::{Category, Grade};
use farmgate_domain::id::{AccountId, CheckoutId, OrderId, PaymentId, ProductId, SkuId};
use farmgate_domain::ledger::payment_captured;
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::time::Timestamp;
use farmgate_domain::unit::{PackSize, SellingUnit};
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::fixtures::{add_account, add_places, code, new_id, shop, T0, VILLAGE_A1};

#[derive(Clone)]
pub struct Stall {
    pub shop: farmgate_domain::id::ShopId,
    pub product: ProductId,
    pub sku: SkuId,
}

pub async fn stall(store: &SqlStore, stock: i64) -> Stall {
    stall_in(
        store,
        "owner@example.cn",
        VILLAGE_A1,
        Category::Fruit,
        stock,
    )
    .await
}

/// A listed product of one SKU in a new shop of `village`, owned by a new account.
pub async fn stall_in(
    store: &SqlStore,
    owner: &str,
    village: &str,
    category: Category,
    stock: i64,
) -> Stall {
    add_places(store).await;
    let owner = add_account(store, owner).await;
    let record = shop("Zhuoma Farm", village);
    store
        .insert_shop_with_owner(&record, &owner.id)
        .await
        .unwrap();
    let product = ProductId::new(new_id());
    let sku = SkuId::new(new_id());
    let detail = ProductDetail {
        product: ProductRecord {
            id: product.clone(),
            shop_id: record.id.clone(),
            title: "黑枸杞".into(),
            title_en: String::new(),
            description: String::new(),
            category,
            grade: Grade::Special,
            origin: code(village),
            status: ListingStatus::Listed,
            review_reason: None,
            season: Season::ALL_YEAR,
            presale: None,
            sales: 0,
            created_at: T0,
            updated_at: T0,
        },
        skus: vec![SkuRecord {
            id: sku.clone(),
            product_id: product.clone(),
            position: 0,
            name: "250g".into(),
            pack: PackSize::new(SellingUnit::Gram, Some(250), Some(300)).unwrap(),
            price: Money::fen(6_800),
            stock,
        }],
        photos: vec![],
    };
    store.insert_product(&detail).await.unwrap();
    Stall {
        shop: record.id,
        product,
        sku,
    }
}

pub fn checkout(stall: &Stall, buyer: &AccountId, key: &str, quantity: i64) -> NewCheckout {
    let id = CheckoutId::new(new_id());
    let goods = Money::fen(6_800 * quantity);
    let shipping = Money::fen(1_000);
    let total = Money::fen(goods.minor() + shipping.minor());
    NewCheckout {
        id: id.clone(),
        buyer: buyer.clone(),
        idempotency_key: key.to_owned(),
        total,
        created_at: T0,
        orders: vec![OrderDetail {
            order: OrderRecord {
                id: OrderId::new(new_id()),
                checkout_id: id,
                shop_id: stall.shop.clone(),
                buyer_id: buyer.clone(),
                status: OrderStatus::PendingPayment,
                channel: "shelf".into(),
                live_session_id: None,
                short_video_id: None,
                goods,
                discount: Money::fen(0),
                shipping,
                total,
                commission: Money::fen(0),
                ships_from: None,
                address: DeliveryAddress {
                    recipient: "王芳".into(),
                    phone: "13800000000".into(),
                    province: "31".into(),
                    city: "上海市".into(),
                    county: "浦东新区".into(),
                    detail: "世纪大道 100 号".into(),
                },
                created_at: T0,
                pay_by: T0.plus_millis(1_800_000),
                paid_at: None,
                shipment: None,
                delivered_at: None,
                closed_at: None,
            },
            lines: vec![OrderLineRecord {
                line_no: 0,
                sku_id: stall.sku.clone(),
                product_id: stall.product.clone(),
                title: "黑枸杞".into(),
                sku_name: "250g".into(),
                category: Category::Fruit,
                unit_price: Money::fen(6_800),
                quantity,
                weight_g: 300 * quantity,
                commission: Money::fen(0),
            }],
        }],
        claims: vec![],
        campaign_parts: Vec::new(),
        campaign_claim: None,
    }
}

/// A pending payment for the whole checkout, stored.
pub async fn pending_payment(store: &SqlStore, placed: &NewCheckout) -> PaymentRecord {
    let payment = PaymentRecord {
        id: PaymentId::new(new_id()),
        checkout_id: placed.id.clone(),
        provider: "sandbox".into(),
        provider_ref: None,
        amount: placed.total,
        status: PaymentStatus::Pending,
        created_at: T0,
        settled_at: None,
    };
    store.insert_payment(&payment).await.unwrap();
    payment
}

/// Pays for the placed checkout: its payment succeeds at `at`, captured into the stall's escrow.
pub async fn pay(
    store: &SqlStore,
    stall: &Stall,
    placed: &NewCheckout,
    at: Timestamp,
) -> PaymentRecord {
    let payment = pending_payment(store, placed).await;
    let captured = payment_captured(placed.total, &[(stall.shop.clone(), placed.total)]).unwrap();
    let paid = PaymentSettlement {
        payment: payment.id.clone(),
        outcome: PaymentStatus::Succeeded,
        at,
        captured: Some((new_id(), captured)),
    };
    store.settle_payment(&paid).await.unwrap();
    payment
}

pub async fn stock(store: &SqlStore, stall: &Stall) -> i64 {
    store.product(&stall.product).await.unwrap().unwrap().skus[0].stock
}

pub async fn two_hundred_buyers_for_fifty_units_buy_exactly_fifty(store: SqlStore) {
    let stall = stall(&store, 50).await;
    let mut buyers = Vec::new();
    for i in 0..200 {
        buyers.push(
            add_account(&store, &format!("buyer{i}@example.cn"))
                .await
                .id,
        );
    }
    let attempts: Vec<_> = buyers
        .iter()
        .map(|buyer| {
            let store = store.clone();
            let checkout = checkout(&stall, buyer, "k", 1);
            tokio::spawn(async move { store.place_checkout(&checkout).await })
        })
        .collect();
    let mut placed = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            Ok(PlaceOutcome::Placed) => placed += 1,
            Err(StoreError::Conflict("not enough stock")) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(placed, 50);
    assert_eq!(stock(&store, &stall).await, 0);
    let sold: i64 = futures_total(&store, &buyers).await;
    assert_eq!(sold, 50, "exactly 50 orders exist");
}

async fn futures_total(store: &SqlStore, buyers: &[AccountId]) -> i64 {
    let mut total = 0;
    for buyer in buyers {
        total += store
            .orders_of_buyer(buyer, Page::first(10))
            .await
            .unwrap()
            .len() as i64;
    }
    total
}

pub async fn the_same_key_twice_is_one_checkout(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let first = checkout(&stall, &buyer, "same", 2);
    assert_eq!(
        store.place_checkout(&first).await.unwrap(),
        PlaceOutcome::Placed
    );
    let again = checkout(&stall, &buyer, "same", 2);
    assert_eq!(
        store.place_checkout(&again).await.unwrap(),
        PlaceOutcome::Replayed(first.id.clone())
    );
    assert_eq!(stock(&store, &stall).await, 8, "stock taken once");
    let orders = store.orders_of_checkout(&first.id).await.unwrap();
    assert_eq!(orders, first.orders);
    assert_eq!(
        store.order(&first.orders[0].order.id).await.unwrap(),
        Some(first.orders[0].clone())
    );
}

pub async fn unpaid_orders_expire_and_return_their_stock(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let placed = checkout(&stall, &buyer, "k1", 3);
    store.place_checkout(&placed).await.unwrap();
    assert_eq!(stock(&store, &stall).await, 7);
    assert_eq!(
        store
            .expire_unpaid(T0.plus_millis(1_799_999))
            .await
            .unwrap(),
        ExpiredOrders::default(),
        "not yet due"
    );
    assert_eq!(
        store
            .expire_unpaid(T0.plus_millis(1_800_001))
            .await
            .unwrap(),
        ExpiredOrders {
            orders: 1,
            restocked: vec![stall.product.clone()],
            flash_returns: vec![],
        }
    );
    assert_eq!(stock(&store, &stall).await, 10);
    assert_eq!(
        store
            .expire_unpaid(T0.plus_millis(9_999_999))
            .await
            .unwrap(),
        ExpiredOrders::default(),
        "once only"
    );
    let order = store
        .order(&placed.orders[0].order.id)
        .await
        .unwrap()
        .unwrap()
        .order;
    assert_eq!(order.status, OrderStatus::Expired);
}

pub async fn a_payment_is_applied_once_with_its_ledger_entry(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let placed = checkout(&stall, &buyer, "k1", 1);
    store.place_checkout(&placed).await.unwrap();
    let payment = pending_payment(&store, &placed).await;
    store.set_provider_ref(&payment.id, "sbx_1").await.unwrap();
    assert_eq!(
        store
            .pending_payments(T0.plus_millis(1), 10)
            .await
            .unwrap()
            .len(),
        1
    );
    let entry = payment_captured(placed.total, &[(stall.shop.clone(), placed.total)]).unwrap();
    let settlement = PaymentSettlement {
        payment: payment.id.clone(),
        outcome: PaymentStatus::Succeeded,
        at: T0.plus_millis(60_000),
        captured: Some((new_id(), entry)),
    };
    assert_eq!(
        store.settle_payment(&settlement).await.unwrap(),
        SettleOutcome::Applied
    );
    assert_eq!(
        store.settle_payment(&settlement).await.unwrap(),
        SettleOutcome::AlreadySettled
    );
    let order = store
        .order(&placed.orders[0].order.id)
        .await
        .unwrap()
        .unwrap()
        .order;
    assert_eq!(
        (order.status, order.paid_at),
        (OrderStatus::Paid, Some(T0.plus_millis(60_000)))
    );
    let balances = store.ledger_balances().await.unwrap();
    assert_eq!(balances.len(), 2);
    assert_eq!(
        balances.iter().map(|(_, m)| m.minor()).sum::<i64>(),
        0,
        "the ledger balances"
    );
    let stored = store.payment(&payment.id).await.unwrap().unwrap();
    assert_eq!(
        (stored.status, stored.provider_ref.as_deref()),
        (PaymentStatus::Succeeded, Some("sbx_1"))
    );
    let missing = PaymentSettlement {
        payment: PaymentId::new(new_id()),
        ..settlement
    };
    assert!(matches!(
        store.settle_payment(&missing).await,
        Err(StoreError::NotFound)
    ));
}

pub async fn money_for_expired_orders_is_flagged_for_refund(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let placed = checkout(&stall, &buyer, "k1", 1);
    store.place_checkout(&placed).await.unwrap();
    let payment = pending_payment(&store, &placed).await;
    store
        .expire_unpaid(T0.plus_millis(1_800_001))
        .await
        .unwrap();
    let late = PaymentSettlement {
        payment: payment.id.clone(),
        outcome: PaymentStatus::Succeeded,
        at: T0.plus_millis(1_900_000),
        captured: Some((
            new_id(),
            payment_captured(placed.total, &[(stall.shop.clone(), placed.total)]).unwrap(),
        )),
    };
    assert_eq!(
        store.settle_payment(&late).await.unwrap(),
        SettleOutcome::OrdersNoLongerPayable
    );
    assert!(
        store.ledger_balances().await.unwrap().is_empty(),
        "nothing captured for expired orders"
    );
    assert_eq!(stock(&store, &stall).await, 10);
}

pub async fn carts_add_up_cap_and_remove(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let line = |quantity| CartLineRecord {
        product_id: stall.product.clone(),
        sku_id: stall.sku.clone(),
        quantity,
        added_at: T0,
        short_video: None,
    };
    store.add_to_cart(&buyer, &line(2)).await.unwrap();
    store.add_to_cart(&buyer, &line(3)).await.unwrap();
    assert_eq!(store.cart(&buyer).await.unwrap(), vec![line(5)]);
    store.add_to_cart(&buyer, &line(998)).await.unwrap();
    assert_eq!(store.cart(&buyer).await.unwrap()[0].quantity, 999, "capped");
    store
        .set_cart_quantity(&buyer, &stall.sku, 4)
        .await
        .unwrap();
    assert_eq!(store.cart(&buyer).await.unwrap()[0].quantity, 4);
    assert!(matches!(
        store.add_to_cart(&buyer, &line(0)).await,
        Err(StoreError::Conflict(_))
    ));
    store
        .remove_from_cart(&buyer, std::slice::from_ref(&stall.sku))
        .await
        .unwrap();
    assert!(store.cart(&buyer).await.unwrap().is_empty());
    store.add_to_cart(&buyer, &line(1)).await.unwrap();
    store
        .set_cart_quantity(&buyer, &stall.sku, 0)
        .await
        .unwrap();
    assert!(store.cart(&buyer).await.unwrap().is_empty());
}

pub async fn orders_ship_once_and_delivery_settles_the_escrow(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let placed = checkout(&stall, &buyer, "k1", 1);
    store.place_checkout(&placed).await.unwrap();
    let order = placed.orders[0].order.clone();
    let shipment = ShipmentRecord {
        carrier: "SF".into(),
        tracking_no: "SF1234567890".into(),
        shipped_at: T0.plus_millis(70_000),
    };
    assert!(
        matches!(
            store.ship_order(&order.id, &shipment).await,
            Err(StoreError::Conflict(_))
        ),
        "unpaid orders do not ship"
    );

    pay(&store, &stall, &placed, T0.plus_millis(60_000)).await;

    store.ship_order(&order.id, &shipment).await.unwrap();
    assert!(
        matches!(
            store.ship_order(&order.id, &shipment).await,
            Err(StoreError::Conflict(_))
        ),
        "ships once"
    );
    let shipped = store.order(&order.id).await.unwrap().unwrap().order;
    assert_eq!(
        (shipped.status, shipped.shipment),
        (OrderStatus::Shipped, Some(shipment))
    );
    assert_eq!(
        store
            .shipped_before(T0.plus_millis(70_001), 10)
            .await
            .unwrap(),
        vec![order.id.clone()]
    );
    assert!(store
        .shipped_before(T0.plus_millis(70_000), 10)
        .await
        .unwrap()
        .is_empty());

    let commission = Money::fen(340);
    let settled =
        farmgate_domain::ledger::sale_settled(&stall.shop, order.total, commission).unwrap();
    let settlement = (new_id(), settled);
    store
        .deliver_order(&order.id, T0.plus_millis(80_000), &settlement, order.total)
        .await
        .unwrap();
    assert!(matches!(
        store
            .deliver_order(&order.id, T0.plus_millis(80_000), &settlement, order.total)
            .await,
        Err(StoreError::Conflict(_))
    ));
    let delivered = store.order(&order.id).await.unwrap().unwrap().order;
    assert_eq!(
        (delivered.status, delivered.delivered_at),
        (OrderStatus::Delivered, Some(T0.plus_millis(80_000)))
    );

    let balances = store.ledger_balances().await.unwrap();
    assert_eq!(balances.iter().map(|(_, m)| m.minor()).sum::<i64>(), 0);
    let payable = format!("producer_payable:{}", stall.shop);
    let escrow = format!("order_escrow:{}", stall.shop);
    assert_eq!(
        store.balance_of(&payable).await.unwrap().minor(),
        -(order.total.minor() - commission.minor()),
        "owed to the producer"
    );
    assert_eq!(
        store.balance_of(&escrow).await.unwrap().minor(),
        0,
        "nothing held once delivered"
    );
    assert_eq!(
        store
            .balance_of("commission_revenue")
            .await
            .unwrap()
            .minor(),
        -commission.minor()
    );
    assert_eq!(
        store.balance_of("no_such_account").await.unwrap().minor(),
        0
    );
}

/// Another listed SKU of the stall's shop, with its own stock.
pub async fn second_stall(store: &SqlStore, first: &Stall, stock: i64) -> Stall {
    let mut detail = store.product(&first.product).await.unwrap().unwrap();
    let product = ProductId::new(new_id());
    let sku = SkuId::new(new_id());
    detail.product.id = product.clone();
    detail.skus[0].id = sku.clone();
    detail.skus[0].product_id = product.clone();
    detail.skus[0].stock = stock;
    store.insert_product(&detail).await.unwrap();
    Stall {
        shop: first.shop.clone(),
        product,
        sku,
    }
}

/// One buyer's checkout of one unit of each stall, in one order.
fn two_line_checkout(plenty: &Stall, scarce: &Stall, buyer: &AccountId, key: &str) -> NewCheckout {
    let mut placed = checkout(plenty, buyer, key, 1);
    let mut line = placed.orders[0].lines[0].clone();
    line.line_no = 1;
    line.sku_id = scarce.sku.clone();
    line.product_id = scarce.product.clone();
    placed.orders[0].lines.push(line);
    placed
}

pub async fn a_short_line_gives_back_what_its_checkout_took(store: SqlStore) {
    let plenty = stall(&store, 1_000).await;
    // Created second, so its SKU sorts last: its line is taken after the plentiful one.
    let scarce = second_stall(&store, &plenty, 10).await;
    let mut attempts = Vec::new();
    for i in 0..60 {
        let buyer = add_account(&store, &format!("buyer{i}@example.cn"))
            .await
            .id;
        let store = store.clone();
        let checkout = two_line_checkout(&plenty, &scarce, &buyer, "k");
        attempts.push(tokio::spawn(async move {
            store.place_checkout(&checkout).await
        }));
    }
    let mut placed = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            Ok(PlaceOutcome::Placed) => placed += 1,
            Err(StoreError::Conflict("not enough stock")) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(placed, 10);
    assert_eq!(stock(&store, &scarce).await, 0);
    assert_eq!(
        stock(&store, &plenty).await,
        990,
        "refused checkouts gave back the plentiful line"
    );
}

pub async fn the_same_key_sent_at_once_is_one_checkout(store: SqlStore) {
    let stall = stall(&store, 100).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let attempts: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            let checkout = checkout(&stall, &buyer, "double-click", 1);
            tokio::spawn(
                async move { (checkout.id.clone(), store.place_checkout(&checkout).await) },
            )
        })
        .collect();
    let mut placed = Vec::new();
    let mut replayed = Vec::new();
    for attempt in attempts {
        match attempt.await.unwrap() {
            (id, Ok(PlaceOutcome::Placed)) => placed.push(id),
            (_, Ok(PlaceOutcome::Replayed(id))) => replayed.push(id),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(placed.len(), 1);
    assert!(replayed.iter().all(|id| *id == placed[0]));
    assert_eq!(stock(&store, &stall).await, 99);
    assert_eq!(futures_total(&store, &[buyer]).await, 1);
}
