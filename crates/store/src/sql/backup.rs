//! Backup and restore of a SQLite store. A backup is a consistent snapshot taken while the
//! store serves (`VACUUM INTO`); a restore replaces the database file only after the backup has
//! been checked, so a bad backup never costs the data in place. PostgreSQL has its own tools
//! (`pg_dump`, base backups) and is not handled here.

use std::path::{Path, PathBuf};

use sqlx::{Connection, Executor};

use super::connect::{open_sqlite_file, SQLITE_MIGRATOR};
use super::SqlStore;
use crate::{Backend, StoreError, StoreResult};

/// Writes a consistent copy of the store's database to `dest`, which must not exist yet.
pub async fn backup_sqlite(store: &SqlStore, dest: &Path) -> StoreResult<()> {
    if store.backend != Backend::Sqlite {
        return Err(StoreError::Conflict(
            "only a SQLite store can be backed up this way",
        ));
    }
    let dest_text = dest.to_str().ok_or_else(|| not_utf8(dest))?;
    if let Some(dir) = dest.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        tokio::fs::create_dir_all(dir).await?;
    }
    // Claims the path atomically (SQLite accepts an empty file as the target), so an existing
    // file is never overwritten, nor removed below if the copy fails.
    match tokio::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(dest)
        .await
    {
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(StoreError::Conflict("backup destination already exists"));
        }
        other => drop(other?),
    }
    // A reader, detached from its pool so that lifting its `query_only` guard (which refuses
    // VACUUM) can never leak into ordinary reads. VACUUM INTO only reads this database, so the
    // one-writer rule holds and writes go on during the copy.
    let mut conn = store.reader.acquire().await?.detach();
    let copied = match conn.execute("PRAGMA query_only = OFF").await {
        Ok(_) => {
            sqlx::query("VACUUM INTO $1")
                .bind(dest_text)
                .execute(&mut conn)
                .await
        }
        Err(err) => Err(err),
    };
    let _ = conn.close().await;
    if let Err(err) = copied {
        // The file is ours (created above); a half-written backup must not be mistaken for a
        // good one later.
        remove_if_present(dest).await?;
        return Err(err.into());
    }
    // VACUUM INTO does not fsync its output; a backup should survive a power cut.
    tokio::fs::File::open(dest).await?.sync_all().await?;
    Ok(())
}

/// Replaces the SQLite database at `db_path` with `backup`. Run it while no store has the
/// database open. The backup is copied beside `db_path`, checked there (integrity, a Farmgate
/// schema no newer than this build), and only then renamed over the database; on any failure
/// the database in place is untouched.
pub async fn restore_sqlite(backup: &Path, db_path: &Path) -> StoreResult<()> {
    let file_name = db_path.file_name().ok_or_else(|| not_a_file(db_path))?;
    let dir = match db_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    tokio::fs::create_dir_all(&dir).await?;
    let mut temp_name = file_name.to_os_string();
    temp_name.push(format!(".restore-{}", std::process::id()));
    let temp = dir.join(temp_name);

    remove_with_sidecars(&temp).await?;
    tokio::fs::copy(backup, &temp).await?;
    if let Err(err) = check_backup(&temp).await {
        remove_with_sidecars(&temp).await?;
        return Err(err);
    }
    tokio::fs::File::open(&temp).await?.sync_all().await?;

    // The old write-ahead log belongs to the old file: replayed onto the restored one it would
    // corrupt it. Remove it first; losing it is harmless since the file is being replaced.
    remove_if_present(&sidecar(db_path, "-wal")).await?;
    remove_if_present(&sidecar(db_path, "-shm")).await?;
    tokio::fs::rename(&temp, db_path).await?;
    // Makes the rename itself durable; not every platform can sync a directory, hence no `?`.
    if let Ok(dir) = tokio::fs::File::open(&dir).await {
        let _ = dir.sync_all().await;
    }
    Ok(())
}

/// Refuses files that are not sound SQLite databases with a Farmgate schema this build knows.
async fn check_backup(path: &Path) -> StoreResult<()> {
    let mut conn = open_sqlite_file(path).await.map_err(unreadable)?;
    let verdict = inspect(&mut conn).await;
    conn.close().await.map_err(unreadable)?;
    verdict
}

async fn inspect(conn: &mut sqlx::SqliteConnection) -> StoreResult<()> {
    let report: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await
        .map_err(unreadable)?;
    if report.len() != 1 || report[0] != "ok" {
        tracing::warn!(?report, "backup failed its integrity check");
        return Err(StoreError::Corrupt("backup file"));
    }
    let has_migrations: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(unreadable)?;
    if has_migrations == 0 {
        return Err(StoreError::Corrupt("backup file (not a Farmgate database)"));
    }
    let (newest, failed): (Option<i64>, i64) = sqlx::query_as(
        "SELECT MAX(version), COUNT(*) - COALESCE(SUM(success), 0) FROM _sqlx_migrations",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(unreadable)?;
    if failed != 0 {
        return Err(StoreError::Corrupt("backup file (half-applied migration)"));
    }
    let known = SQLITE_MIGRATOR.iter().map(|m| m.version).max();
    if newest > known {
        return Err(StoreError::Conflict("backup was made by a newer Farmgate"));
    }
    Ok(())
}

/// Database-level errors while reading a backup (e.g. "file is not a database") mean the file
/// is bad; others (I/O, permissions) are passed on as they are.
fn unreadable(err: sqlx::Error) -> StoreError {
    match err {
        sqlx::Error::Database(db) => {
            tracing::warn!(error = %db, "backup is not a readable SQLite database");
            StoreError::Corrupt("backup file")
        }
        other => StoreError::Database(other),
    }
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

async fn remove_with_sidecars(path: &Path) -> StoreResult<()> {
    remove_if_present(path).await?;
    remove_if_present(&sidecar(path, "-wal")).await?;
    remove_if_present(&sidecar(path, "-shm")).await?;
    remove_if_present(&sidecar(path, "-journal")).await
}

async fn remove_if_present(path: &Path) -> StoreResult<()> {
    match tokio::fs::remove_file(path).await {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err.into()),
        _ => Ok(()),
    }
}

fn not_utf8(path: &Path) -> StoreError {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("backup path is not UTF-8: {}", path.display()),
    )
    .into()
}

fn not_a_file(path: &Path) -> StoreError {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("not a database file path: {}", path.display()),
    )
    .into()
}
