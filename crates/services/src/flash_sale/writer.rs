//! Group commit for flash-sale purchases. One task takes every purchase the gates let through
//! at that moment, writes them all in one transaction, corrects each gate by what the database
//! did, and only then answers each buyer — so every acknowledged purchase is durable, and a
//! rush of buyers costs one commit per batch instead of one per buyer.

use std::sync::{Arc, OnceLock};

use farmgate_store::{FlashPurchaseOutcome, NewFlashPurchase, Store, StoreError, StoreResult};
use tokio::sync::{mpsc, oneshot};

use super::gate::Gate;

/// Purchases in one transaction at most; more wait for the next.
const MAX_BATCH: usize = 512;

pub(crate) type Reply = oneshot::Receiver<StoreResult<FlashPurchaseOutcome>>;

struct Job {
    gate: Arc<Gate>,
    purchase: NewFlashPurchase,
    reply: oneshot::Sender<StoreResult<FlashPurchaseOutcome>>,
}

#[derive(Default)]
pub(crate) struct Writer {
    sender: OnceLock<mpsc::UnboundedSender<Job>>,
}

impl Writer {
    /// Queues a reserved purchase, starting the task on first use. Not async, so nothing can
    /// come between the gate's reservation and the queue: a buyer who hangs up still gets the
    /// purchase written (and a retry with the same key replays it).
    pub fn submit(
        &self,
        store: &Arc<dyn Store>,
        gate: Arc<Gate>,
        purchase: NewFlashPurchase,
    ) -> Reply {
        let sender = self.sender.get_or_init(|| {
            let (sender, receiver) = mpsc::unbounded_channel();
            tokio::spawn(run(store.clone(), receiver));
            sender
        });
        let (reply, answer) = oneshot::channel();
        if let Err(mpsc::error::SendError(job)) = sender.send(Job {
            gate,
            purchase,
            reply,
        }) {
            let outcome = Err(writer_stopped());
            job.gate.settle(&job.purchase, &outcome);
            job.reply.send(outcome).ok();
        }
        answer
    }
}

/// Runs until the engine is dropped. A request cancelled while its purchase waits does not
/// stop the batch.
async fn run(store: Arc<dyn Store>, mut receiver: mpsc::UnboundedReceiver<Job>) {
    while let Some(first) = receiver.recv().await {
        let mut purchases = vec![first.purchase];
        let mut waiting = vec![(first.gate, first.reply)];
        while purchases.len() < MAX_BATCH {
            match receiver.try_recv() {
                Ok(job) => {
                    purchases.push(job.purchase);
                    waiting.push((job.gate, job.reply));
                }
                Err(_) => break,
            }
        }
        let outcomes = write(store.as_ref(), &purchases).await;
        for ((gate, reply), (purchase, outcome)) in
            waiting.into_iter().zip(purchases.iter().zip(outcomes))
        {
            gate.settle(purchase, &outcome);
            // The buyer may have gone; the purchase stands either way.
            reply.send(outcome).ok();
        }
    }
}

/// Each purchase's outcome, in order.
async fn write(
    store: &dyn Store,
    purchases: &[NewFlashPurchase],
) -> Vec<StoreResult<FlashPurchaseOutcome>> {
    match store.record_flash_purchases(purchases).await {
        Ok(outcomes) if outcomes.len() == purchases.len() => outcomes.into_iter().map(Ok).collect(),
        Ok(_) => purchases.iter().map(|_| Err(writer_stopped())).collect(),
        // Something other than the sale's rules failed the batch: write each alone, so one
        // purchase's error is not every buyer's.
        Err(error) if purchases.len() > 1 => {
            tracing::warn!(%error, batch = purchases.len(), "flash-sale batch failed; writing one by one");
            let mut outcomes = Vec::with_capacity(purchases.len());
            for purchase in purchases {
                let alone = store
                    .record_flash_purchases(std::slice::from_ref(purchase))
                    .await;
                outcomes.push(alone.and_then(|mut one| one.pop().ok_or_else(writer_stopped)));
            }
            outcomes
        }
        Err(error) => vec![Err(error)],
    }
}

/// The writer is gone (the runtime is shutting down) or answered out of step.
pub(crate) fn writer_stopped() -> StoreError {
    StoreError::Io(std::io::Error::other("the flash-sale writer stopped"))
}
