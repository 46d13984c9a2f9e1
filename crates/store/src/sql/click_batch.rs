//! Group commit (`group_commit.rs`) for leaders' clicks. A link shared into a busy village
//! chat group is opened by many at once, and each visit writes a click: one transaction for
//! every click waiting at that moment, rather than one commit each behind SQLite's single
//! writer.

use async_trait::async_trait;
use farmgate_domain::id::AccountId;
use sqlx::AnyPool;

use super::group_commit::{Batch, GroupCommit};
use crate::{ClickRecord, StoreResult};

/// Hands clicks to the batching task.
pub(super) type ClickQueue = GroupCommit<Clicks>;

pub(super) struct Clicks {
    pool: AnyPool,
}

#[async_trait]
impl Batch for Clicks {
    type Job = ClickRecord;
    type Outcome = ();
    const MAX: usize = 256;

    async fn apply(&self, clicks: &[ClickRecord]) -> StoreResult<Vec<StoreResult<()>>> {
        let mut tx = self.pool.begin().await?;
        for c in clicks {
            sqlx::query(
                "INSERT INTO leader_clicks (id, leader_id, shared, buyer_id, clicked_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(c.id.as_str())
            .bind(c.leader.as_str())
            .bind(c.shared.as_str())
            .bind(c.buyer.as_ref().map(AccountId::as_str))
            .bind(c.at.millis())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(clicks.iter().map(|_| Ok(())).collect())
    }
}

impl ClickQueue {
    pub(super) async fn record(&self, pool: &AnyPool, click: ClickRecord) -> StoreResult<()> {
        self.submit(click, || Clicks { pool: pool.clone() }).await
    }
}
