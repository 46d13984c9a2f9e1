//! Traceability: producers record batches of their products; every later step (inspection,
//! packing, shipping, receiving, recall) appends an EPCIS-shaped event to the batch.

mod batch_detail;
mod batch_photos;
mod batches;
mod certificates;
pub mod epcis;
mod gs1;
mod inspections;
mod journey;
mod packing;
mod public;
mod recall_notices;
mod recalls;
mod sale;

pub use batch_detail::{BatchDetail, NO_GTIN};
pub use batches::BATCH_PAGE;
pub use certificates::CERTIFICATE_PAGE;
pub use gs1::{Gs1Settings, ProductTraceForm};
pub use inspections::UploadedReport;
pub(crate) use journey::JourneyStep;
pub use packing::{PackingLine, NOT_PACKABLE};
pub use recalls::{BuyerRecall, RecallView, ALREADY_RECALLED, RECALL_PAGE};
pub use sale::{NO_PASSED_BATCH, PRODUCT_RECALLED};
