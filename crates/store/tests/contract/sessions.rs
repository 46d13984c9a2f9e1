use farmgate_domain::id::AccountId;
use farmgate_store::sql::SqlStore;
use farmgate_store::{SessionRecord, Sessions, StoreError};

use crate::fixtures::{add_account, new_id, T0};

fn session(account: &AccountId, hash: &str, expires_in_ms: i64) -> SessionRecord {
    SessionRecord {
        token_hash: hash.to_owned(),
        account_id: account.clone(),
        created_at: T0,
        expires_at: T0.plus_millis(expires_in_ms),
    }
}

pub async fn session_member_respects_expiry(store: SqlStore) {
    let alice = add_account(&store, "alice@example.cn").await;
    let record = session(&alice.id, "hash-1", 1_000);
    store.insert_session(&record).await.unwrap();

    let member = store.session_member("hash-1", T0).await.unwrap().unwrap();
    assert_eq!(member.account, alice);
    assert!(member.shops.is_empty());
    assert_eq!(
        store
            .session_member("hash-1", T0.plus_millis(999))
            .await
            .unwrap()
            .map(|member| member.account.id),
        Some(record.account_id)
    );
    assert_eq!(
        store
            .session_member("hash-1", T0.plus_millis(1_000))
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.session_member("other", T0).await.unwrap(), None);

    store.delete_session("hash-1").await.unwrap();
    assert_eq!(store.session_member("hash-1", T0).await.unwrap(), None);
    // Deleting what is gone is fine: logging out twice is not an error.
    store.delete_session("hash-1").await.unwrap();
}

pub async fn expired_sessions_are_deleted(store: SqlStore) {
    let alice = add_account(&store, "alice@example.cn").await;
    for (hash, expires_in) in [("a", 10), ("b", 20), ("c", 30)] {
        store
            .insert_session(&session(&alice.id, hash, expires_in))
            .await
            .unwrap();
    }
    assert_eq!(
        store
            .delete_expired_sessions(T0.plus_millis(20))
            .await
            .unwrap(),
        2
    );
    assert!(store.session_member("c", T0).await.unwrap().is_some());
    assert_eq!(
        store
            .delete_expired_sessions(T0.plus_millis(20))
            .await
            .unwrap(),
        0
    );
}

pub async fn session_of_unknown_account_is_refused(store: SqlStore) {
    let err = store
        .insert_session(&session(&AccountId::new(new_id()), "x", 10))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(store.session_member("x", T0).await.unwrap(), None);
}
