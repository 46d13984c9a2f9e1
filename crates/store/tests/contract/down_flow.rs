use farmgate_domain::id::CarrierId;
use farmgate_domain::parcel::{ParcelStage, PickupCode, PickupNotice};
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::{CarrierToken, DownFlow, Network, Parcels, StoreError};

use crate::fixtures::T0;
use crate::network::carrier;
use crate::parcels::{down, network};

pub async fn a_carrier_token_is_found_by_its_hash_replaced_and_revoked(store: SqlStore) {
    let fx = network(&store).await;
    let other = carrier("ZTO");
    store.save_carrier(&other).await.unwrap();
    let token = |carrier: &CarrierId, hash: &str| CarrierToken {
        carrier: carrier.clone(),
        token_hash: hash.into(),
        issued_at: T0,
    };
    store
        .set_carrier_token(&token(&fx.carrier.id, "h1"))
        .await
        .unwrap();
    assert_eq!(
        store.carrier_by_token("h1").await.unwrap(),
        Some(fx.carrier.id.clone())
    );
    // Another carrier cannot hold the same hash.
    assert!(matches!(
        store.set_carrier_token(&token(&other.id, "h1")).await,
        Err(StoreError::Conflict(_))
    ));
    // Reissuing replaces the old token.
    store
        .set_carrier_token(&token(&fx.carrier.id, "h2"))
        .await
        .unwrap();
    assert_eq!(store.carrier_by_token("h1").await.unwrap(), None);
    assert_eq!(store.carrier_tokens().await.unwrap().len(), 1);
    assert!(store.revoke_carrier_token(&fx.carrier.id).await.unwrap());
    assert!(!store.revoke_carrier_token(&fx.carrier.id).await.unwrap());
    assert_eq!(store.carrier_by_token("h2").await.unwrap(), None);
}

pub async fn parcels_at_their_point_await_a_notice_until_one_is_recorded(store: SqlStore) {
    let fx = network(&store).await;
    let (waiting, first) = down(&fx, 1, "SF1");
    let (received, second) = down(&fx, 2, "SF2");
    store
        .add_parcels(&[(waiting.clone(), first.clone()), (received, second)])
        .await
        .unwrap();
    let mut at_point = waiting.clone();
    at_point.stage = ParcelStage::AtPoint;
    at_point.pickup_code = PickupCode::parse("123456");
    let mut step = first.clone();
    step.stage = ParcelStage::AtPoint;
    assert!(store
        .advance_parcel(&at_point, ParcelStage::Received, &step)
        .await
        .unwrap());
    assert_eq!(
        store.parcels_awaiting_notice(10).await.unwrap(),
        vec![waiting.id.clone()]
    );

    let notice = PickupNotice {
        parcel: waiting.id.clone(),
        phone: waiting.villager.phone.clone(),
        text: "取件码 123456".into(),
        provider: "outbox".into(),
        provider_ref: "outbox-1".into(),
        sent_at: Timestamp::from_millis(T0.millis() + 5),
    };
    assert!(store.record_pickup_notice(&notice).await.unwrap());
    assert!(!store.record_pickup_notice(&notice).await.unwrap());
    assert!(store.parcels_awaiting_notice(10).await.unwrap().is_empty());
    assert_eq!(store.pickup_notices(10).await.unwrap(), vec![notice]);
}
