//! Refunds after delivery draw on the producer's payable, as payouts do: both take the shop's
//! lock, so a refund landing while a payout runs never sends the payable below zero. What the
//! payable no longer holds becomes the producer's debt, cleared from their next payout.

use std::sync::Arc;

use farmgate_domain::after_sales::AfterSaleStatus;
use farmgate_domain::ledger::{refund, EntryKind, LedgerAccount, RefundBasis};
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::after_sales::approved;
use crate::fixtures::{add_account, new_id, T0};
use crate::orders::Stall;
use crate::payouts::{delivered_sale, ledger_sum, new_payout, paid_stall, payable, run, SALE};

const COMMISSION: i64 = 400;

/// The producer's debt to the platform, as a positive amount.
async fn debt(store: &SqlStore, stall: &Stall) -> i64 {
    let account = LedgerAccount::ProducerDebt(stall.shop.clone());
    store.balance_of(&account.code()).await.unwrap().minor()
}

/// An approved request for `amount` of a delivered order, and how it is recorded once the
/// provider confirms it.
async fn approved_refund(store: &SqlStore, order: &OrderRecord, amount: i64) -> RefundCompletion {
    let case = approved(store, order, Money::fen(amount)).await;
    let basis = RefundBasis::Settled {
        shop: order.shop_id.clone(),
        settled: order.total,
        commission: Money::fen(COMMISSION),
        refunded_before: Money::fen(0),
        commission_reversed_before: Money::fen(0),
    };
    RefundCompletion {
        after_sale: case.id,
        order: order.id.clone(),
        order_status: OrderStatus::Delivered,
        refunded_before: Money::fen(0),
        source: RefundSource::Settled,
        refund: refund(&basis, Money::fen(amount)).unwrap(),
        leader_reversal: None,
        campaign_reversal: Money::fen(0),
        entry_id: new_id(),
        order_refunded_in_full: amount == order.total.minor(),
        at: T0.plus_days(5),
    }
}

/// What the refunds took from the producer (their part, after the commission given back),
/// counted from the requests rather than the ledger.
async fn producers_part(store: &SqlStore, stall: &Stall) -> i64 {
    store
        .after_sales_of_shop(&stall.shop, Page::first(100))
        .await
        .unwrap()
        .iter()
        .filter(|case| case.status == AfterSaleStatus::Refunded)
        .map(|case| case.amount.minor() - case.commission_reversed.unwrap().minor())
        .sum()
}

/// Payout runs and refunds of delivered orders, all at once, for one shop: every refund is
/// recorded, the payable never goes below zero, and settled = paid out + refunded from the
/// payable + what is still payable.
pub async fn payouts_and_refunds_at_once_never_overdraw_the_payable(store: SqlStore) {
    const ORDERS: usize = 12;
    let stall = paid_stall(&store, 100).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let mut refunds = Vec::new();
    for i in 0..ORDERS {
        let order = delivered_sale(&store, &stall, &buyer, &format!("s{i}"), COMMISSION).await;
        // Alternately everything and part of it.
        let amount = if i % 2 == 0 { SALE } else { 3_000 };
        refunds.push(approved_refund(&store, &order, amount).await);
    }
    let settled = ORDERS as i64 * (SALE - COMMISSION);
    assert_eq!(payable(&store, &stall.shop).await, settled);

    let start = Arc::new(tokio::sync::Barrier::new(2 * ORDERS));
    let mut tasks = Vec::new();
    for completion in refunds {
        let (store, start) = (store.clone(), start.clone());
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let outcome = store.complete_refund(&completion).await.unwrap();
            assert_eq!(outcome, CompleteOutcome::Completed);
        }));
    }
    for _ in 0..ORDERS {
        let (store, start, payout) = (
            store.clone(),
            start.clone(),
            new_payout(&stall.shop, &run()),
        );
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            store.pay_out(&payout).await.unwrap();
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }

    let left = payable(&store, &stall.shop).await;
    let owing = debt(&store, &stall).await;
    assert!(left >= 0, "the payable went below zero: {left}");
    assert!(owing >= 0);
    assert!(
        left == 0 || owing == 0,
        "a debt arises only once the payable is spent"
    );
    let paid: i64 = store
        .payouts_of_shop(&stall.shop, Page::first(100))
        .await
        .unwrap()
        .iter()
        .map(|p| p.amount.minor())
        .sum();
    assert!(paid > 0, "some payout ran");
    let from_payable = producers_part(&store, &stall).await - owing;
    assert_eq!(paid + from_payable + left, settled);
    let refunded: i64 = (0..ORDERS as i64)
        .map(|i| if i % 2 == 0 { SALE } else { 3_000 })
        .sum();
    assert_eq!(
        store.balance_of("provider_clearing").await.unwrap().minor(),
        ORDERS as i64 * SALE - refunded,
        "every buyer was repaid in full"
    );
    assert_eq!(ledger_sum(&store).await, 0);
}

