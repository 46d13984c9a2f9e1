//! A database edited by hand: values that no longer parse are reported, never trusted.

use farmgate_store::sql::SqlStore;
use farmgate_store::{Places, StoreError};
use sqlx::{Connection, Executor, SqliteConnection};

use crate::fixtures::{add_places, code, VILLAGE_A1};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unparseable_values_are_reported_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("farmgate.db");
    let store = SqlStore::open_sqlite(&path).await.unwrap();
    store.migrate().await.unwrap();
    add_places(&store).await;

    let mut conn = SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    conn.execute(
        "UPDATE places SET name_en = 'edited', code = 'abcdefghijkl' WHERE code = '632830102201'",
    )
    .await
    .unwrap();
    conn.close().await.unwrap();

    let err = store.places().await.unwrap_err();
    assert!(matches!(err, StoreError::Corrupt("places.code")), "{err:?}");
    // Rows that still parse are still served one by one.
    assert!(store.place(&code(VILLAGE_A1)).await.unwrap().is_some());
    store.close().await;
}
