//! Login sessions, stored by the hash of their cookie secret.

use async_trait::async_trait;
use farmgate_domain::time::Timestamp;

use super::errors::refused;
use super::rows::AccountRow;
use super::SqlStore;
use crate::{Member, SessionRecord, Sessions, StoreResult};

#[async_trait]
impl Sessions for SqlStore {
    async fn insert_session(&self, session: &SessionRecord) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(session.token_hash.as_str())
        .bind(session.account_id.as_str())
        .bind(session.created_at.millis())
        .bind(session.expires_at.millis())
        .execute(&self.writer)
        .await
        .map_err(refused("session already exists"))?;
        Ok(())
    }

    async fn session_member(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<Member>> {
        let row: Option<AccountRow> = sqlx::query_as(
            "SELECT a.id, a.email, a.display_name, a.password_hash, a.created_at \
             FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.millis())
        .fetch_optional(&self.reader)
        .await?;
        self.with_memberships(row).await
    }

    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// A session is expired from its `expires_at` on, matching `session_member`.
    async fn delete_expired_sessions(&self, now: Timestamp) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now.millis())
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected())
    }
}
