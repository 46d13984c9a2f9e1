//! Up parcels: an order goes up once, in the same transaction that ships it; an unpaid order
//! writes nothing; produce keeps its recipient; the carrier's number reaches the order.

use farmgate_domain::account::Phone;
use farmgate_domain::id::{OrderId, ParcelId};
use farmgate_domain::network::NetworkNode;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::parcel::{Direction, Parcel, ParcelCode, ParcelEvent, ParcelStage, Villager};
use farmgate_store::sql::SqlStore;
use farmgate_store::{
    Network, OrderDeclared, Orders, ParcelFilter, Parcels, ProduceRecipientRecord, ShipmentRecord,
    StoreError, UpParcels, ONLY_PAID_ORDERS_GO_UP,
};

use crate::fixtures::{add_account, new_id, T0};
use crate::network::village_point;
use crate::orders::{checkout, pay, stall};

fn up_parcel(point: &NetworkNode, number: u64, order: Option<&OrderId>) -> (Parcel, ParcelEvent) {
    let parcel = Parcel {
        id: ParcelId::new(new_id()),
        code: ParcelCode::from_number(number),
        direction: Direction::Up,
        carrier: None,
        carrier_tracking: None,
        point: point.id.clone(),
        villager: Villager {
            name: "卓玛".into(),
            phone: Phone::parse("phone", "13800001234").unwrap(),
        },
        weight_g: 1_000,
        order: order.cloned(),
        stage: ParcelStage::Declared,
        run: None,
        pickup_code: None,
        wrong_pickup_codes: 0,
        created_at: T0,
    };
    let event = ParcelEvent {
        parcel: parcel.id.clone(),
        stage: ParcelStage::Declared,
        at: T0,
        node: Some(point.id.clone()),
        run: None,
        by: None,
        recorded_at: T0,
    };
    (parcel, event)
}

fn network_shipment(parcel: &Parcel) -> ShipmentRecord {
    ShipmentRecord {
        carrier: "county_network".into(),
        tracking_no: parcel.code.as_str().to_owned(),
        shipped_at: T0,
    }
}

/// A village point and an order of its village's shop, placed; paid when `paid`.
async fn order(store: &SqlStore, paid: bool) -> (NetworkNode, OrderId) {
    let stall = stall(store, 10).await;
    let point = village_point("VP-1");
    store.save_node(&point).await.unwrap();
    let buyer = add_account(store, "buyer@example.cn").await.id;
    let placed = checkout(&stall, &buyer, "k1", 1);
    store.place_checkout(&placed).await.unwrap();
    if paid {
        pay(store, &stall, &placed, T0).await;
    }
    (point, placed.orders[0].order.id.clone())
}

async fn parcels_of(store: &SqlStore, order: &OrderId) -> Vec<Parcel> {
    let filter = ParcelFilter {
        order: Some(order.clone()),
        ..ParcelFilter::default()
    };
    store.parcels(&filter).await.unwrap()
}

pub async fn an_order_goes_up_once_and_ships_with_its_parcel(store: SqlStore) {
    let (point, order) = order(&store, true).await;
    let (parcel, event) = up_parcel(&point, 1, Some(&order));
    let shipment = network_shipment(&parcel);
    let first = store
        .declare_order_parcel(&parcel, &event, &shipment)
        .await
        .unwrap();
    assert_eq!(first, OrderDeclared::New);
    let shipped = store.order(&order).await.unwrap().unwrap().order;
    assert_eq!(
        (shipped.status, shipped.shipment),
        (OrderStatus::Shipped, Some(shipment))
    );
    assert_eq!(parcels_of(&store, &order).await, vec![parcel.clone()]);

    let (again, again_event) = up_parcel(&point, 2, Some(&order));
    let second = store
        .declare_order_parcel(&again, &again_event, &network_shipment(&again))
        .await
        .unwrap();
    assert_eq!(second, OrderDeclared::Existing(Box::new(parcel.clone())));
    assert_eq!(parcels_of(&store, &order).await, vec![parcel.clone()]);

    store
        .set_order_carrier(&order, "sf", "SF1234567890")
        .await
        .unwrap();
    store
        .set_order_carrier(&order, "sf", "SF1234567890")
        .await
        .unwrap();
    let handed = store.order(&order).await.unwrap().unwrap().order;
    let shipment = handed.shipment.unwrap();
    assert_eq!(
        (
            handed.status,
            shipment.carrier.as_str(),
            shipment.tracking_no.as_str(),
            shipment.shipped_at
        ),
        (OrderStatus::Shipped, "sf", "SF1234567890", T0)
    );
}

pub async fn an_unpaid_order_sends_nothing_up(store: SqlStore) {
    let (point, order) = order(&store, false).await;
    let (parcel, event) = up_parcel(&point, 1, Some(&order));
    let refused = store
        .declare_order_parcel(&parcel, &event, &network_shipment(&parcel))
        .await;
    assert!(matches!(refused, Err(StoreError::Conflict(what)) if what == ONLY_PAID_ORDERS_GO_UP));
    assert!(parcels_of(&store, &order).await.is_empty());
    assert!(store.parcel(&parcel.id).await.unwrap().is_none());
    let unchanged = store.order(&order).await.unwrap().unwrap().order;
    assert_eq!(
        (unchanged.status, unchanged.shipment),
        (OrderStatus::PendingPayment, None)
    );
    assert!(matches!(
        store.set_order_carrier(&order, "sf", "SF1").await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .set_order_carrier(&OrderId::new(new_id()), "sf", "SF1")
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn produce_keeps_its_recipient_or_writes_nothing(store: SqlStore) {
    let (point, _) = order(&store, false).await;
    let (parcel, event) = up_parcel(&point, 1, None);
    let recipient = ProduceRecipientRecord {
        name: "王芳".into(),
        phone: "13800138000".into(),
        destination: "西宁市城中区".into(),
    };
    store
        .declare_produce_parcel(&parcel, &event, &recipient)
        .await
        .unwrap();
    assert_eq!(
        store.parcel(&parcel.id).await.unwrap(),
        Some(parcel.clone())
    );
    assert_eq!(
        store.produce_recipient(&parcel.id).await.unwrap(),
        Some(recipient.clone())
    );

    // A recipient the database refuses leaves no parcel behind.
    let (other, other_event) = up_parcel(&point, 2, None);
    let too_long = ProduceRecipientRecord {
        destination: "远".repeat(101),
        ..recipient
    };
    assert!(store
        .declare_produce_parcel(&other, &other_event, &too_long)
        .await
        .is_err());
    assert!(store.parcel(&other.id).await.unwrap().is_none());
}
