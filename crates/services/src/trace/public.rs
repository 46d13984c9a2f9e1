//! The public trace page's read: a scanned GS1 Digital Link finds its product by GTIN and its
//! batch by lot, with everything the page shows in one store read. No account needed.

use farmgate_domain::trace::DigitalLink;
use farmgate_store::BatchTrace;

use crate::{ServiceError, ServiceResult, Services};

impl Services {
    /// `NotFound` when no product has the GTIN or it has no batch with the lot (or the link
    /// names no lot).
    pub async fn public_trace(&self, link: &DigitalLink) -> ServiceResult<BatchTrace> {
        let lot = link.lot.as_ref().ok_or(ServiceError::NotFound)?;
        let product = self
            .store
            .product_by_gtin(&link.gtin)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.store
            .batch_trace(&product, lot)
            .await?
            .ok_or(ServiceError::NotFound)
    }
}
