//! Copies committed pages from SQLite's write-ahead log into the database file in the
//! background. Left to itself SQLite does it inside whichever commit finds the log past
//! `wal_autocheckpoint` pages, and that buyer's checkout (and every one batched with it) waits
//! for the copy; a reader connection doing it a few times a second keeps the log short and the
//! copying off the writer's path, and a page written by many commits is copied once.

use std::sync::Arc;
use std::time::Duration;

use super::SqlStore;
use crate::Backend;

/// How often the log is copied into the database.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

impl SqlStore {
    /// Checkpoints the log until the store is closed; returns at once on PostgreSQL.
    pub async fn checkpoint_forever(self: Arc<Self>) {
        if self.backend != Backend::Sqlite {
            return;
        }
        let mut interval = tokio::time::interval(CHECKPOINT_EVERY);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        while !self.reader.is_closed() {
            interval.tick().await;
            // PASSIVE: copies what no reader still needs, never waits for the writer.
            if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&self.reader)
                .await
            {
                if !self.reader.is_closed() {
                    tracing::warn!(%error, "could not checkpoint the write-ahead log");
                }
            }
        }
    }
}
