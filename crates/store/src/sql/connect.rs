//! Opening, migrating, checking and closing a `SqlStore`. SQLite follows the "one writer, a pool
//! of readers" rule in WAL mode; PostgreSQL gets one pool for both roles.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyConnection, Connection, Executor};

use super::SqlStore;
use crate::{Backend, StoreError, StoreResult};

pub(super) static SQLITE_MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// Readers are cheap in WAL mode; a handful covers a small county's traffic.
const SQLITE_READERS: u32 = 4;
const POSTGRES_CONNECTIONS: u32 = 10;

/// Every SQLite connection waits up to 5 s for a lock instead of failing at once.
/// `synchronous = NORMAL` is durable across application crashes in WAL mode and only risks the
/// last commits on power loss, which is the usual trade for WAL. Temporary tables (an `IN`
/// list, a `RETURNING`, a sort) stay in memory: SQLite's default gives each its own temporary
/// file, and creating and removing those cost a statement more than its work.
const SQLITE_COMMON_PRAGMAS: &str = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
     PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";
/// The writer keeps 64 MB of pages (the orders' indexes a busy minute touches) rather than
/// SQLite's 2 MB. The write-ahead log is copied into the database in the background
/// (`checkpoint.rs`); the writer does it itself only if the log passes 32 MB.
const WRITER_PRAGMAS: &str =
    "PRAGMA journal_mode = WAL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 8192;";

impl SqlStore {
    /// Opens (creating it and its folder if missing) the SQLite database at `path`.
    pub async fn open_sqlite(path: &Path) -> StoreResult<SqlStore> {
        install_default_drivers();
        let path = absolute_db_path(path).await?;

        // The writer connects first: it creates the file and switches it to WAL, which readers
        // then find in place. `connect` opens one connection right away, so errors show here.
        let writer = AnyPoolOptions::new()
            .max_connections(1)
            .after_connect(|conn, _| {
                Box::pin(async move { run_pragmas(conn, WRITER_PRAGMAS).await })
            })
            .connect(&sqlite_url(&path, "rwc"))
            .await?;
        let reader = AnyPoolOptions::new()
            .max_connections(SQLITE_READERS)
            .after_connect(|conn, _| {
                Box::pin(async move { run_pragmas(conn, "PRAGMA query_only = ON;").await })
            })
            .connect(&sqlite_url(&path, "rw"))
            .await?;
        Ok(SqlStore {
            writer,
            reader,
            backend: Backend::Sqlite,
            checkouts: Default::default(),
            settlements: Default::default(),
            clicks: Default::default(),
            seats: Default::default(),
            rollups: true,
        })
    }

    /// Connects to the PostgreSQL database at `url` (`postgres://user:pass@host/db`).
    pub async fn open_postgres(url: &str) -> StoreResult<SqlStore> {
        install_default_drivers();
        let pool = AnyPoolOptions::new()
            .max_connections(POSTGRES_CONNECTIONS)
            .acquire_timeout(Duration::from_secs(30))
            .connect(url)
            .await?;
        Ok(SqlStore {
            writer: pool.clone(),
            reader: pool,
            backend: Backend::Postgres,
            checkouts: Default::default(),
            settlements: Default::default(),
            clicks: Default::default(),
            seats: Default::default(),
            rollups: true,
        })
    }

    /// Brings the schema up to date with this build's embedded migrations. Safe to run on every
    /// start and from several nodes at once (PostgreSQL takes an advisory lock).
    pub async fn migrate(&self) -> StoreResult<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATOR,
            Backend::Postgres => &POSTGRES_MIGRATOR,
        };
        migrator.run(&self.writer).await?;
        Ok(())
    }

    /// Checks the database file for corruption (SQLite's `PRAGMA integrity_check`). PostgreSQL
    /// looks after its own storage, so there it is always `Ok`.
    pub async fn integrity_check(&self) -> StoreResult<()> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        let report: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&self.reader)
            .await?;
        if report.len() == 1 && report[0] == "ok" {
            return Ok(());
        }
        tracing::error!(?report, "SQLite integrity check failed");
        Err(StoreError::Corrupt("database file"))
    }

    /// Closes every connection, waiting for those in use to be returned. On SQLite the last
    /// connection to close checkpoints the WAL into the main file.
    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}

async fn run_pragmas(conn: &mut AnyConnection, extra: &str) -> Result<(), sqlx::Error> {
    conn.execute(SQLITE_COMMON_PRAGMAS).await?;
    conn.execute(extra).await?;
    Ok(())
}

/// Creates the folder and returns the file's absolute path: a relative one would be read as a
/// host name by the URL parser (and lower-cased).
async fn absolute_db_path(path: &Path) -> StoreResult<PathBuf> {
    let file_name = path.file_name().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("not a database file path: {}", path.display()),
        )
    })?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    tokio::fs::create_dir_all(dir).await?;
    Ok(tokio::fs::canonicalize(dir).await?.join(file_name))
}

/// `sqlite:///abs/path?mode=…` with the path percent-encoded, so `?`, `#`, `%` and spaces in a
/// folder name survive sqlx's URL round trip.
fn sqlite_url(path: &Path, mode: &str) -> String {
    let mut url = String::from("sqlite://");
    for byte in path.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' => {
                url.push(char::from(*byte))
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url.push_str("?mode=");
    url.push_str(mode);
    url
}

/// Opens a plain SQLite connection to a file that must already exist, for checks outside a
/// store (backups being restored).
pub(super) async fn open_sqlite_file(path: &Path) -> Result<sqlx::SqliteConnection, sqlx::Error> {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false);
    sqlx::SqliteConnection::connect_with(&options).await
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn urls_escape_awkward_folder_names() {
        let url = sqlite_url(Path::new("/data/my farm?#%/db.sqlite"), "rwc");
        assert_eq!(url, "sqlite:///data/my%20farm%3F%23%25/db.sqlite?mode=rwc");
    }

    #[tokio::test]
    async fn sqlite_has_one_wal_writer_and_read_only_readers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new folder?/farmgate.db");
        let store = SqlStore::open_sqlite(&path).await.unwrap();
        assert!(path.exists(), "file and folder are created");
        assert_eq!(store.writer.options().get_max_connections(), 1);

        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&store.reader)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        for (pragma, expected) in [
            ("foreign_keys", 1),
            ("busy_timeout", 5000),
            ("synchronous", 1),
            ("temp_store", 2),
        ] {
            for pool in [&store.writer, &store.reader] {
                let value: i64 = sqlx::query_scalar(&format!("PRAGMA {pragma}"))
                    .fetch_one(pool)
                    .await
                    .unwrap();
                assert_eq!(value, expected, "{pragma}");
            }
        }
        let refused = sqlx::query("CREATE TABLE t (x INTEGER)")
            .execute(&store.reader)
            .await;
        assert!(refused.is_err(), "readers must not write");
        sqlx::query("CREATE TABLE t (x INTEGER)")
            .execute(&store.writer)
            .await
            .unwrap();
        store.close().await;
    }
}
