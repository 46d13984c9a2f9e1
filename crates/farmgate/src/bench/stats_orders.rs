//! Orders placed and paid straight through the store, as fast as `workers` tasks can: the
//! order throughput the rollups must not slow by more than a tenth. Each order is a checkout
//! taking its stock, a pending payment, and the payment's success with its ledger entry —
//! the transaction the rollups are written in. One in five is bought in a live session, as
//! about as many are in the history, and so also writes the session's rollup.

use std::time::{Duration, Instant};

use farmgate_domain::id::{AccountId, LiveSessionId};
use farmgate_domain::ledger::payment_captured;
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::time::Timestamp;
use farmgate_services::new_id;
use farmgate_store::sql::SqlStore;
use farmgate_store::{
    DeliveryAddress, NewCheckout, OrderDetail, OrderLineRecord, OrderRecord, Orders, PaymentRecord,
    PaymentSettlement, PaymentStatus, Payments,
};

use super::load::Sample;
use super::stats_seed::Listed;

/// Places and pays orders for `duration` from `workers` tasks; `at` is when they are paid.
pub async fn orders_per_second(
    store: &SqlStore,
    listed: &[Listed],
    session: &LiveSessionId,
    buyers: i64,
    workers: usize,
    duration: Duration,
    at: Timestamp,
) -> anyhow::Result<Sample> {
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::with_capacity(workers);
    for worker in 0..workers {
        let store = store.clone();
        let picks: Vec<(usize, i64)> = (0..64)
            .map(|k| {
                (
                    (worker * 131 + k * 17) % listed.len(),
                    (worker as i64 * 977 + k as i64 * 31) % buyers,
                )
            })
            .collect();
        let orders: Vec<NewCheckout> = picks
            .iter()
            .enumerate()
            .map(|(k, (product, buyer))| {
                let live = (k % 5 == 0).then_some(session);
                order(&listed[*product], *buyer, live, at)
            })
            .collect();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut n = 0;
            while Instant::now() < deadline {
                let mut placed = orders[n % orders.len()].clone();
                fresh_ids(&mut placed);
                let asked = Instant::now();
                place_and_pay(&store, &placed, at).await?;
                latencies.push(asked.elapsed().as_micros() as u64);
                n += 1;
            }
            anyhow::Ok(latencies)
        }));
    }
    let mut sample = Sample::default();
    for task in tasks {
        sample.latencies_us.extend(task.await??);
    }
    sample.elapsed = started.elapsed();
    Ok(sample)
}

async fn place_and_pay(
    store: &SqlStore,
    placed: &NewCheckout,
    at: Timestamp,
) -> anyhow::Result<()> {
    store.place_checkout(placed).await?;
    let payment = PaymentRecord {
        id: new_id(),
        checkout_id: placed.id.clone(),
        provider: "sandbox".into(),
        provider_ref: None,
        amount: placed.total,
        status: PaymentStatus::Pending,
        created_at: at,
        settled_at: None,
    };
    store.insert_payment(&payment).await?;
    let shop = placed.orders[0].order.shop_id.clone();
    let captured = payment_captured(placed.total, &[(shop, placed.total)])
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let settlement = PaymentSettlement {
        payment: payment.id,
        outcome: PaymentStatus::Succeeded,
        at,
        captured: Some((new_id(), captured)),
    };
    store.settle_payment(&settlement).await?;
    Ok(())
}

fn fresh_ids(placed: &mut NewCheckout) {
    placed.id = new_id();
    placed.idempotency_key = new_id();
    for order in &mut placed.orders {
        order.order.id = new_id();
        order.order.checkout_id = placed.id.clone();
    }
}

/// One unit of `listed` for buyer number `buyer`, shipped to Shanghai, bought in `live` or
/// from the shelf.
fn order(listed: &Listed, buyer: i64, live: Option<&LiveSessionId>, at: Timestamp) -> NewCheckout {
    let buyer = AccountId::new(format!("bench-buyer-{buyer:07}"));
    let goods = Money::fen(listed.price_minor);
    NewCheckout {
        id: new_id(),
        buyer: buyer.clone(),
        idempotency_key: new_id(),
        total: goods,
        created_at: at,
        orders: vec![OrderDetail {
            order: OrderRecord {
                id: new_id(),
                checkout_id: new_id(),
                shop_id: listed.shop.clone(),
                buyer_id: buyer,
                status: OrderStatus::PendingPayment,
                channel: if live.is_some() { "live" } else { "shelf" }.into(),
                live_session_id: live.cloned(),
                short_video_id: None,
                goods,
                discount: Money::fen(0),
                shipping: Money::fen(0),
                total: goods,
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
                created_at: at,
                pay_by: at.plus_millis(1_800_000),
                paid_at: None,
                shipment: None,
                delivered_at: None,
                closed_at: None,
            },
            lines: vec![OrderLineRecord {
                line_no: 0,
                sku_id: listed.sku.clone(),
                product_id: listed.product.clone(),
                title: "特产".into(),
                sku_name: "500g".into(),
                category: listed.category,
                unit_price: goods,
                quantity: 1,
                weight_g: 550,
                commission: Money::fen(0),
            }],
        }],
        claims: vec![],
        campaign_parts: Vec::new(),
        campaign_claim: None,
    }
}
