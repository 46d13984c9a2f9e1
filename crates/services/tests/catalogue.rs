//! Listing products: the producer lists, the hub reviews, buyers see only what is listed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::listing::{ListingEvent, ListingStatus};
use farmgate_services::catalogue::SkuForm;
use farmgate_services::ServiceError;
use support::{farms, goji};

#[tokio::test]
async fn a_listing_is_seen_by_buyers_only_after_the_hub_approves_it() {
    let w = farms().await;
    let detail = w
        .services
        .create_product(&w.producer, &w.shop, &goji())
        .await
        .unwrap();
    assert_eq!(detail.product.status, ListingStatus::PendingReview);
    assert_eq!(detail.skus.len(), 1, "blank SKU rows are ignored");
    assert_eq!(detail.skus[0].price.minor(), 6_800);
    let id = &detail.product.id;
    assert!(matches!(
        w.services.product(None, id).await,
        Err(ServiceError::NotFound)
    ));
    assert!(
        w.services.product(Some(&w.producer), id).await.is_ok(),
        "the shop sees its own"
    );

    let queue = w
        .services
        .products_for_review(&w.hub, farmgate_store::Page::first(10))
        .await
        .unwrap();
    assert_eq!(queue.len(), 1);
    assert!(matches!(
        w.services
            .review_product(&w.producer, id, ListingEvent::Approve)
            .await,
        Err(ServiceError::Forbidden)
    ));
    w.services
        .review_product(&w.hub, id, ListingEvent::Approve)
        .await
        .unwrap();
    assert_eq!(
        w.services.product(None, id).await.unwrap().product.status,
        ListingStatus::Listed
    );
}

#[tokio::test]
async fn a_rejected_listing_carries_its_reason_and_can_be_submitted_again() {
    let w = farms().await;
    let detail = w
        .services
        .create_product(&w.producer, &w.shop, &goji())
        .await
        .unwrap();
    let id = &detail.product.id;
    let rejected = w
        .services
        .review_product(&w.hub, id, ListingEvent::reject("照片看不清等级").unwrap())
        .await
        .unwrap();
    assert_eq!(
        rejected.product.review_reason.as_deref(),
        Some("照片看不清等级")
    );
    let again = w
        .services
        .producer_listing_event(&w.producer, id, ListingEvent::Submit)
        .await
        .unwrap();
    assert_eq!(
        (again.product.status, again.product.review_reason),
        (ListingStatus::PendingReview, None)
    );
    assert!(
        matches!(
            w.services
                .producer_listing_event(&w.producer, id, ListingEvent::Approve)
                .await,
            Err(ServiceError::Conflict(_))
        ),
        "producers cannot approve their own listings"
    );
}

#[tokio::test]
async fn a_producer_cannot_list_in_or_restock_another_shop() {
    let w = farms().await;
    let denied = w
        .services
        .create_product(&w.other_producer, &w.shop, &goji())
        .await;
    assert!(matches!(denied, Err(ServiceError::Forbidden)));
    let detail = w
        .services
        .create_product(&w.producer, &w.shop, &goji())
        .await
        .unwrap();
    let sku = &detail.skus[0].id;
    let denied = w
        .services
        .set_stock(&w.other_producer, &detail.product.id, sku, "5")
        .await;
    assert!(matches!(denied, Err(ServiceError::Forbidden)));
    w.services
        .set_stock(&w.producer, &detail.product.id, sku, "5")
        .await
        .unwrap();
    assert!(matches!(
        w.services
            .set_stock(&w.producer, &detail.product.id, sku, "-2")
            .await,
        Err(ServiceError::Validation(_))
    ));
    let stored = w
        .services
        .product(Some(&w.producer), &detail.product.id)
        .await
        .unwrap();
    assert_eq!(stored.skus[0].stock, 5);
}

#[tokio::test]
async fn bad_listings_say_what_is_wrong_and_store_nothing() {
    let w = farms().await;
    let fields = |result: Result<_, ServiceError>| match result {
        Err(ServiceError::Validation(errors)) => {
            errors.0.iter().map(|e| e.field).collect::<Vec<_>>()
        }
        other => panic!("expected validation errors, got {other:?}"),
    };
    let mut form = goji();
    form.title = "枸".into();
    form.category = "jewellery".into();
    form.origin = "632830101000".into();
    assert_eq!(
        fields(w.services.create_product(&w.producer, &w.shop, &form).await),
        ["title", "category", "origin"]
    );

    let mut form = goji();
    form.skus[0].price = "68.005".into();
    form.skus[0].unit = "jin".into();
    form.skus[0].net_weight_g = String::new();
    let problems = fields(w.services.create_product(&w.producer, &w.shop, &form).await);
    assert!(
        problems.contains(&"price") && problems.contains(&"net_weight_g"),
        "{problems:?}"
    );

    let mut form = goji();
    form.skus = vec![SkuForm::default()];
    assert_eq!(
        fields(w.services.create_product(&w.producer, &w.shop, &form).await),
        ["skus"]
    );
    let mut form = goji();
    form.presale_ships_from = "2020-01-01".into();
    assert_eq!(
        fields(w.services.create_product(&w.producer, &w.shop, &form).await),
        ["ships_from"]
    );

    let listed = w
        .services
        .shop_products(&w.producer, &w.shop, farmgate_store::Page::first(10))
        .await
        .unwrap();
    assert!(listed.is_empty());
}
