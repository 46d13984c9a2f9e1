//! What a parcel label prints, as plain data: the parcel, its carrier, its village point and —
//! once planned — the run and stop that carry it. The villager's name and phone are masked
//! here, so a label never holds more than a parcel's code shows anyone.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::RouteRunId;
use farmgate_domain::network::{Carrier, NetworkNode};
use farmgate_domain::parcel::{Direction, Parcel, ParcelCode};
use farmgate_domain::parcel_up::{mask_name, mask_phone};
use farmgate_domain::route_run::RouteRun;

use crate::{ServiceError, ServiceResult, Services};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelParcel {
    pub code: String,
    pub direction: Direction,
    /// The carrier's name; empty for an up parcel not yet given to one.
    pub carrier: String,
    pub carrier_tracking: Option<String>,
    /// Masked: `张*`.
    pub villager_name: String,
    /// Masked: `138****5678`.
    pub villager_phone: String,
    pub point_name: String,
    pub point_code: String,
    pub route: Option<LabelRoute>,
    pub weight_g: i64,
}

/// The run carrying a parcel and the stop where it leaves or joins the van.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelRoute {
    pub plate: String,
    /// Minutes after midnight.
    pub depart_minute: i64,
    /// From 1, as the run sheet numbers stops.
    pub stop: usize,
}

/// What labels are made from: the network's names, looked up once per print.
struct Names {
    nodes: Vec<NetworkNode>,
    carriers: Vec<Carrier>,
}

impl Services {
    /// One label per parcel on the run, in stop order (by code within a stop).
    pub async fn run_labels(
        &self,
        actor: &Actor,
        id: &RouteRunId,
    ) -> ServiceResult<Vec<LabelParcel>> {
        let mut on_run = self.run_parcels(actor, id).await?;
        let names = self.label_names().await?;
        let plate = self.plate(&on_run.run).await?;
        let run = &on_run.run;
        on_run
            .parcels
            .sort_by_key(|p| (stop_of(run, p).unwrap_or(usize::MAX), p.code.to_string()));
        Ok(on_run
            .parcels
            .iter()
            .map(|parcel| names.label(parcel, Some((run, plate.as_str()))))
            .collect())
    }

    /// One parcel's label, by its code; with its run and stop when it is on one.
    pub async fn parcel_label(&self, actor: &Actor, code: &str) -> ServiceResult<LabelParcel> {
        authorize(actor, &Action::HandleParcels)?;
        let code = ParcelCode::parse(code).ok_or(ServiceError::NotFound)?;
        let parcel = self
            .store
            .parcel_by_code(&code)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let run = match &parcel.run {
            Some(id) => self.store.route_run(id).await?,
            None => None,
        };
        let plate = match &run {
            Some(run) => self.plate(run).await?,
            None => String::new(),
        };
        let names = self.label_names().await?;
        Ok(names.label(&parcel, run.as_ref().map(|run| (run, plate.as_str()))))
    }

    async fn label_names(&self) -> ServiceResult<Names> {
        Ok(Names {
            nodes: self.store.network_nodes().await?,
            carriers: self.store.carriers().await?,
        })
    }

    async fn plate(&self, run: &RouteRun) -> ServiceResult<String> {
        let vehicle = self.store.vehicle(&run.vehicle).await?;
        Ok(vehicle.map(|v| v.plate).unwrap_or_default())
    }
}

impl Names {
    fn label(&self, parcel: &Parcel, run: Option<(&RouteRun, &str)>) -> LabelParcel {
        let point = self.nodes.iter().find(|n| n.id == parcel.point);
        let carrier = parcel
            .carrier
            .as_ref()
            .and_then(|id| self.carriers.iter().find(|c| &c.id == id));
        let route = run.and_then(|(run, plate)| {
            stop_of(run, parcel).map(|index| LabelRoute {
                plate: plate.to_owned(),
                depart_minute: run.depart_minute,
                stop: index + 1,
            })
        });
        LabelParcel {
            code: parcel.code.to_string(),
            direction: parcel.direction,
            carrier: carrier.map_or_else(String::new, |c| c.name.clone()),
            carrier_tracking: parcel.carrier_tracking.clone(),
            villager_name: mask_name(&parcel.villager.name),
            villager_phone: mask_phone(parcel.villager.phone.as_str()),
            point_name: point.map_or_else(String::new, |p| p.name.clone()),
            point_code: point.map_or_else(String::new, |p| p.code.clone()),
            route,
            weight_g: parcel.weight_g,
        }
    }
}

/// The stop (from 0) at the parcel's village point; none when the run does not stop there.
fn stop_of(run: &RouteRun, parcel: &Parcel) -> Option<usize> {
    run.stops.iter().position(|stop| stop.point == parcel.point)
}
