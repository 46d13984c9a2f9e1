//! What already exists, for the checks a single form cannot make alone: that a village point's
//! village is a village of the county, that a code or plate is free, that a vehicle's depot is a
//! warehouse or station, and that a depot in use does not become a village point. The import
//! adds each valid record as it goes, so later rows may refer to earlier ones.

use std::collections::{HashMap, HashSet};

use farmgate_domain::id::{CarrierId, NetworkNodeId, VehicleId};
use farmgate_domain::network::{
    Carrier, CarrierDraft, NetworkNode, NodeDraft, NodeKind, NodeRole, Vehicle, VehicleDraft,
};
use farmgate_domain::place::{AreaCode, Place, PlaceLevel};
use farmgate_domain::validation::{Problem, ValidationErrors};

pub(super) struct Known {
    villages: HashSet<AreaCode>,
    nodes: HashMap<String, (NetworkNodeId, NodeKind)>,
    depots_in_use: HashSet<NetworkNodeId>,
    carriers: HashMap<String, CarrierId>,
    plates: HashMap<String, VehicleId>,
}

impl Known {
    pub(super) fn new(
        places: &[Place],
        nodes: &[NetworkNode],
        carriers: &[Carrier],
        vehicles: &[Vehicle],
    ) -> Self {
        let mut known = Self {
            villages: places
                .iter()
                .filter(|p| p.level() == PlaceLevel::Village)
                .map(|p| p.code.clone())
                .collect(),
            nodes: HashMap::new(),
            depots_in_use: HashSet::new(),
            carriers: HashMap::new(),
            plates: HashMap::new(),
        };
        nodes.iter().for_each(|n| known.add_node(n));
        carriers.iter().for_each(|c| known.add_carrier(c));
        vehicles.iter().for_each(|v| known.add_vehicle(v));
        known
    }

    pub(super) fn node(
        &self,
        id: NetworkNodeId,
        draft: NodeDraft,
    ) -> Result<NetworkNode, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if matches!(self.nodes.get(&draft.code), Some((other, _)) if *other != id) {
            errors.push("code", Problem::AlreadyTaken);
        }
        if let NodeRole::VillagePoint { village, .. } = &draft.role {
            if !self.villages.contains(village) {
                errors.push("village", Problem::Invalid);
            }
        }
        if !draft.role.kind().can_be_depot() && self.depots_in_use.contains(&id) {
            errors.push("kind", Problem::NotAllowed);
        }
        errors.into_result()?;
        Ok(NetworkNode {
            id,
            code: draft.code,
            name: draft.name,
            location: draft.location,
            hours: draft.hours,
            role: draft.role,
        })
    }

    pub(super) fn carrier(
        &self,
        id: CarrierId,
        draft: CarrierDraft,
    ) -> Result<Carrier, ValidationErrors> {
        if matches!(self.carriers.get(&draft.code), Some(other) if *other != id) {
            return Err(ValidationErrors::single("code", Problem::AlreadyTaken));
        }
        Ok(Carrier {
            id,
            code: draft.code,
            name: draft.name,
        })
    }

    pub(super) fn vehicle(
        &self,
        id: VehicleId,
        draft: VehicleDraft,
    ) -> Result<Vehicle, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if matches!(self.plates.get(&draft.plate), Some(other) if *other != id) {
            errors.push("plate", Problem::AlreadyTaken);
        }
        let depot = match self.nodes.get(&draft.depot_code) {
            Some((depot, kind)) if kind.can_be_depot() => Some(depot.clone()),
            _ => {
                errors.push("depot", Problem::Invalid);
                None
            }
        };
        match depot {
            Some(depot) if errors.is_empty() => Ok(Vehicle {
                id,
                plate: draft.plate,
                depot,
                capacity_kg: draft.capacity_kg,
                capacity_parcels: draft.capacity_parcels,
                shift: draft.shift,
                cost_per_km: draft.cost_per_km,
            }),
            _ => Err(errors),
        }
    }

    pub(super) fn add_node(&mut self, node: &NetworkNode) {
        self.nodes
            .insert(node.code.clone(), (node.id.clone(), node.kind()));
    }

    pub(super) fn add_carrier(&mut self, carrier: &Carrier) {
        self.carriers
            .insert(carrier.code.clone(), carrier.id.clone());
    }

    pub(super) fn add_vehicle(&mut self, vehicle: &Vehicle) {
        self.plates
            .insert(vehicle.plate.clone(), vehicle.id.clone());
        self.depots_in_use.insert(vehicle.depot.clone());
    }
}
