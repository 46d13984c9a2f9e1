//! The down flow: carriers' parcels come in (typed at the warehouse counter, from a CSV
//! manifest, or through a carrier's intake API), are received and sorted at the warehouse by
//! village point across carriers, and wait at their point for the villager, who is sent a
//! pickup code and collects with it. Every step goes through `move_parcel`.

mod carrier_api;
mod collect;
mod console;
mod demo;
mod intake;
mod manifest;
mod notices;
mod receiving;
mod sorting;

pub use carrier_api::{CarrierTokenView, IntakeReceipt, IssuedCarrierToken, CARRIER_TOKEN_PREFIX};
pub use collect::{
    Collected, ALREADY_COLLECTED, NO_PARCEL_WITH_CODE, PICKUP_HELD, PICKUP_NOT_AT_POINT,
};
pub use console::{DownCounts, PointParcels};
pub use intake::{CounterForm, LineProblem};
pub use manifest::{ManifestOutcome, ManifestReport, MANIFEST_COLUMNS};
pub use notices::{Notifier, NotifyError, OutboxNotifier, TextMessage, OUTBOX_PROVIDER};
pub use receiving::Receipt;
pub use sorting::{SortingGroup, SortingView};
