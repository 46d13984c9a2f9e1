//! Carrier intake tokens and pickup notices.

use async_trait::async_trait;
use farmgate_domain::account::Phone;
use farmgate_domain::id::{CarrierId, ParcelId};
use farmgate_domain::parcel::PickupNotice;
use farmgate_domain::time::Timestamp;

use super::errors::refused;
use super::SqlStore;
use crate::{CarrierToken, DownFlow, StoreError, StoreResult, CARRIER_TOKEN_TAKEN};

#[derive(sqlx::FromRow)]
struct NoticeRow {
    parcel_id: String,
    phone: String,
    body: String,
    provider: String,
    provider_ref: String,
    sent_at: i64,
}

impl NoticeRow {
    fn record(self) -> StoreResult<PickupNotice> {
        Ok(PickupNotice {
            parcel: ParcelId::new(self.parcel_id),
            phone: Phone::parse("phone", &self.phone)
                .map_err(|_| StoreError::Corrupt("pickup_notices.phone"))?,
            text: self.body,
            provider: self.provider,
            provider_ref: self.provider_ref,
            sent_at: Timestamp::from_millis(self.sent_at),
        })
    }
}

#[async_trait]
impl DownFlow for SqlStore {
    async fn set_carrier_token(&self, token: &CarrierToken) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO carrier_tokens (carrier_id, token_hash, issued_at) VALUES ($1, $2, $3) \
             ON CONFLICT (carrier_id) DO UPDATE SET token_hash = excluded.token_hash, \
             issued_at = excluded.issued_at",
        )
        .bind(token.carrier.as_str())
        .bind(token.token_hash.as_str())
        .bind(token.issued_at.millis())
        .execute(&self.writer)
        .await
        .map_err(refused(CARRIER_TOKEN_TAKEN))?;
        Ok(())
    }

    async fn revoke_carrier_token(&self, carrier: &CarrierId) -> StoreResult<bool> {
        let deleted = sqlx::query("DELETE FROM carrier_tokens WHERE carrier_id = $1")
            .bind(carrier.as_str())
            .execute(&self.writer)
            .await?
            .rows_affected();
        Ok(deleted == 1)
    }

    async fn carrier_tokens(&self) -> StoreResult<Vec<CarrierToken>> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT carrier_id, token_hash, issued_at FROM carrier_tokens ORDER BY carrier_id",
        )
        .fetch_all(&self.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(carrier, token_hash, issued_at)| CarrierToken {
                carrier: CarrierId::new(carrier),
                token_hash,
                issued_at: Timestamp::from_millis(issued_at),
            })
            .collect())
    }

    async fn carrier_by_token(&self, token_hash: &str) -> StoreResult<Option<CarrierId>> {
        let carrier: Option<String> =
            sqlx::query_scalar("SELECT carrier_id FROM carrier_tokens WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.reader)
                .await?;
        Ok(carrier.map(CarrierId::new))
    }

    async fn parcels_awaiting_notice(&self, limit: i64) -> StoreResult<Vec<ParcelId>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT p.id FROM parcels p WHERE p.direction = 'down' AND p.stage = 'at_point' \
             AND p.pickup_code IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM pickup_notices n WHERE n.parcel_id = p.id) \
             ORDER BY p.created_at, p.code LIMIT $1",
        )
        .bind(limit.max(0))
        .fetch_all(&self.reader)
        .await?;
        Ok(ids.into_iter().map(ParcelId::new).collect())
    }

    async fn record_pickup_notice(&self, notice: &PickupNotice) -> StoreResult<bool> {
        let inserted = sqlx::query(
            "INSERT INTO pickup_notices (parcel_id, phone, body, provider, provider_ref, \
             sent_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (parcel_id) DO NOTHING",
        )
        .bind(notice.parcel.as_str())
        .bind(notice.phone.as_str())
        .bind(notice.text.as_str())
        .bind(notice.provider.as_str())
        .bind(notice.provider_ref.as_str())
        .bind(notice.sent_at.millis())
        .execute(&self.writer)
        .await?
        .rows_affected();
        Ok(inserted == 1)
    }

    async fn pickup_notices(&self, limit: i64) -> StoreResult<Vec<PickupNotice>> {
        let rows: Vec<NoticeRow> = sqlx::query_as(
            "SELECT parcel_id, phone, body, provider, provider_ref, sent_at FROM pickup_notices \
             ORDER BY sent_at DESC, parcel_id DESC LIMIT $1",
        )
        .bind(limit.max(0))
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter().map(NoticeRow::record).collect()
    }
}
