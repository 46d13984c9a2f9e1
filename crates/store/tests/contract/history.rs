//! Past trade written in bulk: what `insert_history` writes reads back through the ordinary
//! store methods, the ledger balances, the rollups rebuild to the history's figures, and a
//! batch that collides with what is stored writes nothing.

use farmgate_domain::after_sales::{AfterSaleKind, AfterSaleReason, AfterSaleStatus};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::{AfterSaleId, PaymentId, PayoutId, PayoutRunId};
use farmgate_domain::ledger::{payment_captured, payout, refund, sale_settled, RefundBasis};
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::payout::{PayeeAccount, PayoutStatus};
use farmgate_domain::role::Role;
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::fixtures::{account, new_id};
use crate::orders::{checkout, stall, Stall};

const DAY: i64 = 86_400_000;

/// Ten in the morning, China time, on that day.
fn at(day: &str) -> Timestamp {
    CivilDate::parse(day)
        .unwrap()
        .start_in_china()
        .plus_millis(10 * 3_600_000)
}

/// Two units at ¥68 plus ¥10 shipping, paid on `day` through `channel`, shipped the next day
/// and delivered two days later when `delivered`; ¥3.40 commission.
fn sold(
    stall: &Stall,
    buyer: &AccountRecord,
    day: &str,
    channel: &str,
    delivered: bool,
) -> (NewCheckout, PaymentRecord) {
    let mut placed = checkout(stall, &buyer.id, &new_id(), 2);
    let paid = at(day);
    placed.created_at = paid;
    placed.orders[0].lines[0].commission = Money::fen(340);
    let order = &mut placed.orders[0].order;
    order.channel = channel.to_owned();
    order.created_at = paid;
    order.paid_at = Some(paid);
    order.commission = Money::fen(340);
    if delivered {
        order.status = OrderStatus::Completed;
        order.shipment = Some(ShipmentRecord {
            carrier: "ZTO".into(),
            tracking_no: format!("ZTO{}", &new_id()[..8]),
            shipped_at: paid.plus_millis(DAY),
        });
        order.delivered_at = Some(paid.plus_millis(3 * DAY));
        order.closed_at = Some(paid.plus_millis(18 * DAY));
    } else {
        order.status = OrderStatus::Paid;
    }
    let payment = PaymentRecord {
        id: PaymentId::new(new_id()),
        checkout_id: placed.id.clone(),
        provider: "sandbox".into(),
        provider_ref: None,
        amount: placed.total,
        status: PaymentStatus::Succeeded,
        created_at: paid,
        settled_at: Some(paid),
    };
    (placed, payment)
}

fn posted(entry: farmgate_domain::ledger::Entry, reference: &str, at: Timestamp) -> PostedEntry {
    PostedEntry {
        id: new_id(),
        entry,
        reference: reference.to_owned(),
        at,
    }
}

fn refunded(
    order: &OrderRecord,
    amount: i64,
    source: RefundSource,
    reversed: Money,
    day: &str,
) -> AfterSaleRecord {
    AfterSaleRecord {
        id: AfterSaleId::new(new_id()),
        order_id: order.id.clone(),
        shop_id: order.shop_id.clone(),
        buyer_id: order.buyer_id.clone(),
        kind: AfterSaleKind::RefundOnly,
        reason: AfterSaleReason::Damaged,
        description: "外箱压坏".into(),
        amount: Money::fen(amount),
        status: AfterSaleStatus::Refunded,
        photos: vec![],
        created_at: at(day),
        updated_at: at(day),
        answer_by: None,
        reject_reason: None,
        return_address: None,
        return_shipment: None,
        escalated_at: None,
        ruling_note: None,
        refunded_at: Some(at(day)),
        refund_source: Some(source),
        commission_reversed: Some(reversed),
    }
}

