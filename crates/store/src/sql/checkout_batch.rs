//! Group commit for checkouts. Every checkout is a write, and SQLite has one writer: committing
//! each alone queues buyers behind one another's disk syncs. A single task instead takes every
//! checkout waiting at that moment, places them all in one transaction, and answers each only
//! after that transaction has committed — so every acknowledged order is durable, and a busy
//! minute costs one commit per batch instead of one per buyer.
//!
//! Within a batch each checkout still stands alone, in the order it came: a key seen before
//! replays it, a coupon claim already used refuses it, and a line without enough stock
//! refuses it (giving back its claims) with nothing taken, leaving the others in the batch
//! untouched. The batch's stock is read once and written back once (`stock.rs`).

use std::collections::HashSet;

use async_trait::async_trait;
use farmgate_domain::id::{CheckoutId, LiveSessionId, ShortVideoId};
use farmgate_domain::time::Timestamp;
use sqlx::{AnyConnection, AnyPool};

use super::campaign_coupons::{give_back_campaign_claim, use_campaign_claim};
use super::campaigns::insert_campaign_parts;
use super::coupons::{give_back, use_claims};
use super::errors::refused;
use super::group_commit::{Batch, GroupCommit};
use super::stock::{lines, read_stock, write_stock};
use super::{placeholders, value_rows};
use crate::{
    Backend, NewCheckout, OrderDetail, PlaceOutcome, StoreError, StoreResult, COUPON_USED,
};

/// Rows per multi-row `INSERT`: few statement shapes, so they stay prepared in the cache.
const CHECKOUTS_PER_INSERT: usize = 64;
const ORDERS_PER_INSERT: usize = 32;
const LINES_PER_INSERT: usize = 64;

/// Hands checkouts to the batching task.
pub(super) type CheckoutQueue = GroupCommit<Checkouts>;

pub(super) struct Checkouts {
    pool: AnyPool,
    backend: Backend,
}

#[async_trait]
impl Batch for Checkouts {
    type Job = NewCheckout;
    type Outcome = PlaceOutcome;
    const MAX: usize = 256;

    async fn apply(
        &self,
        checkouts: &[NewCheckout],
    ) -> StoreResult<Vec<StoreResult<PlaceOutcome>>> {
        place_batch(&self.pool, self.backend, checkouts).await
    }
}

impl CheckoutQueue {
    /// Places `checkout` in the next batch. A request cancelled while its checkout waits does
    /// not stop the batch: a retry with the same key replays it.
    pub(super) async fn place(
        &self,
        pool: &AnyPool,
        backend: Backend,
        checkout: NewCheckout,
    ) -> StoreResult<PlaceOutcome> {
        self.submit(checkout, || Checkouts {
            pool: pool.clone(),
            backend,
        })
        .await
    }
}

/// Places the checkouts in one transaction and returns each one's outcome, in order.
async fn place_batch(
    pool: &AnyPool,
    backend: Backend,
    checkouts: &[NewCheckout],
) -> StoreResult<Vec<StoreResult<PlaceOutcome>>> {
    let mut tx = pool.begin().await?;
    let all: Vec<&NewCheckout> = checkouts.iter().collect();
    let inserted = insert_checkouts(&mut tx, backend, &all).await?;
    let new: Vec<&NewCheckout> = checkouts
        .iter()
        .filter(|checkout| inserted.contains(checkout.id.as_str()))
        .collect();
    let mut stock = read_stock(&mut tx, backend, &new).await?;
    let mut outcomes = Vec::with_capacity(checkouts.len());
    let mut refused_ids = Vec::new();
    let mut placed = Vec::new();
    for checkout in checkouts {
        if !inserted.contains(checkout.id.as_str()) {
            outcomes.push(None);
            continue;
        }
        let refusal = if !use_all_claims(&mut tx, checkout).await? {
            Some(COUPON_USED)
        } else if !stock.take(lines(checkout)) {
            give_back(&mut tx, &checkout.claims).await?;
            if let Some(used) = &checkout.campaign_claim {
                give_back_campaign_claim(&mut tx, used).await?;
            }
            Some("not enough stock")
        } else {
            None
        };
        match refusal {
            None => {
                placed.push(checkout);
                outcomes.push(Some(Ok(PlaceOutcome::Placed)));
            }
            Some(why) => {
                refused_ids.push(checkout.id.as_str());
                outcomes.push(Some(Err(StoreError::Conflict(why))));
            }
        }
    }
    write_stock(&mut tx, backend, &stock).await?;
    delete_checkouts(&mut tx, &refused_ids).await?;
    let orders: Vec<&OrderDetail> = placed.iter().flat_map(|c| &c.orders).collect();
    insert_orders_with_lines(&mut tx, backend, &orders).await?;
    let parts: Vec<_> = placed.iter().flat_map(|c| &c.campaign_parts).collect();
    insert_campaign_parts(&mut tx, backend, &parts).await?;
    tx.commit().await?;

    let mut answers = Vec::with_capacity(checkouts.len());
    for (checkout, outcome) in checkouts.iter().zip(outcomes) {
        answers.push(match outcome {
            Some(outcome) => outcome,
            None => replayed(pool, checkout).await,
        });
    }
    Ok(answers)
}

