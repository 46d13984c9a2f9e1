//! The ledger invariant over what is stored, after a realistic run of the marketplace through
//! the use cases: many checkouts across four shops paid in the sandbox, some left to expire,
//! shipments, confirmations by buyers and by the clock, payout runs (one repeated), and refunds
//! before and after delivery, whole and in part, some after the shop was paid out. Then, from
//! the stored postings: every entry balances, the whole ledger sums to zero, and each shop's
//! payable less its debt equals its delivered sales less commission, refunds and payouts,
//! counted from the orders, after-sales requests and payouts rather than from the ledger.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use farmgate_domain::access::Actor;
use farmgate_domain::after_sales::AfterSaleStatus;
use farmgate_domain::commission::commission_share;
use farmgate_domain::id::{PayoutRunId, ShopId};
use farmgate_domain::ledger::LedgerAccount;
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::payout::PAYOUT_MINIMUM;
use farmgate_domain::role::Role;
use farmgate_services::after_sales::RulingForm;
use farmgate_services::checkout::CartItem;
use farmgate_services::{new_id, ServiceError};
use farmgate_store::{OrderRecord, Page, RefundSource};
use support::{account, market, request, stall, Market, Stall};

async fn stalls(m: &Market) -> Vec<Stall> {
    let goods = [
        ("黑枸杞", "68.00"),
        ("茶卡湖盐", "12.50"),
        ("牦牛酸奶", "39.90"),
        ("青稞挂面", "128.00"),
    ];
    let mut stalls = Vec::new();
    for (i, (title, price)) in goods.into_iter().enumerate() {
        stalls.push(stall(m, &format!("p{i}@example.cn"), title, price, "500").await);
    }
    stalls
}

/// Checkout `i` buys from two of the shops (sometimes the same one twice), in varying amounts.
fn basket(stalls: &[Stall], i: usize) -> Vec<CartItem> {
    let mut first = stalls[i % stalls.len()].item.clone();
    first.quantity = 1 + (i % 3) as i64;
    let second = stalls[(i * 3 + 1) % stalls.len()].item.clone();
    if second.sku == first.sku {
        vec![first]
    } else {
        vec![first, second]
    }
}

/// Refunds through the use cases, as buyers, producers and the hub make them, completed by
/// the sandbox's refund callbacks. Before delivery: a whole order (its stock goes back) and
/// part of another. After delivery, when the shops with a bank account have just been paid:
/// part of one order in every shop, and a whole order in two shops, which the producer refused
/// and the hub awarded. Then the order refunded in part is delivered, earning its shop more
/// than it owes. Returns what each shop refunded.
async fn refund_some_orders(
    m: &Market,
    stalls: &[Stall],
    buyers: &[Actor],
    orders: &[OrderRecord],
) -> BTreeMap<ShopId, i64> {
    let buyer_of = |o: &OrderRecord| buyers.iter().find(|b| b.account_id == o.buyer_id).unwrap();
    let producer_of = |o: &OrderRecord| {
        &stalls
            .iter()
            .find(|s| s.shop == o.shop_id)
            .unwrap()
            .producer
    };
    let ask = |order: &OrderRecord, reason: &'static str, amount: &'static str| {
        let (buyer, id) = (buyer_of(order), order.id.clone());
        async move { m.ask_refund(buyer, &id, reason, amount).await.unwrap() }
    };
    let held_in = |stall: &Stall| {
        orders
            .iter()
            .find(|o| o.shop_id == stall.shop && o.status == OrderStatus::Paid)
            .unwrap()
    };
    let (whole, part) = (held_in(&stalls[0]), held_in(&stalls[1]));
    let mut cases = Vec::new();
    for (order, amount) in [(whole, ""), (part, "5.00")] {
        let case = ask(order, "no_longer_wanted", amount).await;
        m.services
            .approve_after_sale(producer_of(order), &case.id, "")
            .await
            .unwrap();
        cases.push(case.id);
    }
    m.refunds_settle().await;

    for (n, stall) in stalls.iter().enumerate() {
        let mut delivered = orders
            .iter()
            .filter(|o| o.shop_id == stall.shop && o.status == OrderStatus::Delivered);
        let first = delivered.next().unwrap();
        let case = ask(first, "other", "10.00").await;
        m.services
            .approve_after_sale(&stall.producer, &case.id, "")
            .await
            .unwrap();
        cases.push(case.id);
        if n % 2 == 1 {
            continue;
        }
        let second = delivered.next().unwrap();
        let case = ask(second, "other", "").await;
        m.services
            .reject_after_sale(&stall.producer, &case.id, "果子完好")
            .await
            .unwrap();
        m.services
            .escalate_after_sale(buyer_of(second), &case.id)
            .await
            .unwrap();
        let ruling = RulingForm {
            ruling: "refund".into(),
            amount: String::new(),
            note: "快递延误导致变质".into(),
        };
        m.services
            .rule_dispute(&m.hub, &case.id, &ruling)
            .await
            .unwrap();
        cases.push(case.id);
    }
    m.refunds_settle().await;
    m.services
        .ship_order(producer_of(part), &part.id, "顺丰", "SF1234567890")
        .await
        .unwrap();
    m.services
        .confirm_receipt(buyer_of(part), &part.id)
        .await
        .unwrap();

    let mut refunded = BTreeMap::new();
    for id in &cases {
        let case = m.after_sale(id).await;
        assert_eq!(
            case.status,
            AfterSaleStatus::Refunded,
            "completed by its callback"
        );
        *refunded.entry(case.shop_id).or_insert(0) += case.amount.minor();
    }
    let back = m.store.order(&whole.id).await.unwrap().unwrap().order;
    assert_eq!(back.status, OrderStatus::Refunded);
    refunded
}

