//! The dashboard's stored figures: a room's counts saved when its session ended (an upsert, so
//! saving again rewrites them) and the session's paid orders summed in SQL.

use async_trait::async_trait;
use farmgate_domain::id::{LiveSessionId, ProductId};
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;

use super::errors::refused;
use super::SqlStore;
use crate::{LiveFigures, LiveSales, ProductSales, SavedRoomFigures, StoreResult};

#[async_trait]
impl LiveFigures for SqlStore {
    async fn save_room_figures(&self, f: &SavedRoomFigures) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO live_session_figures (session_id, peak_viewers, unique_viewers, \
             unique_capped, likes, saved_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (session_id) DO UPDATE SET peak_viewers = excluded.peak_viewers, \
             unique_viewers = excluded.unique_viewers, unique_capped = excluded.unique_capped, \
             likes = excluded.likes, saved_at = excluded.saved_at",
        )
        .bind(f.session_id.as_str())
        .bind(f.peak_viewers)
        .bind(f.unique_viewers)
        .bind(i64::from(f.unique_capped))
        .bind(f.likes)
        .bind(f.saved_at.millis())
        .execute(&mut *tx)
        .await
        .map_err(refused("figures"))?;
        sqlx::query("DELETE FROM live_product_clicks WHERE session_id = $1")
            .bind(f.session_id.as_str())
            .execute(&mut *tx)
            .await?;
        for (product, clicks) in &f.clicks {
            sqlx::query(
                "INSERT INTO live_product_clicks (session_id, product_id, clicks) \
                 VALUES ($1, $2, $3)",
            )
            .bind(f.session_id.as_str())
            .bind(product.as_str())
            .bind(*clicks)
            .execute(&mut *tx)
            .await
            .map_err(refused("a product's clicks are saved once"))?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn room_figures(&self, session: &LiveSessionId) -> StoreResult<Option<SavedRoomFigures>> {
        let row: Option<(i64, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT peak_viewers, unique_viewers, unique_capped, likes, saved_at \
             FROM live_session_figures WHERE session_id = $1",
        )
        .bind(session.as_str())
        .fetch_optional(&self.reader)
        .await?;
        let Some((peak_viewers, unique_viewers, capped, likes, saved_at)) = row else {
            return Ok(None);
        };
        let clicks: Vec<(String, i64)> = sqlx::query_as(
            "SELECT product_id, clicks FROM live_product_clicks WHERE session_id = $1 \
             ORDER BY clicks DESC, product_id",
        )
        .bind(session.as_str())
        .fetch_all(&self.reader)
        .await?;
        Ok(Some(SavedRoomFigures {
            session_id: session.clone(),
            peak_viewers,
            unique_viewers,
            unique_capped: capped != 0,
            likes,
            clicks: clicks
                .into_iter()
                .map(|(product, n)| (ProductId::new(product), n))
                .collect(),
            saved_at: Timestamp::from_millis(saved_at),
        }))
    }

    async fn live_sales(&self, session: &LiveSessionId) -> StoreResult<LiveSales> {
        let (orders, buyers, gmv): (i64, i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(DISTINCT buyer_id), CAST(COALESCE(SUM(goods_minor), 0) AS BIGINT) \
             FROM orders WHERE live_session_id = $1 AND paid_at IS NOT NULL",
        )
        .bind(session.as_str())
        .fetch_one(&self.reader)
        .await?;
        let products: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT l.product_id, CAST(SUM(l.quantity) AS BIGINT), \
             CAST(SUM(l.unit_price_minor * l.quantity) AS BIGINT) \
             FROM order_lines l JOIN orders o ON o.id = l.order_id \
             WHERE o.live_session_id = $1 AND o.paid_at IS NOT NULL \
             GROUP BY l.product_id ORDER BY 3 DESC, l.product_id",
        )
        .bind(session.as_str())
        .fetch_all(&self.reader)
        .await?;
        Ok(LiveSales {
            orders,
            buyers,
            gmv: Money::fen(gmv),
            products: products
                .into_iter()
                .map(|(product, units, sales)| ProductSales {
                    product_id: ProductId::new(product),
                    units,
                    sales: Money::fen(sales),
                })
                .collect(),
        })
    }
}
