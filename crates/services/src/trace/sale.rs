//! Whether a product's batches let it be sold: checked at checkout, for every product in the
//! cart, before anything is written.

use farmgate_domain::id::ProductId;
use farmgate_domain::trace::{sale_stop, SaleStop};

use crate::{ServiceError, ServiceResult, Services};

/// Why a checkout is refused: the product sells only inspected batches and none is left.
pub const NO_PASSED_BATCH: &str =
    "this product is sold only from batches that passed inspection, and none is available now";
/// Why a checkout is refused: the product's batch was recalled and no other may be sold.
pub const PRODUCT_RECALLED: &str = "this product's batch was recalled; its sale is stopped";

impl Services {
    /// Refuses a product its batches do not let be sold (see `sale_stop`).
    pub(crate) async fn check_batches_allow_sale(&self, product: &ProductId) -> ServiceResult<()> {
        let load = async {
            let requires_passed = self.store.product_trace(product).await?.passed_batches_only;
            let stock = self.store.product_batch_stock(product).await?;
            Ok::<_, ServiceError>(sale_stop(requires_passed, &stock))
        };
        let stop = self.caches.sale_stops.get_or_load(product, load).await?;
        match stop {
            None => Ok(()),
            Some(SaleStop::NoPassedBatch) => Err(ServiceError::Conflict(NO_PASSED_BATCH)),
            Some(SaleStop::Recalled) => Err(ServiceError::Conflict(PRODUCT_RECALLED)),
        }
    }
}
