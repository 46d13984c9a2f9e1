//! Flash sales: a sale takes its units from the SKU and gives the unsold back once after
//! closing; purchases written in batches never sell more than the sale's units or a buyer more
//! than the limit, whatever the batch holds and however many batches run at once; a key is one
//! purchase; an unpaid order's units return to the sale while it runs, to the SKU after.

use farmgate_domain::id::{AccountId, FlashSaleId, LiveSessionId, OrderId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::fixtures::{add_account, new_id, T0};
use crate::orders::{checkout, stall, stock, Stall};

const OPENS: Timestamp = T0.plus_millis(10_000);
const CLOSES: Timestamp = T0.plus_millis(610_000);
/// Inside the sale's window.
const DURING: Timestamp = T0.plus_millis(20_000);

struct Sale {
    stall: Stall,
    session: LiveSessionId,
    sale: FlashSaleRecord,
}

/// A live session with the stall's product in its bag.
pub async fn live_session(store: &SqlStore, stall: &Stall, status: LiveStatus) -> LiveSessionId {
    let host = add_account(store, &format!("{}@example.cn", new_id())).await;
    let session = LiveSessionRecord {
        id: LiveSessionId::new(new_id()),
        shop_id: stall.shop.clone(),
        host_id: host.id,
        title: "秒杀专场".into(),
        trailer: String::new(),
        cover_file_id: None,
        starts_at: T0,
        status: LiveStatus::Scheduled,
        stream_key: format!("fgl_{}", new_id()),
        pinned_product: None,
        went_live_at: None,
        ended_at: None,
        replay_playlist: None,
        created_at: T0,
        bag: vec![stall.product.clone()],
    };
    store.insert_live_session(&session).await.unwrap();
    if status == LiveStatus::Live {
        store.mark_live(&session.id, T0).await.unwrap();
    }
    session.id
}

fn sale_record(
    stall: &Stall,
    session: &LiveSessionId,
    units: i64,
    per_buyer: i64,
) -> FlashSaleRecord {
    FlashSaleRecord {
        id: FlashSaleId::new(new_id()),
        session_id: session.clone(),
        product_id: stall.product.clone(),
        sku_id: stall.sku.clone(),
        price: Money::fen(3_900),
        stock_limit: units,
        sold: 0,
        per_buyer_limit: per_buyer,
        opens_at: OPENS,
        closes_at: CLOSES,
        created_at: T0,
        settled_at: None,
    }
}

async fn sale(store: &SqlStore, sku_stock: i64, units: i64, per_buyer: i64) -> Sale {
    let stall = stall(store, sku_stock).await;
    let session = live_session(store, &stall, LiveStatus::Live).await;
    let sale = sale_record(&stall, &session, units, per_buyer);
    store.insert_flash_sale(&sale).await.unwrap();
    Sale {
        stall,
        session,
        sale,
    }
}

/// A purchase as the engine hands it over: one live order of one line at the sale's price.
fn purchase(
    s: &Sale,
    buyer: &AccountId,
    key: &str,
    quantity: i64,
    at: Timestamp,
) -> NewFlashPurchase {
    let mut placed = checkout(
        &s.stall,
        buyer,
        &format!("flash:{}:{key}", s.sale.id),
        quantity,
    );
    placed.created_at = at;
    let order = &mut placed.orders[0].order;
    order.channel = "live".into();
    order.live_session_id = Some(s.session.clone());
    order.created_at = at;
    order.pay_by = at.plus_millis(600_000);
    NewFlashPurchase {
        sale_id: s.sale.id.clone(),
        quantity,
        per_buyer_limit: s.sale.per_buyer_limit,
        idempotency_key: key.to_owned(),
        checkout: placed,
    }
}

async fn buyers(store: &SqlStore, n: usize) -> Vec<AccountId> {
    let mut buyers = Vec::with_capacity(n);
    for _ in 0..n {
        buyers.push(
            add_account(store, &format!("{}@example.cn", new_id()))
                .await
                .id,
        );
    }
    buyers
}

async fn sold(store: &SqlStore, sale: &FlashSaleId) -> i64 {
    store.flash_sale(sale).await.unwrap().unwrap().sold
}

pub async fn a_sale_takes_its_units_from_the_sku_and_gives_back_the_unsold_once(store: SqlStore) {
    let s = sale(&store, 100, 30, 5).await;
    assert_eq!(stock(&store, &s.stall).await, 70);
    assert_eq!(
        store.flash_sale(&s.sale.id).await.unwrap(),
        Some(s.sale.clone())
    );
    assert_eq!(
        store.flash_sales_of_session(&s.session).await.unwrap(),
        vec![s.sale.clone()]
    );
    let greedy = sale_record(&s.stall, &s.session, 71, 5);
    assert_eq!(
        store
            .insert_flash_sale(&greedy)
            .await
            .unwrap_err()
            .to_string(),
        "conflict: not enough stock"
    );
    assert_eq!(store.flash_sale(&greedy.id).await.unwrap(), None);
    assert_eq!(
        stock(&store, &s.stall).await,
        70,
        "nothing taken for a refused sale"
    );

    let buyer = buyers(&store, 1).await.remove(0);
    let bought = store
        .record_flash_purchases(&[purchase(&s, &buyer, "k1", 2, DURING)])
        .await
        .unwrap();
    assert_eq!(bought, vec![FlashPurchaseOutcome::Placed]);
    assert_eq!(
        store
            .settle_flash_sales(CLOSES.plus_millis(-1))
            .await
            .unwrap(),
        vec![],
        "still open"
    );
    assert_eq!(
        store.unsettled_flash_sales().await.unwrap(),
        vec![s.sale.id.clone()]
    );
    assert_eq!(
        store.settle_flash_sales(CLOSES).await.unwrap(),
        vec![s.sale.id.clone()]
    );
    assert_eq!(stock(&store, &s.stall).await, 98, "the 28 unsold went back");
    assert_eq!(
        store.settle_flash_sales(CLOSES.plus_days(1)).await.unwrap(),
        vec![]
    );
    assert_eq!(stock(&store, &s.stall).await, 98, "once only");
    assert_eq!(store.unsettled_flash_sales().await.unwrap(), vec![]);
}

pub async fn a_sale_needs_a_live_session_and_a_variant_in_its_bag(store: SqlStore) {
    let stall = stall(&store, 100).await;
    let scheduled = live_session(&store, &stall, LiveStatus::Scheduled).await;
    let refused = store
        .insert_flash_sale(&sale_record(&stall, &scheduled, 10, 1))
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "{refused:?}"
    );
    let live = live_session(&store, &stall, LiveStatus::Live).await;
    let mut foreign = sale_record(&stall, &live, 10, 1);
    foreign.sku_id = farmgate_domain::id::SkuId::new(new_id());
    assert!(store.insert_flash_sale(&foreign).await.is_err());
    assert_eq!(stock(&store, &stall).await, 100, "nothing taken");
}

