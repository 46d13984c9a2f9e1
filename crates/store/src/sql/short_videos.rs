//! Short videos, their products, and what their buyers paid (counted from `orders`).

use std::collections::HashMap;

use async_trait::async_trait;
use farmgate_domain::id::{ProductId, ShopId, ShortVideoId};
use farmgate_domain::money::Money;
use farmgate_domain::short_video::VideoStatus;
use farmgate_domain::time::Timestamp;

use super::errors::refused;
use super::{placeholders, SqlStore};
use crate::{ShortVideoRecord, ShortVideos, StoreError, StoreResult};

/// A video's columns and its paid orders; `v` is the video.
const SELECT: &str = "SELECT v.id, v.shop_id, v.title, v.status, v.progress, v.duration_ms, \
     v.failure, v.created_at, v.ready_at, \
     (SELECT COUNT(*) FROM orders o WHERE o.short_video_id = v.id AND o.paid_at IS NOT NULL), \
     (SELECT CAST(COALESCE(SUM(o.total_minor), 0) AS BIGINT) FROM orders o \
      WHERE o.short_video_id = v.id AND o.paid_at IS NOT NULL) \
     FROM short_videos v";

/// A video row as `SELECT` reads it: its columns, then its paid orders and their total.
type VideoRow = (
    String,
    String,
    String,
    String,
    i64,
    Option<i64>,
    Option<String>,
    i64,
    Option<i64>,
    i64,
    i64,
);

impl SqlStore {
    async fn videos(
        &self,
        sql: &str,
        binds: &[&str],
        limit: Option<i64>,
    ) -> StoreResult<Vec<ShortVideoRecord>> {
        let mut query = sqlx::query_as::<_, VideoRow>(sql);
        for bind in binds {
            query = query.bind(*bind);
        }
        if let Some(limit) = limit {
            query = query.bind(limit);
        }
        let rows = query.fetch_all(&self.reader).await?;
        let mut products = self
            .video_products(rows.iter().map(|r| r.0.as_str()))
            .await?;
        rows.into_iter()
            .map(|r| {
                let (
                    id,
                    shop,
                    title,
                    status,
                    progress,
                    duration_ms,
                    failure,
                    created,
                    ready,
                    orders,
                    paid,
                ) = r;
                Ok(ShortVideoRecord {
                    products: products.remove(&id).unwrap_or_default(),
                    id: ShortVideoId::new(id),
                    shop_id: ShopId::new(shop),
                    title,
                    status: VideoStatus::parse(&status)
                        .ok_or(StoreError::Corrupt("short_videos.status"))?,
                    progress,
                    duration_ms,
                    failure,
                    created_at: Timestamp::from_millis(created),
                    ready_at: ready.map(Timestamp::from_millis),
                    orders,
                    paid: Money::fen(paid),
                })
            })
            .collect()
    }

    async fn video_products<'a>(
        &self,
        ids: impl Iterator<Item = &'a str>,
    ) -> StoreResult<HashMap<String, Vec<ProductId>>> {
        let ids: Vec<&str> = ids.collect();
        let mut products: HashMap<String, Vec<ProductId>> = HashMap::new();
        for chunk in ids.chunks(500) {
            let sql = format!(
                "SELECT video_id, product_id FROM short_video_products \
                 WHERE video_id IN ({}) ORDER BY video_id, position",
                placeholders(1, chunk.len())
            );
            let mut query = sqlx::query_as::<_, (String, String)>(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            for (video, product) in query.fetch_all(&self.reader).await? {
                products
                    .entry(video)
                    .or_default()
                    .push(ProductId::new(product));
            }
        }
        Ok(products)
    }
}

#[async_trait]
impl ShortVideos for SqlStore {
    async fn insert_short_video(&self, v: &ShortVideoRecord) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO short_videos (id, shop_id, title, status, progress, duration_ms, \
             failure, created_at, ready_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(v.id.as_str())
        .bind(v.shop_id.as_str())
        .bind(v.title.as_str())
        .bind(v.status.as_str())
        .bind(v.progress)
        .bind(v.duration_ms)
        .bind(v.failure.as_deref())
        .bind(v.created_at.millis())
        .bind(v.ready_at.map(Timestamp::millis))
        .execute(&mut *tx)
        .await
        .map_err(refused("this video already exists"))?;
        for (position, product) in v.products.iter().enumerate() {
            sqlx::query(
                "INSERT INTO short_video_products (video_id, product_id, position) \
                 VALUES ($1, $2, $3)",
            )
            .bind(v.id.as_str())
            .bind(product.as_str())
            .bind(position as i64)
            .execute(&mut *tx)
            .await
            .map_err(refused("a product is named twice"))?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn short_video(&self, id: &ShortVideoId) -> StoreResult<Option<ShortVideoRecord>> {
        let sql = format!("{SELECT} WHERE v.id = $1");
        Ok(self.videos(&sql, &[id.as_str()], None).await?.pop())
    }

    async fn short_videos_of_shop(
        &self,
        shop: &ShopId,
        limit: i64,
    ) -> StoreResult<Vec<ShortVideoRecord>> {
        let sql =
            format!("{SELECT} WHERE v.shop_id = $1 ORDER BY v.created_at DESC, v.id DESC LIMIT $2");
        self.videos(&sql, &[shop.as_str()], Some(limit)).await
    }

    async fn ready_short_videos_after(
        &self,
        after: Option<&ShortVideoId>,
        limit: i64,
    ) -> StoreResult<Vec<ShortVideoRecord>> {
        let sql = format!("{SELECT} WHERE v.status = 'ready' AND v.id > $1 ORDER BY v.id LIMIT $2");
        self.videos(&sql, &[after.map_or("", ShortVideoId::as_str)], Some(limit))
            .await
    }

    async fn processing_short_videos(&self) -> StoreResult<Vec<ShortVideoId>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM short_videos WHERE status = 'processing' ORDER BY created_at, id",
        )
        .fetch_all(&self.reader)
        .await?;
        Ok(ids.into_iter().map(ShortVideoId::new).collect())
    }

    async fn set_short_video_progress(&self, id: &ShortVideoId, percent: i64) -> StoreResult<()> {
        sqlx::query(
            "UPDATE short_videos SET progress = $2 \
             WHERE id = $1 AND status = 'processing' AND progress < $2",
        )
        .bind(id.as_str())
        .bind(percent.clamp(0, 99))
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn short_video_ready(
        &self,
        id: &ShortVideoId,
        duration_ms: i64,
        at: Timestamp,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE short_videos SET status = 'ready', progress = 100, duration_ms = $2, \
             ready_at = $3 WHERE id = $1 AND status = 'processing'",
        )
        .bind(id.as_str())
        .bind(duration_ms)
        .bind(at.millis())
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn short_video_failed(&self, id: &ShortVideoId, failure: &str) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE short_videos SET status = 'failed', failure = $2 \
             WHERE id = $1 AND status = 'processing'",
        )
        .bind(id.as_str())
        .bind(failure)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn delete_short_video(&self, id: &ShortVideoId) -> StoreResult<()> {
        sqlx::query("DELETE FROM short_videos WHERE id = $1")
            .bind(id.as_str())
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}
