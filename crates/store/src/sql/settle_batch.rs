//! Group commit for payment settlements, as `checkout_batch.rs` does for checkouts: one task
//! takes every settlement waiting at that moment, applies them in order in one transaction,
//! and answers each only after it has committed. Beside fewer commits, the batch's orders go
//! into the commerce rollups together: one read of what they sold and one write per rollup
//! table for the whole batch, so keeping the figures exact costs little per payment.

use std::sync::{Arc, OnceLock};

use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};

use super::errors::refused;
use super::payments::insert_entry;
use super::stats_writes::record_paid;
use crate::{Backend, PaymentSettlement, PaymentStatus, SettleOutcome, StoreError, StoreResult};

/// Settlements in one transaction at most; more wait for the next.
const MAX_BATCH: usize = 128;

type Reply = oneshot::Sender<StoreResult<SettleOutcome>>;

/// Hands settlements to the batching task, started on first use.
#[derive(Debug, Clone, Default)]
pub(super) struct SettleQueue {
    sender: Arc<OnceLock<mpsc::UnboundedSender<(PaymentSettlement, Reply)>>>,
}

impl SettleQueue {
    pub(super) async fn settle(
        &self,
        pool: &AnyPool,
        backend: Backend,
        rollups: bool,
        settlement: PaymentSettlement,
    ) -> StoreResult<SettleOutcome> {
        let sender = self.sender.get_or_init(|| {
            let (sender, receiver) = mpsc::unbounded_channel();
            tokio::spawn(run(pool.clone(), backend, rollups, receiver));
            sender
        });
        let (reply, answer) = oneshot::channel();
        sender
            .send((settlement, reply))
            .map_err(|_| writer_stopped())?;
        answer.await.map_err(|_| writer_stopped())?
    }
}

/// Runs until every `SqlStore` clone is gone. A batch that fails as a whole is retried one
/// settlement at a time, so one payment's error is not every payer's.
async fn run(
    pool: AnyPool,
    backend: Backend,
    rollups: bool,
    mut receiver: mpsc::UnboundedReceiver<(PaymentSettlement, Reply)>,
) {
    while let Some(first) = receiver.recv().await {
        let mut jobs = vec![first];
        while jobs.len() < MAX_BATCH {
            match receiver.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let (settlements, replies): (Vec<_>, Vec<_>) = jobs.into_iter().unzip();
        let outcomes = match settle_batch(&pool, backend, rollups, &settlements).await {
            Ok(outcomes) => outcomes,
            Err(error) if settlements.len() > 1 => {
                tracing::warn!(%error, "settlement batch failed; settling one by one");
                let mut outcomes = Vec::with_capacity(settlements.len());
                for settlement in &settlements {
                    let one = std::slice::from_ref(settlement);
                    let outcome = settle_batch(&pool, backend, rollups, one).await;
                    outcomes.push(
                        outcome.and_then(|mut one| one.pop().unwrap_or(Err(writer_stopped()))),
                    );
                }
                outcomes
            }
            Err(error) => vec![Err(error)],
        };
        for (reply, outcome) in replies.into_iter().zip(outcomes) {
            // The caller may have gone; the settlement stands either way.
            reply.send(outcome).ok();
        }
    }
}

fn writer_stopped() -> StoreError {
    StoreError::Database(sqlx::Error::WorkerCrashed)
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
