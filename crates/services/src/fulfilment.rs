//! The producer's side of an order: seeing the shop's orders and shipping paid ones.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::{OrderId, ShopId};
use farmgate_domain::shipment::Shipment;
use farmgate_store::{OrderDetail, Page, ShipmentRecord};

use crate::{ServiceError, ServiceResult, Services};

impl Services {
    /// An order of a shop the actor manages; authorisation is checked here, once.
    async fn managed_order(&self, actor: &Actor, order: &OrderId) -> ServiceResult<OrderDetail> {
        let detail = self
            .store
            .order(order)
            .await?
            .ok_or(ServiceError::NotFound)?;
        authorize(actor, &Action::ManageShop(&detail.order.shop_id))?;
        Ok(detail)
    }

    /// A shop's orders, newest first.
    pub async fn shop_orders(
        &self,
        actor: &Actor,
        shop: &ShopId,
        page: Page,
    ) -> ServiceResult<Vec<OrderDetail>> {
        authorize(actor, &Action::ManageShop(shop))?;
        Ok(self.store.orders_of_shop(shop, page).await?)
    }

    /// The shop an order belongs to, for a member of that shop.
    pub async fn order_shop(&self, actor: &Actor, order: &OrderId) -> ServiceResult<ShopId> {
        let detail = self.managed_order(actor, order).await?;
        Ok(detail.order.shop_id)
    }

    /// Marks a paid order shipped with its carrier and tracking number.
    pub async fn ship_order(
        &self,
        actor: &Actor,
        order: &OrderId,
        carrier: &str,
        tracking: &str,
    ) -> ServiceResult<OrderDetail> {
        self.managed_order(actor, order).await?;
        let shipment = Shipment::parse(carrier, tracking)?;
        let record = ShipmentRecord {
            carrier: shipment.carrier.code().to_owned(),
            tracking_no: shipment.tracking.as_str().to_owned(),
            shipped_at: self.clock.now(),
        };
        self.store.ship_order(order, &record).await?;
        self.store.order(order).await?.ok_or(ServiceError::NotFound)
    }
}
