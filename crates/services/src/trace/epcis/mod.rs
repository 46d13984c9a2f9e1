//! EPCIS 2.0: the standard's JSON-LD document (read and written), the pure mapping of our
//! batch events onto it, and the exports that gather the events a reader may see.

mod document;
mod export;
mod write;

pub use document::{
    BizTransaction, EpcisAction, EpcisBody, EpcisDocument, EpcisEvent, EpcisEventType, PlaceId,
    QuantityElement, EPCIS_CONTEXT,
};
pub use write::{batch_class, date_time, epcis_document, epcis_event, zone_offset, EpcisBatch};