pub async fn a_batch_sells_no_more_than_the_units_or_a_buyers_limit(store: SqlStore) {
    let s = sale(&store, 100, 5, 2).await;
    let b = buyers(&store, 4).await;
    let batch = [
        purchase(&s, &b[0], "a1", 2, DURING),
        purchase(&s, &b[0], "a2", 1, DURING),
        purchase(&s, &b[1], "b1", 2, DURING),
        purchase(&s, &b[2], "c1", 2, DURING),
        purchase(&s, &b[3], "d1", 1, DURING),
        purchase(&s, &b[2], "c2", 1, DURING),
    ];
    let outcomes = store.record_flash_purchases(&batch).await.unwrap();
    use FlashPurchaseOutcome::{Placed, Refused};
    assert_eq!(
        outcomes,
        vec![
            Placed,
            Refused(FlashRefusal::OverLimit),
            Placed,
            Refused(FlashRefusal::TooFewLeft),
            Placed,
            Refused(FlashRefusal::SoldOut),
        ]
    );
    assert_eq!(sold(&store, &s.sale.id).await, 5);
    let book = store.flash_sale_book(&s.sale.id).await.unwrap().unwrap();
    assert_eq!(book.purchases.len(), 3);
    let held: i64 = book.buyers.iter().map(|(_, bought)| bought).sum();
    assert_eq!(held, 5);
    for (placed, outcome) in batch.iter().zip(&outcomes) {
        let order = store
            .order(&placed.checkout.orders[0].order.id)
            .await
            .unwrap();
        match outcome {
            Placed => {
                let order = order.unwrap().order;
                assert_eq!(order.channel, "live");
                assert_eq!(order.live_session_id.as_ref(), Some(&s.session));
            }
            _ => assert_eq!(order, None, "a refused purchase leaves no order"),
        }
    }
    let no_checkout = store
        .orders_of_checkout(&batch[1].checkout.id)
        .await
        .unwrap();
    assert!(no_checkout.is_empty());
}

/// Many batches at once, straight to the database (no gate in front): the constraints alone
/// keep the sale exact.
pub async fn concurrent_batches_sell_exactly_the_units(store: SqlStore) {
    let s = sale(&store, 200, 100, 3).await;
    let b = buyers(&store, 60).await;
    let tasks: Vec<_> = (0..40)
        .map(|t| {
            let batch: Vec<_> = (0..10)
                .map(|i| {
                    let buyer = &b[(t * 7 + i * 13) % b.len()];
                    purchase(&s, buyer, &format!("{t}-{i}"), 1 + (i % 2) as i64, DURING)
                })
                .collect();
            let store = store.clone();
            tokio::spawn(async move {
                let outcomes = store.record_flash_purchases(&batch).await.unwrap();
                batch
                    .iter()
                    .zip(outcomes)
                    .filter(|(_, o)| *o == FlashPurchaseOutcome::Placed)
                    .map(|(p, _)| p.quantity)
                    .sum::<i64>()
            })
        })
        .collect();
    let mut acknowledged = 0;
    for task in tasks {
        acknowledged += task.await.unwrap();
    }
    assert_eq!(acknowledged, 100, "every unit sold, none twice");
    assert_eq!(sold(&store, &s.sale.id).await, 100);
    let book = store.flash_sale_book(&s.sale.id).await.unwrap().unwrap();
    assert!(book.buyers.iter().all(|(_, bought)| *bought <= 3));
    assert_eq!(book.purchases.iter().map(|p| p.quantity).sum::<i64>(), 100);
}

