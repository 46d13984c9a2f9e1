//! Flash sales through the use cases, on SQLite and (when the run has one) PostgreSQL: twenty
//! thousand buyers at once buy exactly the units and no buyer more than the limit, every
//! acknowledged purchase is in the database; unpaid orders give their units back to the sale;
//! a restarted node rebuilds the gate from the database and sells on.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use farmgate_domain::access::Actor;
use farmgate_domain::flash_sale::FlashSalePhase;
use farmgate_domain::id::{AccountId, FlashSaleId};
use farmgate_domain::money::Money;
use farmgate_domain::role::Role;
use farmgate_domain::validation::Problem;
use farmgate_services::checkout::AddressForm;
use farmgate_services::flash_sale::{
    FlashPurchase, FlashPurchaseRequest, FlashSaleForm, CLOSED, NOT_LIVE, NOT_OPEN, OVER_LIMIT,
    SOLD_OUT, TOO_FEW_LEFT,
};
use farmgate_services::live::LiveForm;
use farmgate_services::{ServiceError, Services};
use farmgate_store::{FlashSaleRecord, LiveSessionRecord};
use support::{account, market, market_on_postgres, run_campaigns, stall, Market, Stall};

/// A live session selling the stall's product.
async fn live(m: &Market, stock: &str) -> (Stall, LiveSessionRecord) {
    let goji = stall(m, "zhuoma@example.cn", "黑枸杞", "68.00", stock).await;
    let form = LiveForm {
        title: "枸杞秒杀专场".into(),
        trailer: String::new(),
        starts_at: Some(m.clock.now_ms()),
        products: vec![goji.item.product.to_string()],
    };
    let session = m
        .services
        .schedule_live(&goji.producer, &goji.shop, &form)
        .await
        .unwrap();
    m.services
        .live_publish_authorized(&session.stream_key)
        .await
        .unwrap();
    (goji, session)
}

fn terms(stall: &Stall, stock_limit: &str, per_buyer: &str) -> FlashSaleForm {
    FlashSaleForm {
        sku: stall.item.sku.to_string(),
        price: "39.90".into(),
        stock_limit: stock_limit.into(),
        per_buyer_limit: per_buyer.into(),
        countdown_seconds: "10".into(),
        duration_minutes: "30".into(),
    }
}

/// A sale started by the stall's producer, open once its countdown has passed.
async fn open_sale(
    m: &Market,
    stock: &str,
    units: &str,
    per_buyer: &str,
) -> (Stall, FlashSaleRecord) {
    let (goji, session) = live(m, stock).await;
    let sale = m
        .services
        .start_flash_sale(&goji.producer, &session.id, &terms(&goji, units, per_buyer))
        .await
        .unwrap();
    m.clock.advance_millis(10_000);
    (goji, sale)
}

fn request(quantity: i64, key: &str) -> FlashPurchaseRequest {
    FlashPurchaseRequest {
        quantity,
        address: AddressForm {
            recipient: "王芳".into(),
            phone: "13800138000".into(),
            province: "31".into(),
            city: "上海市".into(),
            county: "浦东新区".into(),
            detail: "世纪大道 100 号".into(),
        },
        idempotency_key: key.into(),
    }
}

async fn buyers(m: &Market, n: usize) -> Vec<Actor> {
    let mut buyers = Vec::with_capacity(n);
    for i in 0..n {
        buyers.push(account(&m.store, &format!("buyer{i}@example.cn"), vec![Role::Buyer]).await);
    }
    buyers
}

