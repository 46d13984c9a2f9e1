//! `GET /api/v1/network`: the hub's logistics network — sites, carriers, vehicles — with its
//! coverage, for `Action::ManageNetwork`.

use axum::extract::State;
use axum::Json;
use farmgate_domain::network::{Carrier, NetworkNode, NodeRole, Vehicle};
use farmgate_services::network::NetworkView;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::RequireUser;
use crate::error::WebError;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct NetworkJson {
    /// Ordered by code.
    pub nodes: Vec<NodeView>,
    pub carriers: Vec<CarrierView>,
    pub vehicles: Vec<VehicleView>,
    pub coverage: CoverageView,
}

#[derive(Serialize, ToSchema)]
pub struct NodeView {
    pub id: String,
    pub code: String,
    pub name: String,
    /// warehouse, station or village_point.
    pub kind: String,
    pub lat_e6: i32,
    pub lon_e6: i32,
    /// Opening windows such as "08:00-12:00 14:00-18:00".
    pub hours: String,
    /// Stations: what they merge (ecommerce, express, post, bus_freight).
    pub services: Vec<String>,
    /// Village points: the village's 12-digit area code.
    pub village: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CarrierView {
    pub id: String,
    pub code: String,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct VehicleView {
    pub id: String,
    pub plate: String,
    /// The depot's node id.
    pub depot: String,
    pub capacity_kg: i64,
    pub capacity_parcels: i64,
    /// "07:30".
    pub shift_start: String,
    pub shift_end: String,
    pub cost_per_km_fen: i64,
}

#[derive(Serialize, ToSchema)]
pub struct CoverageView {
    /// Rural villages (urban–rural code 2xx).
    pub villages: usize,
    /// Of those, the villages with at least one village point.
    pub served: usize,
    /// Area codes of the villages without one.
    pub unserved: Vec<String>,
    /// How many stations merge each service.
    pub stations_by_service: Vec<ServiceCount>,
}

#[derive(Serialize, ToSchema)]
pub struct ServiceCount {
    pub service: String,
    pub stations: usize,
}

/// The whole network and its coverage.
#[utoipa::path(get, path = "/api/v1/network", tag = "network",
    responses((status = 200, body = NetworkJson), (status = 403, description = "Not the hub")))]
pub async fn network(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
) -> Result<Json<NetworkJson>, WebError> {
    let view = state.services.network(&user.actor).await?;
    Ok(Json(NetworkJson::from(&view)))
}

impl From<&NetworkView> for NetworkJson {
    fn from(view: &NetworkView) -> Self {
        let coverage = &view.coverage;
        Self {
            nodes: view.nodes.iter().map(NodeView::from).collect(),
            carriers: view.carriers.iter().map(CarrierView::from).collect(),
            vehicles: view.vehicles.iter().map(VehicleView::from).collect(),
            coverage: CoverageView {
                villages: coverage.villages.len(),
                served: coverage.served(),
                unserved: coverage.unserved().map(|v| v.code.to_string()).collect(),
                stations_by_service: coverage
                    .stations_by_service()
                    .into_iter()
                    .map(|(service, stations)| ServiceCount {
                        service: service.as_str().to_owned(),
                        stations,
                    })
                    .collect(),
            },
        }
    }
}

impl From<&NetworkNode> for NodeView {
    fn from(n: &NetworkNode) -> Self {
        let (village, contact) = match &n.role {
            NodeRole::VillagePoint { village, contact } => (Some(village), Some(contact)),
            _ => (None, None),
        };
        Self {
            id: n.id.to_string(),
            code: n.code.clone(),
            name: n.name.clone(),
            kind: n.kind().as_str().to_owned(),
            lat_e6: n.location.lat_e6,
            lon_e6: n.location.lon_e6,
            hours: n.hours.to_string(),
            services: n.services().iter().map(|s| s.as_str().to_owned()).collect(),
            village: village.map(|v| v.to_string()),
            contact_name: contact.map(|c| c.name.clone()),
            contact_phone: contact.map(|c| c.phone.as_str().to_owned()),
        }
    }
}

impl From<&Carrier> for CarrierView {
    fn from(c: &Carrier) -> Self {
        Self {
            id: c.id.to_string(),
            code: c.code.clone(),
            name: c.name.clone(),
        }
    }
}

impl From<&Vehicle> for VehicleView {
    fn from(v: &Vehicle) -> Self {
        Self {
            id: v.id.to_string(),
            plate: v.plate.clone(),
            depot: v.depot.to_string(),
            capacity_kg: v.capacity_kg,
            capacity_parcels: v.capacity_parcels,
            shift_start: v.shift.start.to_string(),
            shift_end: v.shift.end.to_string(),
            cost_per_km_fen: v.cost_per_km.minor(),
        }
    }
}
