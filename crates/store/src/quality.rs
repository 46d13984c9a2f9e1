//! Inspections of batches, certificates of shops and products, and the public view of one
//! batch that the trace page reads at once, as stored.

use async_trait::async_trait;
use farmgate_domain::id::{BatchId, InspectionId, ShopId};
use farmgate_domain::time::Timestamp;
use farmgate_domain::trace::{Batch, BatchEvent, Certificate, Gtin, Inspection, Lot, ReportFile};

use crate::{Page, StoreResult};

/// A photo of a batch; its files live with the product photos under `file_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchPhoto {
    pub batch: BatchId,
    pub file_id: String,
    /// Order on the batch's page, from 0.
    pub position: i64,
    pub width: i64,
    pub height: i64,
    pub created_at: Timestamp,
}

/// What the public trace page shows about one batch, read in one go. Nothing here is private:
/// no account, buyer, order or phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchTrace {
    pub batch: Batch,
    pub product_title: String,
    pub product_title_en: String,
    pub shop_name: String,
    /// Oldest first.
    pub inspections: Vec<Inspection>,
    /// The product's and its shop's, latest expiry first.
    pub certificates: Vec<Certificate>,
    /// In the order they happened.
    pub events: Vec<BatchEvent>,
}

#[async_trait]
pub trait Quality: Send + Sync {
    /// Stores the inspection with its measurements and report file, sets the batch's quality
    /// (a failed inspection fails it for good; a passed one passes it unless it already failed)
    /// and records the inspecting event, in one transaction. `NotFound` without the batch.
    async fn add_inspection(
        &self,
        inspection: &Inspection,
        report: Option<&[u8]>,
        inspecting: &BatchEvent,
    ) -> StoreResult<()>;
    /// Oldest first.
    async fn inspections(&self, batch: &BatchId) -> StoreResult<Vec<Inspection>>;
    /// The report file with the batch it belongs to.
    async fn inspection_report(
        &self,
        id: &InspectionId,
    ) -> StoreResult<Option<(BatchId, ReportFile, Vec<u8>)>>;
    /// Batches for the quality officers: uninspected first, then newest first.
    async fn batches_to_inspect(&self, page: Page) -> StoreResult<Vec<Batch>>;
    async fn add_certificate(&self, certificate: &Certificate) -> StoreResult<()>;
    /// Certificates of one shop (its own and its products') or all when `None`, latest expiry
    /// first.
    async fn certificates(
        &self,
        shop: Option<&ShopId>,
        page: Page,
    ) -> StoreResult<Vec<Certificate>>;
    /// Adds a photo after the batch's last one, numbering it in the same statement;
    /// `NotFound` without the batch.
    async fn add_batch_photo(&self, photo: &BatchPhoto) -> StoreResult<BatchPhoto>;
    /// In position order.
    async fn batch_photos(&self, batch: &BatchId) -> StoreResult<Vec<BatchPhoto>>;
    /// The batch a scanned label names: the product holding `gtin`, its batch `lot`.
    async fn batch_trace(&self, gtin: &Gtin, lot: &Lot) -> StoreResult<Option<BatchTrace>>;
}
