//! The quality officer's console `/quality` (the hub reads it too): batches to inspect,
//! uninspected first; recording an inspection with its lab report; the county's certificates.

use askama::Template;
use axum::extract::multipart::{Field, Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::access::{permits, Action};
use farmgate_domain::id::{BatchId, InspectionId};
use farmgate_domain::trace::{
    InspectionForm, InspectionKind, MeasureUnit, MeasurementForm, MAX_MEASUREMENTS,
};
use farmgate_services::trace::UploadedReport;
use farmgate_services::ServiceError;

use super::trace_view::{certificate_views, CertificateView};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::FieldErrors;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "quality.html")]
struct ConsolePage {
    page: PageContext,
    /// (id, lot, harvested on, quality).
    batches: Vec<(String, String, String, &'static str)>,
    certificates: Vec<CertificateView>,
}

#[derive(Template)]
#[template(path = "inspection_form.html")]
struct InspectionFormPage {
    page: PageContext,
    batch_id: String,
    lot: String,
    form: InspectionForm,
    kinds: Vec<(&'static str, &'static str)>,
    units: Vec<&'static str>,
    /// (row number from 1, the row as typed).
    rows: Vec<(usize, MeasurementForm)>,
    errors: FieldErrors,
}

/// `GET /quality`
pub async fn console(
    State(state): State<AppState>,
    page: PageContext,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let batches = state.services.batches_to_inspect(&user.actor, 0).await?;
    let certificates = state.services.certificates(&user.actor, None).await?;
    let t = page.t;
    render(&ConsolePage {
        batches: batches
            .iter()
            .map(|b| {
                let quality = t.quality.quality_status(b.quality);
                (
                    b.id.to_string(),
                    b.lot.to_string(),
                    b.harvested_on.to_string(),
                    quality,
                )
            })
            .collect(),
        certificates: certificate_views(&certificates, state.services.today(), t),
        page,
    })
}

/// `GET /quality/batches/{batch}/inspect`
pub async fn inspect_form(
    State(state): State<AppState>,
    page: PageContext,
    Path(batch): Path<String>,
) -> Result<Response, WebError> {
    let batch = BatchId::parse(&batch).ok_or(WebError::NotFound)?;
    let form = InspectionForm {
        inspected_on: state.services.today().to_string(),
        ..InspectionForm::default()
    };
    inspection_page(&state, page, &batch, form, FieldErrors::default()).await
}

/// `POST /quality/batches/{batch}/inspect` (multipart, with the optional `report` file): to the
/// batch, or the form with each field's problem (422).
pub async fn inspect(
    State(state): State<AppState>,
    page: PageContext,
    Path(batch): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let batch = BatchId::parse(&batch).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    if !permits(&user.actor, &Action::SuperviseQuality) {
        return Err(WebError::Forbidden);
    }
    let multipart = multipart.map_err(|e| WebError::BadRequest(e.body_text()))?;
    let (form, report) = read_inspection(multipart).await?;
    let recorded = state
        .services
        .record_inspection(&user.actor, &batch, &form, report)
        .await;
    match recorded {
        Ok(_) => Ok(Redirect::to(&format!("/console/batches/{batch}")).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let mut response = inspection_page(&state, page, &batch, form, errors).await?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /quality/inspections/{id}/report`: shown by the browser, never run.
pub async fn report(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = InspectionId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let (file, content) = state.services.inspection_report(&user.actor, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, file.format.media_type()),
            (header::CONTENT_SECURITY_POLICY, "sandbox"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        content,
    )
        .into_response())
}

async fn inspection_page(
    state: &AppState,
    page: PageContext,
    batch: &BatchId,
    mut form: InspectionForm,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    if !permits(&user.actor, &Action::SuperviseQuality) {
        return Err(WebError::Forbidden);
    }
    let record = state.services.batch(&user.actor, batch).await?;
    form.measurements
        .resize(MAX_MEASUREMENTS, MeasurementForm::default());
    let q = page.t.quality;
    render(&InspectionFormPage {
        batch_id: batch.to_string(),
        lot: record.lot.to_string(),
        kinds: InspectionKind::ALL
            .iter()
            .map(|k| (k.as_str(), q.inspection_kind(*k)))
            .collect(),
        units: MeasureUnit::ALL.iter().map(|u| u.as_str()).collect(),
        rows: form
            .measurements
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, m)| (i + 1, m))
            .collect(),
        form,
        errors,
        page,
    })
}

/// Text fields by name (`m{n}_name` … for the rows), and the `report` file when one was chosen.
async fn read_inspection(
    mut multipart: Multipart,
) -> Result<(InspectionForm, Option<UploadedReport>), WebError> {
    let mut form = InspectionForm {
        measurements: vec![MeasurementForm::default(); MAX_MEASUREMENTS],
        ..InspectionForm::default()
    };
    let mut report = None;
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or("").to_owned();
        if name == "report" {
            let file_name = field.file_name().unwrap_or("report").to_owned();
            let content = field_bytes(field).await?;
            if !content.is_empty() {
                report = Some(UploadedReport { file_name, content });
            }
            continue;
        }
        let value = String::from_utf8(field_bytes(field).await?)
            .map_err(|_| WebError::BadRequest("a form field is not valid UTF-8".into()))?;
        match name.as_str() {
            "kind" => form.kind = value,
            "lab" => form.lab = value,
            "inspected_on" => form.inspected_on = value,
            other => set_measurement(&mut form.measurements, other, value),
        }
    }
    Ok((form, report))
}

/// `m2_value` → the second row's value; other names are ignored.
fn set_measurement(rows: &mut [MeasurementForm], name: &str, value: String) {
    let Some((row, part)) = name.strip_prefix('m').and_then(|rest| rest.split_once('_')) else {
        return;
    };
    let Some(row) = row.parse::<usize>().ok().and_then(|n| n.checked_sub(1)) else {
        return;
    };
    let Some(measurement) = rows.get_mut(row) else {
        return;
    };
    match part {
        "name" => measurement.name = value,
        "value" => measurement.value = value,
        "limit" => measurement.limit = value,
        "unit" => measurement.unit = value,
        _ => {}
    }
}

async fn field_bytes(field: Field<'_>) -> Result<Vec<u8>, WebError> {
    field
        .bytes()
        .await
        .map(|bytes| bytes.to_vec())
        .map_err(multipart_error)
}

fn multipart_error(error: axum::extract::multipart::MultipartError) -> WebError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        WebError::TooLarge
    } else {
        WebError::BadRequest(error.body_text())
    }
}
