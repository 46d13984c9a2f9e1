//! Products, photos and SKUs. A product and its parts are written in one transaction, and
//! lists load the parts of a whole page in two queries rather than two per product.

use std::collections::HashMap;

use async_trait::async_trait;
use farmgate_domain::availability::{PreSale, Season};
use farmgate_domain::catalogue::{Category, Grade};
use farmgate_domain::id::{PhotoId, ProductId, ShopId, SkuId};
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::place::AreaCode;
use farmgate_domain::time::Timestamp;
use farmgate_domain::unit::{PackSize, SellingUnit};
use sqlx::AnyConnection;

use super::errors::refused;
use super::{bounds, placeholders, SqlStore};
use crate::{
    Catalogue, Page, PhotoRecord, ProductDetail, ProductEdit, ProductRecord, SkuRecord,
    StatusChange, StoreError, StoreResult,
};

macro_rules! product_columns {
    () => {
        "id, shop_id, title, title_en, description, category, grade, origin_code, status, \
         review_reason, season_months, presale_ships_from, sales, created_at, updated_at"
    };
}

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: String,
    shop_id: String,
    title: String,
    title_en: String,
    description: String,
    category: String,
    grade: String,
    origin_code: String,
    status: String,
    review_reason: Option<String>,
    season_months: i64,
    presale_ships_from: Option<i64>,
    sales: i64,
    created_at: i64,
    updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct SkuRow {
    id: String,
    product_id: String,
    position: i64,
    name: String,
    unit: String,
    net_weight_g: Option<i64>,
    shipping_weight_g: i64,
    price_minor: i64,
    currency: String,
    stock: i64,
}

#[derive(sqlx::FromRow)]
struct PhotoRow {
    id: String,
    product_id: String,
    file_id: String,
    position: i64,
    width: i64,
    height: i64,
    created_at: i64,
}

#[async_trait]
impl Catalogue for SqlStore {
    async fn insert_product(&self, detail: &ProductDetail) -> StoreResult<()> {
        self.insert_products(std::slice::from_ref(detail)).await
    }

