//! Inspections: a quality officer records what a lab measured on a batch, with the report
//! file; the batch's quality and its inspecting event change in the same transaction.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::application::DocumentFormat;
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::{BatchEventId, BatchId, InspectionId};
use farmgate_domain::trace::{
    validate_inspection, Batch, BatchEvent, BizStep, Disposition, EventSubject, Inspection,
    InspectionForm, ReportFile,
};
use farmgate_domain::validation::{text_length, FieldError, Problem};
use farmgate_store::Page;

use super::BATCH_PAGE;
use crate::{new_id, ServiceError, ServiceResult, Services};

const MAX_FILE_NAME_CHARS: usize = 120;

/// A lab report as uploaded; its format is sniffed from its bytes, not from its name.
#[derive(Debug, Clone, Default)]
pub struct UploadedReport {
    pub file_name: String,
    pub content: Vec<u8>,
}

impl Services {
    /// A quality officer (or the hub) records an inspection. Every bad field — the report
    /// file's too — is named at once.
    pub async fn record_inspection(
        &self,
        actor: &Actor,
        batch: &BatchId,
        form: &InspectionForm,
        report: Option<UploadedReport>,
    ) -> ServiceResult<Inspection> {
        authorize(actor, &Action::SuperviseQuality)?;
        self.store
            .batch(batch)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let now = self.clock.now();
        let draft = validate_inspection(form, CivilDate::in_china(now));
        let file = report.map(checked_report).transpose();
        let (draft, file) = match (draft, file) {
            (Ok(draft), Ok(file)) => (draft, file),
            (draft, file) => {
                let mut errors = draft.err().unwrap_or_default();
                errors.0.extend(file.err());
                return Err(errors.into());
            }
        };
        let (report, content) = file.unzip();
        let inspection = Inspection {
            id: new_id(),
            batch: batch.clone(),
            kind: draft.kind,
            lab: draft.lab,
            inspected_on: draft.inspected_on,
            measurements: draft.measurements,
            report,
            by: actor.account_id.clone(),
            recorded_at: now,
        };
        self.store
            .add_inspection(&inspection, content.as_deref(), &inspecting(&inspection))
            .await?;
        self.traces_changed();
        Ok(inspection)
    }

    /// The lab report of an inspection, for those who may read its batch.
    pub async fn inspection_report(
        &self,
        actor: &Actor,
        id: &InspectionId,
    ) -> ServiceResult<(ReportFile, Vec<u8>)> {
        let (batch, file, content) = self
            .store
            .inspection_report(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.batch(actor, &batch).await?;
        Ok((file, content))
    }

    /// Every batch of the county for the quality officers: uninspected first.
    pub async fn batches_to_inspect(&self, actor: &Actor, page: i64) -> ServiceResult<Vec<Batch>> {
        authorize(actor, &Action::SuperviseQuality)?;
        let page = Page {
            limit: BATCH_PAGE,
            offset: page.max(0).saturating_mul(BATCH_PAGE),
        };
        Ok(self.store.batches_to_inspect(page).await?)
    }
}

fn checked_report(upload: UploadedReport) -> Result<(ReportFile, Vec<u8>), FieldError> {
    let field = "report";
    let format = DocumentFormat::sniff(field, &upload.content)?;
    let base = upload.file_name.rsplit(['/', '\\']).next().unwrap_or("");
    let file_name = match text_length(field, base, 1, MAX_FILE_NAME_CHARS) {
        Ok(name) => name,
        Err(_) => "report".to_owned(),
    };
    let size_bytes = i64::try_from(upload.content.len()).map_err(|_| FieldError {
        field,
        problem: Problem::TooLarge {
            max_bytes: DocumentFormat::MAX_BYTES,
        },
    })?;
    Ok((
        ReportFile {
            format,
            file_name,
            size_bytes,
        },
        upload.content,
    ))
}

/// The inspection as an EPCIS step: conformant when every measurement is within its limit.
fn inspecting(inspection: &Inspection) -> BatchEvent {
    let disposition = if inspection.passed() {
        Disposition::Conformant
    } else {
        Disposition::NonConformant
    };
    let mut event = BatchEvent::new(
        new_id::<BatchEventId>(),
        inspection.batch.clone(),
        BizStep::Inspecting,
        disposition,
        inspection.recorded_at,
    );
    event.subject = EventSubject::Inspection(inspection.id.clone());
    event.by = Some(inspection.by.clone());
    event
}
