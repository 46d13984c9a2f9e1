//! Taking a checkout's stock inside the checkout's transaction: every line or none.

use farmgate_domain::id::SkuId;
use sqlx::AnyConnection;

use crate::{Backend, NewCheckout, StoreResult};

/// Takes every line's quantity, or — when a line is short — gives back what was taken (the
/// transaction is still open, so no one saw it) and answers `false`.
pub(super) async fn take_stock(
    conn: &mut AnyConnection,
    backend: Backend,
    checkout: &NewCheckout,
) -> StoreResult<bool> {
    let mut wanted: Vec<(&SkuId, i64)> = checkout
        .orders
        .iter()
        .flat_map(|detail| {
            detail
                .lines
                .iter()
                .map(|line| (&line.sku_id, line.quantity))
        })
        .collect();
    wanted.sort();
    let taken = match backend {
        Backend::Sqlite if wanted.len() > 1 => take_at_once(conn, &wanted).await?,
        _ => take_in_order(conn, &wanted).await?,
    };
    if taken.len() == wanted.len() {
        return Ok(true);
    }
    for (sku, quantity) in taken {
        sqlx::query("UPDATE skus SET stock = stock + $2 WHERE id = $1")
            .bind(sku.as_str())
            .bind(quantity)
            .execute(&mut *conn)
            .await?;
    }
    Ok(false)
}

/// One guarded update per line in SKU-id order, stopping at the first short one. Concurrent
/// checkouts of the same SKUs lock them in the same order, so PostgreSQL cannot deadlock.
async fn take_in_order<'a>(
    conn: &mut AnyConnection,
    wanted: &[(&'a SkuId, i64)],
) -> StoreResult<Vec<(&'a SkuId, i64)>> {
    let mut taken = Vec::with_capacity(wanted.len());
    for &(sku, quantity) in wanted {
        let done = sqlx::query("UPDATE skus SET stock = stock - $2 WHERE id = $1 AND stock >= $2")
            .bind(sku.as_str())
            .bind(quantity)
            .execute(&mut *conn)
            .await?;
        if done.rows_affected() == 0 {
            break;
        }
        taken.push((sku, quantity));
    }
    Ok(taken)
}

/// Every line in one guarded statement, which reports the SKUs it took. Only for SQLite: its
/// single writer has no lock order to keep, and one statement instead of one per line is a
/// round trip less to its connection's thread for each further line.
async fn take_at_once<'a>(
    conn: &mut AnyConnection,
    wanted: &[(&'a SkuId, i64)],
) -> StoreResult<Vec<(&'a SkuId, i64)>> {
    let quantity_of = format!("CASE id {} END", "WHEN ? THEN ? ".repeat(wanted.len()));
    let sql = format!(
        "UPDATE skus SET stock = stock - {quantity_of} WHERE id IN ({}) AND stock >= {quantity_of} \
         RETURNING id",
        vec!["?"; wanted.len()].join(", ")
    );
    let mut query = sqlx::query_scalar::<_, String>(&sql);
    for (sku, quantity) in wanted {
        query = query.bind(sku.as_str()).bind(*quantity);
    }
    for (sku, _) in wanted {
        query = query.bind(sku.as_str());
    }
    for (sku, quantity) in wanted {
        query = query.bind(sku.as_str()).bind(*quantity);
    }
    let ids = query.fetch_all(&mut *conn).await?;
    Ok(wanted
        .iter()
        .filter(|(sku, _)| ids.iter().any(|id| id == sku.as_str()))
        .copied()
        .collect())
}
