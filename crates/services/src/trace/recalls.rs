//! Recalls: a quality officer recalls a batch with a reason. In one transaction the batch is
//! recalled (once, however many officers try at once), its holding event and the recall are
//! written, and so is a notice for every order holding it, with an in-app notification for
//! each buyer; the notices go out through the notifier afterwards (see `recall_notices.rs`).
//! The sale stops with it: a recalled batch is packed into nothing, and its product is sold
//! again only from a batch that may be sold (`sale_stop`).

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::{BatchEventId, BatchId, RecallId};
use farmgate_domain::trace::{
    validate_reason, Batch, BatchEvent, BatchStatus, BizStep, DigitalLink, Disposition,
    EventSubject, Recall, RecallReach, RecallState,
};
use farmgate_domain::validation::{FieldError, Problem, ValidationErrors};
use farmgate_store::{Page, RecallNoticeRecord, RecallNotification, StoreError, BATCH_NOT_OPEN};

use crate::{new_id, ServiceError, ServiceResult, Services};

/// Why a recall is refused: the batch is already recalled.
pub const ALREADY_RECALLED: &str = "this batch is already recalled";
/// Recalls shown on one page of the list.
pub const RECALL_PAGE: i64 = 50;

/// A recall with its batch, what it reaches and who acknowledged it: the recall page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecallView {
    pub recall: Recall,
    pub batch: Batch,
    pub product_title: String,
    pub reach: RecallReach,
    pub notices: Vec<RecallNoticeRecord>,
}

/// A recall as one buyer sees it: the product, the lot, the reason and their own orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuyerRecall {
    pub recall: Recall,
    pub lot: String,
    pub product_title: String,
    pub notices: Vec<RecallNoticeRecord>,
}

impl BuyerRecall {
    pub fn acknowledged(&self) -> bool {
        self.notices
            .iter()
            .all(|notice| notice.acknowledged_at.is_some())
    }
}

impl Services {
    /// Opens a recall on the batch named by its id or its label's Digital Link.
    pub async fn open_recall(
        &self,
        actor: &Actor,
        batch: &str,
        reason: &str,
    ) -> ServiceResult<Recall> {
        authorize(actor, &Action::SuperviseQuality)?;
        let reason = validate_reason(reason);
        let (batch, reason) = match (self.named_batch("batch", batch).await?, reason) {
            (Ok(batch), Ok(reason)) => (batch, reason),
            (batch, reason) => {
                let mut errors = ValidationErrors::default();
                errors.check(batch);
                errors.check(reason);
                return Err(errors.into());
            }
        };
        if batch.status != BatchStatus::Open {
            return Err(ServiceError::Conflict(ALREADY_RECALLED));
        }
        let now = self.clock.now();
        let recall = Recall {
            id: new_id(),
            batch: batch.id.clone(),
            reason,
            opened_by: actor.account_id.clone(),
            opened_at: now,
            state: RecallState::Open,
        };
        let mut event = BatchEvent::new(
            new_id::<BatchEventId>(),
            batch.id.clone(),
            BizStep::Holding,
            Disposition::Recalled,
            now,
        );
        event.subject = EventSubject::Recall(recall.id.clone());
        event.by = Some(actor.account_id.clone());
        let title = self.batch_product_title(&batch).await?;
        let notification = RecallNotification {
            title: format!("召回 Recall: {title} · {}", batch.lot),
            link: format!("/recalls/{}", recall.id),
        };
        match self.store.open_recall(&recall, &event, &notification).await {
            Ok(()) => {
                self.search_stale([batch.product]);
                self.traces_changed();
                Ok(recall)
            }
            Err(StoreError::Conflict(BATCH_NOT_OPEN)) => {
                Err(ServiceError::Conflict(ALREADY_RECALLED))
            }
            Err(other) => Err(other.into()),
        }
    }

    /// The newest recalls with their batches, for quality officers and the hub.
    pub async fn recalls(&self, actor: &Actor, page: i64) -> ServiceResult<Vec<(Recall, Batch)>> {
        authorize(actor, &Action::SuperviseQuality)?;
        let page = Page {
            limit: RECALL_PAGE,
            offset: page.max(0).saturating_mul(RECALL_PAGE),
        };
        let mut listed = Vec::new();
        for recall in self.store.recalls(page).await? {
            if let Some(batch) = self.store.batch(&recall.batch).await? {
                listed.push((recall, batch));
            }
        }
        Ok(listed)
    }

    /// The recall page: its reach, found now, and the buyers' acknowledgements.
    pub async fn recall_view(&self, actor: &Actor, id: &RecallId) -> ServiceResult<RecallView> {
        authorize(actor, &Action::SuperviseQuality)?;
        let recall = self.store.recall(id).await?.ok_or(ServiceError::NotFound)?;
        let batch = self
            .store
            .batch(&recall.batch)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok(RecallView {
            product_title: self.batch_product_title(&batch).await?,
            reach: self.store.recall_reach(&batch.id).await?,
            notices: self.store.recall_notices(id).await?,
            recall,
            batch,
        })
    }

    /// A recall as the buyer of an order holding its batch sees it; to anyone else it does
    /// not exist.
    pub async fn buyer_recall(&self, actor: &Actor, id: &RecallId) -> ServiceResult<BuyerRecall> {
        let recall = self.store.recall(id).await?.ok_or(ServiceError::NotFound)?;
        let notices: Vec<RecallNoticeRecord> = self
            .store
            .recall_notices(id)
            .await?
            .into_iter()
            .filter(|notice| notice.buyer == actor.account_id)
            .collect();
        if notices.is_empty() {
            return Err(ServiceError::NotFound);
        }
        let batch = self
            .store
            .batch(&recall.batch)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok(BuyerRecall {
            product_title: self.batch_product_title(&batch).await?,
            lot: batch.lot.as_str().to_owned(),
            recall,
            notices,
        })
    }

    /// The buyer says they got the message, for all their orders holding the batch.
    pub async fn acknowledge_recall(&self, actor: &Actor, id: &RecallId) -> ServiceResult<()> {
        self.buyer_recall(actor, id).await?;
        self.store
            .acknowledge_recall(id, &actor.account_id, self.clock.now())
            .await?;
        Ok(())
    }

    /// A batch by its id or by the Digital Link on its label; a field error when it names none.
    pub(crate) async fn named_batch(
        &self,
        field: &'static str,
        named: &str,
    ) -> ServiceResult<Result<Batch, FieldError>> {
        let named = named.trim();
        if named.is_empty() {
            return Ok(Err(FieldError {
                field,
                problem: Problem::Required,
            }));
        }
        let link = if named.starts_with('/') {
            DigitalLink::parse_path(named)
        } else {
            DigitalLink::parse(named)
        };
        let found = match link {
            Ok(DigitalLink {
                gtin,
                lot: Some(lot),
                ..
            }) => match self.store.product_by_gtin(&gtin).await? {
                Some(product) => self.store.batch_by_lot(&product, &lot).await?,
                None => None,
            },
            Ok(_) => None,
            Err(_) => self.store.batch(&BatchId::new(named)).await?,
        };
        Ok(found.ok_or(FieldError {
            field,
            problem: Problem::Invalid,
        }))
    }

    pub(crate) async fn batch_product_title(&self, batch: &Batch) -> ServiceResult<String> {
        Ok(self
            .store
            .product(&batch.product)
            .await?
            .map(|detail| detail.product.title)
            .unwrap_or_default())
    }
}
