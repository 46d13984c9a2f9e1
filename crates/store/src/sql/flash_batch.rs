//! Writing a batch of flash-sale purchases in one transaction. The engine's gate has already
//! let each through, so the batch is first written as a whole: one guarded `UPDATE` of each
//! sale's `sold` and one multi-row upsert of the buyers' totals for everyone. If the database
//! disagrees with the gate anywhere (another node sold the units, a limit was reached), that
//! attempt is rolled back and the batch is written purchase by purchase, each guarded alone,
//! so only the purchases the database refuses are refused — still in one transaction.

use std::collections::BTreeMap;

use farmgate_domain::time::Timestamp;
use sqlx::{AnyConnection, AnyPool};

use super::checkout_batch::{delete_checkouts, insert_checkouts, insert_orders_with_lines};
use super::value_rows;
use crate::{
    Backend, FlashPurchaseOutcome, FlashPurchaseRecord, FlashRefusal, NewFlashPurchase,
    OrderDetail, StoreResult,
};

const BUYERS_PER_UPSERT: usize = 64;
const PURCHASES_PER_INSERT: usize = 64;

/// What became of a purchase inside the transaction; replays are looked up after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    Placed,
    Replay,
    Refused(FlashRefusal),
}

pub(super) async fn record(
    pool: &AnyPool,
    backend: Backend,
    purchases: &[NewFlashPurchase],
) -> StoreResult<Vec<FlashPurchaseOutcome>> {
    let mut tx = pool.begin().await?;
    let written = match write_together(&mut tx, backend, purchases).await? {
        Some(written) => written,
        None => {
            tx.rollback().await?;
            tx = pool.begin().await?;
            write_one_by_one(&mut tx, backend, purchases).await?
        }
    };
    tx.commit().await?;
    let mut outcomes = Vec::with_capacity(purchases.len());
    for (purchase, done) in purchases.iter().zip(&written) {
        outcomes.push(match done {
            Written::Placed => FlashPurchaseOutcome::Placed,
            Written::Refused(why) => FlashPurchaseOutcome::Refused(*why),
            Written::Replay => replayed(pool, purchase, purchases, &written).await?,
        });
    }
    Ok(outcomes)
}

/// The whole batch with one statement per table, or `None` when any purchase needs to be
/// looked at alone.
async fn write_together(
    tx: &mut AnyConnection,
    backend: Backend,
    purchases: &[NewFlashPurchase],
) -> StoreResult<Option<Vec<Written>>> {
    let checkouts: Vec<_> = purchases.iter().map(|p| &p.checkout).collect();
    let inserted = insert_checkouts(&mut *tx, backend, &checkouts).await?;
    let fresh: Vec<&NewFlashPurchase> = purchases
        .iter()
        .filter(|p| inserted.contains(p.checkout.id.as_str()))
        .collect();
    let mut sales: BTreeMap<&str, (i64, Timestamp, Timestamp)> = BTreeMap::new();
    let mut buyers: BTreeMap<(&str, &str), (i64, i64)> = BTreeMap::new();
    for p in &fresh {
        let at = p.checkout.created_at;
        let sale = sales.entry(p.sale_id.as_str()).or_insert((0, at, at));
        *sale = (sale.0 + p.quantity, sale.1.min(at), sale.2.max(at));
        let buyer = (p.sale_id.as_str(), p.checkout.buyer.as_str());
        buyers.entry(buyer).or_insert((0, p.per_buyer_limit)).0 += p.quantity;
    }
    for (sale, (quantity, first, last)) in sales {
        if !take_from_sale(&mut *tx, sale, quantity, first, last).await? {
            return Ok(None);
        }
    }
    if buyers.values().any(|(bought, limit)| bought > limit) {
        return Ok(None);
    }
    let buyers: Vec<_> = buyers
        .into_iter()
        .map(|((sale, buyer), (bought, limit))| (sale, buyer, limit, bought))
        .collect();
    for chunk in buyers.chunks(BUYERS_PER_UPSERT) {
        if add_to_buyers(&mut *tx, backend, chunk).await? < chunk.len() {
            return Ok(None);
        }
    }
    insert_placed(&mut *tx, backend, &fresh).await?;
    Ok(Some(
        purchases
            .iter()
            .map(|p| match inserted.contains(p.checkout.id.as_str()) {
                true => Written::Placed,
                false => Written::Replay,
            })
            .collect(),
    ))
}

/// Each purchase guarded alone: what the sale or the buyer's limit cannot take is refused and
/// its checkout removed again, inside the same transaction.
async fn write_one_by_one(
    tx: &mut AnyConnection,
    backend: Backend,
    purchases: &[NewFlashPurchase],
) -> StoreResult<Vec<Written>> {
    let mut written = Vec::with_capacity(purchases.len());
    let mut placed = Vec::new();
    for p in purchases {
        let inserted = insert_checkouts(&mut *tx, backend, &[&p.checkout]).await?;
        if inserted.is_empty() {
            written.push(Written::Replay);
            continue;
        }
        let sale = p.sale_id.as_str();
        let at = p.checkout.created_at;
        let refusal = if !take_from_sale(&mut *tx, sale, p.quantity, at, at).await? {
            Some(refusal(&mut *tx, p).await?)
        } else if p.quantity > p.per_buyer_limit
            || add_to_buyers(
                &mut *tx,
                backend,
                &[(
                    sale,
                    p.checkout.buyer.as_str(),
                    p.per_buyer_limit,
                    p.quantity,
                )],
            )
            .await?
                == 0
        {
            take_from_sale(&mut *tx, sale, -p.quantity, at, at).await?;
            Some(FlashRefusal::OverLimit)
        } else {
            None
        };
        match refusal {
            Some(why) => {
                delete_checkouts(&mut *tx, &[p.checkout.id.as_str()]).await?;
                written.push(Written::Refused(why));
            }
            None => {
                placed.push(p);
                written.push(Written::Placed);
            }
        }
    }
    insert_placed(&mut *tx, backend, &placed).await?;
    Ok(written)
}

