//! `farmgate bench …`: each benchmark measures its hot path and a baseline in the same run and
//! prints ratios, because absolute times on a shared machine mislead.

pub mod checkout;
mod flash_baseline;
pub mod flash_sale;
pub mod group_buy;
pub mod http;
mod load;
pub mod room;
mod room_clients;
pub mod room_server;
pub mod routing;
mod routing_reference;
pub mod search;
mod server;
pub mod stats;
mod stats_orders;
mod stats_seed;
pub mod trace;
mod trace_seed;

/// One connection to a benchmark's SQLite file, for writing its data set straight in: foreign
/// keys checked, and waiting for the server's own connections rather than failing.
async fn seed_pool(path: &std::path::Path) -> anyhow::Result<sqlx::AnyPool> {
    use sqlx::Executor;
    Ok(sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute("PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;")
                    .await
                    .map(|_| ())
            })
        })
        .connect(&format!("sqlite://{}?mode=rw", path.display()))
        .await?)
}
