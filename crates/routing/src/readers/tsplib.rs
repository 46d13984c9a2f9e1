//! CVRPLIB instances in TSPLIB format: `KEY : value` lines, then NODE_COORD_SECTION,
//! DEMAND_SECTION and DEPOT_SECTION. Distances are Euclidean rounded to the nearest integer
//! (TSPLIB `EUC_2D`), as the best-known costs count them. The fleet is the one the best-known
//! cost was found with: Augerat's sets (A, B, P) fix it in the comment ("No of trucks: 5"),
//! Uchoa's X set leaves it free, so those get one vehicle per customer.

use farmgate_domain::money::Money;

use super::{euclidean, numbers, whole, Instance, ReadError};
use crate::matrix::TravelMatrix;
use crate::problem::{Depot, Load, RoutingProblem, Stop, TimeWindow, Vehicle};

/// The matrix is square in memory (5,000 nodes: 200 MB); the instances here have a few hundred.
const MAX_NODES: usize = 5_000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Header,
    Coordinates,
    Demands,
    Depots,
}

pub fn read_tsplib(name: &str, text: &str) -> Result<Instance, ReadError> {
    let mut dimension = None;
    let mut capacity = None;
    let mut section = Section::Header;
    let mut points: Vec<Option<(f64, f64)>> = Vec::new();
    let mut demands: Vec<Option<u32>> = Vec::new();
    let mut depot = None;
    let mut trucks = None;
    for (index, raw) in text.lines().enumerate() {
        let (line, text) = (index + 1, raw.trim());
        let keyword = text.split([':', ' ']).next().unwrap_or_default();
        match keyword {
            "" => continue,
            "EOF" => break,
            "NODE_COORD_SECTION" => section = Section::Coordinates,
            "DEMAND_SECTION" => section = Section::Demands,
            "DEPOT_SECTION" => section = Section::Depots,
            _ if section == Section::Header => {
                let value = text.split_once(':').map_or("", |(_, value)| value.trim());
                match keyword {
                    "DIMENSION" => {
                        let size = single(line, value)? as usize;
                        if size > MAX_NODES {
                            return Err(ReadError::OutOfRange {
                                line,
                                value: value.to_string(),
                            });
                        }
                        (points, demands) = (vec![None; size], vec![None; size]);
                        dimension = Some(size);
                    }
                    "CAPACITY" => capacity = Some(single(line, value)?),
                    "COMMENT" => trucks = trucks_in_comment(value),
                    "EDGE_WEIGHT_TYPE" if value != "EUC_2D" => {
                        return Err(ReadError::UnsupportedEdgeWeight {
                            line,
                            kind: value.to_string(),
                        })
                    }
                    _ => {}
                }
            }
            _ => {
                let values = numbers(line, text)?;
                let node = values.first().copied().unwrap_or_default() as i64;
                if section == Section::Depots {
                    if node == -1 {
                        continue;
                    }
                    if depot.replace(slot(line, node, dimension)?).is_some() {
                        return Err(ReadError::SecondDepot { line });
                    }
                    continue;
                }
                let at = slot(line, node, dimension)?;
                match (section, &values[1..]) {
                    (Section::Coordinates, [x, y]) => points[at] = Some((*x, *y)),
                    (Section::Demands, [demand]) => demands[at] = Some(whole(line, *demand, 1)?),
                    _ => {
                        return Err(ReadError::MissingField {
                            line,
                            field: "a value of the node",
                        })
                    }
                }
            }
        }
    }
    let capacity = capacity.ok_or(ReadError::Missing { what: "CAPACITY" })?;
    let depot = depot.ok_or(ReadError::Missing {
        what: "DEPOT_SECTION",
    })?;
    let points = points
        .into_iter()
        .collect::<Option<Vec<_>>>()
        .ok_or(ReadError::Missing {
            what: "coordinates of every node",
        })?;
    let demands = demands
        .into_iter()
        .collect::<Option<Vec<_>>>()
        .ok_or(ReadError::Missing {
            what: "demand of every node",
        })?;
    let distances = euclidean(&points, 1);
    let stops: Vec<Stop> = (0..points.len())
        .filter(|location| *location != depot)
        .map(|location| Stop {
            name: format!("node {}", location + 1),
            location,
            windows: vec![TimeWindow::ALWAYS],
            delivery: Load::new(demands[location], 0),
            pickup: Load::ZERO,
            service_s: 0,
        })
        .collect();
    let fleet = trucks.unwrap_or(stops.len());
    let vehicles = (0..fleet)
        .map(|index| Vehicle {
            name: format!("vehicle {}", index + 1),
            depot: 0,
            capacity: Load::new(capacity, 0),
            shift: TimeWindow::ALWAYS,
            cost_per_km: Money::fen(0),
            fixed_cost: Money::fen(0),
        })
        .collect();
    Ok(Instance {
        name: name.to_string(),
        problem: RoutingProblem {
            depots: vec![Depot {
                name: format!("node {}", depot + 1),
                location: depot,
            }],
            stops,
            vehicles,
            matrix: TravelMatrix::new(distances.clone(), distances)?,
        },
        scale: 1,
    })
}

fn single(line: usize, value: &str) -> Result<u32, ReadError> {
    match numbers(line, value)?[..] {
        [number] => whole(line, number, 1),
        _ => Err(ReadError::MissingField {
            line,
            field: "the value",
        }),
    }
}

/// The 0-based index of a 1-based node number.
fn slot(line: usize, node: i64, dimension: Option<usize>) -> Result<usize, ReadError> {
    let size = dimension.ok_or(ReadError::Missing {
        what: "DIMENSION before the sections",
    })?;
    usize::try_from(node - 1)
        .ok()
        .filter(|at| *at < size)
        .ok_or(ReadError::UnknownNode { line, node })
}

/// The fleet Augerat's comments give: `(Augerat et al, No of trucks: 5, Optimal value: 784)`.
/// A larger fleet could beat the best-known cost by using more vehicles (P-n22-k8 does with
/// nine).
fn trucks_in_comment(comment: &str) -> Option<usize> {
    let after = comment.split_once("No of trucks:")?.1;
    let digits: String = after
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().filter(|trucks| *trucks > 0)
}
