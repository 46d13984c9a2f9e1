//! Live sessions. State changes are guarded `UPDATE … WHERE status IN (…)`, so nginx's
//! callbacks arriving twice, or late, change a session once; the bag is written with the
//! session in one transaction and only from the session's own shop.

use async_trait::async_trait;
use farmgate_domain::id::{LiveSessionId, ProductId, ShopId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::errors::refused;
use super::{placeholders, SqlStore};
use crate::{
    LiveFilter, LivePin, LiveSessionRecord, LiveSessionSummary, LiveSessions, LiveTransition,
    StoreError, StoreResult,
};

use super::live_rows::{session_record, summary_record, SessionRow, SummaryRow};

macro_rules! session_columns {
    () => {
        "id, shop_id, host_id, title, trailer, cover_file_id, starts_at, status, stream_key, \
         pinned_product_id, went_live_at, ended_at, replay_playlist, created_at"
    };
}

#[async_trait]
impl LiveSessions for SqlStore {
    async fn insert_live_session(&self, s: &LiveSessionRecord) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(concat!(
            "INSERT INTO live_sessions (",
            session_columns!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        ))
        .bind(s.id.as_str())
        .bind(s.shop_id.as_str())
        .bind(s.host_id.as_str())
        .bind(s.title.as_str())
        .bind(s.trailer.as_str())
        .bind(s.cover_file_id.as_deref())
        .bind(s.starts_at.millis())
        .bind(s.status.as_str())
        .bind(s.stream_key.as_str())
        .bind(s.pinned_product.as_ref().map(ProductId::as_str))
        .bind(s.went_live_at.map(Timestamp::millis))
        .bind(s.ended_at.map(Timestamp::millis))
        .bind(s.replay_playlist.as_deref())
        .bind(s.created_at.millis())
        .execute(&mut *tx)
        .await
        .map_err(refused("that stream key is taken"))?;
        write_bag(&mut tx, &s.id, &s.shop_id, &s.bag).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn live_session(&self, id: &LiveSessionId) -> StoreResult<Option<LiveSessionRecord>> {
        self.session_where("id = $1", id.as_str()).await
    }

    async fn live_session_by_key(&self, key: &str) -> StoreResult<Option<LiveSessionRecord>> {
        self.session_where("stream_key = $1", key).await
    }

    async fn live_sessions(
        &self,
        filter: &LiveFilter,
        limit: i64,
    ) -> StoreResult<Vec<LiveSessionSummary>> {
        if filter.statuses.is_empty() {
            return Ok(Vec::new());
        }
        let n = filter.statuses.len();
        let order = if filter.newest_first { "DESC" } else { "ASC" };
        let needing = if filter.needing_replay {
            "AND s.replay_playlist IS NULL \
             AND EXISTS (SELECT 1 FROM live_bag_items b WHERE b.session_id = s.id)"
        } else {
            ""
        };
        let sql = format!(
            "SELECT s.id, s.shop_id, h.name AS shop_name, s.title, s.trailer, s.starts_at, \
             s.status, COALESCE(s.cover_file_id, (SELECT p.file_id FROM live_bag_items b \
             JOIN product_photos p ON p.product_id = b.product_id WHERE b.session_id = s.id \
             ORDER BY b.position, p.position LIMIT 1)) AS cover_file_id, \
             CASE WHEN s.replay_playlist IS NULL THEN 0 ELSE 1 END AS has_replay \
             FROM live_sessions s JOIN shops h ON h.id = s.shop_id \
             WHERE s.status IN ({}) AND ($1 = '' OR s.shop_id = $1) AND s.starts_at >= $2 {needing} \
             ORDER BY CASE WHEN s.status = 'live' THEN 0 ELSE 1 END, s.starts_at {order}, \
             s.id {order} LIMIT {}",
            placeholders(3, n),
            limit.clamp(0, 500)
        );
        let mut query = sqlx::query_as::<_, SummaryRow>(&sql)
            .bind(filter.shop.as_ref().map_or("", ShopId::as_str))
            .bind(filter.starts_from.map_or(i64::MIN, Timestamp::millis));
        for status in &filter.statuses {
            query = query.bind(status.as_str());
        }
        let rows = query.fetch_all(&self.reader).await?;
        rows.into_iter().map(summary_record).collect()
    }

    async fn update_live_session(&self, s: &LiveSessionRecord) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        let updated = sqlx::query(
            "UPDATE live_sessions SET title = $2, trailer = $3, starts_at = $4, \
             cover_file_id = $5 WHERE id = $1 AND status IN ('scheduled', 'live')",
        )
        .bind(s.id.as_str())
        .bind(s.title.as_str())
        .bind(s.trailer.as_str())
        .bind(s.starts_at.millis())
        .bind(s.cover_file_id.as_deref())
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::Conflict("the session is over"));
        }
        sqlx::query("DELETE FROM live_bag_items WHERE session_id = $1")
            .bind(s.id.as_str())
            .execute(&mut *tx)
            .await?;
        write_bag(&mut tx, &s.id, &s.shop_id, &s.bag).await?;
        sqlx::query(
            "UPDATE live_sessions SET pinned_product_id = NULL WHERE id = $1 AND \
             pinned_product_id IS NOT NULL AND pinned_product_id NOT IN \
             (SELECT product_id FROM live_bag_items WHERE session_id = $1)",
        )
        .bind(s.id.as_str())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn mark_live(&self, id: &LiveSessionId, at: Timestamp) -> StoreResult<LiveTransition> {
        let sql = "UPDATE live_sessions SET status = 'live', went_live_at = $2 \
                   WHERE id = $1 AND status = 'scheduled'";
        self.transition(sql, id, at, LiveStatus::Live).await
    }

    async fn mark_ended(&self, id: &LiveSessionId, at: Timestamp) -> StoreResult<LiveTransition> {
        let sql = "UPDATE live_sessions SET status = 'ended', ended_at = $2, \
                   pinned_product_id = NULL WHERE id = $1 AND status = 'live'";
        self.transition(sql, id, at, LiveStatus::Ended).await
    }

    async fn cancel_live_session(&self, id: &LiveSessionId, at: Timestamp) -> StoreResult<()> {
        let updated = sqlx::query(
            "UPDATE live_sessions SET status = 'cancelled', ended_at = $2 \
             WHERE id = $1 AND status = 'scheduled'",
        )
        .bind(id.as_str())
        .bind(at.millis())
        .execute(&self.writer)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::Conflict(
                "only a scheduled session can be cancelled",
            ));
        }
        Ok(())
    }

    async fn set_replay(&self, id: &LiveSessionId, playlist: &str) -> StoreResult<()> {
        let updated = sqlx::query(
            "UPDATE live_sessions SET replay_playlist = $2 WHERE id = $1 AND status = 'ended'",
        )
        .bind(id.as_str())
        .bind(playlist)
        .execute(&self.writer)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::Conflict("only an ended session has a replay"));
        }
        Ok(())
    }

    async fn pin_product(
        &self,
        id: &LiveSessionId,
        product: Option<&ProductId>,
        at: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        let updated = sqlx::query(
            "UPDATE live_sessions SET pinned_product_id = $2 WHERE id = $1 AND status = 'live' \
             AND ($2 IS NULL OR EXISTS (SELECT 1 FROM live_bag_items \
             WHERE session_id = $1 AND product_id = $2))",
        )
        .bind(id.as_str())
        .bind(product.map(ProductId::as_str))
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::Conflict(
                "only a product in the bag of a live session can be pinned",
            ));
        }
        if let Some(product) = product {
            sqlx::query(
                "INSERT INTO live_pins (session_id, product_id, pinned_at) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(id.as_str())
            .bind(product.as_str())
            .bind(at.millis())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn live_pins(&self, id: &LiveSessionId) -> StoreResult<Vec<LivePin>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT product_id, pinned_at FROM live_pins WHERE session_id = $1 \
             ORDER BY pinned_at, product_id",
        )
        .bind(id.as_str())
        .fetch_all(&self.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(product, at)| LivePin {
                product_id: ProductId::new(product),
                pinned_at: Timestamp::from_millis(at),
            })
            .collect())
    }
}

