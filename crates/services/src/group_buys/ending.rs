//! Ending teams. A team ends when its last place is paid for (checked after every group-buy
//! payment) or at its deadline (a sweep): first its seats still awaiting payment expire, so its
//! paid seats are final, then its outcome is decided from them and recorded once, with a
//! refund for every member owed money and a notice for every member. The refunds are
//! after-sales cases the platform approves itself, so they go out, are retried and reach the
//! ledger exactly as any other refund: idempotently, under the case's id.

use farmgate_domain::after_sales::AfterSaleReason;
use farmgate_domain::group_buy::TeamOutcome;
use farmgate_domain::id::{CheckoutId, TeamId};
use farmgate_domain::time::Timestamp;
use farmgate_store::{AfterSaleRecord, EndOutcome, TeamEnding, TeamStatus};

use crate::{new_id, ServiceError, ServiceResult, Services};

/// Teams ended per sweep at most; the next sweep takes the rest.
const TEAMS_PER_SWEEP: i64 = 100;
/// Tries per ending: a seat may be paid or expire between reading the team and ending it.
const ENDING_ATTEMPTS: usize = 3;

impl Services {
    /// Ends the teams whose deadline has passed; how many ended.
    pub async fn end_due_teams(&self) -> ServiceResult<usize> {
        let now = self.clock.now();
        let mut ended = 0;
        for team in self.store.teams_due(now, TEAMS_PER_SWEEP).await? {
            // One team that cannot end now does not hold up the others.
            match self.end_team(&team, now).await {
                Ok(Some(_)) => ended += 1,
                Ok(None) => {}
                Err(error) => tracing::warn!(%error, %team, "could not end a group-buy team"),
            }
        }
        Ok(ended)
    }

    /// After a payment for a group-buy seat: the team may just have filled.
    pub(crate) async fn seat_paid(&self, checkout: &CheckoutId, now: Timestamp) {
        let ended = match self.store.team_of_checkout(checkout).await {
            Ok(Some(team)) => self.end_team(&team, now).await.map(|_| ()),
            Ok(None) => Ok(()),
            Err(error) => Err(error.into()),
        };
        // The deadline sweep ends the team if this could not.
        if let Err(error) = ended {
            tracing::warn!(%error, %checkout, "could not end a group-buy team after a payment");
        }
    }

    /// Ends the team if its outcome is decided at `now`; the outcome when this call ended it.
    pub(crate) async fn end_team(
        &self,
        id: &TeamId,
        now: Timestamp,
    ) -> ServiceResult<Option<TeamOutcome>> {
        for _ in 0..ENDING_ATTEMPTS {
            let expired = self.store.expire_team_holds(id, now).await?;
            self.catalogue_changed(expired.restocked);
            let Some(ending) = self.ending(id, now).await? else {
                return Ok(None);
            };
            if self.store.end_team(&ending).await? == EndOutcome::Ended {
                for refund in &ending.refunds {
                    // Not sent now, it is sent by the refund sweep: the case is stored.
                    if let Err(error) = self.send_refund(refund).await {
                        tracing::warn!(%error, case = %refund.id, "group-buy refund not sent yet");
                    }
                }
                return Ok(Some(ending.outcome));
            }
        }
        Err(ServiceError::Conflict("the team keeps changing; try again"))
    }

    /// How the team ends at `now`, from its seats as they stand; `None` while it is open.
    async fn ending(&self, id: &TeamId, now: Timestamp) -> ServiceResult<Option<TeamEnding>> {
        let team = self.store.team(id).await?.ok_or(ServiceError::NotFound)?;
        if team.status != TeamStatus::Open {
            return Ok(None);
        }
        let group_buy = self.group_buy_record(&team.group_buy_id).await?;
        let outcome = team.team().outcome(&group_buy.terms, now);
        let reason = match outcome {
            TeamOutcome::Open { .. } => return Ok(None),
            TeamOutcome::Succeeded { .. } => AfterSaleReason::GroupBuyTier,
            TeamOutcome::Failed { .. } => AfterSaleReason::GroupBuyFailed,
        };
        let paid: Vec<_> = team
            .seats
            .iter()
            .filter(|seat| seat.order_status.is_paid())
            .collect();
        let mut refunds = Vec::new();
        for seat in &paid {
            let amount = outcome.refund(&group_buy.terms, seat.units, seat.paid);
            if amount.minor() > 0 {
                let order = self
                    .store
                    .order(&seat.order_id)
                    .await?
                    .ok_or(ServiceError::NotFound)?
                    .order;
                refunds.push(AfterSaleRecord::platform_refund(
                    new_id(),
                    &order,
                    reason,
                    amount,
                    now,
                ));
            }
        }
        let product = self.store.product(&group_buy.product_id).await?;
        let title = product
            .map(|detail| detail.product.title)
            .unwrap_or_default();
        let notice_title = match outcome {
            TeamOutcome::Failed { .. } => {
                format!("拼团未成团，已退款 Team did not fill, refunded: {title}")
            }
            _ => format!("拼团成功 Team filled: {title}"),
        };
        Ok(Some(TeamEnding {
            team_id: id.clone(),
            outcome,
            paid_orders: paid.iter().map(|seat| seat.order_id.clone()).collect(),
            refunds,
            notice_title,
            notice_link: format!("/teams/{id}"),
            at: now,
        }))
    }
}
