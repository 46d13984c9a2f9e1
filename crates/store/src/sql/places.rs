//! The county's place tree, loaded from the official statistical area codes.

use async_trait::async_trait;
use farmgate_domain::place::{AreaCode, Place};

use super::errors::refused;
use super::rows::{place_columns, PlaceRow};
use super::SqlStore;
use crate::{Places, StoreResult};

#[async_trait]
impl Places for SqlStore {
    async fn upsert_places(&self, places: &[Place]) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        for place in places {
            sqlx::query(concat!(
                "INSERT INTO places (",
                place_columns!(),
                ") VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, \
                 name_en = excluded.name_en, urban_rural = excluded.urban_rural, \
                 lat_e6 = excluded.lat_e6, lon_e6 = excluded.lon_e6"
            ))
            .bind(place.code.as_str())
            .bind(place.name_zh.as_str())
            .bind(place.name_en.as_str())
            .bind(i64::from(place.urban_rural.value()))
            .bind(i64::from(place.location.lat_e6))
            .bind(i64::from(place.location.lon_e6))
            .execute(&mut *tx)
            .await
            .map_err(refused("place already exists"))?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn places(&self) -> StoreResult<Vec<Place>> {
        let rows: Vec<PlaceRow> = sqlx::query_as(concat!(
            "SELECT ",
            place_columns!(),
            " FROM places ORDER BY code"
        ))
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter().map(Place::try_from).collect()
    }

    async fn place(&self, code: &AreaCode) -> StoreResult<Option<Place>> {
        let row: Option<PlaceRow> = sqlx::query_as(concat!(
            "SELECT ",
            place_columns!(),
            " FROM places WHERE code = $1"
        ))
        .bind(code.as_str())
        .fetch_optional(&self.reader)
        .await?;
        row.map(Place::try_from).transpose()
    }
}
