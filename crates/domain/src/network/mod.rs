//! The county – township – village logistics network as data: the county warehouse, township
//! stations (each merging some of e-commerce, express, post and the passenger-freight bus line),
//! village points, the express carriers, and the vehicles that run from a warehouse or station.
//! Route planning and parcel flows build on these.

mod coverage;
mod forms;
mod hours;

use serde::{Deserialize, Serialize};

use crate::account::Phone;
use crate::id::{CarrierId, NetworkNodeId, VehicleId};
use crate::money::Money;
use crate::place::{AreaCode, GeoPoint};

pub use coverage::{coverage, nearest_station, Coverage, StationCoverage, VillageCoverage};
pub use forms::{
    parse_degrees, parse_location, validate_carrier, validate_node, validate_vehicle, CarrierDraft,
    CarrierForm, NodeDraft, NodeForm, VehicleDraft, VehicleForm,
};
pub use hours::{DayWindow, MinuteOfDay, OpeningHours, DAY_MINUTES, MAX_WINDOWS};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Warehouse,
    Station,
    VillagePoint,
}

impl NodeKind {
    pub const ALL: [NodeKind; 3] = [
        NodeKind::Warehouse,
        NodeKind::Station,
        NodeKind::VillagePoint,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            NodeKind::Warehouse => "warehouse",
            NodeKind::Station => "station",
            NodeKind::VillagePoint => "village_point",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text))
    }

    /// Vehicles start and end their shifts at warehouses and stations, never at village points.
    pub const fn can_be_depot(self) -> bool {
        !matches!(self, NodeKind::VillagePoint)
    }
}

/// What a township station merges under one roof ("multi-station integration").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StationService {
    Ecommerce,
    Express,
    Post,
    /// Parcels ride the passenger bus line to the villages (客货邮融合).
    BusFreight,
}

impl StationService {
    pub const ALL: [StationService; 4] = [
        StationService::Ecommerce,
        StationService::Express,
        StationService::Post,
        StationService::BusFreight,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            StationService::Ecommerce => "ecommerce",
            StationService::Express => "express",
            StationService::Post => "post",
            StationService::BusFreight => "bus_freight",
        }
    }

    const fn bit(self) -> u8 {
        match self {
            StationService::Ecommerce => 1,
            StationService::Express => 2,
            StationService::Post => 4,
            StationService::BusFreight => 8,
        }
    }
}

/// A set of station services, stored as a small bit mask.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct StationServices(u8);

impl StationServices {
    pub fn from_bits(bits: u8) -> Option<Self> {
        (bits < 16).then_some(Self(bits))
    }

    pub const fn bits(self) -> u8 {
        self.0
    }

    pub fn of(services: &[StationService]) -> Self {
        Self(services.iter().fold(0, |bits, s| bits | s.bit()))
    }

    /// Reads names separated by spaces, commas, `|` or `+`: "ecommerce express post".
    pub fn parse(text: &str) -> Option<Self> {
        text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '+' | '，'))
            .filter(|part| !part.is_empty())
            .try_fold(Self::default(), |set, name| {
                let service = StationService::ALL
                    .into_iter()
                    .find(|s| s.as_str().eq_ignore_ascii_case(name))?;
                Some(Self(set.0 | service.bit()))
            })
    }

    pub fn contains(self, service: StationService) -> bool {
        self.0 & service.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = StationService> {
        StationService::ALL
            .into_iter()
            .filter(move |s| self.contains(*s))
    }
}

impl std::fmt::Display for StationServices {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.iter().map(StationService::as_str).collect();
        f.write_str(&names.join(" "))
    }
}

impl TryFrom<u8> for StationServices {
    type Error = String;
    fn try_from(bits: u8) -> Result<Self, Self::Error> {
        Self::from_bits(bits).ok_or_else(|| format!("not a set of station services: {bits}"))
    }
}

impl From<StationServices> for u8 {
    fn from(set: StationServices) -> u8 {
        set.0
    }
}

/// Who to call at a village point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub phone: Phone,
}

/// What a node is, with what only that kind has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeRole {
    Warehouse,
    Station { services: StationServices },
    VillagePoint { village: AreaCode, contact: Contact },
}

impl NodeRole {
    pub const fn kind(&self) -> NodeKind {
        match self {
            NodeRole::Warehouse => NodeKind::Warehouse,
            NodeRole::Station { .. } => NodeKind::Station,
            NodeRole::VillagePoint { .. } => NodeKind::VillagePoint,
        }
    }
}

/// A site of the network. `code` is the hub's own short name for it ("XY-WH", "ST-05"),
/// unique across the network, which import files and vehicles' depots refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkNode {
    pub id: NetworkNodeId,
    pub code: String,
    pub name: String,
    pub location: GeoPoint,
    pub hours: OpeningHours,
    pub role: NodeRole,
}

impl NetworkNode {
    pub const fn kind(&self) -> NodeKind {
        self.role.kind()
    }

    pub fn services(&self) -> StationServices {
        match self.role {
            NodeRole::Station { services } => services,
            _ => StationServices::default(),
        }
    }

    pub fn village(&self) -> Option<&AreaCode> {
        match &self.role {
            NodeRole::VillagePoint { village, .. } => Some(village),
            _ => None,
        }
    }
}

/// The village point that serves `village`: the first by code when there are several.
pub fn point_for_village<'a>(
    nodes: &'a [NetworkNode],
    village: &AreaCode,
) -> Option<&'a NetworkNode> {
    nodes
        .iter()
        .filter(|node| node.village() == Some(village))
        .min_by(|a, b| a.code.cmp(&b.code))
}

/// An express company whose parcels the network carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carrier {
    pub id: CarrierId,
    /// Short and unique: "SF", "ZTO", "EMS".
    pub code: String,
    pub name: String,
}

/// A vehicle and its working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vehicle {
    pub id: VehicleId,
    pub plate: String,
    /// A warehouse or a station.
    pub depot: NetworkNodeId,
    pub capacity_kg: i64,
    pub capacity_parcels: i64,
    pub shift: DayWindow,
    pub cost_per_km: Money,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(code: &str, village: &str) -> NetworkNode {
        NetworkNode {
            id: NetworkNodeId::new(code.to_owned()),
            code: code.to_owned(),
            name: code.to_owned(),
            location: GeoPoint::new(36_000_000, 101_000_000).unwrap(),
            hours: OpeningHours::parse("hours", "08:00-18:00").unwrap(),
            role: NodeRole::VillagePoint {
                village: AreaCode::parse(village).unwrap(),
                contact: Contact {
                    name: "才让".into(),
                    phone: Phone::parse("phone", "13912345678").unwrap(),
                },
            },
        }
    }

    #[test]
    fn a_village_is_served_by_its_first_point_by_code() {
        let nodes = [
            point("VP-2", "632830101203"),
            point("VP-1", "632830101203"),
            point("VP-3", "632830101204"),
        ];
        let village = AreaCode::parse("632830101203").unwrap();
        assert_eq!(point_for_village(&nodes, &village).unwrap().code, "VP-1");
        let unserved = AreaCode::parse("632830101205").unwrap();
        assert!(point_for_village(&nodes, &unserved).is_none());
    }
}
