//! A producer's edit of a product: its fields, its changed variants and its new ones in one
//! transaction, applied only from the listing state the producer saw.

use sqlx::AnyPool;

use super::catalogue::{grade_text, insert_sku, season_bits};
use super::errors::refused;
use crate::{ProductEdit, StoreError, StoreResult};

pub(super) async fn update_product(writer: &AnyPool, edit: &ProductEdit) -> StoreResult<()> {
    let p = &edit.product;
    let mut tx = writer.begin().await?;
    let done = sqlx::query(
        "UPDATE products SET title = $2, title_en = $3, description = $4, category = $5, \
         grade = $6, origin_code = $7, status = $8, review_reason = $9, season_months = $10, \
         presale_ships_from = $11, updated_at = $12 WHERE id = $1 AND status = $13",
    )
    .bind(p.id.as_str())
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
    .bind(p.updated_at.millis())
    .bind(edit.from.as_str())
    .execute(&mut *tx)
    .await
    .map_err(refused("product edit refused"))?;
    if done.rows_affected() != 1 {
        let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM products WHERE id = $1")
            .bind(p.id.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        return Err(match exists {
            Some(_) => StoreError::Conflict("the product's status changed meanwhile"),
            None => StoreError::NotFound,
        });
    }
    for sku in &edit.changed_skus {
        let done = sqlx::query(
            "UPDATE skus SET name = $3, unit = $4, net_weight_g = $5, shipping_weight_g = $6, \
             price_minor = $7, currency = $8 WHERE id = $1 AND product_id = $2",
        )
        .bind(sku.id.as_str())
        .bind(p.id.as_str())
        .bind(sku.name.as_str())
        .bind(sku.pack.unit().as_str())
        .bind(sku.pack.net_weight().map(|g| i64::from(g.get())))
        .bind(i64::from(sku.pack.shipping_weight().get()))
        .bind(sku.price.minor())
        .bind(sku.price.currency().code())
        .execute(&mut *tx)
        .await
        .map_err(refused("variant edit refused"))?;
        if done.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
    }
    for sku in &edit.new_skus {
        insert_sku(&mut tx, sku).await?;
    }
    tx.commit().await?;
    Ok(())
}
