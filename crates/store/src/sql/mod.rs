//! The SQL adapter: one implementation of every storage interface over sqlx's `Any` driver, so
//! each query is written once and runs on SQLite and PostgreSQL alike. What differs between the
//! two lives in the per-backend migrations and in how connections are opened (`connect.rs`).
//!
//! Portable SQL rules used throughout: `$1, $2…` placeholders (sqlx-sqlite binds `$N` by
//! number), `ON CONFLICT`, no booleans, integers as 64-bit, no `::` casts.

/// The `orders` columns in the order every query reads and writes them.
macro_rules! order_columns {
    () => {
        "id, checkout_id, shop_id, buyer_id, status, channel, goods_minor, shipping_minor, \
         total_minor, commission_minor, currency, ships_from, recipient, phone, province, city, \
         county, address_detail, created_at, pay_by, paid_at, carrier, tracking_no, shipped_at, \
         delivered_at, closed_at, live_session_id, discount_minor, short_video_id"
    };
}

mod accounts;
mod after_sale_rows;
mod after_sales;
mod applications;
mod backup;
mod batch_rows;
mod batches;
mod books;
mod campaign_coupons;
mod campaigns;
mod carts;
mod catalogue;
mod checkout_batch;
mod checkpoint;
mod click_batch;
mod connect;
mod coupons;
mod down;
mod errors;
mod flash_batch;
mod flash_sales;
mod follows;
mod group_buy_rows;
mod group_buys;
mod group_commit;
mod gs1_codes;
mod history;
mod leaders;
mod live;
mod live_draws;
mod live_figures;
mod live_rows;
mod measures;
mod meta;
mod network;
mod order_rows;
mod orders;
mod parcels;
mod payments;
mod payouts;
mod places;
mod product_edits;
mod quality;
mod quality_rows;
mod recalls;
mod route_runs;
mod rows;
mod sandbox;
mod seat_batch;
mod seat_state;
mod sessions;
mod settle_batch;
mod shops;
mod short_videos;
mod stats_filter;
mod stats_live;
mod stats_network;
mod stats_reads;
mod stats_rebuild;
mod stats_writes;
mod stock;
mod tokens;
mod up_parcels;

use async_trait::async_trait;
use sqlx::AnyPool;

use crate::{Backend, Page, Store, StoreResult};

pub use backup::{backup_sqlite, restore_sqlite};

/// The store on a SQL database. Cloning is cheap and shares the pools.
///
/// Writes and transactions go to `writer`, reads to `reader`. On SQLite they are different pools
/// (one connection that writes, several that only read, so readers never queue behind a write
/// in WAL mode); on PostgreSQL both are the same pool.
#[derive(Debug, Clone)]
pub struct SqlStore {
    writer: AnyPool,
    reader: AnyPool,
    backend: Backend,
    checkouts: checkout_batch::CheckoutQueue,
    settlements: settle_batch::SettleQueue,
    seats: seat_batch::SeatQueue,
    clicks: click_batch::ClickQueue,
    /// Whether payments and refunds update the commerce rollups: always, but for `bench stats`
    /// measuring what they cost.
    rollups: bool,
}

impl SqlStore {
    /// Which database this store is on, without needing the `Store` trait in scope.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// This store with payments and refunds leaving the rollups alone, to measure their cost.
    pub fn without_rollups(self) -> SqlStore {
        SqlStore {
            rollups: false,
            settlements: Default::default(),
            ..self
        }
    }
}

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> Backend {
        self.backend
    }

    /// Asks a reader: on SQLite the single writer may be busy with a long transaction, which
    /// does not make the service unready.
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.reader).await?;
        Ok(())
    }
}

/// `LIMIT` and `OFFSET` values that mean the same on both backends: SQLite reads a negative
/// limit as "no limit", PostgreSQL refuses it.
fn bounds(page: Page) -> (i64, i64) {
    (page.limit.max(0), page.offset.max(0))
}

/// `$start, $start+1, …` for `n` values, for `IN (…)` lists. `QueryBuilder<Any>` cannot be used
/// for this: it writes `?` placeholders, which PostgreSQL rejects.
fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Row locks for a read inside a write transaction: PostgreSQL takes them with `FOR UPDATE`;
/// SQLite has one writer, so its reads need none.
fn for_update(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    }
}

/// The `index`th value of a statement whose values are bound in order, in the backend's style.
/// SQLite gets anonymous `?`s: sqlx-sqlite looks each `$N` up by a linear search of the
/// statement's parameter names, so binding hundreds of numbered values costs their number
/// squared.
fn param(backend: Backend, index: usize) -> String {
    match backend {
        Backend::Sqlite => "?".to_owned(),
        Backend::Postgres => format!("${index}"),
    }
}

/// `n` values from the `start`th (see [`param`]), for `IN (…)` lists.
fn params(backend: Backend, start: usize, n: usize) -> String {
    (start..start + n)
        .map(|index| param(backend, index))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `(…), (…)` for a multi-row `INSERT` of `rows` rows of `width` values each.
fn value_rows(backend: Backend, rows: usize, width: usize) -> String {
    (0..rows)
        .map(|row| format!("({})", params(backend, row * width + 1, width)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered() {
        assert_eq!(placeholders(1, 3), "$1, $2, $3");
        assert_eq!(placeholders(4, 1), "$4");
        assert_eq!(placeholders(1, 0), "");
    }

    #[test]
    fn parameters_suit_each_backend() {
        assert_eq!(params(Backend::Sqlite, 3, 2), "?, ?");
        assert_eq!(params(Backend::Postgres, 3, 2), "$3, $4");
    }

    #[test]
    fn value_rows_suit_each_backend() {
        assert_eq!(value_rows(Backend::Sqlite, 2, 2), "(?, ?), (?, ?)");
        assert_eq!(value_rows(Backend::Postgres, 2, 2), "($1, $2), ($3, $4)");
    }

    #[test]
    fn negative_pages_are_empty_not_unbounded() {
        assert_eq!(
            bounds(Page {
                limit: -1,
                offset: -5
            }),
            (0, 0)
        );
    }
}
