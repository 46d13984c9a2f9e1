//! The hub models its logistics network: warehouses, township stations, village points,
//! carriers and vehicles, one at a time or from a CSV file, and sees its coverage. Checks that
//! need what exists (a village's place, a vehicle's depot, codes already taken) live in
//! `Known`, shared by the forms and the import so both say the same about the same value.

mod import;
mod known;
#[cfg(test)]
mod tests;

use farmgate_demo::DemoNetwork;
use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::{CarrierId, NetworkNodeId, VehicleId};
use farmgate_domain::network::{
    coverage, validate_carrier, validate_node, validate_vehicle, Carrier, CarrierForm, Coverage,
    NetworkNode, NodeForm, Vehicle, VehicleForm,
};
use farmgate_domain::place::Place;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{NetworkBatch, StoreError, CARRIER_CODE_TAKEN, NODE_CODE_TAKEN, PLATE_TAKEN};

pub use import::{NetworkImportOutcome, NetworkImportReport, NetworkRowError, IMPORT_COLUMNS};

use crate::{new_id, ServiceError, ServiceResult, Services};
use known::Known;

/// The whole network with its coverage, for the hub's map and lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkView {
    /// Ordered by code.
    pub nodes: Vec<NetworkNode>,
    pub carriers: Vec<Carrier>,
    pub vehicles: Vec<Vehicle>,
    pub coverage: Coverage,
    /// The county's places, for names and the villages drawn without a point.
    pub places: Vec<Place>,
}

impl Services {
    pub async fn network(&self, actor: &Actor) -> ServiceResult<NetworkView> {
        authorize(actor, &Action::ManageNetwork)?;
        let nodes = self.store.network_nodes().await?;
        let places = self.places().await?.as_ref().clone();
        Ok(NetworkView {
            coverage: coverage(&places, &nodes),
            carriers: self.store.carriers().await?,
            vehicles: self.store.vehicles().await?,
            nodes,
            places,
        })
    }

    /// Creates a node (`id: None`) or edits one.
    pub async fn save_network_node(
        &self,
        actor: &Actor,
        id: Option<&NetworkNodeId>,
        form: &NodeForm,
    ) -> ServiceResult<NetworkNode> {
        authorize(actor, &Action::ManageNetwork)?;
        if let Some(id) = id {
            self.store
                .network_node(id)
                .await?
                .ok_or(ServiceError::NotFound)?;
        }
        let known = self.known().await?;
        let draft = validate_node(form)?;
        let node = known.node(id.cloned().unwrap_or_else(new_id), draft)?;
        self.store
            .save_node(&node)
            .await
            .map_err(taken(NODE_CODE_TAKEN, "code"))?;
        Ok(node)
    }

    pub async fn save_carrier(
        &self,
        actor: &Actor,
        id: Option<&CarrierId>,
        form: &CarrierForm,
    ) -> ServiceResult<Carrier> {
        authorize(actor, &Action::ManageNetwork)?;
        if let Some(id) = id {
            self.store
                .carrier(id)
                .await?
                .ok_or(ServiceError::NotFound)?;
        }
        let known = self.known().await?;
        let draft = validate_carrier(form)?;
        let carrier = known.carrier(id.cloned().unwrap_or_else(new_id), draft)?;
        self.store
            .save_carrier(&carrier)
            .await
            .map_err(taken(CARRIER_CODE_TAKEN, "code"))?;
        Ok(carrier)
    }

    pub async fn save_vehicle(
        &self,
        actor: &Actor,
        id: Option<&VehicleId>,
        form: &VehicleForm,
    ) -> ServiceResult<Vehicle> {
        authorize(actor, &Action::ManageNetwork)?;
        if let Some(id) = id {
            self.store
                .vehicle(id)
                .await?
                .ok_or(ServiceError::NotFound)?;
        }
        let known = self.known().await?;
        let draft = validate_vehicle(form)?;
        let vehicle = known.vehicle(id.cloned().unwrap_or_else(new_id), draft)?;
        self.store
            .save_vehicle(&vehicle)
            .await
            .map_err(taken(PLATE_TAKEN, "plate"))?;
        Ok(vehicle)
    }

    /// Stores the demo county's network, checked by the same rules as the hub's forms.
    pub(crate) async fn seed_demo_network(&self, network: &DemoNetwork) -> ServiceResult<()> {
        let mut known = self.known().await?;
        let mut batch = NetworkBatch::default();
        for form in &network.nodes {
            let node = known.node(new_id(), validate_node(form)?)?;
            known.add_node(&node);
            batch.nodes.push(node);
        }
        for form in &network.carriers {
            let carrier = known.carrier(new_id(), validate_carrier(form)?)?;
            known.add_carrier(&carrier);
            batch.carriers.push(carrier);
        }
        for form in &network.vehicles {
            let vehicle = known.vehicle(new_id(), validate_vehicle(form)?)?;
            known.add_vehicle(&vehicle);
            batch.vehicles.push(vehicle);
        }
        Ok(self.store.save_network(&batch).await?)
    }

    async fn known(&self) -> ServiceResult<Known> {
        Ok(Known::new(
            &self.places().await?,
            &self.store.network_nodes().await?,
            &self.store.carriers().await?,
            &self.store.vehicles().await?,
        ))
    }
}

/// A unique code or plate already taken becomes that field's problem; other refusals stay.
fn taken(message: &'static str, field: &'static str) -> impl FnOnce(StoreError) -> ServiceError {
    move |error| match error {
        StoreError::Conflict(what) if what == message => {
            ValidationErrors::single(field, Problem::AlreadyTaken).into()
        }
        other => other.into(),
    }
}
