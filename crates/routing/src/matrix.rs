//! Distances (metres) and durations (seconds) between every pair of locations, as integers:
//! read from a supplied JSON or CSV file, or estimated as straight-line distance times a detour
//! factor. Constructed only valid: square, same size for both, no negative or fractional values.

use farmgate_domain::place::GeoPoint;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TravelMatrix {
    size: usize,
    distances_m: Vec<u32>,
    durations_s: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MatrixError {
    #[error("the matrix has no locations")]
    Empty,
    #[error("{matrix} row {row} has {len} values, but the matrix has {size} rows")]
    NotSquare {
        matrix: &'static str,
        row: usize,
        len: usize,
        size: usize,
    },
    #[error("distances cover {distances} locations but durations {durations}")]
    SizeMismatch { distances: usize, durations: usize },
    #[error("{matrix} from {from} to {to} is negative")]
    Negative {
        matrix: &'static str,
        from: usize,
        to: usize,
    },
    #[error("{matrix} from {from} to {to} is not a whole number: {value}")]
    NotAnInteger {
        matrix: &'static str,
        from: usize,
        to: usize,
        value: String,
    },
    #[error("{matrix} from {from} to {to} is too large")]
    TooLarge {
        matrix: &'static str,
        from: usize,
        to: usize,
    },
    #[error("no distance given from {from} to {to}")]
    MissingPair { from: usize, to: usize },
    #[error("line {line}: the pair from {from} to {to} is given twice")]
    DuplicatePair { line: u64, from: usize, to: usize },
    #[error("line {line}: {message}")]
    Syntax { line: u64, message: String },
    #[error("location {location} has no coordinates")]
    MissingCoordinates { location: usize },
    #[error("the detour factor must be at least 1000‰ and the speed above zero")]
    BadStraightLine,
}

/// Straight-line estimate: road distance is the great-circle distance times `detour_permille`
/// / 1000 (a county sets its own, typically 1300–1500), driven at `speed_kmh`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StraightLine {
    pub detour_permille: u32,
    pub speed_kmh: u32,
}

const DISTANCES: &str = "distance";
const DURATIONS: &str = "duration";
/// Mean Earth radius (IUGG), in metres.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

impl TravelMatrix {
    /// Square row-major matrices, one row per origin.
    pub fn new(
        distances_m: Vec<Vec<u32>>,
        durations_s: Vec<Vec<u32>>,
    ) -> Result<Self, MatrixError> {
        let size = distances_m.len();
        if size == 0 {
            return Err(MatrixError::Empty);
        }
        if durations_s.len() != size {
            return Err(MatrixError::SizeMismatch {
                distances: size,
                durations: durations_s.len(),
            });
        }
        Ok(Self {
            size,
            distances_m: flatten(DISTANCES, distances_m, size)?,
            durations_s: flatten(DURATIONS, durations_s, size)?,
        })
    }

    /// `{"distances_m": [[…]], "durations_s": [[…]]}` with non-negative whole numbers.
    pub fn from_json(text: &str) -> Result<Self, MatrixError> {
        #[derive(Deserialize)]
        struct File {
            distances_m: Vec<Vec<serde_json::Value>>,
            durations_s: Vec<Vec<serde_json::Value>>,
        }
        let file: File = serde_json::from_str(text).map_err(|error| MatrixError::Syntax {
            line: error.line() as u64,
            message: error.to_string(),
        })?;
        Self::new(
            whole_numbers(DISTANCES, file.distances_m)?,
            whole_numbers(DURATIONS, file.durations_s)?,
        )
    }

