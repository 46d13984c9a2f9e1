use farmgate_domain::account::Phone;
use farmgate_domain::id::{CarrierId, NetworkNodeId, VehicleId};
use farmgate_domain::money::Money;
use farmgate_domain::network::{
    Carrier, Contact, DayWindow, MinuteOfDay, NetworkNode, NodeRole, OpeningHours, StationService,
    StationServices, Vehicle,
};
use farmgate_domain::place::GeoPoint;
use farmgate_store::sql::SqlStore;
use farmgate_store::{
    Network, NetworkBatch, StoreError, CARRIER_CODE_TAKEN, NODE_CODE_TAKEN, PLATE_TAKEN,
};

use crate::fixtures::{add_places, code, new_id, VILLAGE_A1};

pub(crate) fn node(node_code: &str, role: NodeRole) -> NetworkNode {
    NetworkNode {
        id: NetworkNodeId::new(new_id()),
        code: node_code.into(),
        name: format!("{node_code} site"),
        location: GeoPoint::new(36_412_345, -99_100_000).unwrap(),
        hours: OpeningHours::parse("hours", "08:00-12:00 14:00-18:30").unwrap(),
        role,
    }
}

fn station(node_code: &str) -> NetworkNode {
    let services = StationServices::of(&[StationService::Express, StationService::BusFreight]);
    node(node_code, NodeRole::Station { services })
}

pub(crate) fn village_point(node_code: &str) -> NetworkNode {
    node(
        node_code,
        NodeRole::VillagePoint {
            village: code(VILLAGE_A1),
            contact: Contact {
                name: "卓玛".into(),
                phone: Phone::parse("phone", "13800001234").unwrap(),
            },
        },
    )
}

pub(crate) fn carrier(carrier_code: &str) -> Carrier {
    Carrier {
        id: CarrierId::new(new_id()),
        code: carrier_code.into(),
        name: format!("{carrier_code} Express"),
    }
}

pub(crate) fn vehicle(plate: &str, depot: &NetworkNode) -> Vehicle {
    Vehicle {
        id: VehicleId::new(new_id()),
        plate: plate.into(),
        depot: depot.id.clone(),
        capacity_kg: 1_500,
        capacity_parcels: 300,
        shift: DayWindow::new(
            MinuteOfDay::new(450).unwrap(),
            MinuteOfDay::new(1_080).unwrap(),
        )
        .unwrap(),
        cost_per_km: Money::fen(240),
    }
}

pub(crate) fn conflict(result: Result<(), StoreError>) -> &'static str {
    match result {
        Err(StoreError::Conflict(what)) => what,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

pub async fn nodes_carriers_and_vehicles_read_back_and_edit_in_place(store: SqlStore) {
    add_places(&store).await;
    let warehouse = node("WH", NodeRole::Warehouse);
    let mut st = station("ST-1");
    let point = village_point("VP-1");
    for n in [&point, &st, &warehouse] {
        store.save_node(n).await.unwrap();
    }
    assert_eq!(
        store.network_nodes().await.unwrap(),
        vec![st.clone(), point.clone(), warehouse.clone()]
    );
    st.name = "Renamed".into();
    st.role = NodeRole::Station {
        services: StationServices::of(&[StationService::Post]),
    };
    store.save_node(&st).await.unwrap();
    assert_eq!(store.network_node(&st.id).await.unwrap(), Some(st.clone()));
    assert_eq!(store.network_nodes().await.unwrap().len(), 3);

    let sf = carrier("SF");
    store.save_carrier(&sf).await.unwrap();
    assert_eq!(store.carriers().await.unwrap(), vec![sf.clone()]);
    assert_eq!(store.carrier(&sf.id).await.unwrap(), Some(sf));

    let mut van = vehicle("青H12345", &warehouse);
    store.save_vehicle(&van).await.unwrap();
    van.depot = st.id.clone();
    van.cost_per_km = Money::fen(310);
    store.save_vehicle(&van).await.unwrap();
    assert_eq!(store.vehicles().await.unwrap(), vec![van.clone()]);
    assert_eq!(store.vehicle(&van.id).await.unwrap(), Some(van));
}

pub async fn codes_and_plates_are_unique_and_references_must_exist(store: SqlStore) {
    add_places(&store).await;
    let warehouse = node("WH", NodeRole::Warehouse);
    store.save_node(&warehouse).await.unwrap();
    assert_eq!(
        conflict(store.save_node(&station("WH")).await),
        NODE_CODE_TAKEN
    );
    store.save_carrier(&carrier("ZTO")).await.unwrap();
    assert_eq!(
        conflict(store.save_carrier(&carrier("ZTO")).await),
        CARRIER_CODE_TAKEN
    );
    store
        .save_vehicle(&vehicle("青H1", &warehouse))
        .await
        .unwrap();
    assert_eq!(
        conflict(store.save_vehicle(&vehicle("青H1", &warehouse)).await),
        PLATE_TAKEN
    );
    let nowhere = station("NOWHERE");
    assert_ne!(
        conflict(store.save_vehicle(&vehicle("青H2", &nowhere)).await),
        PLATE_TAKEN
    );
    let mut lost = village_point("LOST");
    if let NodeRole::VillagePoint { village, .. } = &mut lost.role {
        *village = code("632830101299");
    }
    conflict(store.save_node(&lost).await);
    assert_eq!(store.network_nodes().await.unwrap().len(), 1);
    assert_eq!(store.vehicles().await.unwrap().len(), 1);
}

pub async fn a_batch_is_saved_whole_or_not_at_all(store: SqlStore) {
    add_places(&store).await;
    let depot = station("ST-9");
    let good = NetworkBatch {
        nodes: vec![depot.clone(), village_point("VP-9")],
        carriers: vec![carrier("EMS")],
        vehicles: vec![vehicle("青H9", &depot)],
    };
    store.save_network(&good).await.unwrap();
    let clashing = NetworkBatch {
        nodes: vec![station("ST-10")],
        carriers: vec![carrier("YTO")],
        // The plate is taken: the whole batch goes.
        vehicles: vec![vehicle("青H9", &depot)],
    };
    assert_eq!(conflict(store.save_network(&clashing).await), PLATE_TAKEN);
    assert_eq!(store.network_nodes().await.unwrap().len(), 2);
    assert_eq!(store.carriers().await.unwrap().len(), 1);
    assert_eq!(store.vehicles().await.unwrap().len(), 1);
}