impl SqlStore {
    async fn session_where(
        &self,
        condition: &str,
        value: &str,
    ) -> StoreResult<Option<LiveSessionRecord>> {
        let sql = format!(
            "SELECT {} FROM live_sessions WHERE {condition}",
            session_columns!()
        );
        let Some(row) = sqlx::query_as::<_, SessionRow>(&sql)
            .bind(value)
            .fetch_optional(&self.reader)
            .await?
        else {
            return Ok(None);
        };
        let bag: Vec<(String,)> = sqlx::query_as(
            "SELECT product_id FROM live_bag_items WHERE session_id = $1 ORDER BY position",
        )
        .bind(row.id.as_str())
        .fetch_all(&self.reader)
        .await?;
        session_record(row, bag.into_iter().map(|(p,)| ProductId::new(p)).collect()).map(Some)
    }

    /// Runs a guarded state change (`sql` binds the id and the time) and reads the session
    /// after it: unchanged is fine when it already is where the change leads (a repeated
    /// callback), a conflict otherwise.
    async fn transition(
        &self,
        sql: &str,
        id: &LiveSessionId,
        at: Timestamp,
        target: LiveStatus,
    ) -> StoreResult<LiveTransition> {
        let changed = sqlx::query(sql)
            .bind(id.as_str())
            .bind(at.millis())
            .execute(&self.writer)
            .await?
            .rows_affected()
            > 0;
        let session = self.live_session(id).await?.ok_or(StoreError::NotFound)?;
        if !changed && session.status != target {
            return Err(StoreError::Conflict(
                "the session cannot change that way now",
            ));
        }
        Ok(LiveTransition { session, changed })
    }
}

/// Writes the bag in order, each product only if it is the shop's own.
async fn write_bag(
    tx: &mut AnyConnection,
    session: &LiveSessionId,
    shop: &ShopId,
    bag: &[ProductId],
) -> StoreResult<()> {
    for (position, product) in bag.iter().enumerate() {
        let written = sqlx::query(
            "INSERT INTO live_bag_items (session_id, product_id, position) \
             SELECT $1, id, $3 FROM products WHERE id = $2 AND shop_id = $4",
        )
        .bind(session.as_str())
        .bind(product.as_str())
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(shop.as_str())
        .execute(&mut *tx)
        .await
        .map_err(refused("a product is in the bag twice"))?;
        if written.rows_affected() == 0 {
            return Err(StoreError::Conflict(
                "a product in the bag is not one of the shop's",
            ));
        }
    }
    Ok(())
}
