//! The public trace page's read: a scanned GS1 Digital Link finds its batch by GTIN and lot,
//! with everything the page shows in one store read. No account needed. Every scan of every
//! label reads it, so it is remembered for a while (see `caches`).

use std::sync::Arc;

use farmgate_domain::trace::DigitalLink;
use farmgate_store::BatchTrace;

use crate::{ServiceError, ServiceResult, Services};

impl Services {
    /// `NotFound` when no product has the GTIN or it has no batch with the lot (or the link
    /// names no lot).
    pub async fn public_trace(&self, link: &DigitalLink) -> ServiceResult<Arc<BatchTrace>> {
        let lot = link.lot.as_ref().ok_or(ServiceError::NotFound)?;
        let load = async {
            self.store
                .batch_trace(&link.gtin, lot)
                .await?
                .map(Arc::new)
                .ok_or(ServiceError::NotFound)
        };
        let key = (link.gtin.clone(), lot.clone());
        self.caches.traces.get_or_load(&key, load).await
    }
}
