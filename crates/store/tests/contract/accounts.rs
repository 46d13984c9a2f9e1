use farmgate_domain::id::AccountId;
use farmgate_domain::role::Role;
use farmgate_store::sql::SqlStore;
use farmgate_store::{Accounts, Page, StoreError};

use crate::fixtures::{account, add_account, new_id, T0};

pub async fn account_reads_back_with_sorted_roles(store: SqlStore) {
    let mut alice = account("alice@example.cn", T0);
    alice.roles = vec![Role::Admin, Role::Buyer, Role::HubOperator];
    store.insert_account(&alice).await.unwrap();

    let mut expected = alice.clone();
    expected.roles = vec![Role::Buyer, Role::HubOperator, Role::Admin];
    assert_eq!(
        store.account(&alice.id).await.unwrap(),
        Some(expected.clone())
    );
    assert_eq!(
        store.account_by_email("alice@example.cn").await.unwrap(),
        Some(expected)
    );
    assert_eq!(
        store.account_by_email("bob@example.cn").await.unwrap(),
        None
    );
    assert_eq!(
        store.account(&AccountId::new(new_id())).await.unwrap(),
        None
    );
}

pub async fn duplicate_email_is_a_conflict(store: SqlStore) {
    let first = add_account(&store, "same@example.cn").await;
    let second = account("same@example.cn", T0);
    let err = store.insert_account(&second).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(store.count_accounts().await.unwrap(), 1);
    assert_eq!(store.account(&second.id).await.unwrap(), None);
    assert!(store.account(&first.id).await.unwrap().is_some());
}

pub async fn set_roles_replaces_all_roles(store: SqlStore) {
    let alice = add_account(&store, "alice@example.cn").await;
    store
        .set_roles(
            &alice.id,
            &[Role::Moderator, Role::Analyst, Role::Moderator],
        )
        .await
        .unwrap();
    let roles = store.account(&alice.id).await.unwrap().unwrap().roles;
    assert_eq!(roles, vec![Role::Moderator, Role::Analyst]);

    store.set_roles(&alice.id, &[]).await.unwrap();
    let roles = store.account(&alice.id).await.unwrap().unwrap().roles;
    assert!(roles.is_empty());
}

pub async fn accounts_are_found_by_role(store: SqlStore) {
    let mut holders = Vec::new();
    for (email, roles) in [
        ("zhuoma@example.cn", vec![Role::Leader]),
        ("wang@example.cn", vec![Role::Buyer]),
        ("cairang@example.cn", vec![Role::Buyer, Role::Leader]),
    ] {
        let added = add_account(&store, email).await;
        store.set_roles(&added.id, &roles).await.unwrap();
        if roles.contains(&Role::Leader) {
            holders.push(added.id);
        }
    }
    let leaders = store
        .accounts_with_role(Role::Leader, Page::first(10))
        .await
        .unwrap();
    let mut found: Vec<AccountId> = leaders.iter().map(|a| a.id.clone()).collect();
    found.sort();
    holders.sort();
    assert_eq!(found, holders);
    assert!(leaders.iter().all(|a| a.roles.contains(&Role::Leader)));
    let none = store.accounts_with_role(Role::Analyst, Page::first(10));
    assert!(none.await.unwrap().is_empty());
}

pub async fn set_roles_of_unknown_account_is_not_found(store: SqlStore) {
    let err = store
        .set_roles(&AccountId::new(new_id()), &[Role::Admin])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

pub async fn accounts_list_newest_first_with_roles(store: SqlStore) {
    let mut ids = Vec::new();
    for i in 0..5 {
        let mut record = account(&format!("user{i}@example.cn"), T0.plus_millis(i));
        record.roles = if i % 2 == 0 {
            vec![Role::Logistics, Role::Buyer]
        } else {
            vec![]
        };
        store.insert_account(&record).await.unwrap();
        ids.push(record.id);
    }
    assert_eq!(store.count_accounts().await.unwrap(), 5);

    let first = store.list_accounts(Page::first(3)).await.unwrap();
    let emails: Vec<_> = first.iter().map(|a| a.email.as_str()).collect();
    assert_eq!(
        emails,
        ["user4@example.cn", "user3@example.cn", "user2@example.cn"]
    );
    assert_eq!(first[0].roles, vec![Role::Buyer, Role::Logistics]);
    assert!(first[1].roles.is_empty());

    let rest = store
        .list_accounts(Page {
            limit: 3,
            offset: 3,
        })
        .await
        .unwrap();
    let rest_ids: Vec<_> = rest.iter().map(|a| a.id.clone()).collect();
    assert_eq!(rest_ids, vec![ids[1].clone(), ids[0].clone()]);
    assert_eq!(rest[1].roles, vec![Role::Buyer, Role::Logistics]);
}
