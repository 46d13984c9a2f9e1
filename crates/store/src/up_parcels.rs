//! Up parcels as stored beyond what every parcel has: declaring an order's parcel together with
//! the order's shipment, declared produce's recipient, and the order taking the carrier's
//! number at handover.

use async_trait::async_trait;
use farmgate_domain::id::{OrderId, ParcelId};
use farmgate_domain::parcel::{Parcel, ParcelEvent};

use crate::{ShipmentRecord, StoreResult};

pub const ONLY_PAID_ORDERS_GO_UP: &str = "only a paid order can be sent through the county network";

/// Whom declared produce (not an order) goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProduceRecipientRecord {
    pub name: String,
    pub phone: String,
    pub destination: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderDeclared {
    /// The parcel was added and the order shipped, together.
    New,
    /// The order already went up: this is its parcel; nothing was written.
    Existing(Box<Parcel>),
}

#[async_trait]
pub trait UpParcels: Send + Sync {
    /// Adds `parcel` (with its first event) for its order and ships the order with
    /// `shipment`, in one transaction. An order that already has its parcel answers with it;
    /// an order that is not paid is a `Conflict` (`ONLY_PAID_ORDERS_GO_UP`) and writes nothing.
    async fn declare_order_parcel(
        &self,
        parcel: &Parcel,
        event: &ParcelEvent,
        shipment: &ShipmentRecord,
    ) -> StoreResult<OrderDeclared>;
    /// Adds a parcel of produce with its recipient, in one transaction.
    async fn declare_produce_parcel(
        &self,
        parcel: &Parcel,
        event: &ParcelEvent,
        recipient: &ProduceRecipientRecord,
    ) -> StoreResult<()>;
    async fn produce_recipient(
        &self,
        parcel: &ParcelId,
    ) -> StoreResult<Option<ProduceRecipientRecord>>;
    /// Names the carrier that took over an order's parcel and its number on the order's
    /// shipment (kept shipped when it was sent). Writing the same twice changes nothing.
    async fn set_order_carrier(
        &self,
        order: &OrderId,
        carrier: &str,
        tracking_no: &str,
    ) -> StoreResult<()>;
}
