//! Products with their SKUs and photos: stored whole or not at all, read back exactly, listed
//! in order, and moved between listing states only from the state the caller saw.

use farmgate_domain::availability::{PreSale, Season};
use farmgate_domain::catalogue::{Category, Grade};
use farmgate_domain::id::{PhotoId, ProductId, ShopId, SkuId};
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::money::Money;
use farmgate_domain::unit::{PackSize, SellingUnit};
use farmgate_store::sql::SqlStore;
use farmgate_store::{
    Catalogue, Page, PhotoRecord, ProductDetail, ProductRecord, Shops, SkuRecord, StatusChange,
    StoreError,
};

use crate::fixtures::{add_account, add_places, code, new_id, shop, T0, VILLAGE_A1};

pub async fn add_shop(store: &SqlStore) -> ShopId {
    let owner = add_account(store, &format!("{}@example.cn", new_id())).await;
    let record = shop(&format!("Farm {}", new_id()), VILLAGE_A1);
    store
        .insert_shop_with_owner(&record, &owner.id)
        .await
        .unwrap();
    record.id
}

pub fn product(shop: &ShopId, title: &str, status: ListingStatus, at_ms: i64) -> ProductDetail {
    let id = ProductId::new(new_id());
    let sku = |position: i64, unit, net: Option<i64>, fen: i64| SkuRecord {
        id: SkuId::new(new_id()),
        product_id: id.clone(),
        position,
        name: format!("规格 {position}"),
        pack: PackSize::new(unit, net, Some(net.unwrap_or(300) + 50)).unwrap(),
        price: Money::fen(fen),
        stock: 40,
    };
    ProductDetail {
        product: ProductRecord {
            id: id.clone(),
            shop_id: shop.clone(),
            title: title.to_owned(),
            title_en: "Qaidam black goji".to_owned(),
            description: "海拔三千米".to_owned(),
            category: Category::Fruit,
            grade: Grade::Own("一等品 (Q/QH 001)".to_owned()),
            origin: code(VILLAGE_A1),
            status,
            review_reason: None,
            season: Season::from_months(&[8, 9, 10]).unwrap(),
            presale: Some(PreSale::stored(T0.plus_days(30))),
            sales: 7,
            created_at: T0.plus_millis(at_ms),
            updated_at: T0.plus_millis(at_ms),
        },
        skus: vec![
            sku(0, SellingUnit::Jin, Some(500), 6_800),
            sku(1, SellingUnit::Box, None, 12_800),
        ],
        photos: vec![PhotoRecord {
            id: PhotoId::new(new_id()),
            product_id: id,
            file_id: new_id(),
            position: 0,
            width: 1280,
            height: 960,
            created_at: T0,
        }],
    }
}

pub async fn products_read_back_exactly(store: SqlStore) {
    add_places(&store).await;
    let shop = add_shop(&store).await;
    let detail = product(&shop, "柴达木黑枸杞", ListingStatus::PendingReview, 0);
    store.insert_product(&detail).await.unwrap();
    assert_eq!(
        store.product(&detail.product.id).await.unwrap(),
        Some(detail.clone())
    );
    assert_eq!(
        store.product(&ProductId::new(new_id())).await.unwrap(),
        None
    );
    assert!(matches!(
        store.insert_product(&detail).await,
        Err(StoreError::Conflict(_))
    ));
}

