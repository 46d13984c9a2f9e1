//! Applying to open a shop, with documents, and the applicant's view of their applications.

use askama::Template;
use axum::extract::multipart::{Field, Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::application::DocumentKind;
use farmgate_domain::id::DocumentId;
use farmgate_domain::shop::ProducerKind;
use farmgate_services::onboarding::{ApplicationForm, UploadedDocument};
use farmgate_services::ServiceError;

use super::public::village_options;
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::FieldErrors;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "apply.html")]
struct ApplyPage {
    page: PageContext,
    form: ApplicationForm,
    kinds: Vec<(&'static str, &'static str)>,
    villages: Vec<(String, String)>,
    document_kinds: Vec<(&'static str, &'static str)>,
    applications: Vec<ApplicationRow>,
    errors: FieldErrors,
    conflict: bool,
}

struct ApplicationRow {
    shop_name: String,
    status: &'static str,
    status_class: &'static str,
    reason: String,
    submitted: String,
}

pub async fn apply_page(
    State(state): State<AppState>,
    page: PageContext,
) -> Result<Response, WebError> {
    let body = render_apply(
        &state,
        page,
        ApplicationForm::default(),
        FieldErrors::default(),
        false,
    )
    .await?;
    Ok(body)
}

pub async fn apply(
    State(state): State<AppState>,
    page: PageContext,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let user = page.signed()?.actor.clone();
    let form = read_form(multipart.map_err(|e| WebError::BadRequest(e.body_text()))?).await?;
    match state.services.apply_for_shop(&user, form.clone()).await {
        Ok(_) => Ok(Redirect::to("/apply").into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_apply(&state, page, form, errors, false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(ServiceError::Conflict(_)) => {
            let body = render_apply(&state, page, form, FieldErrors::default(), true).await?;
            Ok((StatusCode::CONFLICT, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// Reads the multipart form: text fields by name, and one file input per document kind
/// (an input left empty sends a part with no content, which is skipped).
async fn read_form(mut multipart: Multipart) -> Result<ApplicationForm, WebError> {
    let mut form = ApplicationForm::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(e.status(), e.body_text()))?
    {
        let name = field.name().unwrap_or("").to_owned();
        if let Some(kind) = DocumentKind::parse(&name) {
            let file_name = field.file_name().unwrap_or("document").to_owned();
            let content = field_bytes(field).await?;
            if !content.is_empty() {
                form.documents.push(UploadedDocument {
                    kind: kind.as_str().to_owned(),
                    file_name,
                    content,
                });
            }
            continue;
        }
        let value = field_text(field).await?;
        match name.as_str() {
            "shop_name" => form.shop_name = value,
            "kind" => form.kind = value,
            "village" => form.village = value,
            "description" => form.description = value,
            "contact_phone" => form.contact_phone = value,
            _ => {}
        }
    }
    Ok(form)
}

async fn field_bytes(field: Field<'_>) -> Result<Vec<u8>, WebError> {
    field
        .bytes()
        .await
        .map(|bytes| bytes.to_vec())
        .map_err(|e| multipart_error(e.status(), e.body_text()))
}

async fn field_text(field: Field<'_>) -> Result<String, WebError> {
    let bytes = field_bytes(field).await?;
    String::from_utf8(bytes)
        .map_err(|_| WebError::BadRequest("a form field is not valid UTF-8".into()))
}

fn multipart_error(status: StatusCode, text: String) -> WebError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        WebError::TooLarge
    } else {
        WebError::BadRequest(text)
    }
}

async fn render_apply(
    state: &AppState,
    page: PageContext,
    form: ApplicationForm,
    errors: FieldErrors,
    conflict: bool,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let applications = state.services.my_applications(&user.actor).await?;
    let places = state.services.places().await?;
    let t = page.t;
    let villages = village_options(&places, page.lang);
    let applications = applications
        .iter()
        .map(|a| ApplicationRow {
            shop_name: a.shop_name.clone(),
            status: t.status(a.status),
            status_class: a.status.as_str(),
            reason: a.reason.clone().unwrap_or_default(),
            submitted: state.site.local_time(a.created_at),
        })
        .collect();
    render(&ApplyPage {
        form,
        kinds: ProducerKind::ALL
            .iter()
            .map(|k| (k.as_str(), t.kind(*k)))
            .collect(),
        villages,
        document_kinds: [
            DocumentKind::IdentityCard,
            DocumentKind::BusinessLicence,
            DocumentKind::Other,
        ]
        .iter()
        .map(|k| (k.as_str(), t.document_kind(*k)))
        .collect(),
        applications,
        errors,
        conflict,
        page,
    })
}

/// A document, to its applicant and the hub. Served so a browser shows but never runs it.
pub async fn document(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = DocumentId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let (record, content) = state
        .services
        .application_document(&user.actor, &id)
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, record.format.media_type()),
            (header::CONTENT_SECURITY_POLICY, "sandbox"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        content,
    )
        .into_response())
}
