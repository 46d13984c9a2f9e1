use farmgate_domain::id::{AccountId, ShopId};
use farmgate_domain::role::Role;
use farmgate_store::sql::SqlStore;
use farmgate_store::{Accounts, Page, ShopFilter, ShopProfile, Shops, StoreError};

use crate::fixtures::{
    add_account, add_places, code, new_id, shop, COUNTY, OTHER_VILLAGE, TOWNSHIP_A, TOWNSHIP_B,
    VILLAGE_A1, VILLAGE_A2, VILLAGE_B1,
};

pub async fn opening_a_shop_makes_the_owner_a_producer(store: SqlStore) {
    add_places(&store).await;
    let owner = add_account(&store, "owner@example.cn").await;
    let record = shop("Zhuoma Farm", VILLAGE_A1);
    store
        .insert_shop_with_owner(&record, &owner.id)
        .await
        .unwrap();

    assert_eq!(store.shop(&record.id).await.unwrap(), Some(record.clone()));
    assert_eq!(
        store.shops_of(&owner.id).await.unwrap(),
        vec![record.clone()]
    );
    let roles = store.account(&owner.id).await.unwrap().unwrap().roles;
    assert_eq!(roles, vec![Role::Buyer, Role::Producer]);

    // A second shop: the producer role is already held, which is no conflict.
    let second = shop("Another Farm", VILLAGE_B1);
    store
        .insert_shop_with_owner(&second, &owner.id)
        .await
        .unwrap();
    let names: Vec<_> = store
        .shops_of(&owner.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["Another Farm", "Zhuoma Farm"]);
    let member = store.member(&owner.id).await.unwrap().unwrap();
    assert_eq!(member.account.roles, vec![Role::Buyer, Role::Producer]);
    let mut expected = vec![record.id.clone(), second.id.clone()];
    expected.sort();
    assert_eq!(member.shops, expected);
    assert_eq!(store.member(&AccountId::new(new_id())).await.unwrap(), None);
    assert!(store
        .shops_of(&AccountId::new(new_id()))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(store.shop(&ShopId::new(new_id())).await.unwrap(), None);
}

pub async fn shops_filter_by_county_township_and_village(store: SqlStore) {
    add_places(&store).await;
    let owner = add_account(&store, "owner@example.cn").await;
    for (name, village) in [
        ("a1-one", VILLAGE_A1),
        ("a1-two", VILLAGE_A1),
        ("a2", VILLAGE_A2),
        ("b1", VILLAGE_B1),
        ("elsewhere", OTHER_VILLAGE),
    ] {
        store
            .insert_shop_with_owner(&shop(name, village), &owner.id)
            .await
            .unwrap();
    }
    let names = |place: Option<&str>| {
        let store = store.clone();
        let filter = ShopFilter {
            place: place.map(code),
        };
        async move {
            let listed = store.list_shops(&filter, Page::first(100)).await.unwrap();
            let count = store.count_shops(&filter).await.unwrap();
            assert_eq!(count, i64::try_from(listed.len()).unwrap());
            listed.into_iter().map(|s| s.name).collect::<Vec<_>>()
        }
    };
    assert_eq!(
        names(None).await,
        ["a1-one", "a1-two", "a2", "b1", "elsewhere"]
    );
    assert_eq!(names(Some(COUNTY)).await, ["a1-one", "a1-two", "a2", "b1"]);
    assert_eq!(names(Some(TOWNSHIP_A)).await, ["a1-one", "a1-two", "a2"]);
    assert_eq!(names(Some(TOWNSHIP_B)).await, ["b1"]);
    assert_eq!(names(Some(VILLAGE_A1)).await, ["a1-one", "a1-two"]);
    assert!(names(Some("632830103000")).await.is_empty());
}

pub async fn shop_listing_pages_by_name(store: SqlStore) {
    add_places(&store).await;
    let owner = add_account(&store, "owner@example.cn").await;
    // Byte order on both backends: upper case before lower case, Chinese after Latin.
    for name in ["青稞", "beta", "Alpha", "alpha", "Gamma"] {
        store
            .insert_shop_with_owner(&shop(name, VILLAGE_A1), &owner.id)
            .await
            .unwrap();
    }
    let all = ShopFilter::default();
    let page = |offset| {
        let store = store.clone();
        let all = all.clone();
        async move {
            store
                .list_shops(&all, Page { limit: 2, offset })
                .await
                .unwrap()
                .into_iter()
                .map(|s| s.name)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(page(0).await, ["Alpha", "Gamma"]);
    assert_eq!(page(2).await, ["alpha", "beta"]);
    assert_eq!(page(4).await, ["青稞"]);
    assert!(page(6).await.is_empty());
}

pub async fn updating_a_missing_shop_is_not_found(store: SqlStore) {
    add_places(&store).await;
    let owner = add_account(&store, "owner@example.cn").await;
    let record = shop("Old name", VILLAGE_A1);
    store
        .insert_shop_with_owner(&record, &owner.id)
        .await
        .unwrap();
    let profile = ShopProfile {
        name: "New name".to_owned(),
        description: "Now with honey".to_owned(),
    };
    store
        .update_shop_profile(&record.id, &profile)
        .await
        .unwrap();
    let updated = store.shop(&record.id).await.unwrap().unwrap();
    assert_eq!(
        (updated.name.as_str(), updated.description.as_str()),
        ("New name", "Now with honey")
    );

    let err = store
        .update_shop_profile(&ShopId::new(new_id()), &profile)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

pub async fn shop_in_unknown_village_writes_nothing(store: SqlStore) {
    add_places(&store).await;
    let owner = add_account(&store, "owner@example.cn").await;
    let record = shop("Nowhere Farm", "632830109999");
    let err = store
        .insert_shop_with_owner(&record, &owner.id)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(store.shop(&record.id).await.unwrap(), None);
    assert_eq!(store.count_shops(&ShopFilter::default()).await.unwrap(), 0);

    // An unknown owner: the shop row went in first, and must be rolled back.
    let orphan = shop("Orphan Farm", VILLAGE_A1);
    let err = store
        .insert_shop_with_owner(&orphan, &AccountId::new(new_id()))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(store.shop(&orphan.id).await.unwrap(), None);
    let roles = store.account(&owner.id).await.unwrap().unwrap().roles;
    assert_eq!(roles, vec![Role::Buyer]);
}
