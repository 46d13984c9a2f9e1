//! Parcels in at `/logistics/intake`: one typed at the warehouse counter (received at once) or
//! a carrier's manifest file (announced). Both report each problem beside its field or row.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use farmgate_domain::access::{permits, Action};
use farmgate_domain::id::CarrierId;
use farmgate_domain::parcel::IntakeForm;
use farmgate_domain::validation::Problem;
use farmgate_services::down::{CounterForm, ManifestOutcome, Receipt, MANIFEST_COLUMNS};
use farmgate_services::import::{FileProblem, ImportRequest, MAX_FILE_BYTES};
use serde::Deserialize;

use super::import::{file_problem, UploadError};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::PageForm;
use crate::state::AppState;
use crate::texts::Texts;

const COUNTER_FIELDS: [&str; 5] = [
    "tracking",
    "destination",
    "villager_name",
    "villager_phone",
    "weight_g",
];

#[derive(Template)]
#[template(path = "parcel_intake.html")]
struct IntakePage {
    page: PageContext,
    /// (id, "code name") of each carrier.
    carriers: Vec<(String, String)>,
    carrier: String,
    /// Field name, label and value.
    fields: Vec<(&'static str, String, String)>,
    /// Field name and message.
    errors: Vec<(&'static str, String)>,
    /// The receipt, and the parcel's code for its label.
    entered: Option<(String, String)>,
    manifest_intro: String,
    report: ManifestView,
}

impl IntakePage {
    fn errors_for<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a String> + 'a {
        self.errors
            .iter()
            .filter(move |(name, _)| *name == field)
            .map(|(_, message)| message)
    }
}

#[derive(Default)]
struct ManifestView {
    refused: Option<String>,
    summary: Option<String>,
    nothing_imported: bool,
    rows: Vec<(usize, String)>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CounterValues {
    #[serde(default)]
    carrier: String,
    #[serde(default)]
    tracking: String,
    #[serde(default)]
    destination: String,
    #[serde(default)]
    villager_name: String,
    #[serde(default)]
    villager_phone: String,
    #[serde(default)]
    weight_g: String,
}

impl CounterValues {
    fn form(&self) -> CounterForm {
        CounterForm {
            carrier: self.carrier.clone(),
            line: IntakeForm {
                tracking: self.tracking.clone(),
                destination: self.destination.clone(),
                villager_name: self.villager_name.clone(),
                villager_phone: self.villager_phone.clone(),
                weight_g: self.weight_g.clone(),
            },
        }
    }
}

/// `GET /logistics/intake`
pub async fn show(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    intake_page(
        &state,
        page,
        &CounterValues::default(),
        Vec::new(),
        None,
        ManifestView::default(),
    )
    .await
}

/// `POST /logistics/intake`: one parcel typed at the counter; 422 with each problem beside its
/// field.
pub async fn enter(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(values): PageForm<CounterValues>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let t = page.t;
    match state
        .services
        .enter_parcel(&user.actor, &values.form())
        .await?
    {
        Ok(Receipt { parcel, point, .. }) => {
            let entered = t
                .down
                .entered
                .replace("{code}", parcel.code.as_str())
                .replace("{point}", &format!("{} {}", point.code, point.name));
            let kept = CounterValues {
                carrier: values.carrier,
                ..CounterValues::default()
            };
            intake_page(
                &state,
                page,
                &kept,
                Vec::new(),
                Some((entered, parcel.code.to_string())),
                ManifestView::default(),
            )
            .await
        }
        Err(problems) => {
            let errors = problems
                .iter()
                .map(|problem| (problem.field(), t.line_problem(problem)))
                .collect();
            let body =
                intake_page(&state, page, &values, errors, None, ManifestView::default()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
    }
}

/// `POST /logistics/intake/manifest` with `carrier`, `file` and an optional `import_valid`.
pub async fn manifest(
    State(state): State<AppState>,
    page: PageContext,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    // Before reading the upload, so that no one else learns more than "not yours".
    if !permits(&user.actor, &Action::HandleParcels) {
        return Err(WebError::Forbidden);
    }
    let t = page.t;
    let upload = match read_manifest(multipart).await {
        Ok(upload) => upload,
        Err(UploadError::TooLarge) => ManifestUpload {
            too_large: true,
            ..ManifestUpload::default()
        },
        Err(UploadError::Malformed(error)) => return Err(WebError::BadRequest(error)),
    };
    let outcome = if upload.too_large {
        ManifestOutcome::Refused(FileProblem::TooLarge {
            max_bytes: MAX_FILE_BYTES,
        })
    } else {
        let carrier = CarrierId::parse(&upload.carrier)
            .ok_or_else(|| WebError::field("carrier", Problem::Required))?;
        let request = ImportRequest {
            file_name: &upload.file_name,
            bytes: &upload.bytes,
            import_valid_rows: upload.import_valid,
        };
        state
            .services
            .import_manifest(&user.actor, &carrier, request)
            .await?
    };
    let report = manifest_view(t, outcome);
    let failed = report.refused.is_some() || report.nothing_imported;
    let values = CounterValues {
        carrier: upload.carrier,
        ..CounterValues::default()
    };
    let body = intake_page(&state, page, &values, Vec::new(), None, report).await?;
    Ok(if failed {
        (StatusCode::UNPROCESSABLE_ENTITY, body).into_response()
    } else {
        body
    })
}

fn manifest_view(t: &Texts, outcome: ManifestOutcome) -> ManifestView {
    let mut view = ManifestView::default();
    match outcome {
        ManifestOutcome::Refused(problem) => view.refused = Some(file_problem(t, &problem)),
        ManifestOutcome::MissingColumns(columns) => {
            view.refused = Some(
                t.down
                    .missing_columns
                    .replace("{columns}", &columns.join(", ")),
            );
        }
        ManifestOutcome::Checked(report) => {
            view.nothing_imported = !report.errors.is_empty() && report.imported == 0;
            view.summary = Some(
                t.down
                    .manifest_done
                    .replace("{rows}", &report.rows.to_string())
                    .replace("{n}", &report.imported.to_string()),
            );
            view.rows = report
                .errors
                .iter()
                .map(|(row, problem)| (*row, t.line_problem(problem)))
                .collect();
        }
    }
    view
}

async fn intake_page(
    state: &AppState,
    page: PageContext,
    values: &CounterValues,
    errors: Vec<(&'static str, String)>,
    entered: Option<(String, String)>,
    report: ManifestView,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let carriers = state
        .services
        .intake_carriers(&user.actor)
        .await?
        .into_iter()
        .map(|carrier| {
            (
                carrier.id.to_string(),
                format!("{} {}", carrier.code, carrier.name),
            )
        })
        .collect();
    let line = values.form().line;
    let value = |field: &str| match field {
        "tracking" => line.tracking.clone(),
        "destination" => line.destination.clone(),
        "villager_name" => line.villager_name.clone(),
        "villager_phone" => line.villager_phone.clone(),
        _ => line.weight_g.clone(),
    };
    let t = page.t;
    render(&IntakePage {
        carriers,
        carrier: values.carrier.clone(),
        fields: COUNTER_FIELDS
            .into_iter()
            .map(|field| (field, t.field(field).to_owned(), value(field)))
            .collect(),
        errors,
        entered,
        manifest_intro: t
            .down
            .manifest_intro
            .replace("{columns}", &MANIFEST_COLUMNS.join(", ")),
        report,
        page,
    })
}

#[derive(Default)]
struct ManifestUpload {
    carrier: String,
    file_name: String,
    bytes: Vec<u8>,
    import_valid: bool,
    too_large: bool,
}

async fn read_manifest(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<ManifestUpload, UploadError> {
    let mut multipart = multipart.map_err(|e| UploadError::Malformed(e.body_text()))?;
    let mut upload = ManifestUpload::default();
    while let Some(field) = multipart.next_field().await? {
        match field.name() {
            Some("carrier") => upload.carrier = field.text().await?,
            Some("file") => {
                upload.file_name = field.file_name().unwrap_or_default().to_owned();
                upload.bytes = field.bytes().await?.to_vec();
            }
            Some("import_valid") => upload.import_valid = true,
            _ => {}
        }
    }
    Ok(upload)
}