pub async fn the_same_key_is_one_purchase(store: SqlStore) {
    let s = sale(&store, 100, 10, 5).await;
    let buyer = buyers(&store, 1).await.remove(0);
    let first = purchase(&s, &buyer, "same", 2, DURING);
    let twin = purchase(&s, &buyer, "same", 2, DURING);
    let outcomes = store
        .record_flash_purchases(&[first.clone(), twin])
        .await
        .unwrap();
    let record = first.record().unwrap();
    assert_eq!(
        outcomes,
        vec![
            FlashPurchaseOutcome::Placed,
            FlashPurchaseOutcome::Replayed(record.clone())
        ]
    );
    let later = purchase(&s, &buyer, "same", 2, DURING);
    assert_eq!(
        store.record_flash_purchases(&[later]).await.unwrap(),
        vec![FlashPurchaseOutcome::Replayed(record)]
    );
    assert_eq!(sold(&store, &s.sale.id).await, 2, "counted once");
}

pub async fn purchases_outside_the_window_are_refused(store: SqlStore) {
    let s = sale(&store, 100, 10, 5).await;
    let buyer = buyers(&store, 1).await.remove(0);
    let early = purchase(&s, &buyer, "early", 1, OPENS.plus_millis(-1));
    let late = purchase(&s, &buyer, "late", 1, CLOSES);
    assert_eq!(
        store.record_flash_purchases(&[early, late]).await.unwrap(),
        vec![
            FlashPurchaseOutcome::Refused(FlashRefusal::NotOpen),
            FlashPurchaseOutcome::Refused(FlashRefusal::Closed)
        ]
    );
    store.settle_flash_sales(CLOSES).await.unwrap();
    let after_settling = purchase(&s, &buyer, "in-time", 1, DURING);
    assert_eq!(
        store
            .record_flash_purchases(&[after_settling])
            .await
            .unwrap(),
        vec![FlashPurchaseOutcome::Refused(FlashRefusal::Closed)]
    );
    assert_eq!(sold(&store, &s.sale.id).await, 0);
}

pub async fn unpaid_orders_return_units_to_the_sale_while_it_runs_then_to_the_sku(store: SqlStore) {
    let s = sale(&store, 100, 10, 5).await;
    let buyer = buyers(&store, 1).await.remove(0);
    let first = purchase(&s, &buyer, "k1", 3, DURING);
    store
        .record_flash_purchases(std::slice::from_ref(&first))
        .await
        .unwrap();
    assert_eq!(stock(&store, &s.stall).await, 90);
    let due = DURING.plus_millis(600_001);
    let expired = store.expire_unpaid(due).await.unwrap();
    assert_eq!(
        expired,
        ExpiredOrders {
            orders: 1,
            restocked: vec![],
            flash_returns: vec![FlashReturn {
                sale: s.sale.id.clone(),
                buyer: buyer.clone(),
                quantity: 3,
            }],
        }
    );
    assert_eq!(sold(&store, &s.sale.id).await, 0, "back to the sale");
    assert_eq!(stock(&store, &s.stall).await, 90, "not to the SKU");
    let book = store.flash_sale_book(&s.sale.id).await.unwrap().unwrap();
    assert_eq!(book.buyers, vec![(buyer.clone(), 0)]);
    assert_eq!(order_status(&store, &first).await, OrderStatus::Expired);

    let second = purchase(&s, &buyer, "k2", 5, DURING.plus_millis(1));
    store
        .record_flash_purchases(std::slice::from_ref(&second))
        .await
        .unwrap();
    store.settle_flash_sales(CLOSES).await.unwrap();
    assert_eq!(
        stock(&store, &s.stall).await,
        95,
        "the 5 unsold went back at closing"
    );
    let expired = store.expire_unpaid(due.plus_millis(1)).await.unwrap();
    assert_eq!(expired.restocked, vec![s.stall.product.clone()]);
    assert!(expired.flash_returns.is_empty());
    assert_eq!(
        stock(&store, &s.stall).await,
        100,
        "after closing, to the SKU"
    );
    assert_eq!(
        sold(&store, &s.sale.id).await,
        5,
        "the settled sale is left alone"
    );
}

async fn order_status(store: &SqlStore, purchase: &NewFlashPurchase) -> OrderStatus {
    let id: &OrderId = &purchase.checkout.orders[0].order.id;
    store.order(id).await.unwrap().unwrap().order.status
}
