//! The logistics network as stored: nodes (warehouses, stations, village points), carriers and
//! vehicles. Each is saved whole by id (insert or replace); codes and plates are unique, so a
//! clash comes back as `StoreError::Conflict` with one of the messages below.

use async_trait::async_trait;
use farmgate_domain::id::{CarrierId, NetworkNodeId, VehicleId};
use farmgate_domain::network::{Carrier, NetworkNode, Vehicle};

use crate::StoreResult;

pub const NODE_CODE_TAKEN: &str = "network node code taken";
pub const CARRIER_CODE_TAKEN: &str = "carrier code taken";
pub const PLATE_TAKEN: &str = "vehicle plate taken";

/// Records to add together, all or nothing (an imported file). Nodes are written first, so
/// vehicles may start from depots of the same batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkBatch {
    pub nodes: Vec<NetworkNode>,
    pub carriers: Vec<Carrier>,
    pub vehicles: Vec<Vehicle>,
}

impl NetworkBatch {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.carriers.is_empty() && self.vehicles.is_empty()
    }
}

#[async_trait]
pub trait Network: Send + Sync {
    async fn save_node(&self, node: &NetworkNode) -> StoreResult<()>;
    async fn network_node(&self, id: &NetworkNodeId) -> StoreResult<Option<NetworkNode>>;
    /// Ordered by code.
    async fn network_nodes(&self) -> StoreResult<Vec<NetworkNode>>;
    async fn save_carrier(&self, carrier: &Carrier) -> StoreResult<()>;
    async fn carrier(&self, id: &CarrierId) -> StoreResult<Option<Carrier>>;
    /// Ordered by code.
    async fn carriers(&self) -> StoreResult<Vec<Carrier>>;
    async fn save_vehicle(&self, vehicle: &Vehicle) -> StoreResult<()>;
    async fn vehicle(&self, id: &VehicleId) -> StoreResult<Option<Vehicle>>;
    /// Ordered by plate.
    async fn vehicles(&self) -> StoreResult<Vec<Vehicle>>;
    /// Adds every record of the batch in one transaction, or none.
    async fn save_network(&self, batch: &NetworkBatch) -> StoreResult<()>;
}