/// A shop's books counted from its orders, refunds and payouts, not from the ledger.
#[derive(Debug, Default)]
struct Counted {
    /// Delivered sales, less what was refunded before delivery.
    sales: i64,
    /// The commission on them.
    commission: i64,
    /// Commission given back by refunds after delivery.
    commission_reversed: i64,
    /// The producer's part of refunds after delivery.
    refunds: i64,
    payouts: i64,
    /// Paid for orders not yet delivered, less what was refunded of them.
    held: i64,
}

async fn counted(m: &Market, shop: &ShopId, orders: &[OrderRecord]) -> Counted {
    let cases = m
        .store
        .after_sales_of_shop(shop, Page::first(100))
        .await
        .unwrap();
    let refunded: Vec<_> = cases
        .iter()
        .filter(|c| c.status == AfterSaleStatus::Refunded)
        .collect();
    let held_refunds = |order: &OrderRecord| -> i64 {
        refunded
            .iter()
            .filter(|c| c.order_id == order.id && c.refund_source == Some(RefundSource::Held))
            .map(|c| c.amount.minor())
            .sum()
    };
    let mut books = Counted::default();
    for order in orders.iter().filter(|o| o.shop_id == *shop) {
        let left = order.total.minor() - held_refunds(order);
        if order.delivered_at.is_some() {
            let charged =
                commission_share(order.commission, Money::fen(left), order.total).unwrap();
            books.sales += left;
            books.commission += charged.minor();
        } else if matches!(order.status, OrderStatus::Paid | OrderStatus::Shipped) {
            books.held += left;
        }
    }
    for case in refunded
        .iter()
        .filter(|c| c.refund_source == Some(RefundSource::Settled))
    {
        let reversed = case.commission_reversed.unwrap().minor();
        books.refunds += case.amount.minor() - reversed;
        books.commission_reversed += reversed;
    }
    books.payouts = m
        .store
        .payouts_of_shop(shop, Page::first(100))
        .await
        .unwrap()
        .iter()
        .map(|p| p.amount.minor())
        .sum();
    books
}

/// A new payout run; the shop without a bank account is the one it reports skipping.
async fn run_payouts(m: &Market, unpaid: &ShopId) -> PayoutRunId {
    let run: PayoutRunId = new_id();
    let done = m.services.run_payouts(&m.hub, run.as_str()).await.unwrap();
    let skipped: Vec<&ShopId> = done.without_payee.iter().map(|s| &s.shop_id).collect();
    assert_eq!(skipped, vec![unpaid]);
    run
}

