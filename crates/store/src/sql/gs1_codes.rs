//! GTINs under the county's company prefix, read from `product_trace` (whose UNIQUE gtin
//! keeps two products from being given the same one).

use async_trait::async_trait;
use farmgate_domain::trace::{CompanyPrefix, Gtin};

use super::SqlStore;
use crate::{Gs1Codes, StoreError, StoreResult};

#[async_trait]
impl Gs1Codes for SqlStore {
    async fn last_gtin_under(&self, prefix: &CompanyPrefix) -> StoreResult<Option<Gtin>> {
        let last: Option<String> =
            sqlx::query_scalar("SELECT MAX(gtin) FROM product_trace WHERE gtin LIKE $1")
                .bind(format!("0{}%", prefix.as_str()))
                .fetch_one(&self.reader)
                .await?;
        last.map(|text| Gtin::parse(&text).map_err(|_| StoreError::Corrupt("product_trace.gtin")))
            .transpose()
    }
}
