//! The day's routing problem from the network and the parcels waiting for a run, and the plan
//! read back as route runs. Every network site is a matrix location, in code order (the order
//! of `GET /api/v1/network`), so a supplied matrix file numbers them the same way. Each depot
//! may serve any point: a station's vans carry what the morning trunk or bus line brought it
//! from the warehouse.

use std::collections::{BTreeMap, HashMap};

use farmgate_domain::id::{NetworkNodeId, ParcelId};
use farmgate_domain::money::Money;
use farmgate_domain::network::{DayWindow, NetworkNode, Vehicle};
use farmgate_domain::parcel::{Direction, Parcel};
use farmgate_domain::route_run::{StopLoad, Unplanned, UnplannedReason};
use farmgate_routing::{
    Depot, Load, RoutingProblem, Stop, TimeWindow, TravelMatrix, UnassignedReason,
    Vehicle as RoutingVehicle,
};

/// Time at a point: parking and the handover, then each parcel checked by scan.
const SERVICE_BASE_S: u32 = 180;
const SERVICE_PER_PARCEL_S: u32 = 20;

/// A stop of the problem: a village point and the parcels it drops and picks up. A point with
/// more than the largest vehicle carries becomes several stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StopParcels {
    pub point: NetworkNodeId,
    pub parcels: Vec<ParcelId>,
    pub drop: StopLoad,
    pub pick_up: StopLoad,
}

/// The problem with what its indices stand for.
#[derive(Debug, Clone)]
pub(super) struct DayProblem {
    pub problem: RoutingProblem,
    pub stops: Vec<StopParcels>,
    /// The network's vehicles, by the problem's vehicle index.
    pub vehicles: Vec<Vehicle>,
    /// Parcels set aside before solving.
    pub set_aside: Vec<Unplanned>,
}

pub(super) fn build(
    nodes: &[NetworkNode],
    vehicles: &[Vehicle],
    parcels: &[Parcel],
    matrix: TravelMatrix,
) -> DayProblem {
    let sites: HashMap<&NetworkNodeId, (usize, &NetworkNode)> = nodes
        .iter()
        .enumerate()
        .map(|(location, node)| (&node.id, (location, node)))
        .collect();
    let fleet = fleet(&sites, vehicles);
    let largest = fleet
        .vehicles
        .iter()
        .map(|v| v.capacity)
        .max_by_key(|c| (c.kg, c.parcels));
    let mut set_aside = Vec::new();
    let mut by_point: BTreeMap<&NetworkNodeId, Vec<&Parcel>> = BTreeMap::new();
    for parcel in parcels {
        let reason = match largest {
            None => Some(UnplannedReason::NoVehicle),
            Some(room) if !room.holds(Load::new(kg(parcel.weight_g), 1)) => {
                Some(UnplannedReason::ExceedsEveryVehicle)
            }
            Some(_) => None,
        };
        match reason {
            Some(reason) => set_aside.push(Unplanned {
                parcel: parcel.id.clone(),
                reason,
            }),
            None => by_point.entry(&parcel.point).or_default().push(parcel),
        }
    }
    let mut stops = Vec::new();
    let mut problem_stops = Vec::new();
    for (point, waiting) in by_point {
        let (Some(&(location, node)), Some(room)) = (sites.get(point), largest) else {
            continue;
        };
        let windows: Vec<TimeWindow> = node.hours.windows().iter().copied().map(seconds).collect();
        if windows.is_empty() {
            set_aside.extend(waiting.iter().map(|parcel| Unplanned {
                parcel: parcel.id.clone(),
                reason: UnplannedReason::PointNeverOpen,
            }));
            continue;
        }
        for chunk in chunks(point, &waiting, room) {
            problem_stops.push(Stop {
                name: node.code.clone(),
                location,
                windows: windows.clone(),
                delivery: load_of(chunk.drop),
                pickup: load_of(chunk.pick_up),
                service_s: SERVICE_BASE_S
                    + SERVICE_PER_PARCEL_S * count(chunk.drop.parcels + chunk.pick_up.parcels),
            });
            stops.push(chunk);
        }
    }
    DayProblem {
        problem: RoutingProblem {
            depots: fleet.depots,
            stops: problem_stops,
            vehicles: fleet.vehicles,
            matrix,
        },
        stops,
        vehicles: fleet.used,
        set_aside,
    }
}

/// The vehicles as routing sees them, with their depots: the sites that have vehicles.
struct Fleet {
    depots: Vec<Depot>,
    vehicles: Vec<RoutingVehicle>,
    /// The network's vehicles in the same order.
    used: Vec<Vehicle>,
}