/// A checkout whose key was already used: the earlier one, or — if that one was refused in
/// this same batch — the same refusal.
async fn replayed(pool: &AnyPool, checkout: &NewCheckout) -> StoreResult<PlaceOutcome> {
    let existing: Option<String> =
        sqlx::query_scalar("SELECT id FROM checkouts WHERE buyer_id = $1 AND idempotency_key = $2")
            .bind(checkout.buyer.as_str())
            .bind(checkout.idempotency_key.as_str())
            .fetch_optional(pool)
            .await?;
    existing
        .map(|id| PlaceOutcome::Replayed(CheckoutId::new(id)))
        .ok_or(StoreError::Conflict("not enough stock"))
}

/// Inserts the checkouts whose `(buyer, key)` is new; returns the ids that went in.
pub(super) async fn insert_checkouts(
    conn: &mut AnyConnection,
    backend: Backend,
    checkouts: &[&NewCheckout],
) -> StoreResult<HashSet<String>> {
    let mut inserted = HashSet::with_capacity(checkouts.len());
    for chunk in checkouts.chunks(CHECKOUTS_PER_INSERT) {
        inserted.extend(insert_checkout_rows(&mut *conn, backend, chunk).await?);
    }
    Ok(inserted)
}

async fn insert_checkout_rows(
    conn: &mut AnyConnection,
    backend: Backend,
    checkouts: &[&NewCheckout],
) -> StoreResult<Vec<String>> {
    let rows = value_rows(backend, checkouts.len(), 6);
    let sql = format!(
        "INSERT INTO checkouts (id, buyer_id, idempotency_key, total_minor, currency, created_at) \
         VALUES {rows} ON CONFLICT (buyer_id, idempotency_key) DO NOTHING RETURNING id"
    );
    let mut query = sqlx::query_scalar::<_, String>(&sql);
    for c in checkouts {
        query = query
            .bind(c.id.as_str())
            .bind(c.buyer.as_str())
            .bind(c.idempotency_key.as_str())
            .bind(c.total.minor())
            .bind(c.total.currency().code())
            .bind(c.created_at.millis());
    }
    query
        .fetch_all(conn)
        .await
        .map_err(refused("checkout refused"))
}

pub(super) async fn delete_checkouts(conn: &mut AnyConnection, ids: &[&str]) -> StoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "DELETE FROM checkouts WHERE id IN ({})",
        placeholders(1, ids.len())
    );
    let mut query = sqlx::query(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    query.execute(conn).await?;
    Ok(())
}

/// Inserts the orders and all their lines, in multi-row statements of a few fixed sizes.
pub(super) async fn insert_orders_with_lines(
    conn: &mut AnyConnection,
    backend: Backend,
    orders: &[&OrderDetail],
) -> StoreResult<()> {
    for chunk in orders.chunks(ORDERS_PER_INSERT) {
        insert_orders(&mut *conn, backend, chunk).await?;
    }
    let lines: Vec<_> = orders
        .iter()
        .flat_map(|detail| detail.lines.iter().map(move |line| (detail, line)))
        .collect();
    for chunk in lines.chunks(LINES_PER_INSERT) {
        insert_lines(&mut *conn, backend, chunk).await?;
    }
    Ok(())
}

