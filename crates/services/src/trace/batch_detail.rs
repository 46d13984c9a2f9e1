//! Everything the batch page shows, for its shop, quality officers and the hub.

use farmgate_domain::access::{permits, Action, Actor};
use farmgate_domain::id::BatchId;
use farmgate_domain::trace::{Batch, BatchEvent, Gtin, Inspection};
use farmgate_store::BatchPhoto;

use crate::{ServiceError, ServiceResult, Services};

/// Labels carry the product's GTIN: without one there is nothing to print.
pub const NO_GTIN: &str = "the product has no GTIN yet: set it in the product's trace settings";

pub struct BatchDetail {
    pub batch: Batch,
    pub product_title: String,
    /// The product's GTIN: the batch's labels and public page need it.
    pub gtin: Option<Gtin>,
    pub inspections: Vec<Inspection>,
    pub events: Vec<BatchEvent>,
    pub photos: Vec<BatchPhoto>,
}

impl Services {
    pub async fn batch_detail(&self, actor: &Actor, id: &BatchId) -> ServiceResult<BatchDetail> {
        let batch = self.batch(actor, id).await?;
        let product = self.store.product(&batch.product).await?;
        Ok(BatchDetail {
            product_title: product.map(|p| p.product.title).unwrap_or_default(),
            gtin: self.store.product_trace(&batch.product).await?.gtin,
            inspections: self.store.inspections(id).await?,
            events: self.store.batch_events(id).await?,
            photos: self.store.batch_photos(id).await?,
            batch,
        })
    }

    /// What a batch's labels print, for the shop's members and the hub; to anyone else the
    /// batch does not exist.
    pub async fn batch_for_labels(
        &self,
        actor: &Actor,
        id: &BatchId,
    ) -> ServiceResult<BatchDetail> {
        let detail = self.batch_detail(actor, id).await?;
        if !permits(actor, &Action::ManageBatches(&detail.batch.shop)) {
            return Err(ServiceError::NotFound);
        }
        if detail.gtin.is_none() {
            return Err(ServiceError::Conflict(NO_GTIN));
        }
        Ok(detail)
    }
}
