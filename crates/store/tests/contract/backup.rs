//! SQLite file backups: `backup_sqlite` while the store serves, `restore_sqlite` while it is shut.

use std::path::Path;

use farmgate_store::sql::{backup_sqlite, restore_sqlite, SqlStore};
use farmgate_store::{Accounts, Meta, Page, Places, StoreError};

use crate::fixtures::{add_account, add_places};

async fn open(path: &Path) -> SqlStore {
    let store = SqlStore::open_sqlite(path).await.unwrap();
    store.migrate().await.unwrap();
    store
}

/// What a restore must bring back, compared as a whole.
async fn snapshot(store: &SqlStore) -> (Vec<String>, usize, Option<String>) {
    let emails = store
        .list_accounts(Page::first(100))
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.email)
        .collect();
    let places = store.places().await.unwrap().len();
    (emails, places, store.meta("marker").await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_and_restore_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/farmgate.db");
    let backup = dir.path().join("backups/farmgate-1.db");

    let store = open(&db).await;
    add_places(&store).await;
    add_account(&store, "before@example.cn").await;
    store.set_meta("marker", "at backup").await.unwrap();
    let at_backup = snapshot(&store).await;
    backup_sqlite(&store, &backup).await.unwrap();

    let err = backup_sqlite(&store, &backup).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");

    add_account(&store, "after@example.cn").await;
    store.set_meta("marker", "after backup").await.unwrap();
    assert_ne!(snapshot(&store).await, at_backup);
    store.close().await;

    restore_sqlite(&backup, &db).await.unwrap();
    let restored = open(&db).await;
    assert_eq!(snapshot(&restored).await, at_backup);
    restored.integrity_check().await.unwrap();
    // The restored store takes writes again.
    add_account(&restored, "later@example.cn").await;
    restored.close().await;
    assert!(
        backup.exists(),
        "restoring copies the backup, it does not consume it"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_refuses_a_bad_backup_and_keeps_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("farmgate.db");
    let store = open(&db).await;
    add_account(&store, "keep@example.cn").await;
    let before = snapshot(&store).await;
    store.close().await;

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, vec![0x42; 64 * 1024]).unwrap();
    let err = restore_sqlite(&garbage, &db).await.unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "{err:?}");

    // A sound SQLite file that is not a Farmgate database.
    let foreign = dir.path().join("foreign.db");
    let foreign_store = SqlStore::open_sqlite(&foreign).await.unwrap();
    foreign_store.close().await;
    let err = restore_sqlite(&foreign, &db).await.unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "{err:?}");

    // A backup that is cut short.
    let good = dir.path().join("good.db");
    let source = open(&dir.path().join("source.db")).await;
    add_places(&source).await;
    backup_sqlite(&source, &good).await.unwrap();
    source.close().await;
    let bytes = std::fs::read(&good).unwrap();
    let truncated = dir.path().join("truncated.db");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let err = restore_sqlite(&truncated, &db).await.unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "{err:?}");

    let missing = restore_sqlite(&dir.path().join("missing.db"), &db).await;
    assert!(matches!(missing, Err(StoreError::Io(_))), "{missing:?}");

    let store = open(&db).await;
    assert_eq!(snapshot(&store).await, before);
    store.close().await;
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("restore"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}