    async fn insert_products(&self, details: &[ProductDetail]) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        for detail in details {
            insert_product_row(&mut tx, &detail.product).await?;
            for sku in &detail.skus {
                insert_sku(&mut tx, sku).await?;
            }
            for photo in &detail.photos {
                insert_photo(&mut tx, photo).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn product(&self, id: &ProductId) -> StoreResult<Option<ProductDetail>> {
        let rows: Vec<ProductRow> = sqlx::query_as(concat!(
            "SELECT ",
            product_columns!(),
            " FROM products WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_all(&self.reader)
        .await?;
        Ok(self.details(rows).await?.pop())
    }

    async fn products_of_shop(&self, shop: &ShopId, page: Page) -> StoreResult<Vec<ProductDetail>> {
        let (limit, offset) = bounds(page);
        let rows: Vec<ProductRow> = sqlx::query_as(concat!(
            "SELECT ",
            product_columns!(),
            " FROM products WHERE shop_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(shop.as_str())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.reader)
        .await?;
        self.details(rows).await
    }

    async fn products_in_review(&self, page: Page) -> StoreResult<Vec<ProductDetail>> {
        let (limit, offset) = bounds(page);
        let rows: Vec<ProductRow> = sqlx::query_as(concat!(
            "SELECT ",
            product_columns!(),
            " FROM products WHERE status = 'pending_review' ORDER BY updated_at, id LIMIT $1 OFFSET $2"
        ))
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.reader)
        .await?;
        self.details(rows).await
    }

    async fn products_after(
        &self,
        after: Option<&ProductId>,
        limit: i64,
    ) -> StoreResult<Vec<ProductDetail>> {
        let rows: Vec<ProductRow> = sqlx::query_as(concat!(
            "SELECT ",
            product_columns!(),
            " FROM products WHERE id > $1 ORDER BY id LIMIT $2"
        ))
        .bind(after.map_or("", |id| id.as_str()))
        .bind(limit.max(0))
        .fetch_all(&self.reader)
        .await?;
        self.details(rows).await
    }

    async fn change_status(&self, change: &StatusChange) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE products SET status = $3, review_reason = $4, updated_at = $5 \
             WHERE id = $1 AND status = $2",
        )
        .bind(change.product.as_str())
        .bind(change.from.as_str())
        .bind(change.to.as_str())
        .bind(change.reason.as_deref())
        .bind(change.at.millis())
        .execute(&self.writer)
        .await
        .map_err(refused("status change refused"))?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM products WHERE id = $1")
            .bind(change.product.as_str())
            .fetch_optional(&self.writer)
            .await?;
        match exists {
            Some(_) => Err(StoreError::Conflict(
                "the product's status changed meanwhile",
            )),
            None => Err(StoreError::NotFound),
        }
    }

    async fn add_photo(&self, photo: &PhotoRecord) -> StoreResult<()> {
        let mut conn = self.writer.acquire().await?;
        insert_photo(&mut conn, photo).await
    }

    async fn update_product(&self, edit: &ProductEdit) -> StoreResult<()> {
        super::product_edits::update_product(&self.writer, edit).await
    }

    async fn set_stock(&self, sku: &SkuId, stock: i64) -> StoreResult<()> {
        let done = sqlx::query("UPDATE skus SET stock = $2 WHERE id = $1")
            .bind(sku.as_str())
            .bind(stock)
            .execute(&self.writer)
            .await
            .map_err(refused("stock refused"))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}

impl SqlStore {
    /// Loads the SKUs and photos of `rows` and assembles them, keeping the rows' order.
    async fn details(&self, rows: Vec<ProductRow>) -> StoreResult<Vec<ProductDetail>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let list = placeholders(1, ids.len());
        let sku_sql = format!(
            "SELECT id, product_id, position, name, unit, net_weight_g, shipping_weight_g, \
             price_minor, currency, stock FROM skus WHERE product_id IN ({list}) ORDER BY position"
        );
        let mut sku_query = sqlx::query_as::<_, SkuRow>(&sku_sql);
        for id in &ids {
            sku_query = sku_query.bind(*id);
        }
        let photo_sql = format!(
            "SELECT id, product_id, file_id, position, width, height, created_at FROM product_photos \
             WHERE product_id IN ({list}) ORDER BY position"
        );
        let mut photo_query = sqlx::query_as::<_, PhotoRow>(&photo_sql);
        for id in &ids {
            photo_query = photo_query.bind(*id);
        }
        let mut skus: HashMap<String, Vec<SkuRecord>> = HashMap::new();
        for row in sku_query.fetch_all(&self.reader).await? {
            skus.entry(row.product_id.clone())
                .or_default()
                .push(sku_record(row)?);
        }
        let mut photos: HashMap<String, Vec<PhotoRecord>> = HashMap::new();
        for row in photo_query.fetch_all(&self.reader).await? {
            photos
                .entry(row.product_id.clone())
                .or_default()
                .push(photo_record(row));
        }
        rows.into_iter()
            .map(|row| {
                let skus = skus.remove(&row.id).unwrap_or_default();
                let photos = photos.remove(&row.id).unwrap_or_default();
                Ok(ProductDetail {
                    product: product_record(row)?,
                    skus,
                    photos,
                })
            })
            .collect()
    }
}

async fn insert_product_row(conn: &mut AnyConnection, p: &ProductRecord) -> StoreResult<()> {
    sqlx::query(concat!(
        "INSERT INTO products (",
        product_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
    ))
    .bind(p.id.as_str())
    .bind(p.shop_id.as_str())
    .bind(p.title.as_str())
    .bind(p.title_en.as_str())
    .bind(p.description.as_str())
    .bind(p.category.slug())
    .bind(grade_text(&p.grade))
    .bind(p.origin.as_str())
    .bind(p.status.as_str())
    .bind(p.review_reason.as_deref())
    .bind(season_bits(p.season))
    .bind(p.presale.map(|presale| presale.ships_from().millis()))
    .bind(p.sales)
    .bind(p.created_at.millis())
    .bind(p.updated_at.millis())
    .execute(conn)
    .await
    .map_err(refused("a product with this id exists"))?;
    Ok(())
}

pub(super) async fn insert_sku(conn: &mut AnyConnection, sku: &SkuRecord) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO skus (id, product_id, position, name, unit, net_weight_g, shipping_weight_g, \
         price_minor, currency, stock) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(sku.id.as_str())
    .bind(sku.product_id.as_str())
    .bind(sku.position)
    .bind(sku.name.as_str())
    .bind(sku.pack.unit().as_str())
    .bind(sku.pack.net_weight().map(|g| i64::from(g.get())))
    .bind(i64::from(sku.pack.shipping_weight().get()))
    .bind(sku.price.minor())
    .bind(sku.price.currency().code())
    .bind(sku.stock)
    .execute(conn)
    .await
    .map_err(refused("two SKUs share an id or a position"))?;
    Ok(())
}

async fn insert_photo(conn: &mut AnyConnection, photo: &PhotoRecord) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO product_photos (id, product_id, file_id, position, width, height, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(photo.id.as_str())
    .bind(photo.product_id.as_str())
    .bind(photo.file_id.as_str())
    .bind(photo.position)
    .bind(photo.width)
    .bind(photo.height)
    .bind(photo.created_at.millis())
    .execute(conn)
    .await
    .map_err(refused("two photos share an id or a position"))?;
    Ok(())
}

/// Months as bits 0–11 (January is bit 0), the form the database checks.
pub(super) fn season_bits(season: Season) -> i64 {
    season
        .months()
        .into_iter()
        .map(|month| 1i64 << (month.number() - 1))
        .sum()
}

fn season_from_bits(bits: i64) -> StoreResult<Season> {
    let months: Vec<u8> = (1u8..=12).filter(|m| bits & (1 << (m - 1)) != 0).collect();
    Season::from_months(&months).map_err(|_| StoreError::Corrupt("products.season_months"))
}

pub(super) fn grade_text(grade: &Grade) -> &str {
    match grade {
        Grade::Special => "special",
        Grade::First => "first",
        Grade::Second => "second",
        Grade::Own(text) => text,
    }
}

fn product_record(row: ProductRow) -> StoreResult<ProductRecord> {
    Ok(ProductRecord {
        id: ProductId::new(row.id),
        shop_id: ShopId::new(row.shop_id),
        title: row.title,
        title_en: row.title_en,
        description: row.description,
        category: Category::parse(&row.category).ok_or(StoreError::Corrupt("products.category"))?,
        grade: Grade::parse(&row.grade).map_err(|_| StoreError::Corrupt("products.grade"))?,
        origin: AreaCode::parse(&row.origin_code)
            .ok_or(StoreError::Corrupt("products.origin_code"))?,
        status: ListingStatus::parse(&row.status).ok_or(StoreError::Corrupt("products.status"))?,
        review_reason: row.review_reason,
        season: season_from_bits(row.season_months)?,
        presale: row
            .presale_ships_from
            .map(|at| PreSale::stored(Timestamp::from_millis(at))),
        sales: row.sales,
        created_at: Timestamp::from_millis(row.created_at),
        updated_at: Timestamp::from_millis(row.updated_at),
    })
}

fn sku_record(row: SkuRow) -> StoreResult<SkuRecord> {
    let unit = SellingUnit::parse(&row.unit).ok_or(StoreError::Corrupt("skus.unit"))?;
    let pack = PackSize::new(unit, row.net_weight_g, Some(row.shipping_weight_g))
        .map_err(|_| StoreError::Corrupt("skus.weight"))?;
    let currency = Currency::parse(&row.currency).ok_or(StoreError::Corrupt("skus.currency"))?;
    Ok(SkuRecord {
        id: SkuId::new(row.id),
        product_id: ProductId::new(row.product_id),
        position: row.position,
        name: row.name,
        pack,
        price: Money::new(row.price_minor, currency),
        stock: row.stock,
    })
}

fn photo_record(row: PhotoRow) -> PhotoRecord {
    PhotoRecord {
        id: PhotoId::new(row.id),
        product_id: ProductId::new(row.product_id),
        file_id: row.file_id,
        position: row.position,
        width: row.width,
        height: row.height,
        created_at: Timestamp::from_millis(row.created_at),
    }
}
