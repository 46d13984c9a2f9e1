//! API tokens, stored by the hash of their secret. Revoked tokens stay, for the owner's record.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, TokenId};
use farmgate_domain::time::Timestamp;

use super::errors::refused;
use super::rows::{token_columns, TokenRow};
use super::SqlStore;
use crate::{ApiTokenRecord, ApiTokens, StoreResult};

#[async_trait]
impl ApiTokens for SqlStore {
    async fn insert_token(&self, token: &ApiTokenRecord) -> StoreResult<()> {
        sqlx::query(concat!(
            "INSERT INTO api_tokens (",
            token_columns!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7)"
        ))
        .bind(token.id.as_str())
        .bind(token.account_id.as_str())
        .bind(token.name.as_str())
        .bind(token.token_hash.as_str())
        .bind(token.created_at.millis())
        .bind(token.last_used_at.map(Timestamp::millis))
        .bind(token.revoked_at.map(Timestamp::millis))
        .execute(&self.writer)
        .await
        .map_err(refused("token already exists"))?;
        Ok(())
    }

    async fn active_token(&self, token_hash: &str) -> StoreResult<Option<ApiTokenRecord>> {
        let row: Option<TokenRow> = sqlx::query_as(concat!(
            "SELECT ",
            token_columns!(),
            " FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL"
        ))
        .bind(token_hash)
        .fetch_optional(&self.reader)
        .await?;
        Ok(row.map(ApiTokenRecord::from))
    }

    async fn tokens_of(&self, account: &AccountId) -> StoreResult<Vec<ApiTokenRecord>> {
        let rows: Vec<TokenRow> = sqlx::query_as(concat!(
            "SELECT ",
            token_columns!(),
            " FROM api_tokens WHERE account_id = $1 ORDER BY created_at DESC, id DESC"
        ))
        .bind(account.as_str())
        .fetch_all(&self.reader)
        .await?;
        Ok(rows.into_iter().map(ApiTokenRecord::from).collect())
    }

    async fn revoke_token(
        &self,
        account: &AccountId,
        id: &TokenId,
        at: Timestamp,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $3 \
             WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL",
        )
        .bind(id.as_str())
        .bind(account.as_str())
        .bind(at.millis())
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records use; a token that no longer exists is nothing to record, so that is not an error.
    async fn touch_token(&self, id: &TokenId, at: Timestamp) -> StoreResult<()> {
        sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
            .bind(id.as_str())
            .bind(at.millis())
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}
