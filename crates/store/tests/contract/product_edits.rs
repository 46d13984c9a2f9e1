//! Changing the catalogue in bulk and in place: an imported file is stored whole or not at
//! all, and an edit rewrites a product and its variants only from the state the editor saw.

use farmgate_domain::listing::ListingStatus;
use farmgate_domain::place::AreaCode;
use farmgate_store::sql::SqlStore;
use farmgate_store::{Catalogue, Page, StoreError};

use crate::catalogue::{add_shop, product};
use crate::fixtures::add_places;

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
