//! Catalogue records and the storage interface for products, their photos and SKUs.

use async_trait::async_trait;
use farmgate_domain::availability::{PreSale, Season};
use farmgate_domain::catalogue::{Category, Grade};
use farmgate_domain::id::{PhotoId, ProductId, ShopId, SkuId};
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::money::Money;
use farmgate_domain::place::AreaCode;
use farmgate_domain::time::Timestamp;
use farmgate_domain::unit::PackSize;

use crate::{Page, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductRecord {
    pub id: ProductId,
    pub shop_id: ShopId,
    pub title: String,
    pub title_en: String,
    pub description: String,
    pub category: Category,
    pub grade: Grade,
    /// The village it was grown or made in.
    pub origin: AreaCode,
    pub status: ListingStatus,
    /// Why the hub rejected it; set exactly when rejected.
    pub review_reason: Option<String>,
    pub season: Season,
    pub presale: Option<PreSale>,
    /// Units sold, for sorting by popularity.
    pub sales: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkuRecord {
    pub id: SkuId,
    pub product_id: ProductId,
    /// Order on the product page, from 0.
    pub position: i64,
    pub name: String,
    pub pack: PackSize,
    pub price: Money,
    /// Units that can be sold now.
    pub stock: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoRecord {
    pub id: PhotoId,
    pub product_id: ProductId,
    /// Names the files on disk (`/photos/<file_id>/<rendition>.jpg`); usually the photo's id.
    pub file_id: String,
    /// Order in the gallery; 0 is the cover.
    pub position: i64,
    pub width: i64,
    pub height: i64,
    pub created_at: Timestamp,
}

/// A product with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductDetail {
    pub product: ProductRecord,
    pub skus: Vec<SkuRecord>,
    pub photos: Vec<PhotoRecord>,
}

/// A listing decision or a producer's change of status, applied only from `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub product: ProductId,
    pub from: ListingStatus,
    pub to: ListingStatus,
    pub reason: Option<String>,
    pub at: Timestamp,
}

/// A producer's edit of a product, applied only if the product is still in `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductEdit {
    /// The product's new fields and the status the edit leaves it in; its shop, sales and
    /// creation time are not changed.
    pub product: ProductRecord,
    pub from: ListingStatus,
    /// Existing variants with their new name, pack and price; their stock is left alone, since
    /// checkouts may have taken some since the form was drawn.
    pub changed_skus: Vec<SkuRecord>,
    pub new_skus: Vec<SkuRecord>,
}

#[async_trait]
pub trait Catalogue: Send + Sync {
    /// Stores a product with its SKUs and photos, all or nothing.
    async fn insert_product(&self, detail: &ProductDetail) -> StoreResult<()>;
    /// Stores several products (an imported file) in one transaction: all of them or none.
    async fn insert_products(&self, details: &[ProductDetail]) -> StoreResult<()>;
    async fn product(&self, id: &ProductId) -> StoreResult<Option<ProductDetail>>;
    /// A shop's products, newest first, any status.
    async fn products_of_shop(&self, shop: &ShopId, page: Page) -> StoreResult<Vec<ProductDetail>>;
    /// Products waiting for the hub's review, oldest first.
    async fn products_in_review(&self, page: Page) -> StoreResult<Vec<ProductDetail>>;
    /// Every product after `after` (by id), for rebuilding the search index in batches.
    async fn products_after(
        &self,
        after: Option<&ProductId>,
        limit: i64,
    ) -> StoreResult<Vec<ProductDetail>>;
    /// Changes the status only if it is still `from` (`StoreError::Conflict` otherwise).
    async fn change_status(&self, change: &StatusChange) -> StoreResult<()>;
    /// Adds a photo at its position (`StoreError::Conflict` when the position is taken).
    async fn add_photo(&self, photo: &PhotoRecord) -> StoreResult<()>;
    /// Applies an edit in one transaction (`StoreError::Conflict` when the status moved on,
    /// `NotFound` when the product or a changed variant of it is missing).
    async fn update_product(&self, edit: &ProductEdit) -> StoreResult<()>;
    /// Sets a SKU's stock to an absolute count (the producer's stocktake).
    async fn set_stock(&self, sku: &SkuId, stock: i64) -> StoreResult<()>;
}
