use farmgate_store::sql::SqlStore;
use farmgate_store::{Backend, Meta, Store};

pub async fn meta_values_overwrite(store: SqlStore) {
    assert_eq!(store.meta("demo_loaded_at").await.unwrap(), None);
    store.set_meta("demo_loaded_at", "1").await.unwrap();
    store.set_meta("other", "x").await.unwrap();
    store.set_meta("demo_loaded_at", "2").await.unwrap();
    assert_eq!(
        store.meta("demo_loaded_at").await.unwrap().as_deref(),
        Some("2")
    );
    assert_eq!(store.meta("other").await.unwrap().as_deref(), Some("x"));
    // A secret made once: the first value stored stays, whoever asks next.
    let first = store.meta_or_insert("share_link_key", "k1").await.unwrap();
    let second = store.meta_or_insert("share_link_key", "k2").await.unwrap();
    assert_eq!((first.as_str(), second.as_str()), ("k1", "k1"));
}

pub async fn ping_and_health_checks_answer(store: SqlStore) {
    store.ping().await.unwrap();
    store.integrity_check().await.unwrap();
    // Migrating an up-to-date database is a no-op, as on every restart.
    store.migrate().await.unwrap();
    assert!(matches!(
        store.backend(),
        Backend::Sqlite | Backend::Postgres
    ));
}
