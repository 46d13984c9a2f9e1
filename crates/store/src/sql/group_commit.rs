//! Group commit, shared by checkouts (`checkout_batch.rs`) and settlements
//! (`settle_batch.rs`): one task takes every job waiting at that moment, applies them in order
//! in one transaction, and answers each only after it has committed. A batch that fails as a
//! whole is retried one job at a time, so one job's error is not every caller's.

use std::sync::{Arc, OnceLock};

use async_trait::async_trait;
use tokio::sync::{mpsc, oneshot};

use crate::{StoreError, StoreResult};

/// What a queue applies: its jobs, in order, in one transaction, with each one's outcome.
#[async_trait]
pub(super) trait Batch: Send + Sync + 'static {
    type Job: Send + Sync + 'static;
    type Outcome: Send + 'static;
    /// Jobs in one transaction at most; more wait for the next.
    const MAX: usize;

    async fn apply(&self, jobs: &[Self::Job]) -> StoreResult<Vec<StoreResult<Self::Outcome>>>;
}

type Reply<B> = oneshot::Sender<StoreResult<<B as Batch>::Outcome>>;
type Sender<B> = mpsc::UnboundedSender<(<B as Batch>::Job, Reply<B>)>;

/// Hands jobs to the batching task, started on first use.
pub(super) struct GroupCommit<B: Batch> {
    sender: Arc<OnceLock<Sender<B>>>,
}

impl<B: Batch> Default for GroupCommit<B> {
    fn default() -> Self {
        GroupCommit {
            sender: Arc::default(),
        }
    }
}

impl<B: Batch> Clone for GroupCommit<B> {
    fn clone(&self) -> Self {
        GroupCommit {
            sender: self.sender.clone(),
        }
    }
}

impl<B: Batch> std::fmt::Debug for GroupCommit<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupCommit").finish_non_exhaustive()
    }
}

impl<B: Batch> GroupCommit<B> {
    /// Queues `job` and waits for its outcome; `batch` makes the applier on first use. A
    /// caller that goes away while waiting does not stop the batch: the job is applied.
    pub(super) async fn submit(
        &self,
        job: B::Job,
        batch: impl FnOnce() -> B,
    ) -> StoreResult<B::Outcome> {
        let sender = self.sender.get_or_init(|| {
            let (sender, receiver) = mpsc::unbounded_channel();
            tokio::spawn(run(batch(), receiver));
            sender
        });
        let (reply, answer) = oneshot::channel();
        sender.send((job, reply)).map_err(|_| writer_stopped())?;
        answer.await.map_err(|_| writer_stopped())?
    }
}

/// Runs until every `SqlStore` clone is gone.
async fn run<B: Batch>(batch: B, mut receiver: mpsc::UnboundedReceiver<(B::Job, Reply<B>)>) {
    while let Some(first) = receiver.recv().await {
        let mut waiting = vec![first];
        while waiting.len() < B::MAX {
            match receiver.try_recv() {
                Ok(job) => waiting.push(job),
                Err(_) => break,
            }
        }
        let (jobs, replies): (Vec<_>, Vec<_>) = waiting.into_iter().unzip();
        let outcomes = match batch.apply(&jobs).await {
            Ok(outcomes) => outcomes,
            Err(error) if jobs.len() > 1 => {
                tracing::warn!(%error, "a group commit failed; applying its jobs one by one");
                let mut outcomes = Vec::with_capacity(jobs.len());
                for job in &jobs {
                    let outcome = batch.apply(std::slice::from_ref(job)).await;
                    outcomes.push(
                        outcome.and_then(|mut one| one.pop().unwrap_or(Err(writer_stopped()))),
                    );
                }
                outcomes
            }
            Err(error) => vec![Err(error)],
        };
        for (reply, outcome) in replies.into_iter().zip(outcomes) {
            // The caller may have gone; the job stands either way.
            reply.send(outcome).ok();
        }
    }
}

/// The batching task is gone (the runtime is shutting down) or dropped a job's answer.
fn writer_stopped() -> StoreError {
    StoreError::Database(sqlx::Error::WorkerCrashed)
}