fn conflict(result: Result<FlashPurchase, ServiceError>) -> &'static str {
    match result {
        Err(ServiceError::Conflict(why)) => why,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

async fn twenty_thousand_buyers_buy_exactly_the_units(m: Market) {
    let (goji, sale) = open_sale(&m, "5000", "1000", "3").await;
    let buyers = Arc::new(buyers(&m, 2_000).await);
    let attempts: Vec<_> = (0..20_000)
        .map(|i| {
            let (services, buyers, sale) = (m.services.clone(), buyers.clone(), sale.id.clone());
            tokio::spawn(async move {
                let buyer = &buyers[i % buyers.len()];
                let quantity = 1 + (i % 2) as i64;
                let bought = services
                    .buy_flash_sale(buyer, &sale, &request(quantity, &format!("attempt-{i}")))
                    .await;
                (buyer.account_id.clone(), bought)
            })
        })
        .collect();
    let mut acknowledged: HashMap<AccountId, Vec<FlashPurchase>> = HashMap::new();
    for attempt in attempts {
        match attempt.await.unwrap() {
            (buyer, Ok(purchase)) => acknowledged.entry(buyer).or_default().push(purchase),
            (_, refused) => {
                assert!([SOLD_OUT, TOO_FEW_LEFT, OVER_LIMIT].contains(&conflict(refused)))
            }
        }
    }
    let units = |purchases: &[FlashPurchase]| purchases.iter().map(|p| p.quantity).sum::<i64>();
    assert_eq!(acknowledged.values().map(|p| units(p)).sum::<i64>(), 1_000);
    assert!(
        acknowledged.values().all(|p| units(p) <= 3),
        "no buyer over the limit"
    );

    let book = m.store.flash_sale_book(&sale.id).await.unwrap().unwrap();
    assert_eq!(
        book.sale.sold, 1_000,
        "the database's count is the acknowledged total"
    );
    assert!(book.buyers.iter().all(|(_, bought)| *bought <= 3));
    let written: HashSet<_> = book.purchases.iter().map(|p| p.order_id.clone()).collect();
    let answered: HashSet<_> = acknowledged
        .values()
        .flatten()
        .map(|p| p.order.clone())
        .collect();
    assert_eq!(
        written, answered,
        "every acknowledged purchase is in the database, no other"
    );
    for purchase in acknowledged.values().flatten().take(50) {
        let order = m.store.order(&purchase.order).await.unwrap().unwrap();
        assert_eq!(order.order.channel, "live");
        assert!(order.order.live_session_id.is_some());
        assert_eq!(order.lines[0].unit_price, Money::fen(3_990));
        assert_eq!(order.lines[0].quantity, purchase.quantity);
    }
    let state = m.services.flash_sale_state(&sale.id).await.unwrap();
    assert_eq!((state.remaining, state.phase), (0, FlashSalePhase::SoldOut));
    let sku = m
        .store
        .product(&goji.item.product)
        .await
        .unwrap()
        .unwrap()
        .skus[0]
        .stock;
    assert_eq!(
        sku, 4_000,
        "the sale's units left the SKU once, when it was created"
    );
    m.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_twenty_thousand_buyers_buy_exactly_the_units() {
    twenty_thousand_buyers_buy_exactly_the_units(market().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_twenty_thousand_buyers_buy_exactly_the_units() {
    if let Some(m) = market_on_postgres().await {
        twenty_thousand_buyers_buy_exactly_the_units(m).await;
    }
}

async fn unpaid_orders_give_their_units_back_to_the_sale(m: Market) {
    let (goji, sale) = open_sale(&m, "100", "2", "2").await;
    let b = buyers(&m, 2).await;
    let first = m
        .services
        .buy_flash_sale(&b[0], &sale.id, &request(2, "first-try"))
        .await
        .unwrap();
    assert_eq!(
        first.pay_by,
        m.clock.now_ms().plus_millis(600_000),
        "ten minutes to pay"
    );
    let refused = m
        .services
        .buy_flash_sale(&b[1], &sale.id, &request(1, "second-try"))
        .await;
    assert_eq!(conflict(refused), SOLD_OUT);

    m.clock.advance_millis(600_001);
    assert_eq!(m.services.expire_unpaid_orders().await.unwrap(), 1);
    let state = m.services.flash_sale_state(&sale.id).await.unwrap();
    assert_eq!((state.remaining, state.phase), (2, FlashSalePhase::Open));
    let sku = m
        .store
        .product(&goji.item.product)
        .await
        .unwrap()
        .unwrap()
        .skus[0]
        .stock;
    assert_eq!(sku, 98, "the units went back to the sale, not to the SKU");
    m.services
        .buy_flash_sale(&b[1], &sale.id, &request(2, "second-try"))
        .await
        .unwrap();
    m.services
        .buy_flash_sale(&b[0], &sale.id, &request(1, "first-again"))
        .await
        .unwrap_err();
    assert_eq!(m.store.flash_sale(&sale.id).await.unwrap().unwrap().sold, 2);
    m.finish().await;
}

#[tokio::test]
async fn sqlite_unpaid_orders_give_their_units_back_to_the_sale() {
    unpaid_orders_give_their_units_back_to_the_sale(market().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_unpaid_orders_give_their_units_back_to_the_sale() {
    if let Some(m) = market_on_postgres().await {
        unpaid_orders_give_their_units_back_to_the_sale(m).await;
    }
}

async fn a_restarted_node_rebuilds_the_gate_and_sells_on(m: Market) {
    let (_, sale) = open_sale(&m, "100", "5", "2").await;
    let b = buyers(&m, 4).await;
    let kept = m
        .services
        .buy_flash_sale(&b[0], &sale.id, &request(2, "kept-key"))
        .await
        .unwrap();
    m.services
        .buy_flash_sale(&b[1], &sale.id, &request(1, "other-key"))
        .await
        .unwrap();

    let mut restarted = Services::new(m.store.clone());
    restarted.clock = m.clock.clone();
    assert_eq!(restarted.warm_flash_sales().await.unwrap(), 1);
    let state = restarted.flash_sale_state(&sale.id).await.unwrap();
    assert_eq!(state.remaining, 2);
    let again = restarted
        .buy_flash_sale(&b[0], &sale.id, &request(2, "kept-key"))
        .await;
    assert_eq!(
        again.unwrap(),
        kept,
        "the same key is the same purchase after a restart"
    );
    let over = restarted
        .buy_flash_sale(&b[0], &sale.id, &request(1, "one-more"))
        .await;
    assert_eq!(conflict(over), OVER_LIMIT);
    restarted
        .buy_flash_sale(&b[2], &sale.id, &request(2, "the-rest"))
        .await
        .unwrap();
    let none = restarted
        .buy_flash_sale(&b[3], &sale.id, &request(1, "too-late"))
        .await;
    assert_eq!(conflict(none), SOLD_OUT);
    assert_eq!(m.store.flash_sale(&sale.id).await.unwrap().unwrap().sold, 5);
    m.finish().await;
}

#[tokio::test]
async fn sqlite_a_restarted_node_rebuilds_the_gate_and_sells_on() {
    a_restarted_node_rebuilds_the_gate_and_sells_on(market().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_restarted_node_rebuilds_the_gate_and_sells_on() {
    if let Some(m) = market_on_postgres().await {
        a_restarted_node_rebuilds_the_gate_and_sells_on(m).await;
    }
}

#[tokio::test]
async fn a_sale_opens_after_its_countdown_and_closes_giving_back_the_unsold() {
    let m = market().await;
    let (goji, session) = live(&m, "100").await;
    let sale = m
        .services
        .start_flash_sale(&goji.producer, &session.id, &terms(&goji, "30", "2"))
        .await
        .unwrap();
    let stock = || async {
        m.store
            .product(&goji.item.product)
            .await
            .unwrap()
            .unwrap()
            .skus[0]
            .stock
    };
    assert_eq!(stock().await, 70);
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;
    let early = m
        .services
        .buy_flash_sale(&buyer, &sale.id, &request(1, "too-early"))
        .await;
    assert_eq!(conflict(early), NOT_OPEN);
    m.clock.advance_millis(10_000);
    m.services
        .buy_flash_sale(&buyer, &sale.id, &request(2, "just-in-time"))
        .await
        .unwrap();

    m.clock.advance_millis(30 * 60_000);
    let late = m
        .services
        .buy_flash_sale(&buyer, &sale.id, &request(1, "too-late"))
        .await;
    assert_eq!(conflict(late), CLOSED);
    assert_eq!(m.services.settle_flash_sales().await.unwrap(), 1);
    assert_eq!(m.services.settle_flash_sales().await.unwrap(), 0);
    assert_eq!(stock().await, 98, "the 28 unsold are back on the shelf");
    let states = m.services.live_flash_sales(&session.id).await.unwrap();
    assert_eq!(states.len(), 1);
    assert_eq!(states[0].phase, FlashSalePhase::Closed);
    assert_eq!(states[0].regular_price, Money::fen(6_800));
}

#[tokio::test]
async fn only_the_shop_starts_a_sale_with_sound_terms_while_live() {
    let m = market().await;
    let (goji, session) = live(&m, "100").await;
    let stranger = account(&m.store, "stranger@example.cn", vec![Role::Producer]).await;
    let foreign = m
        .services
        .start_flash_sale(&stranger, &session.id, &terms(&goji, "10", "1"))
        .await;
    assert!(
        matches!(foreign, Err(ServiceError::Forbidden)),
        "{foreign:?}"
    );

    let bad = FlashSaleForm {
        price: "68.00".into(),
        stock_limit: "101".into(),
        ..terms(&goji, "0", "1")
    };
    match m
        .services
        .start_flash_sale(&goji.producer, &session.id, &bad)
        .await
    {
        Err(ServiceError::Validation(errors)) => {
            let fields: Vec<_> = errors.0.iter().map(|e| (e.field, e.problem)).collect();
            assert_eq!(
                fields,
                [
                    ("price", Problem::Invalid),
                    ("stock_limit", Problem::Invalid)
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    let unknown = FlashSaleForm {
        sku: FlashSaleId::new("0193a5b2-0000-7000-8000-000000000000").to_string(),
        ..terms(&goji, "10", "1")
    };
    assert!(matches!(
        m.services
            .start_flash_sale(&goji.producer, &session.id, &unknown)
            .await,
        Err(ServiceError::Validation(_))
    ));
    m.services.live_stream_ended(&session.id).await.unwrap();
    let ended = m
        .services
        .start_flash_sale(&goji.producer, &session.id, &terms(&goji, "10", "1"))
        .await;
    assert!(
        matches!(ended, Err(ServiceError::Conflict(NOT_LIVE))),
        "{ended:?}"
    );
    let stock = m
        .store
        .product(&goji.item.product)
        .await
        .unwrap()
        .unwrap()
        .skus[0]
        .stock;
    assert_eq!(stock, 100, "no refused sale took stock");
}

#[tokio::test]
async fn bad_purchase_requests_report_every_field() {
    let m = market().await;
    let (_, sale) = open_sale(&m, "100", "10", "2").await;
    let buyer = account(&m.store, "buyer@example.cn", vec![Role::Buyer]).await;
    let mut bad = request(0, "short");
    bad.address.phone = "123".into();
    match m.services.buy_flash_sale(&buyer, &sale.id, &bad).await {
        Err(ServiceError::Validation(errors)) => {
            let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
            assert_eq!(fields, ["idempotency_key", "quantity", "phone"]);
        }
        other => panic!("{other:?}"),
    }
    let missing = FlashSaleId::new("0193a5b2-0000-7000-8000-000000000000");
    let nothing = m
        .services
        .buy_flash_sale(&buyer, &missing, &request(1, "any-key-1"))
        .await;
    assert!(matches!(nothing, Err(ServiceError::NotFound)));
    assert_eq!(
        m.services
            .flash_sale_state(&sale.id)
            .await
            .unwrap()
            .remaining,
        10
    );
}

#[tokio::test]
async fn the_room_sees_the_sale_and_a_ticker_line_naming_only_the_city() {
    let m = market().await;
    let (_, sale) = open_sale(&m, "100", "10", "2").await;
    let buyer = account(&m.store, "fang@example.cn", vec![Role::Buyer]).await;
    m.services
        .buy_flash_sale(&buyer, &sale.id, &request(2, "ticker-key-1"))
        .await
        .unwrap();
    let joined = m.services.rooms.join(sale.session_id.as_str(), None);
    let snapshot = String::from_utf8(joined.first[0].bytes().to_vec()).unwrap();
    let snapshot: serde_json::Value = serde_json::from_str(&snapshot).unwrap();
    assert_eq!(snapshot["sale"]["remaining"], 8, "{snapshot}");
    assert_eq!(snapshot["sale"]["price"], "¥39.90");
    let ticker = snapshot["purchases"][0]["line"].as_str().unwrap();
    assert_eq!(ticker, "上海市 · 黑枸杞 × 2");
    assert!(
        !snapshot.to_string().contains("王芳"),
        "the buyer stays anonymous"
    );
}

#[tokio::test]
async fn a_running_campaign_leaves_the_flash_price_alone() {
    let m = market().await;
    let (_, sale) = open_sale(&m, "100", "10", "2").await;
    run_campaigns(&m).await;
    let buyer = buyers(&m, 1).await.remove(0);
    let bought = m
        .services
        .buy_flash_sale(&buyer, &sale.id, &request(2, "flash-in-campaign"))
        .await
        .unwrap();
    let order = m.store.order(&bought.order).await.unwrap().unwrap();
    // The sale's ¥39.90, neither 20% off nor ¥10 off ¥79.80 of goods.
    assert_eq!(order.lines[0].unit_price, Money::fen(3_990));
    assert_eq!(order.order.discount, Money::fen(0));
    assert!(m
        .store
        .campaign_parts(&order.order.id)
        .await
        .unwrap()
        .is_empty());
}
