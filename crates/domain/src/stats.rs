//! The county commerce bureau's figures: the periods they are asked for and compared with, and
//! how a change between two periods is stated. No I/O: the rollups feed these rules.

mod channel;
mod growth;
mod period;
mod rollup;

pub use channel::Channel;
pub use growth::{Growth, MIN_BASE_FEN};
pub use period::{Period, PeriodError, PeriodKind, MAX_RANGE_DAYS};
pub use rollup::{RollupFigures, RollupKey, SoldOrder};