fn fleet(sites: &HashMap<&NetworkNodeId, (usize, &NetworkNode)>, vehicles: &[Vehicle]) -> Fleet {
    let mut fleet = Fleet {
        depots: Vec::new(),
        vehicles: Vec::new(),
        used: Vec::new(),
    };
    let mut depot_ids: Vec<&NetworkNodeId> = Vec::new();
    for vehicle in vehicles {
        let Some(&(location, node)) = sites.get(&vehicle.depot) else {
            continue;
        };
        let depot = depot_ids
            .iter()
            .position(|id| **id == vehicle.depot)
            .unwrap_or_else(|| {
                depot_ids.push(&vehicle.depot);
                fleet.depots.push(Depot {
                    name: node.code.clone(),
                    location,
                });
                fleet.depots.len() - 1
            });
        fleet.vehicles.push(RoutingVehicle {
            name: vehicle.plate.clone(),
            depot,
            capacity: Load::new(count(vehicle.capacity_kg), count(vehicle.capacity_parcels)),
            shift: seconds(vehicle.shift),
            cost_per_km: vehicle.cost_per_km,
            fixed_cost: Money::zero(vehicle.cost_per_km.currency()),
        });
        fleet.used.push(vehicle.clone());
    }
    fleet
}

/// Splits a point's parcels into loads the largest vehicle carries, in arrival order.
fn chunks(point: &NetworkNodeId, parcels: &[&Parcel], room: Load) -> Vec<StopParcels> {
    let mut chunks: Vec<StopParcels> = Vec::new();
    for parcel in parcels {
        let fits = |chunk: &StopParcels| {
            let mut chunk = chunk.clone();
            add(&mut chunk, parcel);
            room.holds(load_of(chunk.drop)) && room.holds(load_of(chunk.pick_up))
        };
        if !chunks.last().is_some_and(fits) {
            chunks.push(StopParcels {
                point: point.clone(),
                parcels: Vec::new(),
                drop: StopLoad::default(),
                pick_up: StopLoad::default(),
            });
        }
        if let Some(chunk) = chunks.last_mut() {
            add(chunk, parcel);
        }
    }
    chunks
}

fn add(chunk: &mut StopParcels, parcel: &Parcel) {
    chunk.parcels.push(parcel.id.clone());
    match parcel.direction {
        Direction::Down => chunk.drop.add(parcel.weight_g),
        Direction::Up => chunk.pick_up.add(parcel.weight_g),
    }
}

fn seconds(window: DayWindow) -> TimeWindow {
    TimeWindow::new(
        u32::from(window.start.minutes()) * 60,
        u32::from(window.end.minutes()) * 60,
    )
}

fn load_of(load: StopLoad) -> Load {
    Load::new(kg(load.grams), count(load.parcels))
}

/// Whole kilograms, rounded up: a van's capacity is a limit, not an average.
fn kg(grams: i64) -> u32 {
    count((grams.max(0) + 999) / 1000)
}

/// Counts as the solver takes them (it counts in `i32`).
fn count(value: i64) -> u32 {
    u32::try_from(value.clamp(0, i64::from(i32::MAX))).unwrap_or(0)
}

pub(super) fn reason_of(reason: UnassignedReason) -> UnplannedReason {
    match reason {
        UnassignedReason::ExceedsEveryVehicle => UnplannedReason::ExceedsEveryVehicle,
        UnassignedReason::WindowUnreachable => UnplannedReason::WindowUnreachable,
        UnassignedReason::NoCapacityLeft => UnplannedReason::NoCapacityLeft,
        UnassignedReason::NoTimeLeft => UnplannedReason::NoTimeLeft,
        UnassignedReason::NotPlaced => UnplannedReason::NotPlaced,
    }
}

#[cfg(test)]
mod tests {
    use farmgate_domain::account::Phone;
    use farmgate_domain::id::ParcelId;
    use farmgate_domain::parcel::{ParcelCode, ParcelStage, Villager};
    use farmgate_domain::time::Timestamp;

    use super::*;

    fn parcel(number: u64, direction: Direction, grams: i64) -> Parcel {
        Parcel {
            id: ParcelId::new(number.to_string()),
            code: ParcelCode::from_number(number),
            direction,
            carrier: None,
            carrier_tracking: None,
            point: NetworkNodeId::new("vp"),
            villager: Villager {
                name: "才让".into(),
                phone: Phone::parse("phone", "13912345678").unwrap(),
            },
            weight_g: grams,
            order: None,
            stage: ParcelStage::Received,
            run: None,
            pickup_code: None,
            wrong_pickup_codes: 0,
            created_at: Timestamp::from_millis(0),
        }
    }

    #[test]
    fn a_point_with_more_than_a_van_carries_becomes_several_stops_that_each_fit() {
        let parcels = [
            parcel(1, Direction::Down, 40_000),
            parcel(2, Direction::Down, 40_000),
            parcel(3, Direction::Up, 30_000),
            parcel(4, Direction::Down, 15_000),
        ];
        let waiting: Vec<&Parcel> = parcels.iter().collect();
        let room = Load::new(60, 10);
        let split = chunks(&NetworkNodeId::new("vp"), &waiting, room);
        assert_eq!(split.len(), 2);
        assert_eq!(split[0].parcels.len(), 1);
        assert_eq!(split[1].parcels.len(), 3);
        for chunk in &split {
            assert!(room.holds(load_of(chunk.drop)) && room.holds(load_of(chunk.pick_up)));
        }
        assert_eq!(kg(1), 1, "a gram started counts as a kilogram");
    }
}
