//! Payouts draw a shop's payable once: read and capped inside the paying transaction, once per
//! (shop, run), with the ledger entry; many runs at once pay exactly what is owed. A shop's
//! balances and statement read back what happened.

use farmgate_domain::id::{AccountId, PayoutId, PayoutRunId, ShopId};
use farmgate_domain::ledger::{sale_settled, EntryKind, LedgerAccount};
use farmgate_domain::money::Money;
use farmgate_domain::payout::PayeeAccount;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::fixtures::{add_account, new_id, T0};
use crate::orders::{checkout, pay, stall, Stall};

/// Each sale is one unit at ¥68.00 plus ¥10.00 shipping.
pub const SALE: i64 = 7_800;

pub fn payee() -> PayeeAccount {
    PayeeAccount::parse("卓玛", "中国农业银行都兰县支行", "6228480012345678901").unwrap()
}

pub fn new_payout(shop: &ShopId, run: &PayoutRunId) -> NewPayout {
    let id = PayoutId::new(new_id());
    NewPayout {
        reference: format!("FGP-{id}"),
        id,
        shop: shop.clone(),
        run: run.clone(),
        entry_id: new_id(),
        at: T0.plus_days(20),
        minimum: Money::fen(100),
    }
}

pub fn run() -> PayoutRunId {
    PayoutRunId::new(new_id())
}

/// A paid, shipped and delivered order of the stall's: its money is now the producer's, less
/// `commission`.
pub async fn delivered_sale(
    store: &SqlStore,
    stall: &Stall,
    buyer: &AccountId,
    key: &str,
    commission: i64,
) -> OrderRecord {
    let placed = checkout(stall, buyer, key, 1);
    store.place_checkout(&placed).await.unwrap();
    pay(store, stall, &placed, T0.plus_millis(60_000)).await;
    let order = &placed.orders[0].order;
    let shipment = ShipmentRecord {
        carrier: "SF".into(),
        tracking_no: format!("SF{key}"),
        shipped_at: T0.plus_days(1),
    };
    store.ship_order(&order.id, &shipment).await.unwrap();
    let settled = sale_settled(&stall.shop, order.total, Money::fen(commission)).unwrap();
    store
        .deliver_order(
            &order.id,
            T0.plus_days(3),
            &(new_id(), settled),
            order.total,
        )
        .await
        .unwrap();
    store.order(&order.id).await.unwrap().unwrap().order
}

pub async fn payable(store: &SqlStore, shop: &ShopId) -> i64 {
    let balance = store
        .balance_of(&LedgerAccount::ProducerPayable(shop.clone()).code())
        .await
        .unwrap();
    -balance.minor()
}

pub async fn ledger_sum(store: &SqlStore) -> i64 {
    let balances = store.ledger_balances().await.unwrap();
    balances.iter().map(|(_, m)| m.minor()).sum()
}

pub async fn payees_are_set_replaced_and_removed(store: SqlStore) {
    let stall = stall(&store, 1).await;
    assert_eq!(store.payee(&stall.shop).await.unwrap(), None);
    store
        .set_payee(&stall.shop, Some(&payee()), T0)
        .await
        .unwrap();
    assert_eq!(store.payee(&stall.shop).await.unwrap(), Some(payee()));
    let other = PayeeAccount::parse("扎西", "青海银行", "1234567890123").unwrap();
    store
        .set_payee(&stall.shop, Some(&other), T0)
        .await
        .unwrap();
    assert_eq!(store.payee(&stall.shop).await.unwrap(), Some(other));
    store.set_payee(&stall.shop, None, T0).await.unwrap();
    assert_eq!(store.payee(&stall.shop).await.unwrap(), None);
    let unknown = ShopId::new(new_id());
    assert!(matches!(
        store.set_payee(&unknown, Some(&payee()), T0).await,
        Err(StoreError::Conflict(_))
    ));
}

pub async fn a_payout_pays_what_is_owed_once_per_run(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    delivered_sale(&store, &stall, &buyer, "s1", 390).await;
    let owed = SALE - 390;
    assert_eq!(payable(&store, &stall.shop).await, owed);

    let first = run();
    assert_eq!(
        store
            .pay_out(&new_payout(&stall.shop, &first))
            .await
            .unwrap(),
        PayoutOutcome::NoPayee,
        "nowhere to send it"
    );
    let listed = store.payable_shops().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (&listed[0].shop_id, listed[0].payable, &listed[0].payee),
        (&stall.shop, Money::fen(owed), &None)
    );

    store
        .set_payee(&stall.shop, Some(&payee()), T0)
        .await
        .unwrap();
    let PayoutOutcome::Paid(paid) = store
        .pay_out(&new_payout(&stall.shop, &first))
        .await
        .unwrap()
    else {
        panic!("the first payout pays");
    };
    assert_eq!(paid.amount, Money::fen(owed));
    assert_eq!(paid.payee, payee());
    assert_eq!(payable(&store, &stall.shop).await, 0);
    assert_eq!(ledger_sum(&store).await, 0);

    // The same run again (a resubmitted form) changes nothing and says what it paid.
    assert_eq!(
        store
            .pay_out(&new_payout(&stall.shop, &first))
            .await
            .unwrap(),
        PayoutOutcome::AlreadyPaid(paid.clone())
    );
    assert_eq!(
        store
            .pay_out(&new_payout(&stall.shop, &run()))
            .await
            .unwrap(),
        PayoutOutcome::BelowMinimum(Money::fen(0))
    );
    assert!(store.payable_shops().await.unwrap().is_empty());
    assert_eq!(
        store.payouts_of_run(&first).await.unwrap(),
        vec![paid.clone()]
    );
    assert_eq!(
        store
            .payouts_of_shop(&stall.shop, Page::first(10))
            .await
            .unwrap(),
        vec![paid]
    );
    assert!(matches!(
        store
            .pay_out(&new_payout(&ShopId::new(new_id()), &first))
            .await,
        Err(StoreError::NotFound)
    ));
}

