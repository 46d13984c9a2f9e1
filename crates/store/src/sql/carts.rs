//! Buyers' carts.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, ProductId, ShortVideoId, SkuId};
use farmgate_domain::time::Timestamp;

use super::errors::refused;
use super::{placeholders, SqlStore};
use crate::{CartLineRecord, Carts, StoreResult};

#[async_trait]
impl Carts for SqlStore {
    async fn cart(&self, account: &AccountId) -> StoreResult<Vec<CartLineRecord>> {
        let rows: Vec<(String, String, i64, i64, Option<String>)> = sqlx::query_as(
            "SELECT product_id, sku_id, quantity, added_at, short_video_id FROM cart_lines \
             WHERE account_id = $1 ORDER BY added_at, sku_id",
        )
        .bind(account.as_str())
        .fetch_all(&self.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(product, sku, quantity, added_at, video)| CartLineRecord {
                product_id: ProductId::new(product),
                sku_id: SkuId::new(sku),
                quantity,
                added_at: Timestamp::from_millis(added_at),
                short_video: video.map(ShortVideoId::new),
            })
            .collect())
    }

    async fn add_to_cart(&self, account: &AccountId, line: &CartLineRecord) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO cart_lines \
             (account_id, sku_id, product_id, quantity, added_at, short_video_id) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (account_id, sku_id) \
             DO UPDATE SET quantity = CASE WHEN cart_lines.quantity + excluded.quantity > 999 \
             THEN 999 ELSE cart_lines.quantity + excluded.quantity END, \
             short_video_id = COALESCE(excluded.short_video_id, cart_lines.short_video_id)",
        )
        .bind(account.as_str())
        .bind(line.sku_id.as_str())
        .bind(line.product_id.as_str())
        .bind(line.quantity)
        .bind(line.added_at.millis())
        .bind(line.short_video.as_ref().map(ShortVideoId::as_str))
        .execute(&self.writer)
        .await
        .map_err(refused("cart line refused"))?;
        Ok(())
    }

    async fn set_cart_quantity(
        &self,
        account: &AccountId,
        sku: &SkuId,
        quantity: i64,
    ) -> StoreResult<()> {
        let query = if quantity <= 0 {
            sqlx::query("DELETE FROM cart_lines WHERE account_id = $1 AND sku_id = $2")
                .bind(account.as_str())
                .bind(sku.as_str())
        } else {
            sqlx::query("UPDATE cart_lines SET quantity = $3 WHERE account_id = $1 AND sku_id = $2")
                .bind(account.as_str())
                .bind(sku.as_str())
                .bind(quantity)
        };
        query
            .execute(&self.writer)
            .await
            .map_err(refused("cart line refused"))?;
        Ok(())
    }

    async fn remove_from_cart(&self, account: &AccountId, skus: &[SkuId]) -> StoreResult<()> {
        if skus.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "DELETE FROM cart_lines WHERE account_id = $1 AND sku_id IN ({})",
            placeholders(2, skus.len())
        );
        let mut query = sqlx::query(&sql).bind(account.as_str());
        for sku in skus {
            query = query.bind(sku.as_str());
        }
        query.execute(&self.writer).await?;
        Ok(())
    }
}