/// A buyer with three orders: one completed, one refunded in full before it shipped, one
/// completed and then partly refunded; the producer paid out once.
fn history(stall: &Stall) -> (HistoryBatch, [OrderRecord; 3]) {
    let buyer = account("shopper00001@example.cn", at("2025-10-01"));
    let (mut a, pay_a) = sold(stall, &buyer, "2025-11-11", "live", true);
    let mut session = crate::live::session(&stall.shop, &buyer.id, Vec::new());
    session.status = farmgate_domain::live::LiveStatus::Ended;
    session.went_live_at = Some(at("2025-11-11").plus_millis(-DAY / 24));
    session.ended_at = Some(at("2025-11-11").plus_millis(DAY / 24));
    let room = SavedRoomFigures {
        session_id: session.id.clone(),
        peak_viewers: 30,
        unique_viewers: 50,
        unique_capped: false,
        likes: 90,
        clicks: Vec::new(),
        saved_at: at("2025-11-11"),
    };
    a.orders[0].order.live_session_id = Some(session.id.clone());
    let (mut b, pay_b) = sold(stall, &buyer, "2025-11-12", "campaign", false);
    let (c, pay_c) = sold(stall, &buyer, "2025-12-01", "shelf", true);
    let b_order = &mut b.orders[0].order;
    b_order.status = OrderStatus::Refunded;
    b_order.closed_at = Some(at("2025-11-13"));
    let orders = [
        a.orders[0].order.clone(),
        b.orders[0].order.clone(),
        c.orders[0].order.clone(),
    ];
    let shop = stall.shop.clone();
    let total = Money::fen(14_600);
    let mut entries = Vec::new();
    for (payment, order) in [&pay_a, &pay_b, &pay_c].into_iter().zip(&orders) {
        let captured = payment_captured(total, &[(shop.clone(), total)]).unwrap();
        entries.push(posted(
            captured,
            payment.id.as_str(),
            order.paid_at.unwrap(),
        ));
    }
    for order in [&orders[0], &orders[2]] {
        let settled = sale_settled(&shop, total, Money::fen(340)).unwrap();
        entries.push(posted(
            settled,
            order.id.as_str(),
            order.delivered_at.unwrap(),
        ));
    }
    let held = RefundBasis::Held {
        shop: shop.clone(),
        held: total,
    };
    let whole = refund(&held, total).unwrap();
    let refund_b = refunded(
        &orders[1],
        14_600,
        RefundSource::Held,
        Money::fen(0),
        "2025-11-13",
    );
    entries.push(posted(
        whole.entry(Money::fen(0)).unwrap(),
        refund_b.id.as_str(),
        at("2025-11-13"),
    ));
    let settled = RefundBasis::Settled {
        shop: shop.clone(),
        settled: total,
        commission: Money::fen(340),
        refunded_before: Money::fen(0),
        commission_reversed_before: Money::fen(0),
    };
    let part = refund(&settled, Money::fen(2_000)).unwrap();
    let payable = 2 * (14_600 - 340);
    let refund_c = refunded(
        &orders[2],
        2_000,
        RefundSource::Settled,
        part.commission_reversed,
        "2025-12-10",
    );
    entries.push(posted(
        part.entry(Money::fen(payable)).unwrap(),
        refund_c.id.as_str(),
        at("2025-12-10"),
    ));
    let owed = payable - part.from_producer.minor();
    let payout_id = PayoutId::new(new_id());
    let paid_out = payout(&shop, Money::fen(owed), Money::fen(owed), Money::fen(0)).unwrap();
    entries.push(posted(paid_out, payout_id.as_str(), at("2026-01-10")));
    let payouts = vec![PayoutRecord {
        id: payout_id,
        shop_id: shop,
        run: PayoutRunId::new(new_id()),
        amount: Money::fen(owed),
        status: PayoutStatus::Paid,
        payee: PayeeAccount::parse("卓玛", "青海农商银行", "6217856300000000128").unwrap(),
        reference: format!("FGP{}", &new_id()[24..]),
        created_at: at("2026-01-10"),
        paid_at: Some(at("2026-01-10")),
    }];
    let batch = HistoryBatch {
        accounts: vec![buyer],
        live_sessions: vec![(session, room)],
        checkouts: vec![a, b, c],
        payments: vec![pay_a, pay_b, pay_c],
        refunds: vec![refund_b, refund_c],
        entries,
        payouts,
    };
    (batch, orders)
}

async fn figures(store: &SqlStore, from: &str, to: &str) -> (i64, i64, i64) {
    let scope = RollupScope::days(
        CivilDate::parse(from).unwrap(),
        CivilDate::parse(to).unwrap(),
    );
    let rows = store.sales_by(&scope, Breakdown::Total).await.unwrap();
    let f = rows.first().map(|(_, f)| *f).unwrap_or_default();
    (f.paid_minor, f.refunded_minor, f.orders)
}

