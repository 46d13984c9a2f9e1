//! Solomon's VRPTW files: a name, the fleet (number, capacity), then one row per customer
//! (number, x, y, demand, ready, due, service) with the depot as customer 0. Distances and travel
//! times are unrounded Euclidean; we count thousandths, so totals match the published
//! double-precision costs to well under 0.01%.

use farmgate_domain::money::Money;

use super::{euclidean, numbers, whole, Instance, ReadError};
use crate::matrix::TravelMatrix;
use crate::problem::{Depot, Load, RoutingProblem, Stop, TimeWindow, Vehicle};

/// Thousandths of the instance's distance and time unit.
pub const SOLOMON_SCALE: u32 = 1000;

pub fn read_solomon(name: &str, text: &str) -> Result<Instance, ReadError> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty())
        .collect();
    let after = |heading: &'static str| {
        lines
            .iter()
            .position(|(_, line)| line.eq_ignore_ascii_case(heading))
            .map(|at| &lines[at + 1..])
            .ok_or(ReadError::Missing { what: heading })
    };
    // VEHICLE, then the column names, then the numbers.
    let &(fleet_line, fleet) = after("VEHICLE")?
        .get(1)
        .ok_or(ReadError::Missing { what: "fleet size" })?;
    let (count, capacity) = match numbers(fleet_line, fleet)?[..] {
        [count, capacity] => (count, whole(fleet_line, capacity, 1)?),
        _ => {
            return Err(ReadError::MissingField {
                line: fleet_line,
                field: "capacity",
            })
        }
    };
    let rows = after("CUSTOMER")?
        .iter()
        .skip(1)
        .map(|&(line, text)| row(line, text))
        .collect::<Result<Vec<_>, _>>()?;
    let (depot, customers) = rows
        .split_first()
        .ok_or(ReadError::Missing { what: "depot row" })?;
    let points: Vec<_> = rows.iter().map(|row| row.point).collect();
    let distances = euclidean(&points, SOLOMON_SCALE);
    let vehicles = (0..whole(fleet_line, count, 1)?)
        .map(|index| Vehicle {
            name: format!("vehicle {}", index + 1),
            depot: 0,
            capacity: Load::new(capacity, 0),
            shift: depot.window,
            cost_per_km: Money::fen(0),
            fixed_cost: Money::fen(0),
        })
        .collect();
    let stops = customers
        .iter()
        .enumerate()
        .map(|(index, row)| Stop {
            name: format!("customer {}", row.number),
            location: index + 1,
            windows: vec![row.window],
            delivery: Load::new(row.demand, 0),
            pickup: Load::ZERO,
            service_s: row.service,
        })
        .collect();
    Ok(Instance {
        name: name.to_string(),
        problem: RoutingProblem {
            depots: vec![Depot {
                name: format!("depot {}", depot.number),
                location: 0,
            }],
            stops,
            vehicles,
            matrix: TravelMatrix::new(distances.clone(), distances)?,
        },
        scale: SOLOMON_SCALE,
    })
}

struct Row {
    number: u32,
    point: (f64, f64),
    demand: u32,
    window: TimeWindow,
    service: u32,
}

fn row(line: usize, text: &str) -> Result<Row, ReadError> {
    let [number, x, y, demand, ready, due, service] = numbers(line, text)?[..] else {
        return Err(ReadError::MissingField {
            line,
            field: "one of the 7 customer columns",
        });
    };
    let scaled = |value| whole(line, value, SOLOMON_SCALE);
    Ok(Row {
        number: whole(line, number, 1)?,
        point: (x, y),
        demand: whole(line, demand, 1)?,
        window: TimeWindow::new(scaled(ready)?, scaled(due)?),
        service: scaled(service)?,
    })
}
