//! A small logistics network for parcel and route tests: one warehouse, one village point in
//! the market's village, one carrier, one van; and parcels put straight into the store.

use farmgate_domain::account::Phone;
use farmgate_domain::money::Money;
use farmgate_domain::network::{
    Carrier, Contact, DayWindow, MinuteOfDay, NetworkNode, NodeRole, OpeningHours, Vehicle,
};
use farmgate_domain::parcel::{Direction, Parcel, ParcelCode, ParcelEvent, ParcelStage, Villager};
use farmgate_domain::place::{AreaCode, GeoPoint};
use farmgate_services::new_id;

use super::{Market, VILLAGE};

pub struct Net {
    pub warehouse: NetworkNode,
    pub point: NetworkNode,
    pub carrier: Carrier,
    pub van: Vehicle,
}

fn node(code: &str, lat_e6: i32, role: NodeRole) -> NetworkNode {
    NetworkNode {
        id: new_id(),
        code: code.into(),
        name: format!("{code} site"),
        location: GeoPoint::new(lat_e6, 98_000_000).unwrap(),
        hours: OpeningHours::parse("hours", "08:00-18:00").unwrap(),
        role,
    }
}

pub async fn county_network(m: &Market) -> Net {
    let warehouse = node("WH", 36_000_000, NodeRole::Warehouse);
    let point = node(
        "VP-1",
        36_100_000,
        NodeRole::VillagePoint {
            village: AreaCode::parse(VILLAGE).unwrap(),
            contact: Contact {
                name: "卓玛".into(),
                phone: Phone::parse("phone", "13800001234").unwrap(),
            },
        },
    );
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
            MinuteOfDay::new(480).unwrap(),
            MinuteOfDay::new(1_080).unwrap(),
        )
        .unwrap(),
        cost_per_km: Money::fen(200),
    };
    m.store.save_node(&warehouse).await.unwrap();
    m.store.save_node(&point).await.unwrap();
    m.store.save_carrier(&carrier).await.unwrap();
    m.store.save_vehicle(&van).await.unwrap();
    Net {
        warehouse,
        point,
        carrier,
        van,
    }
}

/// A down parcel for the village point, already received at the warehouse.
pub async fn received_parcel(m: &Market, net: &Net, number: u64) -> Parcel {
    let parcel = Parcel {
        id: new_id(),
        code: ParcelCode::from_number(number),
        direction: Direction::Down,
        carrier: Some(net.carrier.id.clone()),
        carrier_tracking: Some(format!("SF{number:012}")),
        point: net.point.id.clone(),
        villager: Villager {
            name: "才让".into(),
            phone: Phone::parse("phone", "13912345678").unwrap(),
        },
        weight_g: 1_200,
        order: None,
        stage: ParcelStage::Received,
        run: None,
        pickup_code: None,
        wrong_pickup_codes: 0,
        created_at: m.clock.now_ms(),
    };
    let event = ParcelEvent {
        parcel: parcel.id.clone(),
        stage: ParcelStage::Received,
        at: parcel.created_at,
        node: Some(net.warehouse.id.clone()),
        run: None,
        by: None,
        recorded_at: parcel.created_at,
    };
    m.store
        .add_parcels(&[(parcel.clone(), event)])
        .await
        .unwrap();
    parcel
}
