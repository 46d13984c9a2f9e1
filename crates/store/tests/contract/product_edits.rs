//! Changing the catalogue in bulk and in place: an imported file is stored whole or not at
//! all, and an edit rewrites a product and its variants only from the state the editor saw.

use farmgate_domain::catalogue::{Category, Grade};
use farmgate_domain::id::SkuId;
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::money::Money;
use farmgate_domain::place::AreaCode;
use farmgate_store::sql::SqlStore;
use farmgate_store::{Catalogue, Page, ProductEdit, SkuRecord, StoreError};

use crate::catalogue::{add_shop, product};
use crate::fixtures::{add_places, new_id, T0};

pub async fn an_imported_file_is_stored_whole_or_not_at_all(store: SqlStore) {
    add_places(&store).await;
    let shop = add_shop(&store).await;
    let first = product(&shop, "黑枸杞", ListingStatus::PendingReview, 0);
    let second = product(&shop, "青稞", ListingStatus::PendingReview, 1);
    let mut unknown_village = product(&shop, "藜麦", ListingStatus::PendingReview, 2);
    unknown_village.product.origin = AreaCode::parse("632830999999").unwrap();
    let refused = store
        .insert_products(&[first.clone(), second.clone(), unknown_village])
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "{refused:?}"
    );
    assert!(
        store
            .products_of_shop(&shop, Page::first(10))
            .await
            .unwrap()
            .is_empty(),
        "the products before the bad one were rolled back"
    );

    store
        .insert_products(&[first.clone(), second.clone()])
        .await
        .unwrap();
    assert_eq!(
        store.product(&second.product.id).await.unwrap(),
        Some(second)
    );
    assert_eq!(store.product(&first.product.id).await.unwrap(), Some(first));
}

pub async fn an_edit_rewrites_a_product_and_its_variants_but_not_their_stock(store: SqlStore) {
    add_places(&store).await;
    let shop = add_shop(&store).await;
    let detail = product(&shop, "黑枸杞", ListingStatus::Listed, 0);
    store.insert_product(&detail).await.unwrap();
    let mut edited = detail.product.clone();
    edited.title = "柴达木黑枸杞 特级".into();
    edited.category = Category::Herbs;
    edited.grade = Grade::First;
    edited.status = ListingStatus::PendingReview;
    edited.updated_at = T0.plus_millis(9);
    let changed = SkuRecord {
        name: "一斤装".into(),
        price: Money::fen(7_200),
        stock: 999,
        ..detail.skus[0].clone()
    };
    let added = SkuRecord {
        id: SkuId::new(new_id()),
        position: 2,
        stock: 6,
        ..detail.skus[1].clone()
    };
    let edit = ProductEdit {
        product: edited.clone(),
        from: ListingStatus::Listed,
        changed_skus: vec![changed.clone()],
        new_skus: vec![added.clone()],
    };
    store.update_product(&edit).await.unwrap();
    let stored = store.product(&detail.product.id).await.unwrap().unwrap();
    assert_eq!(stored.product, edited);
    assert_eq!(
        stored.skus,
        vec![
            SkuRecord {
                stock: detail.skus[0].stock,
                ..changed
            },
            detail.skus[1].clone(),
            added,
        ],
        "stock is the stocktake's and the checkouts', not the edit's"
    );

    let stale = store.update_product(&edit).await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
}

pub async fn an_edit_reaching_for_another_products_variant_changes_nothing(store: SqlStore) {
    add_places(&store).await;
    let shop = add_shop(&store).await;
    let mine = product(&shop, "青稞", ListingStatus::PendingReview, 0);
    let theirs = product(&shop, "湖盐", ListingStatus::PendingReview, 1);
    store
        .insert_products(&[mine.clone(), theirs.clone()])
        .await
        .unwrap();
    let mut edited = mine.product.clone();
    edited.title = "改了".into();
    let edit = ProductEdit {
        product: edited,
        from: ListingStatus::PendingReview,
        changed_skus: vec![SkuRecord {
            product_id: mine.product.id.clone(),
            price: Money::fen(1),
            ..theirs.skus[0].clone()
        }],
        new_skus: Vec::new(),
    };
    assert!(matches!(
        store.update_product(&edit).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.product(&mine.product.id).await.unwrap(), Some(mine));
    assert_eq!(
        store.product(&theirs.product.id).await.unwrap(),
        Some(theirs)
    );
}
