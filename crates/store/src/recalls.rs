//! Recalls, their notices to buyers (an outbox: rows written with the recall, sent later), and
//! what a recall and a sale need to know about a batch's units: how many are tied to orders.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, BatchId, OrderId, ProductId, RecallId};
use farmgate_domain::time::Timestamp;
use farmgate_domain::trace::{BatchEvent, BatchStock, Recall, RecallReach};

use crate::{Page, StoreResult};

/// The in-app notification each buyer of the recalled batch receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecallNotification {
    pub title: String,
    pub link: String,
}

/// One order's notice of a recall: sent through the notifier, acknowledged by the buyer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecallNoticeRecord {
    pub recall: RecallId,
    pub order: OrderId,
    pub buyer: AccountId,
    pub phone: String,
    pub sent_at: Option<Timestamp>,
    pub provider: Option<String>,
    pub acknowledged_at: Option<Timestamp>,
}

#[async_trait]
pub trait Recalls: Send + Sync {
    /// In one transaction: the batch goes from open to recalled (`Conflict(BATCH_NOT_OPEN)`
    /// when it was not open), the holding event, the recall, a notice for every order holding
    /// the batch and an in-app notification for each of their buyers.
    async fn open_recall(
        &self,
        recall: &Recall,
        event: &BatchEvent,
        notification: &RecallNotification,
    ) -> StoreResult<()>;
    async fn recall(&self, id: &RecallId) -> StoreResult<Option<Recall>>;
    /// Newest first.
    async fn recalls(&self, page: Page) -> StoreResult<Vec<Recall>>;
    /// Every order holding the batch, with buyer, units and parcels, and where the batch's
    /// other units are.
    async fn recall_reach(&self, batch: &BatchId) -> StoreResult<RecallReach>;
    /// In order id order.
    async fn recall_notices(&self, recall: &RecallId) -> StoreResult<Vec<RecallNoticeRecord>>;
    /// Notices not yet sent, oldest recall first.
    async fn unsent_recall_notices(&self, limit: i64) -> StoreResult<Vec<RecallNoticeRecord>>;
    /// `false` when it was already recorded as sent.
    async fn mark_recall_notice_sent(
        &self,
        notice: &RecallNoticeRecord,
        provider: &str,
        reference: &str,
        at: Timestamp,
    ) -> StoreResult<bool>;
    /// The buyer acknowledges the recall for all their orders; how many notices were new.
    async fn acknowledge_recall(
        &self,
        recall: &RecallId,
        buyer: &AccountId,
        at: Timestamp,
    ) -> StoreResult<u64>;
    /// The product's batches with the units already tied to orders.
    async fn product_batch_stock(&self, product: &ProductId) -> StoreResult<Vec<BatchStock>>;
}