const ORDER_VALUES: usize = 29;

async fn insert_orders(
    conn: &mut AnyConnection,
    backend: Backend,
    orders: &[&OrderDetail],
) -> StoreResult<()> {
    let rows = value_rows(backend, orders.len(), ORDER_VALUES);
    let sql = format!(
        concat!("INSERT INTO orders (", order_columns!(), ") VALUES {}"),
        rows
    );
    let mut query = sqlx::query(&sql);
    for detail in orders {
        let o = &detail.order;
        query = query
            .bind(o.id.as_str())
            .bind(o.checkout_id.as_str())
            .bind(o.shop_id.as_str())
            .bind(o.buyer_id.as_str())
            .bind(o.status.as_str())
            .bind(o.channel.as_str())
            .bind(o.goods.minor())
            .bind(o.shipping.minor())
            .bind(o.total.minor())
            .bind(o.commission.minor())
            .bind(o.total.currency().code())
            .bind(o.ships_from.map(Timestamp::millis))
            .bind(o.address.recipient.as_str())
            .bind(o.address.phone.as_str())
            .bind(o.address.province.as_str())
            .bind(o.address.city.as_str())
            .bind(o.address.county.as_str())
            .bind(o.address.detail.as_str())
            .bind(o.created_at.millis())
            .bind(o.pay_by.millis())
            .bind(o.paid_at.map(Timestamp::millis))
            .bind(o.shipment.as_ref().map(|s| s.carrier.as_str()))
            .bind(o.shipment.as_ref().map(|s| s.tracking_no.as_str()))
            .bind(o.shipment.as_ref().map(|s| s.shipped_at.millis()))
            .bind(o.delivered_at.map(Timestamp::millis))
            .bind(o.closed_at.map(Timestamp::millis))
            .bind(o.live_session_id.as_ref().map(LiveSessionId::as_str))
            .bind(o.discount.minor())
            .bind(o.short_video_id.as_ref().map(ShortVideoId::as_str));
    }
    query
        .execute(conn)
        .await
        .map_err(refused("order refused"))?;
    Ok(())
}

const LINE_VALUES: usize = 11;

async fn insert_lines(
    conn: &mut AnyConnection,
    backend: Backend,
    lines: &[(&&OrderDetail, &crate::OrderLineRecord)],
) -> StoreResult<()> {
    let rows = value_rows(backend, lines.len(), LINE_VALUES);
    let sql = format!(
        "INSERT INTO order_lines (order_id, line_no, sku_id, product_id, title, sku_name, \
         category, unit_price_minor, quantity, weight_g, commission_minor) VALUES {rows}"
    );
    let mut query = sqlx::query(&sql);
    for (detail, l) in lines {
        query = query
            .bind(detail.order.id.as_str())
            .bind(l.line_no)
            .bind(l.sku_id.as_str())
            .bind(l.product_id.as_str())
            .bind(l.title.as_str())
            .bind(l.sku_name.as_str())
            .bind(l.category.slug())
            .bind(l.unit_price.minor())
            .bind(l.quantity)
            .bind(l.weight_g)
            .bind(l.commission.minor());
    }
    query
        .execute(conn)
        .await
        .map_err(refused("order line refused"))?;
    Ok(())
}

/// Marks the checkout's shop coupon claims and its campaign claim used; `false` (with none
/// left marked) when one could not be.
async fn use_all_claims(conn: &mut AnyConnection, checkout: &NewCheckout) -> StoreResult<bool> {
    let at = checkout.created_at;
    if !use_claims(conn, &checkout.buyer, &checkout.claims, at).await? {
        return Ok(false);
    }
    let Some(used) = &checkout.campaign_claim else {
        return Ok(true);
    };
    if use_campaign_claim(conn, &checkout.buyer, used, at).await? {
        return Ok(true);
    }
    give_back(conn, &checkout.claims).await?;
    Ok(false)
}
