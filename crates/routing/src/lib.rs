//! Route planning for the county's runs: from depots to village points and back, delivering what
//! was loaded at the depot and collecting what villages send up, within vehicle capacity (kg and
//! parcels), opening-hour windows and shifts. The solver is `vrp-core`; every plan can be verified
//! by [`check`], which knows nothing of the solver.

mod check;
mod error;
mod matrix;
mod model;
mod plan;
mod problem;
mod reachability;
pub mod readers;
mod solve;
pub mod synthetic;

pub use check::{check, Violation};
pub use error::RoutingError;
pub use matrix::{MatrixError, StraightLine, TravelMatrix};
pub use plan::{RoutingPlan, Run, Unassigned, UnassignedReason, Visit};
pub use problem::{Depot, Load, RoutingProblem, Stop, TimeWindow, Vehicle};
pub use solve::{plan, plan_with, Objective, PlanOptions};