/// Adds `quantity` (or gives it back, when negative) to a sale's `sold` if the sale can take
/// it: open at the purchases' times, not settled, and never beyond its units.
async fn take_from_sale(
    tx: &mut AnyConnection,
    sale: &str,
    quantity: i64,
    first: Timestamp,
    last: Timestamp,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE flash_sales SET sold = sold + $2 WHERE id = $1 AND sold + $2 <= stock_limit \
         AND settled_at IS NULL AND opens_at <= $3 AND closes_at > $4",
    )
    .bind(sale)
    .bind(quantity)
    .bind(first.millis())
    .bind(last.millis())
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds to each buyer's total within their limit; returns how many totals took it.
async fn add_to_buyers(
    tx: &mut AnyConnection,
    backend: Backend,
    rows: &[(&str, &str, i64, i64)],
) -> StoreResult<usize> {
    let sql = format!(
        "INSERT INTO flash_sale_buyers (sale_id, buyer_id, buyer_limit, bought) VALUES {} \
         ON CONFLICT (sale_id, buyer_id) DO UPDATE SET bought = flash_sale_buyers.bought + \
         excluded.bought WHERE flash_sale_buyers.bought + excluded.bought <= \
         flash_sale_buyers.buyer_limit RETURNING buyer_id",
        value_rows(backend, rows.len(), 4)
    );
    let mut query = sqlx::query_scalar::<_, String>(&sql);
    for (sale, buyer, limit, bought) in rows {
        query = query.bind(*sale).bind(*buyer).bind(*limit).bind(*bought);
    }
    Ok(query.fetch_all(&mut *tx).await?.len())
}

/// Why the sale could not take a purchase, read inside the transaction.
async fn refusal(tx: &mut AnyConnection, p: &NewFlashPurchase) -> StoreResult<FlashRefusal> {
    let sale: Option<(i64, i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT stock_limit, sold, opens_at, closes_at, settled_at FROM flash_sales WHERE id = $1",
    )
    .bind(p.sale_id.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let at = p.checkout.created_at.millis();
    Ok(match sale {
        None => FlashRefusal::Closed,
        Some((_, _, _, closes_at, settled_at)) if settled_at.is_some() || at >= closes_at => {
            FlashRefusal::Closed
        }
        Some((_, _, opens_at, _, _)) if at < opens_at => FlashRefusal::NotOpen,
        Some((stock_limit, sold, ..)) if sold >= stock_limit => FlashRefusal::SoldOut,
        Some(_) => FlashRefusal::TooFewLeft,
    })
}

/// The placed purchases' orders, lines and purchase rows.
async fn insert_placed(
    tx: &mut AnyConnection,
    backend: Backend,
    placed: &[&NewFlashPurchase],
) -> StoreResult<()> {
    let orders: Vec<&OrderDetail> = placed.iter().flat_map(|p| &p.checkout.orders).collect();
    insert_orders_with_lines(&mut *tx, backend, &orders).await?;
    let records: Vec<FlashPurchaseRecord> = placed.iter().filter_map(|p| p.record()).collect();
    for chunk in records.chunks(PURCHASES_PER_INSERT) {
        let sql = format!(
            "INSERT INTO flash_sale_purchases (sale_id, buyer_id, idempotency_key, checkout_id, \
             order_id, quantity, created_at) VALUES {}",
            value_rows(backend, chunk.len(), 7)
        );
        let mut query = sqlx::query(&sql);
        for r in chunk {
            query = query
                .bind(r.sale_id.as_str())
                .bind(r.buyer_id.as_str())
                .bind(r.idempotency_key.as_str())
                .bind(r.checkout_id.as_str())
                .bind(r.order_id.as_str())
                .bind(r.quantity)
                .bind(r.created_at.millis());
        }
        query.execute(&mut *tx).await?;
    }
    Ok(())
}

/// A purchase whose key was used before: the earlier purchase, or — when that one was refused
/// in this same batch — the same refusal.
async fn replayed(
    pool: &AnyPool,
    purchase: &NewFlashPurchase,
    batch: &[NewFlashPurchase],
    written: &[Written],
) -> StoreResult<FlashPurchaseOutcome> {
    let found: Option<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT checkout_id, order_id, quantity, created_at FROM flash_sale_purchases \
         WHERE sale_id = $1 AND buyer_id = $2 AND idempotency_key = $3",
    )
    .bind(purchase.sale_id.as_str())
    .bind(purchase.checkout.buyer.as_str())
    .bind(purchase.idempotency_key.as_str())
    .fetch_optional(pool)
    .await?;
    if let Some((checkout, order, quantity, at)) = found {
        return Ok(FlashPurchaseOutcome::Replayed(FlashPurchaseRecord {
            sale_id: purchase.sale_id.clone(),
            buyer_id: purchase.checkout.buyer.clone(),
            idempotency_key: purchase.idempotency_key.clone(),
            checkout_id: checkout.into(),
            order_id: order.into(),
            quantity,
            created_at: Timestamp::from_millis(at),
        }));
    }
    let twin_refusal = batch
        .iter()
        .zip(written)
        .find_map(|(other, written)| match written {
            Written::Refused(why)
                if other.checkout.buyer == purchase.checkout.buyer
                    && other.checkout.idempotency_key == purchase.checkout.idempotency_key =>
            {
                Some(*why)
            }
            _ => None,
        });
    Ok(FlashPurchaseOutcome::Refused(
        twin_refusal.unwrap_or(FlashRefusal::Closed),
    ))
}
