//! A PostgreSQL database of its own for a use-case test, beside the one named by
//! `FARMGATE_TEST_POSTGRES_URL` and named after it (`<base>_<32 hex digits>`), as the store's
//! contract harness names its databases, so `scripts/test` drops any a killed run left behind.

use farmgate_store::sql::SqlStore;
use sqlx::{Connection, Executor, PgConnection};

pub struct ScratchDatabase {
    admin_url: String,
    name: String,
}

/// A fresh database and the store on it; `None` when the run has no PostgreSQL, unless it
/// insists on one (`FARMGATE_REQUIRE_POSTGRES=1`).
pub async fn scratch_store() -> Option<(SqlStore, ScratchDatabase)> {
    let admin_url = match std::env::var("FARMGATE_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => url,
        _ if std::env::var("FARMGATE_REQUIRE_POSTGRES").as_deref() == Ok("1") => {
            panic!("FARMGATE_REQUIRE_POSTGRES=1 but FARMGATE_TEST_POSTGRES_URL is not set")
        }
        _ => return None,
    };
    let (server, base, query) = split(&admin_url);
    let unique = farmgate_services::new_id::<farmgate_domain::id::AccountId>()
        .as_str()
        .replace('-', "");
    let name = match base.len() + 33 <= 63
        && base
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        true => format!("{base}_{unique}"),
        false => format!("fg_{unique}"),
    };
    let mut admin = PgConnection::connect(&admin_url).await.unwrap();
    admin
        .execute(format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'").as_str())
        .await
        .unwrap();
    let store = SqlStore::open_postgres(&format!("{server}/{name}{query}"))
        .await
        .unwrap();
    Some((store, ScratchDatabase { admin_url, name }))
}

impl ScratchDatabase {
    pub async fn drop_database(self) {
        let mut admin = PgConnection::connect(&self.admin_url).await.unwrap();
        let drop = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        admin.execute(drop.as_str()).await.unwrap();
    }
}

/// `postgres://u:p@host:port`, the database's name, and `?query` (or nothing).
fn split(url: &str) -> (&str, &str, &str) {
    let (base, query) = url.split_at(url.find('?').unwrap_or(url.len()));
    let authority = base.find("://").map_or(0, |i| i + 3);
    match base[authority..].find('/') {
        Some(slash) => (
            &base[..authority + slash],
            &base[authority + slash + 1..],
            query,
        ),
        None => (base, "", query),
    }
}
