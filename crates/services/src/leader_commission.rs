//! A leader's commission from order to ledger. When a payment lands, each of its orders is
//! attributed to the leader behind the buyer's last click in the window (never the buyer
//! themselves), with a commission on what the buyer paid for each line at its category's rate.
//! Delivery books that commission in the same ledger entry that pays the producer, in
//! proportion to what was not refunded before; a refund after delivery takes its share back
//! in the refund's own entry. The county pays it (see `LedgerAccount::LeaderCommission`).

use farmgate_domain::allocation::allocate;
use farmgate_domain::attribution::{attributed_click, leader_commission, Click};
use farmgate_domain::commission::{commission_share, share_taken_back};
use farmgate_domain::id::AccountId;
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;
use farmgate_store::{OrderAttribution, OrderDetail, OrderRecord};

use crate::{ServiceError, ServiceResult, Services};

impl Services {
    /// Attributes a checkout's orders, just paid. Once per order, however often it is called.
    pub(crate) async fn attribute_paid_orders(
        &self,
        orders: &[OrderDetail],
        now: Timestamp,
    ) -> ServiceResult<()> {
        let Some(first) = orders.first() else {
            return Ok(());
        };
        let (buyer, ordered) = (&first.order.buyer_id, first.order.created_at);
        let terms = self.leader_terms().await?;
        let from = ordered.plus_days(-terms.window.days());
        let clicks: Vec<Click> = self
            .store
            .clicks_of_buyer(buyer, from, ordered)
            .await?
            .into_iter()
            .map(|c| Click {
                id: c.id,
                leader: c.leader,
                at: c.at,
            })
            .collect();
        let Some(click) = attributed_click(&clicks, buyer, ordered, terms.window) else {
            return Ok(());
        };
        let mut attributions = Vec::with_capacity(orders.len());
        for detail in orders {
            let lines = paid_per_line(detail)?;
            let commission = leader_commission(&lines, &terms.rates).map_err(internal)?;
            attributions.push(OrderAttribution {
                order: detail.order.id.clone(),
                leader: click.leader.clone(),
                click: click.id.clone(),
                commission,
                at: now,
            });
        }
        Ok(self.store.attribute_orders(&attributions).await?)
    }

    /// The leader's commission a delivery settling `held` of `order` books, if it was
    /// attributed.
    pub(crate) async fn leader_settlement(
        &self,
        order: &OrderRecord,
        held: Money,
    ) -> ServiceResult<Option<(AccountId, Money)>> {
        let Some(attribution) = self.store.attribution_of(&order.id).await? else {
            return Ok(None);
        };
        let booked =
            commission_share(attribution.commission, held, order.total).map_err(internal)?;
        Ok(Some((attribution.leader, booked)))
    }

    /// What a refund of `amount` after delivery takes back of the leader's commission, given
    /// the `settled` amount and what was refunded after delivery before.
    pub(crate) async fn leader_reversal(
        &self,
        order: &OrderRecord,
        settled: Money,
        refunded_before: Money,
        amount: Money,
    ) -> ServiceResult<Option<(AccountId, Money)>> {
        let Some((leader, booked)) = self.leader_settlement(order, settled).await? else {
            return Ok(None);
        };
        let back = share_taken_back(booked, settled, refunded_before, amount).map_err(internal)?;
        Ok(Some((leader, back)))
    }
}

/// Each line's category and what the buyer paid for it: its value less its share of the
/// shop's coupon.
fn paid_per_line(
    detail: &OrderDetail,
) -> ServiceResult<Vec<(farmgate_domain::catalogue::Category, Money)>> {
    let values = detail
        .lines
        .iter()
        .map(|line| line.unit_price.checked_mul(line.quantity))
        .collect::<Result<Vec<_>, _>>()
        .map_err(internal)?;
    let paid = allocate(detail.order.goods, &values).map_err(internal)?;
    Ok(detail
        .lines
        .iter()
        .map(|line| line.category)
        .zip(paid)
        .collect())
}

fn internal(error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(error.to_string())
}
