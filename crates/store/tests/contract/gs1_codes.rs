//! The next GTIN under the county's company prefix starts after the highest one given out;
//! GTINs of other prefixes do not count.

use farmgate_domain::trace::{CompanyPrefix, Gtin};
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::orders::{second_stall, stall};

pub async fn the_last_gtin_under_a_prefix_is_the_highest_given_out(store: SqlStore) {
    let prefix = CompanyPrefix::parse("6901234").unwrap();
    assert_eq!(store.last_gtin_under(&prefix).await.unwrap(), None);
    let first = stall(&store, 10).await;
    let second = second_stall(&store, &first, 5).await;
    let third = second_stall(&store, &first, 5).await;
    let low = Gtin::from_prefix(&prefix, 3).unwrap();
    let high = Gtin::from_prefix(&prefix, 41).unwrap();
    let other_prefix = Gtin::from_prefix(&CompanyPrefix::parse("6909999").unwrap(), 90).unwrap();
    for (product, gtin) in [
        (&first.product, &high),
        (&second.product, &low),
        (&third.product, &other_prefix),
    ] {
        let trace = ProductTrace {
            product: product.clone(),
            gtin: Some(gtin.clone()),
            passed_batches_only: false,
        };
        store.set_product_trace(&trace).await.unwrap();
    }
    assert_eq!(store.last_gtin_under(&prefix).await.unwrap(), Some(high));
}
