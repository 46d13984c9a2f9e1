//! Shop followers and their notifications. A notice goes to every follower in one
//! `INSERT … SELECT`, keyed by account and event, so telling twice tells nobody twice.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, ShopId};
use farmgate_domain::time::Timestamp;

use super::errors::refused;
use super::SqlStore;
use crate::{FollowerNotice, Follows, NotificationRecord, StoreResult};

#[async_trait]
impl Follows for SqlStore {
    async fn set_following(
        &self,
        shop: &ShopId,
        account: &AccountId,
        follow: bool,
        at: Timestamp,
    ) -> StoreResult<()> {
        let query = if follow {
            sqlx::query(
                "INSERT INTO shop_followers (shop_id, account_id, followed_at) \
                 VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(shop.as_str())
            .bind(account.as_str())
            .bind(at.millis())
        } else {
            sqlx::query("DELETE FROM shop_followers WHERE shop_id = $1 AND account_id = $2")
                .bind(shop.as_str())
                .bind(account.as_str())
        };
        query
            .execute(&self.writer)
            .await
            .map_err(refused("already following"))?;
        Ok(())
    }

    async fn is_following(&self, shop: &ShopId, account: &AccountId) -> StoreResult<bool> {
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT 1 FROM shop_followers WHERE shop_id = $1 AND account_id = $2")
                .bind(shop.as_str())
                .bind(account.as_str())
                .fetch_optional(&self.reader)
                .await?;
        Ok(found.is_some())
    }

    async fn follower_count(&self, shop: &ShopId) -> StoreResult<i64> {
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM shop_followers WHERE shop_id = $1")
                .bind(shop.as_str())
                .fetch_one(&self.reader)
                .await?;
        Ok(count)
    }

    async fn shops_followed_by(&self, account: &AccountId, limit: i64) -> StoreResult<Vec<ShopId>> {
        let shops: Vec<String> = sqlx::query_scalar(
            "SELECT shop_id FROM shop_followers WHERE account_id = $1 \
             ORDER BY followed_at DESC, shop_id LIMIT $2",
        )
        .bind(account.as_str())
        .bind(limit.max(0))
        .fetch_all(&self.reader)
        .await?;
        Ok(shops.into_iter().map(ShopId::new).collect())
    }

    async fn notify_followers(&self, n: &FollowerNotice) -> StoreResult<u64> {
        let inserted = sqlx::query(
            "INSERT INTO notifications (account_id, kind, title, link, created_at, event_key) \
             SELECT account_id, $2, $3, $4, $5, $6 FROM shop_followers WHERE shop_id = $1 \
             ON CONFLICT DO NOTHING",
        )
        .bind(n.shop.as_str())
        .bind(n.kind.as_str())
        .bind(n.title.as_str())
        .bind(n.link.as_str())
        .bind(n.at.millis())
        .bind(n.event_key.as_str())
        .execute(&self.writer)
        .await?;
        Ok(inserted.rows_affected())
    }

    async fn notifications(
        &self,
        account: &AccountId,
        limit: i64,
    ) -> StoreResult<Vec<NotificationRecord>> {
        super::live_rows::notifications(&self.reader, account, limit).await
    }

    async fn unread_notifications(&self, account: &AccountId) -> StoreResult<i64> {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND read_at IS NULL",
        )
        .bind(account.as_str())
        .fetch_one(&self.reader)
        .await?;
        Ok(count)
    }

    async fn mark_notifications_read(&self, account: &AccountId, at: Timestamp) -> StoreResult<()> {
        sqlx::query(
            "UPDATE notifications SET read_at = $2 WHERE account_id = $1 AND read_at IS NULL",
        )
        .bind(account.as_str())
        .bind(at.millis())
        .execute(&self.writer)
        .await?;
        Ok(())
    }
}
