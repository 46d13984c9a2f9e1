//! Readers for the published benchmark formats, into Farmgate's own problem type with a single
//! depot: Solomon VRPTW (`*.txt`) and CVRPLIB in TSPLIB format (`*.vrp`, `EUC_2D`).

mod solomon;
mod tsplib;

use std::path::Path;

use crate::matrix::MatrixError;
use crate::problem::RoutingProblem;

pub use solomon::{read_solomon, SOLOMON_SCALE};
pub use tsplib::read_tsplib;

/// A benchmark instance. The problem counts in whole units; `cost / scale` is the cost in the
/// instance's own units, the ones its best-known cost is given in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub name: String,
    pub problem: RoutingProblem,
    pub scale: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}: not a Solomon (.txt) or TSPLIB (.vrp) file")]
    UnknownFormat { path: String },
    #[error("line {line}: expected a number, found {text:?}")]
    Number { line: usize, text: String },
    #[error("line {line}: {field} is missing")]
    MissingField { line: usize, field: &'static str },
    #[error("{what} is missing")]
    Missing { what: &'static str },
    #[error("line {line}: edge weights {kind} are not supported, only EUC_2D")]
    UnsupportedEdgeWeight { line: usize, kind: String },
    #[error("line {line}: node {node} is not one of the DIMENSION nodes")]
    UnknownNode { line: usize, node: i64 },
    #[error("line {line}: only one depot is supported")]
    SecondDepot { line: usize },
    #[error("line {line}: {value} does not fit")]
    OutOfRange { line: usize, value: String },
    #[error(transparent)]
    Matrix(#[from] MatrixError),
}

/// Reads a `.txt` (Solomon) or `.vrp` (TSPLIB) file, named after its file stem.
pub fn read_instance(path: &Path) -> Result<Instance, ReadError> {
    let text = std::fs::read_to_string(path).map_err(|error| ReadError::Io {
        path: path.display().to_string(),
        message: error.to_string(),
    })?;
    let name = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    match path.extension().and_then(|extension| extension.to_str()) {
        Some("txt") => read_solomon(&name, &text),
        Some("vrp") => read_tsplib(&name, &text),
        _ => Err(ReadError::UnknownFormat {
            path: path.display().to_string(),
        }),
    }
}

/// The whitespace-separated numbers of a line (1-based `line` for errors).
fn numbers(line: usize, text: &str) -> Result<Vec<f64>, ReadError> {
    text.split_whitespace()
        .map(|word| {
            word.parse::<f64>()
                .ok()
                .filter(|number| number.is_finite())
                .ok_or_else(|| ReadError::Number {
                    line,
                    text: word.to_string(),
                })
        })
        .collect()
}

/// A non-negative value scaled to whole units, or an error naming the line.
fn whole(line: usize, value: f64, scale: u32) -> Result<u32, ReadError> {
    let scaled = (value * f64::from(scale)).round();
    if (0.0..=f64::from(i32::MAX)).contains(&scaled) {
        Ok(scaled as u32)
    } else {
        Err(ReadError::OutOfRange {
            line,
            value: value.to_string(),
        })
    }
}

/// Euclidean distances between points, times `scale`, rounded to the nearest whole unit.
fn euclidean(points: &[(f64, f64)], scale: u32) -> Vec<Vec<u32>> {
    points
        .iter()
        .map(|(x1, y1)| {
            points
                .iter()
                .map(|(x2, y2)| {
                    // Finite inputs; `as` saturates rather than wraps on absurd coordinates.
                    ((x1 - x2).hypot(y1 - y2) * f64::from(scale)).round() as u32
                })
                .collect()
        })
        .collect()
}
