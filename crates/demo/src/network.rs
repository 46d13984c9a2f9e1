//! The demo county's logistics network, as the hub would type it into the network forms: the
//! county warehouse at the seat, a station in each township merging some services, 60 village
//! points (four villages with two, four remote ones still without service, so the map has both),
//! three express carriers and six vehicles.

use farmgate_domain::network::{CarrierForm, NodeForm, VehicleForm};
use farmgate_domain::place::{Place, PlaceLevel};

use crate::county::{COUNTY_CODE, TOWNSHIPS};
use crate::rng::Rng;
use crate::DemoNetwork;

pub(crate) const WAREHOUSE_CODE: &str = "XY-WH";
/// Village points in all.
pub(crate) const VILLAGE_POINTS: usize = 60;
/// Villages left without a point, and villages given a second one.
const UNSERVED: usize = 4;

const CARRIERS: [(&str, &str); 3] = [
    ("ZTO", "中通快递"),
    ("YTO", "圆通速递"),
    ("EMS", "中国邮政 EMS"),
];

const CONTACTS: [&str; 12] = [
    "卓玛",
    "才让",
    "马秀兰",
    "多杰",
    "李桂英",
    "拉毛",
    "韩永福",
    "索南",
    "王海燕",
    "更登",
    "马国梁",
    "央金",
];

