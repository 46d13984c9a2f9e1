//! Accounts and their roles. Roles live in their own table, one row per role, so a role is
//! granted or checked without rewriting the account.

use std::collections::HashMap;

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, ShopId};
use farmgate_domain::role::Role;
use sqlx::AnyConnection;

use super::errors::refused;
use super::rows::{self, account_columns, AccountRow};
use super::{bounds, placeholders, SqlStore};
use crate::{AccountRecord, Accounts, Member, Page, StoreError, StoreResult};

#[async_trait]
impl Accounts for SqlStore {
    async fn insert_account(&self, account: &AccountRecord) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO accounts (id, email, display_name, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(account.id.as_str())
        .bind(account.email.as_str())
        .bind(account.display_name.as_str())
        .bind(account.password_hash.as_str())
        .bind(account.created_at.millis())
        .execute(&mut *tx)
        .await
        .map_err(refused("e-mail address already registered"))?;
        insert_roles(&mut tx, &account.id, &account.roles).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn account(&self, id: &AccountId) -> StoreResult<Option<AccountRecord>> {
        let row = self.account_row(id).await?;
        self.with_roles(row).await
    }

    async fn account_by_email(&self, email: &str) -> StoreResult<Option<AccountRecord>> {
        let row: Option<AccountRow> = sqlx::query_as(concat!(
            "SELECT ",
            account_columns!(),
            " FROM accounts WHERE email = $1"
        ))
        .bind(email)
        .fetch_optional(&self.reader)
        .await?;
        self.with_roles(row).await
    }

    async fn member(&self, id: &AccountId) -> StoreResult<Option<Member>> {
        let row = self.account_row(id).await?;
        self.with_memberships(row).await
    }

    async fn set_roles(&self, id: &AccountId, roles: &[Role]) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM accounts WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if found.is_none() {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM account_roles WHERE account_id = $1")
            .bind(id.as_str())
            .execute(&mut *tx)
            .await?;
        insert_roles(&mut tx, id, roles).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn list_accounts(&self, page: Page) -> StoreResult<Vec<AccountRecord>> {
        let (limit, offset) = bounds(page);
        let rows: Vec<AccountRow> = sqlx::query_as(concat!(
            "SELECT ",
            account_columns!(),
            " FROM accounts ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2"
        ))
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.reader)
        .await?;
        self.all_with_roles(rows).await
    }

    async fn accounts_with_role(&self, role: Role, page: Page) -> StoreResult<Vec<AccountRecord>> {
        let (limit, offset) = bounds(page);
        let rows: Vec<AccountRow> = sqlx::query_as(concat!(
            "SELECT ",
            account_columns!(),
            " FROM accounts WHERE id IN (SELECT account_id FROM account_roles WHERE role = $1) \
             ORDER BY display_name, id LIMIT $2 OFFSET $3"
        ))
        .bind(role.as_str())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.reader)
        .await?;
        self.all_with_roles(rows).await
    }

    async fn count_accounts(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
            .fetch_one(&self.reader)
            .await?)
    }
}

impl SqlStore {
    async fn account_row(&self, id: &AccountId) -> StoreResult<Option<AccountRow>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            account_columns!(),
            " FROM accounts WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await?)
    }

    async fn with_roles(&self, row: Option<AccountRow>) -> StoreResult<Option<AccountRecord>> {
        let Some(row) = row else { return Ok(None) };
        let names: Vec<String> =
            sqlx::query_scalar("SELECT role FROM account_roles WHERE account_id = $1")
                .bind(row.id())
                .fetch_all(&self.reader)
                .await?;
        let mut roles = names
            .iter()
            .map(|name| rows::role(name))
            .collect::<StoreResult<Vec<_>>>()?;
        rows::sort_roles(&mut roles);
        Ok(Some(row.into_record(roles)))
    }

    /// Adds roles and shops in one query: this runs on every signed-in request.
    pub(super) async fn with_memberships(
        &self,
        row: Option<AccountRow>,
    ) -> StoreResult<Option<Member>> {
        let Some(row) = row else { return Ok(None) };
        let memberships: Vec<(String, String)> = sqlx::query_as(
            "SELECT 'role', role FROM account_roles WHERE account_id = $1 \
             UNION ALL SELECT 'shop', shop_id FROM shop_members WHERE account_id = $1",
        )
        .bind(row.id())
        .fetch_all(&self.reader)
        .await?;
        let mut roles = Vec::new();
        let mut shops = Vec::new();
        for (kind, value) in memberships {
            if kind == "role" {
                roles.push(rows::role(&value)?);
            } else {
                shops.push(ShopId::new(value));
            }
        }
        rows::sort_roles(&mut roles);
        shops.sort();
        Ok(Some(Member {
            account: row.into_record(roles),
            shops,
        }))
    }

    /// A page of accounts with their roles.
    async fn all_with_roles(&self, rows: Vec<AccountRow>) -> StoreResult<Vec<AccountRecord>> {
        let mut roles = self.roles_of_many(&rows).await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let account_roles = roles.remove(row.id()).unwrap_or_default();
                row.into_record(account_roles)
            })
            .collect())
    }

    /// The roles of a page of accounts in one query rather than one per account.
    async fn roles_of_many(
        &self,
        accounts: &[AccountRow],
    ) -> StoreResult<HashMap<String, Vec<Role>>> {
        let mut roles: HashMap<String, Vec<Role>> = HashMap::new();
        if accounts.is_empty() {
            return Ok(roles);
        }
        // In chunks: SQLite refuses statements with more than 32,766 parameters.
        for chunk in accounts.chunks(500) {
            let sql = format!(
                "SELECT account_id, role FROM account_roles WHERE account_id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut query = sqlx::query_as::<_, (String, String)>(&sql);
            for account in chunk {
                query = query.bind(account.id());
            }
            for (account_id, role) in query.fetch_all(&self.reader).await? {
                roles
                    .entry(account_id)
                    .or_default()
                    .push(rows::role(&role)?);
            }
        }
        roles.values_mut().for_each(rows::sort_roles);
        Ok(roles)
    }
}

/// Adds roles to an account, ignoring ones it already holds.
pub(super) async fn insert_roles(
    conn: &mut AnyConnection,
    id: &AccountId,
    roles: &[Role],
) -> StoreResult<()> {
    for role in roles {
        sqlx::query(
            "INSERT INTO account_roles (account_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id.as_str())
        .bind(role.as_str())
        .execute(&mut *conn)
        .await
        .map_err(refused("role already held"))?;
    }
    Ok(())
}
