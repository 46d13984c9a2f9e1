//! Editing products: what buyers read goes back to the hub's review (and out of sight), price
//! and season changes stay live, stock is never overwritten by an edit, and only the shop (or
//! the hub) may edit.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::calendar::Month;
use farmgate_domain::id::{ProductId, SkuId};
use farmgate_domain::listing::{ListingEvent, ListingStatus};
use farmgate_services::catalogue::{ProductForm, SkuForm};
use farmgate_services::ServiceError;
use farmgate_store::ProductDetail;
use support::{farms, goji, Farms};

/// A listed goji with one variant, its stock since sold down to 7.
async fn listed(w: &Farms) -> ProductDetail {
    let detail = w
        .services
        .create_product(&w.producer, &w.shop, &goji())
        .await
        .unwrap();
    let id = &detail.product.id;
    w.services
        .review_product(&w.hub, id, ListingEvent::Approve)
        .await
        .unwrap();
    w.services
        .set_stock(&w.producer, id, &detail.skus[0].id, "7")
        .await
        .unwrap();
    w.services.product(None, id).await.unwrap()
}

/// The form as the edit page fills it in: the product's fields and one row per variant.
fn edit_form(detail: &ProductDetail) -> (ProductForm, Vec<String>) {
    let mut form = goji();
    form.skus.truncate(1);
    (form, vec![detail.skus[0].id.to_string()])
}

async fn edit(
    w: &Farms,
    id: &ProductId,
    form: &ProductForm,
    ids: &[String],
) -> Result<ProductDetail, ServiceError> {
    w.services.edit_product(&w.producer, id, form, ids).await
}

#[tokio::test]
async fn a_new_title_sends_a_listed_product_back_to_review_and_out_of_sight() {
    let w = farms().await;
    let before = listed(&w).await;
    let id = &before.product.id;
    let (mut form, ids) = edit_form(&before);
    form.title = "柴达木黑枸杞 特级 新货".into();
    let after = edit(&w, id, &form, &ids).await.unwrap();
    assert_eq!(after.product.status, ListingStatus::PendingReview);
    assert_eq!(after.product.title, "柴达木黑枸杞 特级 新货");
    assert_eq!(after.product.created_at, before.product.created_at);
    assert!(matches!(
        w.services.product(None, id).await,
        Err(ServiceError::NotFound)
    ));
    let queue = w
        .services
        .products_for_review(&w.hub, farmgate_store::Page::first(10))
        .await
        .unwrap();
    assert_eq!(queue[0].product.id, *id, "back in the hub's queue");
}

#[tokio::test]
async fn price_and_season_changes_stay_listed_and_leave_stock_alone() {
    let w = farms().await;
    let before = listed(&w).await;
    let id = &before.product.id;
    let (mut form, ids) = edit_form(&before);
    form.skus[0].price = "72.50".into();
    form.skus[0].stock = "999".into();
    form.season_months = vec![7, 8];
    let after = edit(&w, id, &form, &ids).await.unwrap();
    assert_eq!(after.product.status, ListingStatus::Listed);
    assert_eq!(after.skus[0].price.minor(), 7_250);
    assert_eq!(after.skus[0].stock, 7, "an edit does not undo sales");
    assert!(after.product.season.contains(Month::new(7).unwrap()));
    assert!(w.services.product(None, id).await.is_ok(), "still for sale");
}

#[tokio::test]
async fn a_new_variant_or_a_new_unit_is_reviewed() {
    let w = farms().await;
    let before = listed(&w).await;
    let id = &before.product.id;
    let (mut form, mut ids) = edit_form(&before);
    form.skus.push(SkuForm {
        name: "500g 罐装".into(),
        price: "128".into(),
        unit: "g".into(),
        net_weight_g: "500".into(),
        stock: "12".into(),
        ..SkuForm::default()
    });
    ids.push(String::new());
    form.skus.push(SkuForm::default());
    ids.push(String::new());
    let after = edit(&w, id, &form, &ids).await.unwrap();
    assert_eq!(after.product.status, ListingStatus::PendingReview);
    assert_eq!(after.skus.len(), 2, "the blank row is ignored");
    assert_eq!((after.skus[1].position, after.skus[1].stock), (1, 12));

    let rejected = w
        .services
        .review_product(&w.hub, id, ListingEvent::reject("规格名称不清楚").unwrap())
        .await
        .unwrap();
    let (mut form, _) = edit_form(&rejected);
    form.skus.truncate(1);
    form.skus[0].net_weight_g = "260".into();
    let ids = vec![rejected.skus[0].id.to_string()];
    let fixed = edit(&w, id, &form, &ids).await.unwrap();
    assert_eq!(
        (fixed.product.status, fixed.product.review_reason.as_deref()),
        (ListingStatus::Rejected, Some("规格名称不清楚")),
        "a rejected product stays rejected until the producer submits it again"
    );
    assert_eq!(fixed.skus[0].pack.net_weight().unwrap().get(), 260);
    assert_eq!(
        fixed.skus.len(),
        2,
        "a variant left out of the form is kept"
    );
}

#[tokio::test]
async fn a_bad_edit_says_what_is_wrong_and_changes_nothing() {
    let w = farms().await;
    let before = listed(&w).await;
    let id = &before.product.id;
    let fields = |result: Result<ProductDetail, ServiceError>| match result {
        Err(ServiceError::Validation(errors)) => {
            errors.0.iter().map(|e| e.field).collect::<Vec<_>>()
        }
        other => panic!("expected validation errors, got {other:?}"),
    };
    let (mut form, ids) = edit_form(&before);
    form.title = "枸".into();
    form.skus[0].price = "0".into();
    assert_eq!(
        fields(edit(&w, id, &form, &ids).await),
        ["title", "price_fen"]
    );
    let (form, _) = edit_form(&before);
    let strangers = vec![farmgate_services::new_id::<SkuId>().to_string()];
    assert_eq!(fields(edit(&w, id, &form, &strangers).await), ["skus"]);
    let (mut form, ids) = edit_form(&before);
    form.skus[0] = SkuForm::default();
    assert!(
        !fields(edit(&w, id, &form, &ids).await).is_empty(),
        "a variant cannot be emptied away"
    );
    assert_eq!(w.services.product(None, id).await.unwrap(), before);
}

#[tokio::test]
async fn only_the_shop_and_the_hub_may_edit() {
    let w = farms().await;
    let before = listed(&w).await;
    let id = &before.product.id;
    let (mut form, ids) = edit_form(&before);
    form.skus[0].price = "1".into();
    let denied = w
        .services
        .edit_product(&w.other_producer, id, &form, &ids)
        .await;
    assert!(matches!(denied, Err(ServiceError::Forbidden)));
    assert_eq!(w.services.product(None, id).await.unwrap(), before);
    let by_hub = w
        .services
        .edit_product(&w.hub, id, &form, &ids)
        .await
        .unwrap();
    assert_eq!(by_hub.skus[0].price.minor(), 100);
}