/// Depot (`None` for the warehouse, else a township's index), kg, parcels, shift start and
/// end, yuan per km.
type VehicleRow = (
    Option<u16>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const VEHICLES: [VehicleRow; 6] = [
    (None, "3000", "600", "07:00", "19:00", "3.20"),
    (None, "1500", "300", "07:30", "18:30", "2.40"),
    (Some(0), "1200", "240", "08:00", "18:00", "2.10"),
    (Some(2), "1200", "240", "08:00", "18:00", "2.10"),
    (Some(4), "800", "160", "08:30", "17:30", "1.80"),
    (Some(6), "800", "160", "08:30", "17:30", "1.80"),
];

pub(crate) fn network(rng: &mut Rng, places: &[Place]) -> DemoNetwork {
    let stations: Vec<NodeForm> = TOWNSHIPS
        .iter()
        .enumerate()
        .map(|(index, township)| {
            let (lat, lon) = township.centre;
            let mut services = vec!["ecommerce", "express"];
            if rng.chance(70) {
                services.push("post");
            }
            if rng.chance(50) {
                services.push("bus_freight");
            }
            NodeForm {
                code: station_code(index),
                name: format!("{}综合服务站", township.name_zh()),
                kind: "station".into(),
                lat: degrees(lat + rng.offset(3_000)),
                lon: degrees(lon + rng.offset(3_000)),
                hours: "08:30-12:00 14:00-18:30".into(),
                services: services.join(" "),
                ..NodeForm::default()
            }
        })
        .collect();
    let seat = TOWNSHIPS
        .first()
        .map_or((36_300_000, 98_100_000), |t| t.centre);
    let warehouse = NodeForm {
        code: WAREHOUSE_CODE.into(),
        name: "雪源县电子商务公共服务中心仓储配送中心".into(),
        kind: "warehouse".into(),
        lat: degrees(seat.0 - 8_000),
        lon: degrees(seat.1 + 12_000),
        hours: "07:00-20:00".into(),
        ..NodeForm::default()
    };
    let mut nodes = vec![warehouse];
    nodes.extend(stations);
    nodes.extend(village_points(rng, places));
    let carriers = CARRIERS
        .iter()
        .map(|(code, name)| CarrierForm {
            code: (*code).into(),
            name: (*name).into(),
        })
        .collect();
    let vehicles = VEHICLES
        .iter()
        .enumerate()
        .map(
            |(index, (depot, kg, parcels, start, end, cost))| VehicleForm {
                plate: format!(
                    "青H·{}{:04}",
                    ['A', 'B', 'D'][index % 3],
                    rng.between(1000, 9999)
                ),
                depot: depot.map_or_else(|| WAREHOUSE_CODE.to_owned(), |t| station_code(t.into())),
                capacity_kg: (*kg).into(),
                capacity_parcels: (*parcels).into(),
                shift_start: (*start).into(),
                shift_end: (*end).into(),
                cost_per_km: (*cost).into(),
            },
        )
        .collect();
    DemoNetwork {
        nodes,
        carriers,
        vehicles,
    }
}

/// One point per village, except the last few villages in code order, which have none, and the
/// first few, which get a second point for their other hamlet.
fn village_points(rng: &mut Rng, places: &[Place]) -> Vec<NodeForm> {
    let villages: Vec<&Place> = places
        .iter()
        .filter(|p| p.level() == PlaceLevel::Village && p.code.as_str().starts_with(COUNTY_CODE))
        .collect();
    let served = villages.len().saturating_sub(UNSERVED);
    let mut sites: Vec<&Place> = villages.iter().take(served).copied().collect();
    sites.extend(villages.iter().take(VILLAGE_POINTS.saturating_sub(served)));
    sites
        .iter()
        .enumerate()
        .map(|(index, village)| {
            let second = index >= served;
            let suffix = if second { "-2" } else { "" };
            NodeForm {
                code: format!("VP-{}{suffix}", &village.code.as_str()[6..]),
                name: format!(
                    "{}{}",
                    village.name_zh,
                    if second {
                        "二组服务点"
                    } else {
                        "服务点"
                    }
                ),
                kind: "village_point".into(),
                lat: degrees(village.location.lat_e6 + rng.offset(1_500)),
                lon: degrees(village.location.lon_e6 + rng.offset(1_500)),
                hours: "09:00-12:00 15:00-20:00".into(),
                village: village.code.to_string(),
                contact_name: rng.pick(&CONTACTS).to_string(),
                contact_phone: format!(
                    "1{}{} {:04} {:04}",
                    rng.between(3, 9),
                    rng.between(0, 9),
                    rng.between(0, 9999),
                    rng.between(0, 9999)
                ),
                ..NodeForm::default()
            }
        })
        .collect()
}

fn station_code(township: usize) -> String {
    format!("XY-ST{:02}", township + 1)
}

/// Micro-degrees as typed decimal degrees; the county lies north and east, so never negative.
fn degrees(e6: i32) -> String {
    format!("{}.{:06}", e6 / 1_000_000, e6 % 1_000_000)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use farmgate_domain::network::{
        coverage, validate_carrier, validate_node, validate_vehicle, NetworkNode, NodeKind,
    };

    use super::*;

    #[test]
    fn the_network_passes_the_forms_and_has_the_promised_shape() {
        let plan = crate::plan(crate::DEFAULT_SEED);
        let network = &plan.network;
        let nodes: Vec<NetworkNode> = network
            .nodes
            .iter()
            .enumerate()
            .map(|(index, form)| {
                let draft = validate_node(form).unwrap_or_else(|e| panic!("{form:?}: {e:?}"));
                NetworkNode {
                    id: farmgate_domain::id::NetworkNodeId::new(index.to_string()),
                    code: draft.code,
                    name: draft.name,
                    location: draft.location,
                    hours: draft.hours,
                    role: draft.role,
                }
            })
            .collect();
        let count = |kind| nodes.iter().filter(|n| n.kind() == kind).count();
        assert_eq!(count(NodeKind::Warehouse), 1);
        assert_eq!(count(NodeKind::Station), 8);
        assert_eq!(count(NodeKind::VillagePoint), VILLAGE_POINTS);
        let codes: HashSet<&str> = nodes.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(codes.len(), nodes.len(), "codes are unique");

        let coverage = coverage(&plan.places, &nodes);
        assert_eq!(coverage.villages.len(), 60);
        assert_eq!(coverage.served(), 60 - UNSERVED);

        assert_eq!(network.carriers.len(), 3);
        assert!(network.carriers.iter().all(|c| validate_carrier(c).is_ok()));
        assert_eq!(network.vehicles.len(), 6);
        for form in &network.vehicles {
            let vehicle = validate_vehicle(form).unwrap_or_else(|e| panic!("{form:?}: {e:?}"));
            let depot = nodes.iter().find(|n| n.code == vehicle.depot_code).unwrap();
            assert!(depot.kind().can_be_depot());
        }
        assert_eq!(plan.network, crate::plan(crate::DEFAULT_SEED).network);
    }
}
