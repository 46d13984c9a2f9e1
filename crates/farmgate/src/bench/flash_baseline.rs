//! The baseline `bench flash-sale` measures against: each purchase a transaction of its own
//! around one plain conditional `UPDATE … SET available = available - n WHERE available >= n`,
//! served on the same socket and HTTP server as Farmgate, on a SQLite file with the store's
//! settings (WAL, `synchronous = NORMAL`, one writer connection, sqlx's `Any` driver).
//!
//! It skips Farmgate's middleware, the bearer token, the address and the order: everything
//! it leaves out makes it faster, so the ratio it gives the flash-sale path is a lower bound.

use std::path::Path;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

pub const PATH: &str = "/bench/plain-update";

/// Units the baseline starts with: more than any run sells.
const AVAILABLE: i64 = 1_000_000_000;

/// A SQLite file holding one counter of available units.
pub async fn open(path: &Path) -> anyhow::Result<AnyPool> {
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;",
                )
                .await
                .map(|_| ())
            })
        })
        .connect(&format!("sqlite://{}?mode=rwc", path.display()))
        .await?;
    sqlx::query(
        "CREATE TABLE stock (id INTEGER PRIMARY KEY, available INTEGER NOT NULL \
         CHECK (available >= 0)) STRICT",
    )
    .execute(&pool)
    .await?;
    sqlx::query("INSERT INTO stock (id, available) VALUES (1, $1)")
        .bind(AVAILABLE)
        .execute(&pool)
        .await?;
    Ok(pool)
}

/// `POST PATH` with the flash-sale purchase's JSON body.
pub fn router(pool: AnyPool) -> Router {
    Router::new().route(PATH, post(purchase)).with_state(pool)
}

/// Units the baseline sold.
pub async fn sold(pool: &AnyPool) -> anyhow::Result<i64> {
    let available: i64 = sqlx::query_scalar("SELECT available FROM stock WHERE id = 1")
        .fetch_one(pool)
        .await?;
    Ok(AVAILABLE - available)
}

async fn purchase(State(pool): State<AnyPool>, Json(body): Json<serde_json::Value>) -> StatusCode {
    let quantity = body["quantity"].as_i64().unwrap_or(1);
    match take(&pool, quantity).await {
        Ok(true) => StatusCode::CREATED,
        Ok(false) => StatusCode::CONFLICT,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

async fn take(pool: &AnyPool, quantity: i64) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let done =
        sqlx::query("UPDATE stock SET available = available - $1 WHERE id = 1 AND available >= $1")
            .bind(quantity)
            .execute(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}
