//! Shops and their members. Opening a shop also makes its owner a producer, in the same
//! transaction, so there is never a shop whose owner cannot manage it.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, ShopId};
use farmgate_domain::place::{AreaCode, PlaceLevel};
use farmgate_domain::role::Role;
use sqlx::AnyConnection;

use super::accounts::insert_roles;
use super::errors::refused;
use super::rows::{records, shop_columns, ShopRow};
use super::{bounds, SqlStore};
use crate::{Page, ShopFilter, ShopProfile, ShopRecord, Shops, StoreError, StoreResult};

#[async_trait]
impl Shops for SqlStore {
    async fn insert_shop_with_owner(
        &self,
        shop: &ShopRecord,
        owner: &AccountId,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        insert_shop(&mut tx, shop, owner).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn shop(&self, id: &ShopId) -> StoreResult<Option<ShopRecord>> {
        let row: Option<ShopRow> = sqlx::query_as(concat!(
            "SELECT ",
            shop_columns!(),
            " FROM shops WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await?;
        row.map(ShopRecord::try_from).transpose()
    }

    async fn list_shops(&self, filter: &ShopFilter, page: Page) -> StoreResult<Vec<ShopRecord>> {
        let (limit, offset) = bounds(page);
        let rows: Vec<ShopRow> = sqlx::query_as(concat!(
            "SELECT ",
            shop_columns!(),
            " FROM shops WHERE village_code LIKE $1 ORDER BY name, id LIMIT $2 OFFSET $3"
        ))
        .bind(village_pattern(filter))
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.reader)
        .await?;
        records(rows)
    }

    async fn count_shops(&self, filter: &ShopFilter) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM shops WHERE village_code LIKE $1")
                .bind(village_pattern(filter))
                .fetch_one(&self.reader)
                .await?,
        )
    }

    async fn shops_of(&self, account: &AccountId) -> StoreResult<Vec<ShopRecord>> {
        let rows: Vec<ShopRow> = sqlx::query_as(
            "SELECT s.id, s.name, s.kind, s.village_code, s.description, s.created_at \
             FROM shops s JOIN shop_members m ON m.shop_id = s.id \
             WHERE m.account_id = $1 ORDER BY s.name, s.id",
        )
        .bind(account.as_str())
        .fetch_all(&self.reader)
        .await?;
        records(rows)
    }

    async fn update_shop_profile(&self, id: &ShopId, profile: &ShopProfile) -> StoreResult<()> {
        let done = sqlx::query("UPDATE shops SET name = $2, description = $3 WHERE id = $1")
            .bind(id.as_str())
            .bind(profile.name.as_str())
            .bind(profile.description.as_str())
            .execute(&self.writer)
            .await?;
        match done.rows_affected() {
            0 => Err(StoreError::NotFound),
            _ => Ok(()),
        }
    }
}

/// Inserts the shop, its owner's membership and the owner's producer role on `conn`, which the
/// caller has in a transaction.
pub(super) async fn insert_shop(
    conn: &mut AnyConnection,
    shop: &ShopRecord,
    owner: &AccountId,
) -> StoreResult<()> {
    sqlx::query(concat!(
        "INSERT INTO shops (",
        shop_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6)"
    ))
    .bind(shop.id.as_str())
    .bind(shop.name.as_str())
    .bind(shop.kind.as_str())
    .bind(shop.village.as_str())
    .bind(shop.description.as_str())
    .bind(shop.created_at.millis())
    .execute(&mut *conn)
    .await
    .map_err(refused("shop already exists"))?;
    sqlx::query("INSERT INTO shop_members (shop_id, account_id, role) VALUES ($1, $2, 'owner')")
        .bind(shop.id.as_str())
        .bind(owner.as_str())
        .execute(&mut *conn)
        .await
        .map_err(refused("already a member of this shop"))?;
    insert_roles(conn, owner, &[Role::Producer]).await
}

/// A `LIKE` pattern for the shops in or under the filter's place: a county's code shares its
/// first 6 digits with everything in it, a township's its first 9, a village is itself.
/// Area codes are digits only, so the prefix needs no escaping.
fn village_pattern(filter: &ShopFilter) -> String {
    match &filter.place {
        None => "%".to_owned(),
        Some(code) => match code.level() {
            PlaceLevel::County => format!("{}%", prefix(code, 6)),
            PlaceLevel::Township => format!("{}%", prefix(code, 9)),
            PlaceLevel::Village => code.as_str().to_owned(),
        },
    }
}

fn prefix(code: &AreaCode, digits: usize) -> &str {
    code.as_str().get(..digits).unwrap_or(code.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(code: &str) -> ShopFilter {
        ShopFilter {
            place: AreaCode::parse(code),
        }
    }

    #[test]
    fn patterns_follow_the_place_level() {
        assert_eq!(village_pattern(&ShopFilter::default()), "%");
        assert_eq!(village_pattern(&filter("632830000000")), "632830%");
        assert_eq!(village_pattern(&filter("632830101000")), "632830101%");
        assert_eq!(village_pattern(&filter("632830101203")), "632830101203");
    }
}