pub async fn a_history_reads_back_balances_and_rebuilds_the_rollups(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let (batch, [a, b, c]) = history(&stall);
    store.insert_history(&batch).await.unwrap();

    let buyer = store
        .account_by_email("shopper00001@example.cn")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(buyer.roles, vec![Role::Buyer]);
    let read = store.order(&a.id).await.unwrap().unwrap();
    assert_eq!(read.order, a, "an order reads back as written");
    assert_eq!(read.lines, batch.checkouts[0].orders[0].lines);
    let payments = store.payments_of_checkout(&a.checkout_id).await.unwrap();
    assert_eq!(payments, vec![batch.payments[0].clone()]);
    assert_eq!(
        store.order(&b.id).await.unwrap().unwrap().order.status,
        OrderStatus::Refunded
    );
    let totals = store.refund_totals(&c.id).await.unwrap();
    assert_eq!(
        (totals.held, totals.settled),
        (Money::fen(0), Money::fen(2_000))
    );
    assert_eq!(
        store.refund_totals(&b.id).await.unwrap().held,
        Money::fen(14_600)
    );
    let cases = store.after_sales_of_order(&c.id).await.unwrap();
    assert_eq!(cases, vec![batch.refunds[1].clone()]);

    let balances = store.ledger_balances().await.unwrap();
    assert_eq!(
        balances.iter().map(|(_, m)| m.minor()).sum::<i64>(),
        0,
        "the ledger sums to zero"
    );
    let shop = store.shop_balances(&stall.shop).await.unwrap();
    assert_eq!(shop.held, Money::fen(0));
    assert_eq!(shop.payable, Money::fen(0));
    assert_eq!(shop.paid_out, batch.payouts[0].amount);

    let report = store.rebuild_rollups().await.unwrap();
    assert_eq!((report.paid_orders, report.refunds), (3, 2));
    // Goods without shipping: two orders paid in November, one refunded whole the next day
    // (its goods, not its shipping, come off); December's order less its partial refund.
    assert_eq!(
        figures(&store, "2025-11-01", "2025-11-30").await,
        (27_200, 13_600, 2)
    );
    assert_eq!(
        figures(&store, "2025-12-01", "2025-12-31").await,
        (13_600, 2_000, 1)
    );
    let channels = store
        .sales_by(
            &RollupScope::days(
                CivilDate::parse("2025-11-11").unwrap(),
                CivilDate::parse("2025-11-11").unwrap(),
            ),
            Breakdown::Channel,
        )
        .await
        .unwrap();
    assert_eq!(channels.len(), 1);
    assert_eq!(channels[0].0, "live");

    let (session, room) = &batch.live_sessions[0];
    assert_eq!(
        store.room_figures(&session.id).await.unwrap().as_ref(),
        Some(room)
    );
    let day = CivilDate::parse("2025-11-11").unwrap();
    let live = store
        .live_sessions_sales(&RollupScope::days(day, day), 5)
        .await
        .unwrap();
    assert_eq!(
        (
            live.sessions,
            live.figures.paid_minor,
            live.buyers,
            live.viewers
        ),
        (1, 13_600, 1, 50)
    );
    assert_eq!(live.top[0].status, farmgate_domain::live::LiveStatus::Ended);
}

pub async fn a_history_batch_that_collides_writes_nothing(store: SqlStore) {
    let stall = stall(&store, 10).await;
    let (batch, [a, ..]) = history(&stall);
    store.insert_history(&batch).await.unwrap();
    let (mut again, [fresh, ..]) = history(&stall);
    // A new buyer and new orders, but one ledger entry already posted: all or nothing.
    again.accounts[0].email = "shopper00002@example.cn".into();
    again.entries.push(batch.entries[0].clone());
    assert!(store.insert_history(&again).await.is_err());
    assert!(store
        .account_by_email("shopper00002@example.cn")
        .await
        .unwrap()
        .is_none());
    assert!(store.order(&fresh.id).await.unwrap().is_none());
    assert!(store.order(&a.id).await.unwrap().is_some());
}
