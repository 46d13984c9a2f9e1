//! `farmgate backup` and `farmgate restore` for the embedded SQLite store.

use anyhow::{bail, Context};
use farmgate_store::sql::{backup_sqlite, restore_sqlite};

use crate::cli::BackupArgs;
use crate::lock::lock_data_folder;
use crate::open::{open_store, sqlite_path};

pub async fn backup(args: &BackupArgs) -> anyhow::Result<()> {
    if args.store.database.is_some() {
        bail!("backup covers the embedded SQLite store; back PostgreSQL up with pg_dump");
    }
    let store = open_store(&args.store).await?;
    backup_sqlite(&store, &args.file)
        .await
        .with_context(|| format!("backup to {} failed", args.file.display()))?;
    println!("Backed up to {}", args.file.display());
    Ok(())
}

pub async fn restore(args: &BackupArgs) -> anyhow::Result<()> {
    if args.store.database.is_some() {
        bail!("restore covers the embedded SQLite store; restore PostgreSQL with pg_restore");
    }
    let _lock = lock_data_folder(&args.store.data, "restore")?;
    let target = sqlite_path(&args.store);
    restore_sqlite(&args.file, &target)
        .await
        .with_context(|| format!("restore from {} failed", args.file.display()))?;
    let store = open_store(&args.store).await?;
    store
        .integrity_check()
        .await
        .context("the restored store failed its integrity check")?;
    println!("Restored {} from {}", target.display(), args.file.display());
    Ok(())
}