#[tokio::test]
async fn the_stored_ledger_balances_and_each_payable_matches_the_orders() {
    let m = market().await;
    let stalls = stalls(&m).await;
    // The last shop never gives a bank account: it is owed money that no run pays.
    for stall in &stalls[..3] {
        m.services
            .set_shop_payee(
                &stall.producer,
                &stall.shop,
                "卓玛",
                "中国农业银行都兰县支行",
                "6228 4800 1234 5678 901",
            )
            .await
            .unwrap();
    }
    let buyers = [
        account(&m.store, "b0@example.cn", vec![Role::Buyer]).await,
        account(&m.store, "b1@example.cn", vec![Role::Buyer]).await,
        account(&m.store, "b2@example.cn", vec![Role::Buyer]).await,
    ];

    let mut orders = Vec::new();
    for i in 0..24 {
        let buyer = &buyers[i % buyers.len()];
        let key = format!("ledger-{i:04}");
        let placed = m
            .services
            .checkout(buyer, &request(basket(&stalls, i), &key))
            .await
            .unwrap();
        // Every fifth checkout is never paid and expires.
        if i % 5 != 4 {
            m.pay(buyer, &placed).await;
        }
        orders.extend(placed.orders.into_iter().map(|o| (i, o.order)));
        m.clock.advance_millis(60_000);
    }
    m.clock.advance_millis(31 * 60_000);
    assert!(m.services.expire_unpaid_orders().await.unwrap() > 0);

    // Most paid orders ship (every sixth checkout stays held); the buyer confirms every other
    // one now.
    for (i, order) in &orders {
        if i % 5 == 4 || i % 6 == 5 {
            continue;
        }
        let producer = &stalls
            .iter()
            .find(|s| s.shop == order.shop_id)
            .unwrap()
            .producer;
        m.services
            .ship_order(producer, &order.id, "顺丰", "SF1234567890")
            .await
            .unwrap();
        if i % 2 == 0 {
            let buyer = &buyers[i % buyers.len()];
            m.services.confirm_receipt(buyer, &order.id).await.unwrap();
        }
    }
    let first = run_payouts(&m, &stalls[3].shop).await;
    let paid_first = m.services.payout_run(&m.hub, &first).await.unwrap();
    assert_eq!(
        paid_first.len(),
        3,
        "every shop with a bank account was owed money"
    );

    // The rest confirm themselves. The first run submitted again pays nobody twice, though
    // its shops are owed again; a new run pays them.
    m.clock.advance_millis(11 * 86_400_000);
    assert!(m.services.auto_confirm_deliveries().await.unwrap() > 0);
    let retried = m
        .services
        .run_payouts(&m.hub, first.as_str())
        .await
        .unwrap();
    assert_eq!(retried.paid, paid_first, "a run submitted twice pays once");
    let second = run_payouts(&m, &stalls[3].shop).await;
    assert_eq!(
        m.services.payout_run(&m.hub, &second).await.unwrap().len(),
        3
    );
    let before = stored_orders(&m, &stalls).await;
    let refunded = refund_some_orders(&m, &stalls, &buyers, &before).await;
    let debt = |shop: &ShopId| {
        let account = LedgerAccount::ProducerDebt(shop.clone());
        let store = m.store.clone();
        async move { store.balance_of(&account.code()).await.unwrap().minor() }
    };
    let mut owing = Vec::new();
    for stall in &stalls {
        owing.push(debt(&stall.shop).await);
    }
    assert!(
        owing.iter().any(|d| *d > 0),
        "refunds after a payout left some shop owing: {owing:?}"
    );
    // A third run pays what the shops earned since, less their debts.
    let third = run_payouts(&m, &stalls[3].shop).await;
    let paid_third = m.services.payout_run(&m.hub, &third).await.unwrap();
    let stored = stored_orders(&m, &stalls).await;

    // Every entry balances, and so does the whole ledger.
    let totals = m.store.entry_totals().await.unwrap();
    assert!(
        totals.len() > 40,
        "the scenario wrote {} entries",
        totals.len()
    );
    for (kind, sum) in &totals {
        assert_eq!(sum.minor(), 0, "a {kind:?} entry does not balance");
    }
    let balances: BTreeMap<String, i64> = m
        .store
        .ledger_balances()
        .await
        .unwrap()
        .into_iter()
        .map(|(account, money)| (account, money.minor()))
        .collect();
    assert_eq!(balances.values().sum::<i64>(), 0, "the ledger sums to zero");
    let owed = |account: LedgerAccount| -balances.get(&account.code()).copied().unwrap_or(0);
    let paid: i64 = stored
        .iter()
        .filter(|o| o.paid_at.is_some())
        .map(|o| o.total.minor())
        .sum();
    assert_eq!(
        -owed(LedgerAccount::ProviderClearing),
        paid - refunded.values().sum::<i64>(),
        "the provider holds what was paid less what was refunded"
    );

    // Each shop, counted from its orders, refunds and payouts.
    let mut paid_out_in_all = 0;
    let mut cleared = Vec::new();
    for (n, stall) in stalls.iter().enumerate() {
        let c = counted(&m, &stall.shop, &stored).await;
        assert!(
            c.sales > 0 && c.commission > 0 && c.held > 0 && c.refunds > 0,
            "every shop sold, delivered, refunded and holds money: {c:?}"
        );
        let payable = owed(LedgerAccount::ProducerPayable(stall.shop.clone()));
        let debt = -owed(LedgerAccount::ProducerDebt(stall.shop.clone()));
        assert!(payable >= 0 && debt >= 0, "shop {n}: {payable} {debt}");
        assert_eq!(
            payable - debt,
            c.sales - c.commission - c.refunds - c.payouts,
            "payable less debt of shop {n}"
        );
        assert_eq!(owed(LedgerAccount::OrderEscrow(stall.shop.clone())), c.held);
        let books = m
            .services
            .shop_books(&stall.producer, &stall.shop, 0)
            .await
            .unwrap();
        assert_eq!(books.balances.payable.minor(), payable - debt);
        assert_eq!(books.balances.paid_out.minor(), c.payouts);
        assert_eq!(
            books.balances.commission.minor(),
            c.commission - c.commission_reversed
        );
        if n < 3 {
            assert!(
                payable - debt < PAYOUT_MINIMUM.minor(),
                "the last run paid shop {n} all it was owed net of its debt"
            );
        }
        if owing[n] > 0 && paid_third.iter().any(|p| p.shop_id == stall.shop) {
            assert_eq!(debt, 0, "the payout cleared shop {n}'s debt first");
            cleared.push(n);
        }
        paid_out_in_all += c.payouts;
    }
    assert!(owed(LedgerAccount::ProducerPayable(stalls[3].shop.clone())) > 0);
    assert!(!cleared.is_empty(), "a shop's later earnings paid its debt");
    assert!(
        owing
            .iter()
            .zip(&stalls)
            .any(|(d, s)| *d > 0 && !paid_third.iter().any(|p| p.shop_id == s.shop)),
        "a shop that still owes more than it earned was skipped"
    );
    assert_eq!(
        owed(LedgerAccount::Bank),
        paid_out_in_all,
        "payouts left the bank"
    );
}

