//! What can be wrong with a routing problem before any planning starts.

use crate::matrix::MatrixError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoutingError {
    #[error("the distance matrix is unusable: {0}")]
    Matrix(#[from] MatrixError),
    #[error("{what} refers to location {location}, but the matrix has only {size} locations")]
    UnknownLocation {
        what: String,
        location: usize,
        size: usize,
    },
    #[error("vehicle {vehicle} belongs to depot {depot}, which does not exist")]
    UnknownDepot { vehicle: usize, depot: usize },
    #[error("{what} has a window that closes ({close_s}s) before it opens ({open_s}s)")]
    InvertedWindow {
        what: String,
        open_s: u32,
        close_s: u32,
    },
    #[error("{what} has no opening window")]
    NoWindow { what: String },
    #[error("{what} is larger than the planner can count ({value})")]
    ValueTooLarge { what: String, value: u64 },
    #[error("vehicle {vehicle} has a negative cost")]
    NegativeCost { vehicle: usize },
    #[error("there are stops to serve but no vehicles")]
    NoVehicles,
    #[error("the solver failed: {0}")]
    Solver(String),
}
