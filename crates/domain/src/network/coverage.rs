//! Coverage: which of the county's rural villages have a village point, which are left without
//! service, and what the township stations merge. The monitoring pages and the network map read
//! the same figures.

use crate::id::NetworkNodeId;
use crate::place::{AreaCode, GeoPoint, Place, PlaceLevel};

use super::{NetworkNode, NodeKind, StationService, StationServices};

/// A rural village and the village points that serve it (none: without service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VillageCoverage {
    pub code: AreaCode,
    pub name_zh: String,
    pub name_en: String,
    pub location: GeoPoint,
    pub points: Vec<NetworkNodeId>,
}

impl VillageCoverage {
    pub fn is_served(&self) -> bool {
        !self.points.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StationCoverage {
    pub id: NetworkNodeId,
    pub code: String,
    pub name: String,
    pub services: StationServices,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Rural villages (urban–rural code 2xx) in code order.
    pub villages: Vec<VillageCoverage>,
    pub stations: Vec<StationCoverage>,
}

impl Coverage {
    pub fn served(&self) -> usize {
        self.villages.iter().filter(|v| v.is_served()).count()
    }

    pub fn unserved(&self) -> impl Iterator<Item = &VillageCoverage> {
        self.villages.iter().filter(|v| !v.is_served())
    }

    /// How many stations merge each service, in the order of `StationService::ALL`.
    pub fn stations_by_service(&self) -> Vec<(StationService, usize)> {
        StationService::ALL
            .into_iter()
            .map(|service| {
                let merging = self
                    .stations
                    .iter()
                    .filter(|s| s.services.contains(service))
                    .count();
                (service, merging)
            })
            .collect()
    }
}

/// The coverage of `nodes` over the rural villages among `places`.
pub fn coverage(places: &[Place], nodes: &[NetworkNode]) -> Coverage {
    let mut villages: Vec<VillageCoverage> = places
        .iter()
        .filter(|p| p.level() == PlaceLevel::Village && p.urban_rural.is_rural())
        .map(|p| VillageCoverage {
            code: p.code.clone(),
            name_zh: p.name_zh.clone(),
            name_en: p.name_en.clone(),
            location: p.location,
            points: nodes
                .iter()
                .filter(|n| n.village() == Some(&p.code))
                .map(|n| n.id.clone())
                .collect(),
        })
        .collect();
    villages.sort_by(|a, b| a.code.cmp(&b.code));
    let stations = nodes
        .iter()
        .filter(|n| n.kind() == NodeKind::Station)
        .map(|n| StationCoverage {
            id: n.id.clone(),
            code: n.code.clone(),
            name: n.name.clone(),
            services: n.services(),
        })
        .collect();
    Coverage { villages, stations }
}

/// The station closest to `point` as the crow flies, if there is one. Ties go to the first.
pub fn nearest_station(point: GeoPoint, nodes: &[NetworkNode]) -> Option<&NetworkNode> {
    nodes
        .iter()
        .filter(|n| n.kind() == NodeKind::Station)
        .min_by_key(|n| squared_distance(point, n.location))
}

/// A flat-earth distance, good for ranking nearby points: longitude shrinks with latitude.
fn squared_distance(a: GeoPoint, b: GeoPoint) -> u64 {
    let mid_lat = (f64::from(a.lat_e6) + f64::from(b.lat_e6)) / 2.0 / 1e6;
    let dy = f64::from(a.lat_e6 - b.lat_e6);
    let dx = f64::from(a.lon_e6 - b.lon_e6) * mid_lat.to_radians().cos();
    // Rounded to whole squared micro-degrees: enough to rank points a metre apart.
    (dx * dx + dy * dy).round() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{NodeRole, OpeningHours};
    use crate::place::UrbanRuralCode;

    fn place(code: &str, urban_rural: UrbanRuralCode) -> Place {
        Place {
            code: AreaCode::parse(code).unwrap(),
            name_zh: code.into(),
            name_en: code.into(),
            urban_rural,
            location: GeoPoint::new(36_000_000, 99_000_000).unwrap(),
        }
    }

    fn node(code: &str, lat_e6: i32, role: NodeRole) -> NetworkNode {
        NetworkNode {
            id: NetworkNodeId::new(code),
            code: code.into(),
            name: code.into(),
            location: GeoPoint::new(lat_e6, 99_000_000).unwrap(),
            hours: OpeningHours::parse("hours", "08:00-18:00").unwrap(),
            role,
        }
    }

    fn point(code: &str, village: &str) -> NetworkNode {
        let contact = crate::network::Contact {
            name: "卓玛".into(),
            phone: crate::account::Phone::parse("p", "13800001234").unwrap(),
        };
        node(
            code,
            36_000_000,
            NodeRole::VillagePoint {
                village: AreaCode::parse(village).unwrap(),
                contact,
            },
        )
    }

    #[test]
    fn counts_rural_villages_served_and_what_stations_merge() {
        let places = [
            place("632830000000", UrbanRuralCode::TOWN_CENTRE),
            place("632830101000", UrbanRuralCode::TOWNSHIP_CENTRE),
            place("632830101203", UrbanRuralCode::VILLAGE),
            place("632830101204", UrbanRuralCode::VILLAGE),
            place("632830101205", UrbanRuralCode::VILLAGE),
            // A town-centre neighbourhood: not rural, so not counted.
            place("632830101001", UrbanRuralCode::TOWN_CENTRE),
        ];
        let express_post = StationServices::of(&[StationService::Express, StationService::Post]);
        let nodes = [
            point("P1", "632830101204"),
            point("P2", "632830101204"),
            point("P3", "632830101203"),
            node(
                "S1",
                36_100_000,
                NodeRole::Station {
                    services: express_post,
                },
            ),
            node("W1", 36_000_000, NodeRole::Warehouse),
        ];
        let coverage = coverage(&places, &nodes);
        assert_eq!(coverage.villages.len(), 3);
        assert_eq!(coverage.served(), 2);
        let unserved: Vec<&str> = coverage.unserved().map(|v| v.code.as_str()).collect();
        assert_eq!(unserved, ["632830101205"]);
        assert_eq!(coverage.villages[1].points.len(), 2);
        assert_eq!(
            coverage.stations_by_service(),
            vec![
                (StationService::Ecommerce, 0),
                (StationService::Express, 1),
                (StationService::Post, 1),
                (StationService::BusFreight, 0),
            ]
        );
    }

    #[test]
    fn the_nearest_station_is_the_closest_station_not_the_closest_node() {
        let services = StationServices::of(&[StationService::Post]);
        let nodes = [
            node("W1", 36_000_100, NodeRole::Warehouse),
            node("FAR", 36_300_000, NodeRole::Station { services }),
            node("NEAR", 35_900_000, NodeRole::Station { services }),
        ];
        let here = GeoPoint::new(36_000_000, 99_000_000).unwrap();
        assert_eq!(nearest_station(here, &nodes).unwrap().code, "NEAR");
        assert!(nearest_station(here, &nodes[..1]).is_none());
    }
}
