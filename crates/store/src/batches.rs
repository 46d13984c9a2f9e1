//! Batches (lots), their EPCIS-shaped events, products' GS1 codes and which batch each
//! packed unit came from, as stored.

use async_trait::async_trait;
use farmgate_domain::id::{BatchEventId, BatchId, OrderId, ProductId, ShopId};
use farmgate_domain::trace::{Batch, BatchEvent, BatchStatus, BatchTie, Gtin, Lot};

use crate::{Page, StoreResult};

pub const LOT_TAKEN: &str = "this product already has a batch with that lot number";
pub const GTIN_TAKEN: &str = "another product already has this GTIN";
/// Refused: the batch is not open (already recalled, or recalled while packing).
pub const BATCH_NOT_OPEN: &str = "this batch is recalled";
/// Refused: packing would tie more units to orders than the batch holds.
pub const BATCH_OVER_TIED: &str = "the batch has fewer units left than that";

/// Which batches to list; empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchFilter {
    pub shop: Option<ShopId>,
    pub product: Option<ProductId>,
    pub status: Option<BatchStatus>,
}

/// A product's traceability settings; a product never set has no GTIN and sells any batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductTrace {
    pub product: ProductId,
    pub gtin: Option<Gtin>,
    /// Sell only from batches that passed inspection.
    pub passed_batches_only: bool,
}

#[async_trait]
pub trait Batches: Send + Sync {
    /// Stores a batch with its commissioning event; `Conflict(LOT_TAKEN)` when the product
    /// has a batch with that lot.
    async fn add_batch(&self, batch: &Batch, commissioning: &BatchEvent) -> StoreResult<()>;
    async fn batch(&self, id: &BatchId) -> StoreResult<Option<Batch>>;
    async fn batch_by_lot(&self, product: &ProductId, lot: &Lot) -> StoreResult<Option<Batch>>;
    /// Newest first.
    async fn batches(&self, filter: &BatchFilter, page: Page) -> StoreResult<Vec<Batch>>;
    /// Batches of the product recorded for this harvest day, for numbering the next lot.
    async fn count_batches_on(&self, product: &ProductId, harvested_on: &str) -> StoreResult<i64>;
    /// `false` when this step is already recorded for the batch and subject.
    async fn record_batch_event(&self, event: &BatchEvent) -> StoreResult<bool>;
    /// In the order they happened.
    async fn batch_events(&self, batch: &BatchId) -> StoreResult<Vec<BatchEvent>>;
    /// Every batch's events after `after` in id (creation) order, a page at a time, for the
    /// EPCIS export.
    async fn batch_events_after(
        &self,
        after: Option<&BatchEventId>,
        limit: i64,
    ) -> StoreResult<Vec<BatchEvent>>;
    async fn product_trace(&self, product: &ProductId) -> StoreResult<ProductTrace>;
    /// `Conflict(GTIN_TAKEN)` when another product has the GTIN.
    async fn set_product_trace(&self, trace: &ProductTrace) -> StoreResult<()>;
    async fn product_by_gtin(&self, gtin: &Gtin) -> StoreResult<Option<ProductId>>;
    /// Replaces which batches the units of one order line came from and records the packing
    /// events, in one transaction. Refused (`Conflict(BATCH_NOT_OPEN)` or
    /// `Conflict(BATCH_OVER_TIED)`) when a batch is not open or would have more units tied than
    /// it holds — checked with the batch locked, so concurrent packing cannot over-tie it.
    async fn pack_order_line(
        &self,
        order: &OrderId,
        line_no: i64,
        ties: &[BatchTie],
        events: &[BatchEvent],
    ) -> StoreResult<()>;
    async fn order_batch_ties(&self, order: &OrderId) -> StoreResult<Vec<BatchTie>>;
    /// Every order line holding units of the batch: where a recall starts.
    async fn batch_ties(&self, batch: &BatchId) -> StoreResult<Vec<BatchTie>>;
}
