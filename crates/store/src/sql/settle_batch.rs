//! Group commit (`group_commit.rs`) for payment settlements, as for checkouts: one task
//! takes every settlement waiting at that moment, applies them in order in one transaction,
//! and answers each only after it has committed. Beside fewer commits, the batch's orders go
//! into the commerce rollups together: one read of what they sold and one write per rollup
//! table for the whole batch, so keeping the figures exact costs little per payment.

use async_trait::async_trait;
use sqlx::AnyPool;

use super::errors::refused;
use super::group_commit::{Batch, GroupCommit};
use super::payments::insert_entry;
use super::stats_writes::record_paid;
use crate::{Backend, PaymentSettlement, PaymentStatus, SettleOutcome, StoreError, StoreResult};

/// Hands settlements to the batching task.
pub(super) type SettleQueue = GroupCommit<Settlements>;

pub(super) struct Settlements {
    pool: AnyPool,
    backend: Backend,
    rollups: bool,
}

#[async_trait]
impl Batch for Settlements {
    type Job = PaymentSettlement;
    type Outcome = SettleOutcome;
    const MAX: usize = 128;

    async fn apply(
        &self,
        settlements: &[PaymentSettlement],
    ) -> StoreResult<Vec<StoreResult<SettleOutcome>>> {
        settle_batch(&self.pool, self.backend, self.rollups, settlements).await
    }
}

impl SettleQueue {
    pub(super) async fn settle(
        &self,
        pool: &AnyPool,
        backend: Backend,
        rollups: bool,
        settlement: PaymentSettlement,
    ) -> StoreResult<SettleOutcome> {
        self.submit(settlement, || Settlements {
            pool: pool.clone(),
            backend,
            rollups,
        })
        .await
    }
}

/// Applies the settlements in order in one transaction and returns each one's outcome: a
/// payment's outcome is applied once, its orders paid and its ledger entry written only if it
/// was still pending.
async fn settle_batch(
    pool: &AnyPool,
    backend: Backend,
    rollups: bool,
    settlements: &[PaymentSettlement],
) -> StoreResult<Vec<StoreResult<SettleOutcome>>> {
    let mut tx = pool.begin().await?;
    let mut outcomes = Vec::with_capacity(settlements.len());
    let mut paid = Vec::new();
    for s in settlements {
        let checkout: Option<String> = sqlx::query_scalar(
            "UPDATE payments SET status = $2, settled_at = $3 \
             WHERE id = $1 AND status = 'pending' RETURNING checkout_id",
        )
        .bind(s.payment.as_str())
        .bind(s.outcome.as_str())
        .bind(s.at.millis())
        .fetch_optional(&mut *tx)
        .await
        .map_err(refused("settlement refused"))?;
        let Some(checkout) = checkout else {
            let known: Option<i64> = sqlx::query_scalar("SELECT 1 FROM payments WHERE id = $1")
                .bind(s.payment.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            outcomes.push(match known {
                Some(_) => Ok(SettleOutcome::AlreadySettled),
                None => Err(StoreError::NotFound),
            });
            continue;
        };
        if s.outcome != PaymentStatus::Succeeded {
            outcomes.push(Ok(SettleOutcome::Applied));
            continue;
        }
        let orders: Vec<String> = sqlx::query_scalar(
            "UPDATE orders SET status = 'paid', paid_at = $2 \
             WHERE checkout_id = $1 AND status = 'pending_payment' RETURNING id",
        )
        .bind(checkout.as_str())
        .bind(s.at.millis())
        .fetch_all(&mut *tx)
        .await?;
        if orders.is_empty() {
            outcomes.push(Ok(SettleOutcome::OrdersNoLongerPayable));
            continue;
        }
        if let Some((id, entry)) = &s.captured {
            insert_entry(&mut tx, id, entry, s.payment.as_str(), s.at).await?;
        }
        paid.extend(orders);
        outcomes.push(Ok(SettleOutcome::Applied));
    }
    if rollups && !paid.is_empty() {
        record_paid(&mut tx, backend, &paid).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}
