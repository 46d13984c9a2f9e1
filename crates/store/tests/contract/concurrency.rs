use farmgate_store::sql::SqlStore;
use farmgate_store::{Applications, ShopFilter, Shops, StoreError};

use crate::fixtures::{approval, pending_application, shop, VILLAGE_A1};

/// Twenty reviewers approve the same application at once, each with a shop of its own: exactly
/// one decision may win and exactly one shop may open.
pub async fn concurrent_decisions_have_one_winner(store: SqlStore) {
    let fx = pending_application(&store).await;
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let store = store.clone();
            let decision = approval(&fx.application.id, &fx.reviewer.id);
            let new_shop = shop(&format!("Shop {i:02}"), VILLAGE_A1);
            tokio::spawn(async move { store.decide_application(&decision, Some(&new_shop)).await })
        })
        .collect();

    let (mut won, mut conflicts) = (0, 0);
    for task in tasks {
        match task.await.unwrap() {
            Ok(()) => won += 1,
            Err(StoreError::Conflict(_)) => conflicts += 1,
            Err(other) => panic!("unexpected error: {other:?}"),
        }
    }
    assert_eq!((won, conflicts), (1, 19));
    assert_eq!(store.count_shops(&ShopFilter::default()).await.unwrap(), 1);
    assert_eq!(store.shops_of(&fx.applicant.id).await.unwrap().len(), 1);
}