/// Every order of the shops as stored now.
async fn stored_orders(m: &Market, stalls: &[Stall]) -> Vec<OrderRecord> {
    let mut all = Vec::new();
    for stall in stalls {
        let of_shop = m
            .store
            .orders_of_shop(&stall.shop, Page::first(1_000))
            .await
            .unwrap();
        all.extend(of_shop.into_iter().map(|d| d.order));
    }
    all
}

#[tokio::test]
async fn payouts_need_the_hub_a_run_key_and_a_members_whole_bank_account() {
    let m = market().await;
    let stalls = stalls(&m).await;
    let (mine, theirs) = (&stalls[0], &stalls[1]);
    assert!(matches!(
        m.services
            .run_payouts(&mine.producer, &new_id::<PayoutRunId>().to_string())
            .await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        m.services.run_payouts(&m.hub, "not-a-run").await,
        Err(ServiceError::Validation(_))
    ));
    let set = |actor: &Actor, shop: &ShopId, number: &'static str| {
        let (services, actor, shop) = (m.services.clone(), actor.clone(), shop.clone());
        async move {
            services
                .set_shop_payee(&actor, &shop, "卓玛", "青海银行", number)
                .await
        }
    };
    assert!(matches!(
        set(&mine.producer, &theirs.shop, "6228480012345678901").await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        set(&m.hub, &mine.shop, "6228480012345678901").await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        set(&mine.producer, &mine.shop, "62284800").await,
        Err(ServiceError::Validation(_))
    ));
    assert_eq!(m.store.payee(&mine.shop).await.unwrap(), None);
    assert!(set(&mine.producer, &mine.shop, "6228480012345678901")
        .await
        .unwrap()
        .is_some());
    assert!(m.store.payee(&mine.shop).await.unwrap().is_some());
}
