//! Traceability: the GS1 identifiers on a package (GTIN, lot, serial), the batches producers
//! record, and each batch's life as EPCIS-shaped events, from harvest to the buyer's door.

mod batch;
mod certificate;
mod digital_link;
mod event;
mod gtin;
mod inspection;
mod journey;
mod labels;
mod lot;

pub use batch::{
    lot_problem, validate_batch, Batch, BatchDraft, BatchForm, BatchStatus, QualityStatus,
    MAX_BATCH_UNITS, MAX_NOTES_CHARS,
};
pub use certificate::{
    validate_certificate, Certificate, CertificateDraft, CertificateForm, CertificateHolder,
    CertificateKind, CertificateState, CompliancePromise, MAX_CERTIFICATE_TEXT_CHARS,
    MAX_PROMISE_CHARS,
};
pub use digital_link::{DigitalLink, DigitalLinkError};
pub use event::{
    BatchEvent, BizStep, Disposition, EventAction, EventKind, EventPlace, EventSubject,
    CHINA_ZONE_OFFSET_MINUTES,
};
pub use gtin::{gs1_check_digit, CompanyPrefix, Gtin, GtinError};
pub use inspection::{
    batch_quality, validate_inspection, Inspection, InspectionDraft, InspectionForm,
    InspectionKind, MeasureUnit, Measurement, MeasurementForm, ReportFile, Thousandths,
    MAX_MEASUREMENTS, MEASUREMENT_FIELDS,
};
pub use journey::{journey, JourneyStage, JourneyStep};
pub use labels::LabelPlan;
pub use lot::{in_character_set_82, AiTextError, Lot, Serial, MAX_AI_TEXT_CHARS};

/// Units of one order line packed from one batch: what a recall follows to the buyer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchTie {
    pub order: crate::id::OrderId,
    pub line_no: i64,
    pub batch: crate::id::BatchId,
    pub units: i64,
}

mod recall;
pub use recall::{
    check_packing, recall_notice_text, sale_stop, validate_reason, BatchStock, PackForm,
    ReachedOrder, Recall, RecallReach, RecallState, SaleStop, MAX_REASON_CHARS,
};
