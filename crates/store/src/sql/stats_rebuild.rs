//! Recomputing the rollups from orders: paid orders replayed page by page and completed
//! refunds in the order they were paid back, through the same rules and upserts as payments
//! and refunds (`stats_writes.rs`), so a rebuild gives what the events wrote; then the
//! network's (`stats_network.rs`).

use std::collections::BTreeMap;

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::money::Money;
use farmgate_domain::stats::{RollupChange, SoldOrder};
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::params;
use super::stats_network::rebuild_network;
use super::stats_writes::{sold_where, write_change, ORDERS_PER_PAGE};
use crate::{Backend, StoreError, StoreResult};

/// The tables a rebuild empties first.
const TABLES: [&str; 7] = [
    "stats_sales",
    "stats_product_sales",
    "stats_destination_sales",
    "stats_buyer_months",
    "stats_buyer_counts",
    "stats_live_sales",
    "stats_live_buyers",
];

/// Cells held before they are written, during a rebuild.
const CELLS_HELD: usize = 50_000;

/// Recomputes every rollup from paid orders and completed refunds.
pub(super) async fn rebuild(
    conn: &mut AnyConnection,
    backend: Backend,
) -> StoreResult<crate::RebuildReport> {
    for table in TABLES {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut *conn)
            .await?;
    }
    let mut report = crate::RebuildReport::default();
    let mut change = RollupChange::default();
    let mut after = String::new();
    loop {
        let condition = format!(
            "o.id IN (SELECT id FROM orders WHERE paid_at IS NOT NULL AND id > $1 \
             ORDER BY id LIMIT {ORDERS_PER_PAGE})"
        );
        let sold = sold_where(conn, &condition, &[&after]).await?;
        let Some(last) = sold.last() else { break };
        after = last.id.clone();
        for order in sold {
            let paid_at = order.paid_at.ok_or(StoreError::Corrupt("orders.paid_at"))?;
            change.merge(
                order
                    .order
                    .paid(CivilDate::in_china(Timestamp::from_millis(paid_at))),
            );
            report.paid_orders += 1;
        }
        if change.products.len() > CELLS_HELD {
            write_change(conn, backend, &std::mem::take(&mut change)).await?;
        }
    }
    let refunds: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT order_id, amount_minor, refunded_at FROM after_sales \
         WHERE status = 'refunded' ORDER BY order_id, refunded_at, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    for page in refunds
        .chunk_by(|a, b| a.0 == b.0)
        .collect::<Vec<_>>()
        .chunks(ORDERS_PER_PAGE)
    {
        let ids: Vec<&str> = page.iter().map(|refunds| refunds[0].0.as_str()).collect();
        let condition = format!("o.id IN ({})", params(backend, 1, ids.len()));
        let sold: BTreeMap<String, SoldOrder> = sold_where(conn, &condition, &ids)
            .await?
            .into_iter()
            .map(|sold| (sold.id, sold.order))
            .collect();
        for order_refunds in page {
            let mut before = 0;
            for (order, amount, at) in order_refunds.iter() {
                let order = sold
                    .get(order)
                    .ok_or(StoreError::Corrupt("after_sales.order_id"))?;
                let day = CivilDate::in_china(Timestamp::from_millis(*at));
                let taken = order
                    .refunded(day, Money::fen(*amount), Money::fen(before))
                    .map_err(|_| StoreError::Corrupt("order_lines"))?;
                change.merge(taken);
                before += amount;
                report.refunds += 1;
            }
        }
        if change.products.len() > CELLS_HELD {
            write_change(conn, backend, &std::mem::take(&mut change)).await?;
        }
    }
    write_change(conn, backend, &change).await?;
    rebuild_network(conn, backend).await?;
    Ok(report)
}