    /// A CSV with the header `from,to,distance_m,duration_s`, one line per ordered pair of
    /// locations numbered from 0; every pair must be present (a location to itself may be left
    /// out and is then 0).
    pub fn from_csv(text: &str) -> Result<Self, MatrixError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut pairs = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|error| MatrixError::Syntax {
                line: error.position().map_or(0, |position| position.line()),
                message: error.to_string(),
            })?;
            let line = record.position().map_or(0, |position| position.line());
            let field = |index: usize, name: &str| -> Result<i64, MatrixError> {
                let text = record.get(index).unwrap_or_default();
                text.parse().map_err(|_| MatrixError::Syntax {
                    line,
                    message: format!("{name} is not a whole number: {text:?}"),
                })
            };
            let (from, to) = (field(0, "from")?, field(1, "to")?);
            let (from, to) = match (usize::try_from(from), usize::try_from(to)) {
                (Ok(from), Ok(to)) => (from, to),
                _ => {
                    return Err(MatrixError::Syntax {
                        line,
                        message: "location numbers cannot be negative".into(),
                    })
                }
            };
            pairs.push((
                line,
                from,
                to,
                field(2, "distance_m")?,
                field(3, "duration_s")?,
            ));
        }
        Self::from_pairs(pairs)
    }

    fn from_pairs(pairs: Vec<(u64, usize, usize, i64, i64)>) -> Result<Self, MatrixError> {
        let size = pairs
            .iter()
            .map(|&(_, from, to, ..)| from.max(to) + 1)
            .max()
            .ok_or(MatrixError::Empty)?;
        let mut distances = vec![vec![None; size]; size];
        let mut durations = vec![vec![0; size]; size];
        for (line, from, to, distance, duration) in pairs {
            if distances[from][to].is_some() {
                return Err(MatrixError::DuplicatePair { line, from, to });
            }
            distances[from][to] = Some(non_negative(DISTANCES, from, to, distance)?);
            durations[from][to] = non_negative(DURATIONS, from, to, duration)?;
        }
        let distances = distances
            .into_iter()
            .enumerate()
            .map(|(from, row)| {
                row.into_iter()
                    .enumerate()
                    .map(|(to, value)| match value {
                        Some(value) => Ok(value),
                        None if from == to => Ok(0),
                        None => Err(MatrixError::MissingPair { from, to }),
                    })
                    .collect()
            })
            .collect::<Result<_, _>>()?;
        Self::new(distances, durations)
    }

    /// Great-circle distance between the points times the detour factor; every location needs
    /// coordinates.
    pub fn straight_line(
        points: &[Option<GeoPoint>],
        line: StraightLine,
    ) -> Result<Self, MatrixError> {
        if line.detour_permille < 1000 || line.speed_kmh == 0 {
            return Err(MatrixError::BadStraightLine);
        }
        let points = points
            .iter()
            .enumerate()
            .map(|(location, point)| point.ok_or(MatrixError::MissingCoordinates { location }))
            .collect::<Result<Vec<_>, _>>()?;
        let metres_per_hour = u64::from(line.speed_kmh) * 1000;
        let mut distances = Vec::with_capacity(points.len());
        let mut durations = Vec::with_capacity(points.len());
        for from in &points {
            let road: Vec<u64> = points
                .iter()
                .map(|to| haversine_m(*from, *to) * u64::from(line.detour_permille) / 1000)
                .collect();
            durations.push(
                road.iter()
                    .map(|metres| saturate((metres * 3600).div_ceil(metres_per_hour)))
                    .collect(),
            );
            distances.push(road.into_iter().map(saturate).collect());
        }
        Self::new(distances, durations)
    }

    pub fn size(&self) -> usize {
        self.size
    }

    /// Metres from one location to another; `u32::MAX` for a location outside the matrix, so a
    /// bad index can only make a plan look worse, never better.
    pub fn distance_m(&self, from: usize, to: usize) -> u32 {
        self.cell(&self.distances_m, from, to)
    }

    /// Seconds from one location to another; `u32::MAX` outside the matrix.
    pub fn duration_s(&self, from: usize, to: usize) -> u32 {
        self.cell(&self.durations_s, from, to)
    }

    fn cell(&self, values: &[u32], from: usize, to: usize) -> u32 {
        if from < self.size && to < self.size {
            values
                .get(from * self.size + to)
                .copied()
                .unwrap_or(u32::MAX)
        } else {
            u32::MAX
        }
    }
}

fn flatten(
    matrix: &'static str,
    rows: Vec<Vec<u32>>,
    size: usize,
) -> Result<Vec<u32>, MatrixError> {
    let mut values = Vec::with_capacity(size * size);
    for (row, cells) in rows.into_iter().enumerate() {
        if cells.len() != size {
            return Err(MatrixError::NotSquare {
                matrix,
                row,
                len: cells.len(),
                size,
            });
        }
        values.extend(cells);
    }
    Ok(values)
}

fn whole_numbers(
    matrix: &'static str,
    rows: Vec<Vec<serde_json::Value>>,
) -> Result<Vec<Vec<u32>>, MatrixError> {
    rows.into_iter()
        .enumerate()
        .map(|(from, row)| {
            row.into_iter()
                .enumerate()
                .map(|(to, value)| match value.as_i64() {
                    Some(number) => non_negative(matrix, from, to, number),
                    None if value.as_f64().is_some_and(|number| number < 0.0) => {
                        Err(MatrixError::Negative { matrix, from, to })
                    }
                    None if value.as_u64().is_some() => {
                        Err(MatrixError::TooLarge { matrix, from, to })
                    }
                    None => Err(MatrixError::NotAnInteger {
                        matrix,
                        from,
                        to,
                        value: value.to_string(),
                    }),
                })
                .collect()
        })
        .collect()
}

fn non_negative(
    matrix: &'static str,
    from: usize,
    to: usize,
    value: i64,
) -> Result<u32, MatrixError> {
    if value < 0 {
        return Err(MatrixError::Negative { matrix, from, to });
    }
    u32::try_from(value).map_err(|_| MatrixError::TooLarge { matrix, from, to })
}

fn saturate(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Great-circle distance in whole metres between two points given in micro-degrees.
fn haversine_m(from: GeoPoint, to: GeoPoint) -> u64 {
    let radians = |micro_degrees: i32| (f64::from(micro_degrees) / 1e6).to_radians();
    let (lat1, lat2) = (radians(from.lat_e6), radians(to.lat_e6));
    let half_dlat = (lat2 - lat1) / 2.0;
    let half_dlon = (radians(to.lon_e6) - radians(from.lon_e6)) / 2.0;
    let a = half_dlat.sin().powi(2) + lat1.cos() * lat2.cos() * half_dlon.sin().powi(2);
    let metres = 2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin();
    // Finite and within 0..=20,016 km by construction; `as` would saturate anyway.
    metres.round() as u64
}

#[cfg(test)]
#[path = "matrix_tests.rs"]
mod tests;