/// The platform repays the buyer even when the producer has already been paid: the shop then
/// owes the platform, is skipped by payout runs, and its next earnings clear the debt first.
pub async fn a_refund_after_a_payout_is_a_debt_the_next_payout_clears(store: SqlStore) {
    let stall = paid_stall(&store, 10).await;
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let first = delivered_sale(&store, &stall, &buyer, "s1", COMMISSION).await;
    let earned = SALE - COMMISSION;
    let PayoutOutcome::Paid(paid) = store
        .pay_out(&new_payout(&stall.shop, &run()))
        .await
        .unwrap()
    else {
        panic!("pays what was earned");
    };
    assert_eq!(paid.amount.minor(), earned);

    let completion = approved_refund(&store, &first, 3_000).await;
    // 400 × 3000 / 7800 = 153.8: ¥1.54 of commission back, ¥28.46 from the producer.
    let owed_back = 3_000 - 154;
    assert_eq!(completion.refund.from_producer.minor(), owed_back);
    assert_eq!(
        store.complete_refund(&completion).await.unwrap(),
        CompleteOutcome::Completed
    );
    assert_eq!(payable(&store, &stall.shop).await, 0, "never below zero");
    assert_eq!(debt(&store, &stall).await, owed_back);
    let balances = store.shop_balances(&stall.shop).await.unwrap();
    assert_eq!(balances.payable, Money::fen(-owed_back), "the shop owes");
    assert!(store.payable_shops().await.unwrap().is_empty());
    assert_eq!(
        store
            .pay_out(&new_payout(&stall.shop, &run()))
            .await
            .unwrap(),
        PayoutOutcome::BelowMinimum(Money::fen(-owed_back))
    );
    let statement = store
        .shop_statement(&stall.shop, Page::first(10))
        .await
        .unwrap();
    let refunded = statement
        .iter()
        .find(|entry| entry.kind == EntryKind::Refund)
        .expect("the refund is on the shop's statement");
    assert!(refunded
        .postings
        .iter()
        .any(|p| p.account == LedgerAccount::ProducerDebt(stall.shop.clone())));

    delivered_sale(&store, &stall, &buyer, "s2", COMMISSION).await;
    let listed = store.payable_shops().await.unwrap();
    assert_eq!(listed[0].payable, Money::fen(earned - owed_back));
    let PayoutOutcome::Paid(second) = store
        .pay_out(&new_payout(&stall.shop, &run()))
        .await
        .unwrap()
    else {
        panic!("pays what is owed net of the debt");
    };
    assert_eq!(second.amount.minor(), earned - owed_back);
    assert_eq!(payable(&store, &stall.shop).await, 0);
    assert_eq!(debt(&store, &stall).await, 0, "the debt is cleared");
    assert_eq!(
        -store.balance_of("bank").await.unwrap().minor(),
        2 * earned - owed_back
    );
    assert_eq!(ledger_sum(&store).await, 0);
}
