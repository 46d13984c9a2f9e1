//! Up parcels: an order's parcel is added in the same transaction that ships the order (the
//! order's paid → shipped step is the compare-and-set that makes declaring idempotent), and
//! declared produce's recipient beside its parcel.

use async_trait::async_trait;
use farmgate_domain::id::{OrderId, ParcelId};
use farmgate_domain::parcel::{Parcel, ParcelEvent};

use super::errors::refused;
use super::group_buy_rows::SHIPPABLE;
use super::parcels::{insert_event, insert_parcel};
use super::SqlStore;
use crate::{
    OrderDeclared, Orders, ParcelFilter, Parcels, ProduceRecipientRecord, ShipmentRecord,
    StoreError, StoreResult, UpParcels, ONLY_PAID_ORDERS_GO_UP,
};

#[async_trait]
impl UpParcels for SqlStore {
    async fn declare_order_parcel(
        &self,
        parcel: &Parcel,
        event: &ParcelEvent,
        shipment: &ShipmentRecord,
    ) -> StoreResult<OrderDeclared> {
        let order = parcel
            .order
            .as_ref()
            .ok_or(StoreError::Conflict("an order's parcel names its order"))?;
        let mut tx = self.writer.begin().await?;
        let shipped = sqlx::query(&format!(
            "UPDATE orders SET status = 'shipped', carrier = $2, tracking_no = $3, \
             shipped_at = $4 WHERE id = $1 AND status = 'paid' AND {SHIPPABLE}"
        ))
        .bind(order.as_str())
        .bind(shipment.carrier.as_str())
        .bind(shipment.tracking_no.as_str())
        .bind(shipment.shipped_at.millis())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if shipped == 0 {
            drop(tx);
            return self.declared_before(order).await;
        }
        insert_parcel(&mut tx, parcel).await?;
        insert_event(&mut tx, event).await?;
        tx.commit().await?;
        Ok(OrderDeclared::New)
    }

    async fn declare_produce_parcel(
        &self,
        parcel: &Parcel,
        event: &ParcelEvent,
        recipient: &ProduceRecipientRecord,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        insert_parcel(&mut tx, parcel).await?;
        insert_event(&mut tx, event).await?;
        sqlx::query(
            "INSERT INTO produce_recipients (parcel_id, name, phone, destination) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(parcel.id.as_str())
        .bind(recipient.name.as_str())
        .bind(recipient.phone.as_str())
        .bind(recipient.destination.as_str())
        .execute(&mut *tx)
        .await
        .map_err(refused("this parcel already has a recipient"))?;
        tx.commit().await?;
        Ok(())
    }

    async fn produce_recipient(
        &self,
        parcel: &ParcelId,
    ) -> StoreResult<Option<ProduceRecipientRecord>> {
        let row: Option<(String, String, String)> = sqlx::query_as(
            "SELECT name, phone, destination FROM produce_recipients WHERE parcel_id = $1",
        )
        .bind(parcel.as_str())
        .fetch_optional(&self.reader)
        .await?;
        Ok(
            row.map(|(name, phone, destination)| ProduceRecipientRecord {
                name,
                phone,
                destination,
            }),
        )
    }

    async fn set_order_carrier(
        &self,
        order: &OrderId,
        carrier: &str,
        tracking_no: &str,
    ) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE orders SET carrier = $2, tracking_no = $3 \
             WHERE id = $1 AND shipped_at IS NOT NULL",
        )
        .bind(order.as_str())
        .bind(carrier)
        .bind(tracking_no)
        .execute(&self.writer)
        .await?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        match self.order(order).await? {
            Some(_) => Err(StoreError::Conflict("the order was never shipped")),
            None => Err(StoreError::NotFound),
        }
    }
}

impl SqlStore {
    /// Why an order did not ship just now: it already went up (its parcel), it is not paid,
    /// or it does not exist.
    async fn declared_before(&self, order: &OrderId) -> StoreResult<OrderDeclared> {
        let filter = ParcelFilter {
            order: Some(order.clone()),
            ..ParcelFilter::default()
        };
        if let Some(parcel) = self.parcels(&filter).await?.into_iter().next() {
            return Ok(OrderDeclared::Existing(Box::new(parcel)));
        }
        match self.order(order).await? {
            Some(_) => Err(StoreError::Conflict(ONLY_PAID_ORDERS_GO_UP)),
            None => Err(StoreError::NotFound),
        }
    }
}
