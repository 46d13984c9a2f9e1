//! After-sales requests: one open per order, status changes only from the status read, and a
//! refund completed once — with its ledger entry, the order's refunded total and its stock —
//! however many callbacks arrive at once.

use farmgate_domain::after_sales::{AfterSaleKind, AfterSaleReason, AfterSaleStatus};
use farmgate_domain::id::AfterSaleId;
use farmgate_domain::ledger::{refund, RefundBasis};
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::fixtures::{add_account, new_id, T0};
use crate::orders::{checkout, pay, stall, stock, Stall};

/// A paid order of two units, from a stall that started with 10.
async fn paid_order(store: &SqlStore) -> (Stall, OrderRecord) {
    let stall = stall(store, 10).await;
    let buyer = add_account(store, "buyer@example.cn").await.id;
    let placed = checkout(&stall, &buyer, "k1", 2);
    store.place_checkout(&placed).await.unwrap();
    pay(store, &stall, &placed, T0).await;
    let order = store
        .order(&placed.orders[0].order.id)
        .await
        .unwrap()
        .unwrap()
        .order;
    (stall, order)
}

fn request(order: &OrderRecord, amount: Money, photos: Vec<String>) -> AfterSaleRecord {
    AfterSaleRecord {
        id: AfterSaleId::new(new_id()),
        order_id: order.id.clone(),
        shop_id: order.shop_id.clone(),
        buyer_id: order.buyer_id.clone(),
        kind: AfterSaleKind::RefundOnly,
        reason: AfterSaleReason::NoLongerWanted,
        description: "不想要了".into(),
        amount,
        status: AfterSaleStatus::Requested,
        photos,
        created_at: T0,
        updated_at: T0,
        answer_by: Some(T0.plus_days(2)),
        reject_reason: None,
        return_address: None,
        return_shipment: None,
        escalated_at: None,
        ruling_note: None,
        refunded_at: None,
        refund_source: None,
        commission_reversed: None,
    }
}

/// A refund-only request for `amount` of the order, stored and approved: due to be paid.
pub async fn approved(store: &SqlStore, order: &OrderRecord, amount: Money) -> AfterSaleRecord {
    let case = request(order, amount, vec![]);
    store.insert_after_sale(&case).await.unwrap();
    let approve = AfterSaleChange::new(
        &case.id,
        AfterSaleStatus::Requested,
        AfterSaleStatus::RefundApproved,
        case.created_at,
    );
    assert!(store.advance_after_sale(&approve).await.unwrap());
    case
}

pub async fn one_open_request_per_order_and_changes_from_the_status_read(store: SqlStore) {
    let (_, order) = paid_order(&store).await;
    let first = request(&order, order.total, vec![new_id(), new_id()]);
    store.insert_after_sale(&first).await.unwrap();
    assert_eq!(
        store.after_sale(&first.id).await.unwrap().as_ref(),
        Some(&first)
    );
    let second = request(&order, Money::fen(100), vec![]);
    assert!(matches!(
        store.insert_after_sale(&second).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(store.after_sale(&second.id).await.unwrap().is_none());

    use AfterSaleStatus as S;
    let mut reject = AfterSaleChange::new(&first.id, S::Requested, S::Rejected, T0.plus_days(1));
    reject.reject_reason = Some("已经发货".into());
    assert!(store.advance_after_sale(&reject).await.unwrap());
    assert!(
        !store.advance_after_sale(&reject).await.unwrap(),
        "no longer requested"
    );
    assert!(store
        .unanswered_after_sales(T0.plus_days(3), 10)
        .await
        .unwrap()
        .is_empty());
    let rejected = store.after_sale(&first.id).await.unwrap().unwrap();
    assert_eq!(
        (rejected.status, rejected.reject_reason.as_deref()),
        (S::Rejected, Some("已经发货"))
    );
    assert_eq!(rejected.photos, first.photos, "photos stay in order");

    let withdraw = AfterSaleChange::new(&first.id, S::Rejected, S::Withdrawn, T0.plus_days(1));
    assert!(store.advance_after_sale(&withdraw).await.unwrap());
    store.insert_after_sale(&second).await.unwrap();
    assert_eq!(
        store
            .unanswered_after_sales(T0.plus_days(3), 10)
            .await
            .unwrap()
            .len(),
        1,
        "the new one waits for an answer"
    );
    let listed = store.after_sales_of_order(&order.id).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(
        store
            .after_sales_of_shop(&order.shop_id, Page::first(10))
            .await
            .unwrap()
            .len(),
        2
    );
}

/// Twenty confirmations of the same refund at once: one completes it, the rest change nothing.
pub async fn a_refund_completes_once_under_concurrent_callbacks(store: SqlStore) {
    let (stall, order) = paid_order(&store).await;
    assert_eq!(stock(&store, &stall).await, 8);
    let case = approved(&store, &order, order.total).await;

    let basis = RefundBasis::Held {
        shop: stall.shop.clone(),
        held: order.total,
    };
    let split = refund(&basis, order.total).unwrap();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            let completion = RefundCompletion {
                after_sale: case.id.clone(),
                order: order.id.clone(),
                order_status: OrderStatus::Paid,
                refunded_before: Money::fen(0),
                source: RefundSource::Held,
                refund: split.clone(),
                leader_reversal: None,
                campaign_reversal: Money::fen(0),
                entry_id: new_id(),
                order_refunded_in_full: true,
                at: T0.plus_millis(5_000),
            };
            tokio::spawn(async move { store.complete_refund(&completion).await })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap().unwrap());
    }
    let completed = outcomes
        .iter()
        .filter(|o| **o == CompleteOutcome::Completed)
        .count();
    assert_eq!(completed, 1, "{outcomes:?}");

    let refunded = store.order(&order.id).await.unwrap().unwrap().order;
    assert_eq!(refunded.status, OrderStatus::Refunded);
    assert_eq!(
        stock(&store, &stall).await,
        10,
        "never shipped: stock back once"
    );
    let totals = store.refund_totals(&order.id).await.unwrap();
    assert_eq!((totals.held, totals.total()), (order.total, order.total));
    let escrow = format!("order_escrow:{}", stall.shop);
    assert_eq!(store.balance_of(&escrow).await.unwrap().minor(), 0);
    assert_eq!(
        store.balance_of("provider_clearing").await.unwrap().minor(),
        0,
        "captured once, refunded once"
    );
}

