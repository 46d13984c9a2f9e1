use farmgate_domain::place::{GeoPoint, UrbanRuralCode};
use farmgate_store::sql::SqlStore;
use farmgate_store::Places;

use crate::fixtures::{add_places, code, place, COUNTY, OTHER_VILLAGE, VILLAGE_A1, VILLAGE_B1};

pub async fn upsert_replaces_and_lists_by_code(store: SqlStore) {
    add_places(&store).await;
    let codes: Vec<String> = store
        .places()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.code.to_string())
        .collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted);
    assert_eq!(codes.len(), 7);
    assert_eq!(codes[0], OTHER_VILLAGE);
    assert_eq!(codes[1], COUNTY);

    let mut renamed = place(VILLAGE_A1, "Renamed");
    renamed.urban_rural = UrbanRuralCode::TOWN_CENTRE;
    renamed.location = GeoPoint::new(-1, -180_000_000).unwrap();
    store
        .upsert_places(&[renamed.clone(), place(VILLAGE_B1, "B1")])
        .await
        .unwrap();
    assert_eq!(store.places().await.unwrap().len(), 7);
    assert_eq!(store.place(&code(VILLAGE_A1)).await.unwrap(), Some(renamed));
    assert_eq!(store.place(&code("632830999999")).await.unwrap(), None);
}
