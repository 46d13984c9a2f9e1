//! A small logistics network for the parcel and route tests: the county warehouse, one village
//! point in the test village, one carrier and one van, saved straight into the store.

use farmgate_domain::account::Phone;
use farmgate_domain::money::Money;
use farmgate_domain::network::{
    Carrier, Contact, DayWindow, MinuteOfDay, NetworkNode, NodeRole, OpeningHours, Vehicle,
};
use farmgate_domain::parcel::{Direction, Parcel, ParcelCode, ParcelEvent, ParcelStage, Villager};
use farmgate_domain::place::{AreaCode, GeoPoint};
use farmgate_services::new_id;

use super::{TestApp, VILLAGE};

pub struct Net {
    pub warehouse: NetworkNode,
    pub point: NetworkNode,
    pub carrier: Carrier,
    pub van: Vehicle,
}

pub fn node(code: &str, name: &str, lat_e6: i32, role: NodeRole) -> NetworkNode {
    NetworkNode {
        id: new_id(),
        code: code.into(),
        name: name.into(),
        location: GeoPoint::new(lat_e6, 98_100_000).unwrap(),
        hours: OpeningHours::parse("hours", "08:00-18:00").unwrap(),
        role,
    }
}

/// "XY-WH" 雪源县仓储中心, "VP-1" 河湾村服务点 about 5 km north, SF, and van 青H12345 at the
/// warehouse from 07:00 to 19:00.
pub async fn county_network(app: &TestApp) -> Net {
    let warehouse = node("XY-WH", "雪源县仓储中心", 36_300_000, NodeRole::Warehouse);
    let point = village_point("VP-1", "河湾村服务点", 36_350_000);
    let carrier = Carrier {
        id: new_id(),
        code: "SF".into(),
        name: "顺丰速运".into(),
    };
    let van = Vehicle {
        id: new_id(),
        plate: "青H12345".into(),
        depot: warehouse.id.clone(),
        capacity_kg: 1_000,
        capacity_parcels: 200,
        shift: DayWindow::new(
            MinuteOfDay::new(420).unwrap(),
            MinuteOfDay::new(1_140).unwrap(),
        )
        .unwrap(),
        cost_per_km: Money::fen(200),
    };
    let store = &app.services.store;
    store.save_node(&warehouse).await.unwrap();
    store.save_node(&point).await.unwrap();
    store.save_carrier(&carrier).await.unwrap();
    store.save_vehicle(&van).await.unwrap();
    Net {
        warehouse,
        point,
        carrier,
        van,
    }
}

/// A village point of the test village; save it yourself.
pub fn village_point(code: &str, name: &str, lat_e6: i32) -> NetworkNode {
    node(
        code,
        name,
        lat_e6,
        NodeRole::VillagePoint {
            village: AreaCode::parse(VILLAGE).unwrap(),
            contact: Contact {
                name: "卓玛".into(),
                phone: Phone::parse("phone", "13800001234").unwrap(),
            },
        },
    )
}

/// A down parcel for `point` brought by the network's carrier, received at the warehouse now;
/// its label is `ParcelCode::from_number(number)`, its tracking number "SF" and that label.
pub async fn received_parcel(app: &TestApp, net: &Net, point: &NetworkNode, number: u64) -> Parcel {
    received_from(app, net, &net.carrier, point, number).await
}

/// The same, brought by `carrier` (its tracking number its code and the label).
pub async fn received_from(
    app: &TestApp,
    net: &Net,
    carrier: &Carrier,
    point: &NetworkNode,
    number: u64,
) -> Parcel {
    let now = app.services.clock.now();
    let code = ParcelCode::from_number(number);
    let parcel = Parcel {
        id: new_id(),
        carrier_tracking: Some(format!("{}{}", carrier.code, code.as_str())),
        code,
        direction: Direction::Down,
        carrier: Some(carrier.id.clone()),
        point: point.id.clone(),
        villager: Villager {
            name: "才让".into(),
            phone: Phone::parse("phone", "13912345678").unwrap(),
        },
        weight_g: 1_500,
        order: None,
        stage: ParcelStage::Received,
        run: None,
        pickup_code: None,
        wrong_pickup_codes: 0,
        created_at: now,
    };
    let event = ParcelEvent {
        parcel: parcel.id.clone(),
        stage: ParcelStage::Received,
        at: now,
        node: Some(net.warehouse.id.clone()),
        run: None,
        by: None,
        recorded_at: now,
    };
    app.services
        .store
        .add_parcels(&[(parcel.clone(), event)])
        .await
        .unwrap();
    parcel
}
