use farmgate_domain::id::{AccountId, TokenId};
use farmgate_store::sql::SqlStore;
use farmgate_store::{ApiTokenRecord, ApiTokens};

use crate::fixtures::{add_account, new_id, T0};

fn token(account: &AccountId, hash: &str, created_at_offset: i64) -> ApiTokenRecord {
    ApiTokenRecord {
        id: TokenId::new(new_id()),
        account_id: account.clone(),
        name: format!("token {hash}"),
        token_hash: hash.to_owned(),
        created_at: T0.plus_millis(created_at_offset),
        last_used_at: None,
        revoked_at: None,
    }
}

pub async fn active_token_excludes_revoked(store: SqlStore) {
    let alice = add_account(&store, "alice@example.cn").await;
    let record = token(&alice.id, "h1", 0);
    store.insert_token(&record).await.unwrap();
    assert_eq!(
        store.active_token("h1").await.unwrap(),
        Some(record.clone())
    );

    let at = T0.plus_days(1);
    assert!(store.revoke_token(&alice.id, &record.id, at).await.unwrap());
    assert_eq!(store.active_token("h1").await.unwrap(), None);
    // Revoking again revokes nothing, and keeps the first revocation time.
    assert!(!store
        .revoke_token(&alice.id, &record.id, at.plus_days(1))
        .await
        .unwrap());
    let listed = store.tokens_of(&alice.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].revoked_at, Some(at));
}

pub async fn only_the_owner_revokes_a_token(store: SqlStore) {
    let alice = add_account(&store, "alice@example.cn").await;
    let mallory = add_account(&store, "mallory@example.cn").await;
    let record = token(&alice.id, "h1", 0);
    store.insert_token(&record).await.unwrap();

    assert!(!store
        .revoke_token(&mallory.id, &record.id, T0)
        .await
        .unwrap());
    assert!(store.active_token("h1").await.unwrap().is_some());
    assert!(!store
        .revoke_token(&alice.id, &TokenId::new(new_id()), T0)
        .await
        .unwrap());
}

pub async fn touch_records_last_use(store: SqlStore) {
    let alice = add_account(&store, "alice@example.cn").await;
    let older = token(&alice.id, "h1", 0);
    let newer = token(&alice.id, "h2", 5);
    store.insert_token(&older).await.unwrap();
    store.insert_token(&newer).await.unwrap();

    let used = T0.plus_days(2);
    store.touch_token(&older.id, used).await.unwrap();
    let listed = store.tokens_of(&alice.id).await.unwrap();
    let ids: Vec<_> = listed.iter().map(|t| t.id.clone()).collect();
    assert_eq!(
        ids,
        vec![newer.id.clone(), older.id.clone()],
        "newest first"
    );
    assert_eq!(listed[1].last_used_at, Some(used));
    assert_eq!(listed[0].last_used_at, None);
    // Touching a token that does not exist is not an error.
    store
        .touch_token(&TokenId::new(new_id()), used)
        .await
        .unwrap();
}
