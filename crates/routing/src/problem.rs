//! Farmgate's routing problem: depots, the village points to visit with what goes down to them
//! and what comes up, and the vehicles. Times are seconds from the start of the planning day;
//! locations are indices into the travel matrix.

use farmgate_domain::money::Money;

use crate::error::RoutingError;
use crate::matrix::TravelMatrix;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingProblem {
    pub depots: Vec<Depot>,
    pub stops: Vec<Stop>,
    pub vehicles: Vec<Vehicle>,
    pub matrix: TravelMatrix,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Depot {
    pub name: String,
    pub location: usize,
}

/// A village point on the day's plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    pub name: String,
    pub location: usize,
    /// Opening hours, one window or several (open 09:00-12:00 and 15:00-19:00): service must
    /// start inside one of them. At least one.
    pub windows: Vec<TimeWindow>,
    /// Loaded at the depot, left here.
    pub delivery: Load,
    /// Collected here, carried back to the depot.
    pub pickup: Load,
    pub service_s: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vehicle {
    pub name: String,
    /// Index into `depots`: where the run starts and ends.
    pub depot: usize,
    pub capacity: Load,
    /// Leaves the depot at `open_s`, is back by `close_s`.
    pub shift: TimeWindow,
    pub cost_per_km: Money,
    /// Paid once if the vehicle goes out at all.
    pub fixed_cost: Money,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Load {
    pub kg: u32,
    pub parcels: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeWindow {
    pub open_s: u32,
    pub close_s: u32,
}

impl Load {
    pub const ZERO: Load = Load { kg: 0, parcels: 0 };

    pub const fn new(kg: u32, parcels: u32) -> Self {
        Self { kg, parcels }
    }

    /// True when `other` fits into this much room in every dimension.
    pub fn holds(self, other: Load) -> bool {
        other.kg <= self.kg && other.parcels <= self.parcels
    }
}

impl TimeWindow {
    /// Never closes: for problems without opening hours.
    pub const ALWAYS: TimeWindow = TimeWindow {
        open_s: 0,
        close_s: u32::MAX,
    };

    pub const fn new(open_s: u32, close_s: u32) -> Self {
        Self { open_s, close_s }
    }
}

/// The solver counts in `i32`; everything it is given must fit.
const SOLVER_LIMIT: u64 = i32::MAX as u64;

impl RoutingProblem {
    /// Everything `plan` needs to hold before it hands the problem to the solver.
    pub(crate) fn validate(&self) -> Result<(), RoutingError> {
        let size = self.matrix.size();
        let located = |what: String, location: usize| {
            if location < size {
                Ok(())
            } else {
                Err(RoutingError::UnknownLocation {
                    what,
                    location,
                    size,
                })
            }
        };
        for (index, depot) in self.depots.iter().enumerate() {
            located(format!("depot {index} ({})", depot.name), depot.location)?;
        }
        for (index, stop) in self.stops.iter().enumerate() {
            let what = format!("stop {index} ({})", stop.name);
            located(what.clone(), stop.location)?;
            if stop.windows.is_empty() {
                return Err(RoutingError::NoWindow { what });
            }
            for window in &stop.windows {
                ordered(&what, *window)?;
            }
            within_solver(&what, stop.delivery)?;
            within_solver(&what, stop.pickup)?;
        }
        for (index, vehicle) in self.vehicles.iter().enumerate() {
            let what = format!("vehicle {index} ({})", vehicle.name);
            if vehicle.depot >= self.depots.len() {
                return Err(RoutingError::UnknownDepot {
                    vehicle: index,
                    depot: vehicle.depot,
                });
            }
            ordered(&what, vehicle.shift)?;
            within_solver(&what, vehicle.capacity)?;
            if vehicle.cost_per_km.minor() < 0 || vehicle.fixed_cost.minor() < 0 {
                return Err(RoutingError::NegativeCost { vehicle: index });
            }
        }
        if self.vehicles.is_empty() && !self.stops.is_empty() {
            return Err(RoutingError::NoVehicles);
        }
        Ok(())
    }

    /// Where a vehicle starts and ends its run.
    pub(crate) fn home_of(&self, vehicle: &Vehicle) -> Option<usize> {
        self.depots.get(vehicle.depot).map(|depot| depot.location)
    }
}

fn ordered(what: &str, window: TimeWindow) -> Result<(), RoutingError> {
    if window.open_s <= window.close_s {
        Ok(())
    } else {
        Err(RoutingError::InvertedWindow {
            what: what.to_string(),
            open_s: window.open_s,
            close_s: window.close_s,
        })
    }
}

fn within_solver(what: &str, load: Load) -> Result<(), RoutingError> {
    match [load.kg, load.parcels]
        .into_iter()
        .map(u64::from)
        .find(|value| *value > SOLVER_LIMIT)
    {
        Some(value) => Err(RoutingError::ValueTooLarge {
            what: what.to_string(),
            value,
        }),
        None => Ok(()),
    }
}
