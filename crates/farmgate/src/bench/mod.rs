//! `farmgate bench …`: each benchmark measures its hot path and a baseline in the same run and
//! prints ratios, because absolute times on a shared machine mislead.

pub mod checkout;
pub mod feed;
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
pub mod share;
pub mod stats;
mod stats_orders;
mod stats_seed;
pub mod trace;
mod trace_seed;

/// A benchmark's county: a fresh SQLite store in `dir`, migrated, with the demo county (its two
/// years of history left out) and services over it.
struct DemoCounty {
    sql: std::sync::Arc<farmgate_store::sql::SqlStore>,
    store: std::sync::Arc<dyn farmgate_store::Store>,
    services: farmgate_services::Services,
    plan: farmgate_demo::DemoPlan,
}

impl DemoCounty {
    async fn seed(dir: &std::path::Path) -> anyhow::Result<DemoCounty> {
        let sql = std::sync::Arc::new(
            farmgate_store::sql::SqlStore::open_sqlite(&dir.join("farmgate.db")).await?,
        );
        sql.migrate().await?;
        let store: std::sync::Arc<dyn farmgate_store::Store> = sql.clone();
        let services = farmgate_services::Services::new(store.clone());
        let plan = crate::seed::seed_demo(
            &services,
            farmgate_demo::DEFAULT_SEED,
            farmgate_services::demo::DemoHistory::LeftOut,
        )
        .await?;
        Ok(DemoCounty {
            sql,
            store,
            services,
            plan,
        })
    }
}

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
