//! Recording and reading batches. A batch typed without a lot number is numbered from its
//! harvest day; two producers numbering the same day at once each get their own number.

use farmgate_domain::access::{authorize, permits, Action, Actor};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::{BatchEventId, BatchId, ProductId, ShopId};
use farmgate_domain::trace::{
    validate_batch, Batch, BatchEvent, BatchForm, BatchStatus, BizStep, Disposition, EventPlace,
    Lot, QualityStatus,
};
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{BatchFilter, Page, StoreError, LOT_TAKEN};

use crate::{new_id, ServiceError, ServiceResult, Services};

/// Batches shown on one page of a list.
pub const BATCH_PAGE: i64 = 50;
/// Numbering a lot is retried this often when another batch of the day took the number.
const MAX_LOT_NUMBERING_TRIES: u32 = 5;

impl Services {
    /// A producer (or the hub) records a batch of one of the shop's products, with its
    /// commissioning event at the village it came from.
    pub async fn record_batch(
        &self,
        actor: &Actor,
        product: &ProductId,
        form: &BatchForm,
    ) -> ServiceResult<Batch> {
        let detail = self
            .store
            .product(product)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let shop = detail.product.shop_id;
        authorize(actor, &Action::ManageBatches(&shop))?;
        let now = self.clock.now();
        let draft = validate_batch(form, CivilDate::in_china(now))?;
        let places = self.places().await?;
        if !places.iter().any(|place| place.code == draft.village) {
            return Err(ValidationErrors::single("village", Problem::Invalid).into());
        }
        let numbered = draft.lot.is_none();
        for _ in 0..MAX_LOT_NUMBERING_TRIES {
            let lot = match &draft.lot {
                Some(lot) => lot.clone(),
                None => self.next_lot(product, draft.harvested_on).await?,
            };
            let batch = Batch {
                id: new_id(),
                product: product.clone(),
                shop: shop.clone(),
                lot,
                harvested_on: draft.harvested_on,
                village: draft.village.clone(),
                field: draft.field,
                units: draft.units,
                grade: draft.grade.clone(),
                notes: draft.notes.clone(),
                status: BatchStatus::Open,
                quality: QualityStatus::Uninspected,
                created_by: actor.account_id.clone(),
                created_at: now,
            };
            match self.store.add_batch(&batch, &commissioning(&batch)).await {
                Ok(()) => {
                    self.traces_changed();
                    return Ok(batch);
                }
                Err(StoreError::Conflict(LOT_TAKEN)) if numbered => continue,
                Err(StoreError::Conflict(LOT_TAKEN)) => {
                    return Err(ValidationErrors::single("lot", Problem::AlreadyTaken).into())
                }
                Err(other) => return Err(other.into()),
            }
        }
        Err(ServiceError::Conflict(
            "many batches are being recorded for this day; try again",
        ))
    }

    /// One batch, for its shop, the hub and quality officers.
    pub async fn batch(&self, actor: &Actor, id: &BatchId) -> ServiceResult<Batch> {
        let batch = self.store.batch(id).await?.ok_or(ServiceError::NotFound)?;
        if !actor_may_read(actor, &batch.shop) {
            return Err(ServiceError::NotFound);
        }
        Ok(batch)
    }

    /// A shop's batches, newest first.
    pub async fn shop_batches(
        &self,
        actor: &Actor,
        shop: &ShopId,
        page: i64,
    ) -> ServiceResult<Vec<Batch>> {
        if !actor_may_read(actor, shop) {
            return Err(ServiceError::Forbidden);
        }
        let filter = BatchFilter {
            shop: Some(shop.clone()),
            ..BatchFilter::default()
        };
        let page = Page {
            limit: BATCH_PAGE,
            offset: page.max(0).saturating_mul(BATCH_PAGE),
        };
        Ok(self.store.batches(&filter, page).await?)
    }

    async fn next_lot(&self, product: &ProductId, day: CivilDate) -> ServiceResult<Lot> {
        let recorded = self
            .store
            .count_batches_on(product, &day.to_string())
            .await?;
        let sequence = u32::try_from(recorded.saturating_add(1)).unwrap_or(u32::MAX);
        Ok(Lot::numbered(day, sequence))
    }
}

/// The shop's members, the hub and quality officers read a shop's batches; to anyone else a
/// batch does not exist.
pub(crate) fn actor_may_read(actor: &Actor, shop: &ShopId) -> bool {
    permits(actor, &Action::ManageBatches(shop)) || permits(actor, &Action::SuperviseQuality)
}

/// Harvested and labelled: the batch comes into being at its village.
fn commissioning(batch: &Batch) -> BatchEvent {
    let mut event = BatchEvent::new(
        new_id::<BatchEventId>(),
        batch.id.clone(),
        BizStep::Commissioning,
        Disposition::Active,
        batch.created_at,
    );
    event.read_point = Some(EventPlace::Village(batch.village.clone()));
    event.biz_location = Some(EventPlace::Village(batch.village.clone()));
    event.units = Some(batch.units);
    event.by = Some(batch.created_by.clone());
    event
}