/// A stall with `stock` units whose shop has a bank account to be paid into.
pub async fn paid_stall(store: &SqlStore, stock: i64) -> Stall {
    let stall = stall(store, stock).await;
    store
        .set_payee(&stall.shop, Some(&payee()), T0)
        .await
        .unwrap();
    stall
}

pub async fn concurrent_payout_runs_never_pay_more_than_is_owed(store: SqlStore) {
    let stall = paid_stall(&store, 100).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let runs: Vec<PayoutRunId> = (0..15).map(|_| run()).collect();
    // Each round: a sale is delivered, then twenty runs (some retrying an earlier run's key)
    // start at once while another sale is being delivered.
    for round in 0..5 {
        delivered_sale(&store, &stall, &buyer, &format!("before{round}"), 100).await;
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(21));
        let mut tasks = Vec::new();
        for i in 0..20 {
            let (store, start) = (store.clone(), start.clone());
            let payout = new_payout(&stall.shop, &runs[(round * 7 + i) % runs.len()]);
            tasks.push(tokio::spawn(async move {
                start.wait().await;
                store.pay_out(&payout).await.map(|_| ())
            }));
        }
        let (store, stall, buyer) = (store.clone(), stall.clone(), buyer.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            delivered_sale(&store, &stall, &buyer, &format!("during{round}"), 100).await;
            Ok(())
        }));
        for task in tasks {
            task.await.unwrap().unwrap();
        }
    }
    store
        .pay_out(&new_payout(&stall.shop, &run()))
        .await
        .unwrap();

    let earned = 10 * (SALE - 100);
    let payouts = store
        .payouts_of_shop(&stall.shop, Page::first(100))
        .await
        .unwrap();
    assert!(payouts.len() >= 5, "every round paid something");
    let total: i64 = payouts.iter().map(|p| p.amount.minor()).sum();
    assert_eq!(total, earned, "paid exactly what was earned, never more");
    assert_eq!(payable(&store, &stall.shop).await, 0);
    assert_eq!(ledger_sum(&store).await, 0);
    let balances = store.shop_balances(&stall.shop).await.unwrap();
    assert_eq!(balances.paid_out, Money::fen(earned));
}

pub async fn a_shops_books_read_back_its_sales_and_payouts(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    delivered_sale(&store, &stall, &buyer, "s1", 390).await;
    let pending = checkout(&stall, &buyer, "s2", 1);
    store.place_checkout(&pending).await.unwrap();
    let payment = pay(&store, &stall, &pending, T0.plus_days(5)).await;
    store
        .set_payee(&stall.shop, Some(&payee()), T0)
        .await
        .unwrap();
    let PayoutOutcome::Paid(paid) = store
        .pay_out(&new_payout(&stall.shop, &run()))
        .await
        .unwrap()
    else {
        panic!("pays");
    };

    let balances = store.shop_balances(&stall.shop).await.unwrap();
    assert_eq!(
        balances,
        ShopBalances {
            held: Money::fen(SALE),
            payable: Money::fen(0),
            paid_out: Money::fen(SALE - 390),
            commission: Money::fen(390),
        }
    );
    assert_eq!(
        store.shop_earnings(&stall.shop).await.unwrap(),
        ShopEarnings {
            held: balances.held,
            payable: balances.payable,
        }
    );
    let statement = store
        .shop_statement(&stall.shop, Page::first(10))
        .await
        .unwrap();
    let kinds: Vec<EntryKind> = statement.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        vec![
            EntryKind::Payout,
            EntryKind::PaymentCaptured,
            EntryKind::SaleSettled,
            EntryKind::PaymentCaptured
        ],
        "newest first"
    );
    assert_eq!(statement[0].reference, paid.id.as_str());
    assert_eq!(statement[1].reference, payment.id.as_str());
    assert_eq!(
        statement[2].postings.len(),
        3,
        "escrow, payable and the commission"
    );
    assert!(
        statement[1]
            .postings
            .iter()
            .all(|p| p.account == LedgerAccount::OrderEscrow(stall.shop.clone())),
        "not the provider's side of the payment"
    );
    let second_page = store
        .shop_statement(
            &stall.shop,
            Page {
                limit: 3,
                offset: 3,
            },
        )
        .await
        .unwrap();
    assert_eq!(second_page, statement[3..].to_vec());
    let other = store
        .shop_statement(&ShopId::new(new_id()), Page::first(10))
        .await
        .unwrap();
    assert!(other.is_empty());
    let totals = store.entry_totals().await.unwrap();
    assert_eq!(totals.len(), 4);
    assert!(totals.iter().all(|(_, sum)| sum.minor() == 0));
}
