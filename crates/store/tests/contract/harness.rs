//! Fresh, isolated stores for each test. SQLite: a new file in a temporary folder. PostgreSQL: a
//! new database `<base>_<uuid>` beside the one named by `FARMGATE_TEST_POSTGRES_URL`, dropped
//! after the test, so tests never share data and need no `#[serial]`. Naming it after the base
//! database lets `scripts/test` find and drop any left behind by a killed run.

use std::future::Future;
use std::io::Write;

use farmgate_store::sql::SqlStore;
use sqlx::{Connection, Executor, PgConnection};

pub async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(SqlStore) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().unwrap();
    let store = SqlStore::open_sqlite(&dir.path().join("farmgate.db"))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    test(store.clone()).await;
    store.close().await;
}

pub async fn on_postgres<F, Fut>(name: &str, test: F)
where
    F: FnOnce(SqlStore) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(base_url) = postgres_url() else {
        return;
    };
    let database = test_database_name(&base_url);
    let mut admin = PgConnection::connect(&base_url)
        .await
        .expect("connect to FARMGATE_TEST_POSTGRES_URL");
    admin
        .execute(format!("CREATE DATABASE {database} TEMPLATE template0 ENCODING 'UTF8'").as_str())
        .await
        .expect("create a test database (does the role have CREATEDB?)");

    let store = SqlStore::open_postgres(&with_database(&base_url, &database))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    // Run the test as its own task so a failing assertion still lets us drop the database.
    let outcome = tokio::spawn(test(store.clone())).await;
    store.close().await;
    let _ = admin
        .execute(format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)").as_str())
        .await;
    match outcome {
        Ok(()) => log_postgres_run(name),
        Err(err) if err.is_panic() => std::panic::resume_unwind(err.into_panic()),
        Err(err) => panic!("test task failed: {err}"),
    }
}

/// The server to test against; without one the PostgreSQL half is skipped, unless the run
/// insists on it (`FARMGATE_REQUIRE_POSTGRES=1`, as `scripts/test` sets).
fn postgres_url() -> Option<String> {
    match std::env::var("FARMGATE_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("FARMGATE_REQUIRE_POSTGRES").as_deref() == Ok("1") => panic!(
            "FARMGATE_REQUIRE_POSTGRES=1 but FARMGATE_TEST_POSTGRES_URL is not set: \
             set it to postgres://user:password@host:port/database of a role with CREATEDB"
        ),
        _ => None,
    }
}

/// `<base>_<32 hex digits>`, or `fg_<32 hex digits>` when the base database's name is unusual or
/// too long for PostgreSQL's 63-byte identifiers.
fn test_database_name(url: &str) -> String {
    let unique = uuid::Uuid::now_v7().simple().to_string();
    let without_query = url.split('?').next().unwrap_or_default();
    let after_scheme = without_query
        .split_once("://")
        .map_or(without_query, |(_, rest)| rest);
    let base = after_scheme
        .split_once('/')
        .map(|(_, name)| name)
        .unwrap_or_default();
    let plain = !base.is_empty()
        && base
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if plain && base.len() + 1 + unique.len() <= 63 {
        format!("{base}_{unique}")
    } else {
        format!("fg_{unique}")
    }
}

/// The same server URL with its database (the URL's path) replaced.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    }
}

/// Proves to `scripts/test` that the PostgreSQL half really ran: one line per passed test.
fn log_postgres_run(name: &str) {
    let Ok(path) = std::env::var("FARMGATE_TEST_POSTGRES_LOG") else {
        return;
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .expect("open FARMGATE_TEST_POSTGRES_LOG");
    // One write of one short line: appends from parallel tests do not interleave.
    file.write_all(format!("{name}\n").as_bytes())
        .expect("append to FARMGATE_TEST_POSTGRES_LOG");
}

#[test]
fn test_databases_are_named_after_the_base() {
    let name = test_database_name("postgres://u:p@h:5432/farmgate_test_1735689600_4242?x=1");
    assert!(name.starts_with("farmgate_test_1735689600_4242_"), "{name}");
    assert!(name.len() <= 63);
    let fallback = test_database_name("postgres://u:p@h:5432/Weird-Name");
    assert!(fallback.starts_with("fg_"), "{fallback}");
    assert!(test_database_name("postgres://h").starts_with("fg_"));
}

#[test]
fn database_is_swapped_in_the_url() {
    assert_eq!(
        with_database("postgres://u:p@127.0.0.1:5432/farmgate_dev", "fg_1"),
        "postgres://u:p@127.0.0.1:5432/fg_1"
    );
    assert_eq!(
        with_database("postgres://u:p@localhost/base?sslmode=disable", "fg_1"),
        "postgres://u:p@localhost/fg_1?sslmode=disable"
    );
    assert_eq!(
        with_database("postgres://localhost", "fg_1"),
        "postgres://localhost/fg_1"
    );
}
