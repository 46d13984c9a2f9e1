//! The producer's side of an order: seeing the shop's orders and shipping paid ones.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::commission::commission_share;
use farmgate_domain::id::PostingId;
use farmgate_domain::id::{OrderId, ShopId};
use farmgate_domain::ledger::{sale_settled, LedgerError};
use farmgate_domain::money::{Money, MoneyError};
use farmgate_domain::order::OrderPolicy;
use farmgate_domain::shipment::Shipment;
use farmgate_store::{OrderDetail, OrderRecord, Page, ShipmentRecord, ShopEarnings, StoreError};

use crate::trace::JourneyStep;
use crate::{new_id, ServiceError, ServiceResult, Services};

impl Services {
    /// An order of a shop the actor manages; authorisation is checked here, once.
    pub(crate) async fn managed_order(
        &self,
        actor: &Actor,
        order: &OrderId,
    ) -> ServiceResult<OrderDetail> {
        let detail = self
            .store
            .order(order)
            .await?
            .ok_or(ServiceError::NotFound)?;
        authorize(actor, &Action::ManageShop(&detail.order.shop_id))?;
        Ok(detail)
    }

    /// One of the buyer's own orders; anyone else's is not found.
    pub(crate) async fn bought_order(
        &self,
        actor: &Actor,
        order: &OrderId,
    ) -> ServiceResult<OrderDetail> {
        let detail = self
            .store
            .order(order)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if detail.order.buyer_id != actor.account_id {
            return Err(ServiceError::NotFound);
        }
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
        let shipped = JourneyStep::Shipped { parcel: None };
        self.record_journey(order, shipped, Some(&actor.account_id))
            .await;
        self.store.order(order).await?.ok_or(ServiceError::NotFound)
    }

    /// What a shop has earned: paid but not yet delivered (held), and delivered less commission
    /// (owed to the producer until paid out).
    pub async fn shop_earnings(&self, actor: &Actor, shop: &ShopId) -> ServiceResult<ShopEarnings> {
        authorize(actor, &Action::ManageShop(shop))?;
        Ok(self.store.shop_earnings(shop).await?)
    }

    /// The buyer confirms an order arrived: its money moves from escrow to the producer, less
    /// commission.
    pub async fn confirm_receipt(&self, actor: &Actor, order: &OrderId) -> ServiceResult<()> {
        let detail = self.bought_order(actor, order).await?;
        self.deliver(&detail).await
    }

    /// Confirms orders shipped longer ago than the auto-confirm period; returns how many.
    pub async fn auto_confirm_deliveries(&self) -> ServiceResult<usize> {
        let policy = OrderPolicy::default();
        let cutoff = self.clock.now().plus_days(-policy.auto_confirm_days);
        let due = self.store.shipped_before(cutoff, 200).await?;
        for id in &due {
            if let Some(detail) = self.store.order(id).await? {
                self.deliver(&detail).await?;
            }
        }
        Ok(due.len())
    }

    /// Settles what is still held for the order: its total less what was refunded before
    /// delivery, with the commission in proportion.
    async fn deliver(&self, detail: &OrderDetail) -> ServiceResult<()> {
        let order = &detail.order;
        let refunded = self.store.refund_totals(&order.id).await?.held;
        let (held, commission) = held_and_commission(order, refunded)?;
        let internal = |e: LedgerError| ServiceError::Internal(e.to_string());
        let mut entry = sale_settled(&order.shop_id, held, commission).map_err(internal)?;
        if let Some((leader, earned)) = self.leader_settlement(order, held).await? {
            entry = entry
                .with_leader_commission(&leader, earned, false)
                .map_err(internal)?;
        }
        let subsidy = self.campaign_settlement(order, held).await?;
        if subsidy.minor() > 0 {
            entry = entry
                .with_campaign_subsidy(&order.shop_id, subsidy, false)
                .map_err(internal)?;
        }
        let settlement = (new_id::<PostingId>().to_string(), entry);
        match self
            .store
            .deliver_order(&order.id, self.clock.now(), &settlement, held)
            .await
        {
            Ok(()) => {
                self.record_journey(&order.id, JourneyStep::WithBuyer, None)
                    .await;
                Ok(())
            }
            Err(StoreError::Conflict(_)) => Err(ServiceError::Conflict(
                "only a shipped order can be confirmed",
            )),
            Err(other) => Err(other.into()),
        }
    }
}

/// What delivery settles for an order after `refunded` came back out of escrow, and the
/// commission on it. Refunds after delivery use the same numbers as their basis.
pub(crate) fn held_and_commission(
    order: &OrderRecord,
    refunded: Money,
) -> ServiceResult<(Money, Money)> {
    let internal = |e: MoneyError| ServiceError::Internal(e.to_string());
    let held = order.total.checked_sub(refunded).map_err(internal)?;
    let commission = commission_share(order.commission, held, order.total).map_err(internal)?;
    Ok((held, commission))
}
