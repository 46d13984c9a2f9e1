//! The county commerce bureau's figures: the periods they are asked for and compared with, how
//! a change between two periods is stated, and what each order event adds to the rollups. No
//! I/O: the store keeps the rollups these rules compute.

mod buyers;
mod cells;
mod channel;
mod coverage;
mod growth;
mod network;
mod period;
mod rollup;

pub use buyers::{BuyerMonths, BuyersGained};
pub use cells::{
    BuyerPeriod, DestinationKey, LiveCell, ProductCell, ProductKey, RollupChange, RollupFigures,
    SalesKey,
};
pub use channel::Channel;
pub use coverage::{day_key, month_key, Coverage};
pub use growth::{Growth, MIN_BASE_FEN};
pub use network::{NetworkFigures, RunFigures};
pub use period::{Period, PeriodError, PeriodKind, MAX_RANGE_DAYS};
pub use rollup::{SoldLine, SoldOrder};
