//! A run's sheet as plain data, for the printed run sheet: the van, the times, and each stop in
//! order with its contact and the parcel codes to drop and to pick up (each printed as a QR
//! code by the PDF renderer).

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::RouteRunId;
use farmgate_domain::money::Money;
use farmgate_domain::network::NodeRole;
use farmgate_domain::parcel::Direction;
use farmgate_domain::route_run::RunDay;

use crate::{ServiceError, ServiceResult, Services};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSheet {
    pub run: RouteRunId,
    pub day: RunDay,
    pub plate: String,
    pub depot: String,
    /// Minutes after midnight.
    pub depart_minute: i64,
    pub return_minute: i64,
    pub distance_m: i64,
    pub cost: Money,
    pub stops: Vec<SheetStop>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetStop {
    /// From 1, as the driver's pages number them.
    pub number: usize,
    pub point_code: String,
    pub point_name: String,
    pub contact_name: String,
    pub contact_phone: String,
    /// The point's opening hours as typed, e.g. `08:00-12:00 14:00-18:00`.
    pub hours: String,
    pub arrival_minute: i64,
    pub departure_minute: i64,
    pub drop: Vec<SheetParcel>,
    pub pick_up: Vec<SheetParcel>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetParcel {
    pub code: String,
    pub villager: String,
    pub weight_g: i64,
}

impl Services {
    pub async fn run_sheet(&self, actor: &Actor, id: &RouteRunId) -> ServiceResult<RunSheet> {
        authorize(actor, &Action::HandleParcels)?;
        let sheet = self.run_parcels(actor, id).await?;
        let nodes = self.store.network_nodes().await?;
        let vehicle = self.store.vehicle(&sheet.run.vehicle).await?;
        let node = |id| nodes.iter().find(|n| &n.id == id);
        let run = &sheet.run;
        let stops = run
            .stops
            .iter()
            .enumerate()
            .map(|(index, stop)| {
                let point = node(&stop.point);
                let (contact_name, contact_phone) = match point.map(|p| &p.role) {
                    Some(NodeRole::VillagePoint { contact, .. }) => {
                        (contact.name.clone(), contact.phone.as_str().to_owned())
                    }
                    _ => (String::new(), String::new()),
                };
                let parcels = |direction: Direction| {
                    sheet
                        .at_stop(index)
                        .into_iter()
                        .filter(|p| p.direction == direction)
                        .map(|p| SheetParcel {
                            code: p.code.to_string(),
                            villager: p.villager.name.clone(),
                            weight_g: p.weight_g,
                        })
                        .collect()
                };
                SheetStop {
                    number: index + 1,
                    point_code: point.map_or_else(String::new, |p| p.code.clone()),
                    point_name: point.map_or_else(String::new, |p| p.name.clone()),
                    contact_name,
                    contact_phone,
                    hours: point.map_or_else(String::new, |p| p.hours.to_string()),
                    arrival_minute: stop.arrival_minute,
                    departure_minute: stop.departure_minute,
                    drop: parcels(Direction::Down),
                    pick_up: parcels(Direction::Up),
                }
            })
            .collect();
        Ok(RunSheet {
            run: run.id.clone(),
            day: run.day,
            plate: vehicle.map(|v| v.plate).ok_or(ServiceError::NotFound)?,
            depot: node(&run.depot).map_or_else(String::new, |d| d.name.clone()),
            depart_minute: run.depart_minute,
            return_minute: run.return_minute,
            distance_m: run.distance_m,
            cost: run.cost,
            stops,
        })
    }
}