/// A refund computed against an order that has since moved on is refused, and so is a
/// delivery that would settle money already refunded.
pub async fn refunds_and_deliveries_check_the_order_they_were_computed_from(store: SqlStore) {
    let (stall, order) = paid_order(&store).await;
    let part = Money::fen(1_000);
    let case = approved(&store, &order, part).await;
    let basis = RefundBasis::Held {
        shop: stall.shop.clone(),
        held: order.total,
    };
    let completion = RefundCompletion {
        after_sale: case.id.clone(),
        order: order.id.clone(),
        order_status: OrderStatus::Shipped,
        refunded_before: Money::fen(0),
        source: RefundSource::Held,
        refund: refund(&basis, part).unwrap(),
        leader_reversal: None,
        campaign_reversal: Money::fen(0),
        entry_id: new_id(),
        order_refunded_in_full: false,
        at: T0,
    };
    assert!(matches!(
        store.complete_refund(&completion).await,
        Err(StoreError::Conflict(_))
    ));
    let as_read = RefundCompletion {
        order_status: OrderStatus::Paid,
        ..completion
    };
    assert_eq!(
        store.complete_refund(&as_read).await.unwrap(),
        CompleteOutcome::Completed
    );
    assert_eq!(
        store.after_sale(&case.id).await.unwrap().unwrap().status,
        AfterSaleStatus::Refunded
    );
    assert_eq!(
        store.order(&order.id).await.unwrap().unwrap().order.status,
        OrderStatus::Paid,
        "partly refunded"
    );
    assert_eq!(
        stock(&store, &stall).await,
        8,
        "a partial refund keeps the sale"
    );

    let shipment = ShipmentRecord {
        carrier: "SF".into(),
        tracking_no: "SF1234567890".into(),
        shipped_at: T0,
    };
    store.ship_order(&order.id, &shipment).await.unwrap();
    let left = Money::fen(order.total.minor() - part.minor());
    let settle = |amount| {
        let entry = farmgate_domain::ledger::sale_settled(&stall.shop, amount, Money::fen(0));
        (new_id(), entry.unwrap())
    };
    assert!(matches!(
        store
            .deliver_order(&order.id, T0, &settle(order.total), order.total)
            .await,
        Err(StoreError::Conflict(_))
    ));
    store
        .deliver_order(&order.id, T0, &settle(left), left)
        .await
        .unwrap();
    let escrow = format!("order_escrow:{}", stall.shop);
    assert_eq!(store.balance_of(&escrow).await.unwrap().minor(), 0);
}