pub async fn a_bad_sku_writes_no_product(store: SqlStore) {
    add_places(&store).await;
    let shop = add_shop(&store).await;
    let mut detail = product(&shop, "青稞", ListingStatus::Draft, 0);
    detail.skus[1].stock = -1;
    assert!(matches!(
        store.insert_product(&detail).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.product(&detail.product.id).await.unwrap(), None);
    assert!(store
        .products_of_shop(&shop, Page::first(10))
        .await
        .unwrap()
        .is_empty());
}

pub async fn products_list_by_shop_review_and_id(store: SqlStore) {
    add_places(&store).await;
    let shop = add_shop(&store).await;
    let other = add_shop(&store).await;
    let mut ids = Vec::new();
    for (i, status) in [
        ListingStatus::Listed,
        ListingStatus::PendingReview,
        ListingStatus::PendingReview,
    ]
    .into_iter()
    .enumerate()
    {
        let detail = product(&shop, &format!("产品 {i}"), status, i as i64 * 1_000);
        store.insert_product(&detail).await.unwrap();
        ids.push(detail.product.id);
    }
    store
        .insert_product(&product(&other, "别家", ListingStatus::Listed, 0))
        .await
        .unwrap();

    let mine = store.products_of_shop(&shop, Page::first(2)).await.unwrap();
    let titles: Vec<_> = mine.iter().map(|d| d.product.title.as_str()).collect();
    assert_eq!(titles, ["产品 2", "产品 1"], "newest first, paged");
    assert_eq!(mine[0].skus.len(), 2);
    assert_eq!(mine[0].photos.len(), 1);

    let review = store.products_in_review(Page::first(10)).await.unwrap();
    let review: Vec<_> = review.iter().map(|d| d.product.id.clone()).collect();
    assert_eq!(review, vec![ids[1].clone(), ids[2].clone()], "oldest first");

    let mut seen = Vec::new();
    let mut after: Option<ProductId> = None;
    loop {
        let batch = store.products_after(after.as_ref(), 2).await.unwrap();
        let Some(last) = batch.last() else { break };
        after = Some(last.product.id.clone());
        seen.extend(batch.into_iter().map(|d| d.product.id));
    }
    assert_eq!(seen.len(), 4, "every product once, in batches");
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted);
}

pub async fn status_changes_only_from_the_expected_state(store: SqlStore) {
    add_places(&store).await;
    let shop = add_shop(&store).await;
    let detail = product(&shop, "湖盐", ListingStatus::PendingReview, 0);
    store.insert_product(&detail).await.unwrap();
    let change = |from, to, reason: Option<&str>| StatusChange {
        product: detail.product.id.clone(),
        from,
        to,
        reason: reason.map(str::to_owned),
        at: T0.plus_millis(5),
    };
    store
        .change_status(&change(
            ListingStatus::PendingReview,
            ListingStatus::Rejected,
            Some("照片模糊"),
        ))
        .await
        .unwrap();
    let stored = store
        .product(&detail.product.id)
        .await
        .unwrap()
        .unwrap()
        .product;
    assert_eq!(
        (stored.status, stored.review_reason.as_deref()),
        (ListingStatus::Rejected, Some("照片模糊"))
    );
    let stale = store
        .change_status(&change(
            ListingStatus::PendingReview,
            ListingStatus::Listed,
            None,
        ))
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))));
    let unreasoned = store
        .change_status(&change(
            ListingStatus::Rejected,
            ListingStatus::Rejected,
            None,
        ))
        .await;
    assert!(
        matches!(unreasoned, Err(StoreError::Conflict(_))),
        "a rejection keeps its reason"
    );
    let mut missing = change(ListingStatus::Draft, ListingStatus::Listed, None);
    missing.product = ProductId::new(new_id());
    assert!(matches!(
        store.change_status(&missing).await,
        Err(StoreError::NotFound)
    ));
}

pub async fn stock_is_set_and_never_negative(store: SqlStore) {
    add_places(&store).await;
    let shop = add_shop(&store).await;
    let detail = product(&shop, "牦牛肉", ListingStatus::Listed, 0);
    store.insert_product(&detail).await.unwrap();
    let sku = &detail.skus[0].id;
    store.set_stock(sku, 12).await.unwrap();
    assert!(matches!(
        store.set_stock(sku, -1).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.set_stock(&SkuId::new(new_id()), 1).await,
        Err(StoreError::NotFound)
    ));
    let stored = store.product(&detail.product.id).await.unwrap().unwrap();
    assert_eq!(stored.skus[0].stock, 12);
}

pub async fn photos_are_added_at_free_positions(store: SqlStore) {
    add_places(&store).await;
    let shop = add_shop(&store).await;
    let detail = product(&shop, "黑枸杞", ListingStatus::Listed, 0);
    store.insert_product(&detail).await.unwrap();
    let second = PhotoRecord {
        id: PhotoId::new(new_id()),
        file_id: new_id(),
        position: 1,
        ..detail.photos[0].clone()
    };
    store.add_photo(&second).await.unwrap();
    let taken = PhotoRecord {
        id: PhotoId::new(new_id()),
        ..second.clone()
    };
    assert!(
        matches!(store.add_photo(&taken).await, Err(StoreError::Conflict(_))),
        "position taken"
    );
    let photos = store
        .product(&detail.product.id)
        .await
        .unwrap()
        .unwrap()
        .photos;
    assert_eq!(
        photos.iter().map(|p| p.position).collect::<Vec<_>>(),
        [0, 1]
    );
    assert_eq!(photos[1], second);
}
