//! The GTINs the county hands out from its GS1 company prefix: which item reference is next.

use async_trait::async_trait;
use farmgate_domain::trace::{CompanyPrefix, Gtin};

use crate::StoreResult;

#[async_trait]
pub trait Gs1Codes: Send + Sync {
    /// The highest GTIN a product holds under the company prefix (indicator digit 0); the
    /// item references after it are free.
    async fn last_gtin_under(&self, prefix: &CompanyPrefix) -> StoreResult<Option<Gtin>>;
}
