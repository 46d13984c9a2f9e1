//! The web layer's one error type. Handlers return it; a middleware that knows the request (its
//! language, API or page) turns it into the response: JSON under `/api`, a page elsewhere.
//! Internal causes are logged, never shown.

use std::sync::Arc;

use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use farmgate_domain::validation::{FieldError, Problem, ValidationErrors};
use farmgate_services::live_cover::COVER_OF_A_PAST_SESSION;
use farmgate_services::ServiceError;
use serde::Serialize;

use crate::i18n::Lang;
use crate::pages::error_page;

#[derive(Debug, Clone, thiserror::Error)]
pub enum WebError {
    #[error("invalid input")]
    Validation(ValidationErrors),
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    /// Forbidden, with a sentence saying why and where to go instead (the detail is looked
    /// up in the reader's language).
    #[error("forbidden: {0}")]
    ForbiddenBecause(&'static str),
    #[error("missing or wrong CSRF token")]
    Csrf,
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// The request itself is malformed (not JSON, bad UTF-8…); the text is for developers.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Well-formed JSON of the wrong shape: a missing, unknown or mistyped field.
    #[error("unprocessable body: {0}")]
    BadBody(String),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("payload too large")]
    TooLarge,
    #[error("internal error: {0}")]
    Internal(String),
}

impl WebError {
    pub fn field(field: &'static str, problem: Problem) -> Self {
        WebError::Validation(ValidationErrors(vec![FieldError { field, problem }]))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            WebError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Unauthenticated => StatusCode::UNAUTHORIZED,
            WebError::Forbidden | WebError::ForbiddenBecause(_) | WebError::Csrf => {
                StatusCode::FORBIDDEN
            }
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::BadBody(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            WebError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable code clients can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            WebError::Validation(_) => "validation",
            WebError::Unauthenticated => "unauthenticated",
            WebError::Forbidden | WebError::ForbiddenBecause(_) => "forbidden",
            WebError::Csrf => "csrf",
            WebError::NotFound => "not_found",
            WebError::Conflict(_) => "conflict",
            WebError::BadRequest(_) => "bad_request",
            WebError::BadBody(_) => "invalid_body",
            WebError::UnsupportedMediaType => "unsupported_media_type",
            WebError::TooLarge => "payload_too_large",
            WebError::Internal(_) => "internal",
        }
    }

    /// The sentence a person reads, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.texts();
        match self {
            WebError::Validation(_) => t.invalid_input.to_owned(),
            WebError::Unauthenticated => t.error_unauthenticated.to_owned(),
            WebError::Forbidden => t.error_forbidden.to_owned(),
            WebError::ForbiddenBecause(detail) => t
                .stats
                .refusal(detail)
                .unwrap_or(t.error_forbidden)
                .to_owned(),
            WebError::Csrf => t.error_csrf.to_owned(),
            WebError::NotFound => t.error_not_found.to_owned(),
            WebError::Conflict(detail) => match t
                .flash_sale
                .conflict(detail)
                .or_else(|| t.group_buy.conflict(detail))
                .or_else(|| t.leader.conflict(detail))
                .or_else(|| t.checkout_conflict(detail))
                .or_else(|| t.coupon.conflict(detail))
                .or_else(|| t.live_dash.conflict(detail))
                .or_else(|| t.parcel_up.conflict(detail))
                .or_else(|| t.down.conflict(detail))
                .or_else(|| t.runs.conflict(detail))
                .or_else(|| t.print.conflict(detail))
                .or_else(|| t.recall.conflict(detail))
                .or_else(|| {
                    (*detail == COVER_OF_A_PAST_SESSION).then_some(t.live.cover_of_past_session)
                }) {
                Some(sentence) => sentence.to_owned(),
                None => format!("{} ({detail})", t.error_conflict),
            },
            WebError::BadRequest(detail) | WebError::BadBody(detail) => {
                format!("{} ({detail})", t.error_bad_request)
            }
            WebError::UnsupportedMediaType => t.error_media_type.to_owned(),
            WebError::TooLarge => t.error_too_large.to_owned(),
            WebError::Internal(_) => t.error_internal.to_owned(),
        }
    }
}

impl From<ServiceError> for WebError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::Validation(errors) => WebError::Validation(errors),
            ServiceError::Unauthenticated => WebError::Unauthenticated,
            ServiceError::Forbidden => WebError::Forbidden,
            ServiceError::NotFound => WebError::NotFound,
            ServiceError::Conflict(what) => WebError::Conflict(what),
            ServiceError::Internal(cause) => WebError::Internal(cause),
        }
    }
}

impl From<JsonRejection> for WebError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => WebError::TooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => WebError::UnsupportedMediaType,
            StatusCode::UNPROCESSABLE_ENTITY => WebError::BadBody(rejection.body_text()),
            _ => WebError::BadRequest(rejection.body_text()),
        }
    }
}

impl From<FormRejection> for WebError {
    fn from(rejection: FormRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::TooLarge
        } else {
            WebError::BadRequest(rejection.body_text())
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(error: askama::Error) -> Self {
        WebError::Internal(format!("template: {error}"))
    }
}

/// Carries the error to `render_errors`, which knows how the request wants it said.
impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<FieldMessage<'a>>,
}

#[derive(Serialize)]
struct FieldMessage<'a> {
    field: &'a str,
    #[serde(flatten)]
    problem: &'a Problem,
    message: String,
}

/// Middleware: renders a `WebError` left in a response, and any bare 4xx/5xx from axum itself.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let lang = Lang::negotiate(request.headers());
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let is_api = path.starts_with("/api/");
    let response = next.run(request).await;
    let (error, status) = match response.extensions().get::<Arc<WebError>>() {
        Some(error) => (error.clone(), error.status()),
        // Keep axum's own status (405 stays 405) while saying it our way.
        None if is_bare_error(&response) => (
            Arc::new(fallback_error(response.status())),
            response.status(),
        ),
        None => return response,
    };
    if let WebError::Internal(cause) = error.as_ref() {
        tracing::error!(%path, %cause, "request failed");
    }
    if is_api {
        return (status, api_error(&error, lang)).into_response();
    }
    if matches!(error.as_ref(), WebError::Unauthenticated) {
        let next = match query {
            Some(query) => format!("{path}?{query}"),
            None => path,
        };
        return Redirect::to(&format!("/signin?next={}", encode_component(&next))).into_response();
    }
    (status, Html(error_page(&error, lang))).into_response()
}

fn api_error(error: &WebError, lang: Lang) -> axum::Json<ErrorBody<'_>> {
    let t = lang.texts();
    let fields = match error {
        WebError::Validation(errors) => errors
            .0
            .iter()
            .map(|e| FieldMessage {
                field: e.field,
                problem: &e.problem,
                message: t.problem(e.field, &e.problem),
            })
            .collect(),
        _ => Vec::new(),
    };
    let body = ErrorBody {
        error: ErrorDetail {
            code: error.code(),
            message: error.message(lang),
            fields,
        },
    };
    axum::Json(body)
}

/// An error status with no body of ours: axum's own 404 and 405, or a layer's 413 or 408.
fn is_bare_error(response: &Response) -> bool {
    let status = response.status();
    (status.is_client_error() || status.is_server_error())
        && !response.headers().contains_key(header::CONTENT_TYPE)
}

fn fallback_error(status: StatusCode) -> WebError {
    match status {
        StatusCode::NOT_FOUND => WebError::NotFound,
        StatusCode::PAYLOAD_TOO_LARGE => WebError::TooLarge,
        StatusCode::UNAUTHORIZED => WebError::Unauthenticated,
        StatusCode::FORBIDDEN => WebError::Forbidden,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => WebError::UnsupportedMediaType,
        status if status.is_client_error() => {
            WebError::BadRequest(status.canonical_reason().unwrap_or("").to_owned())
        }
        status => WebError::Internal(status.to_string()),
    }
}

/// Percent-encodes a path for use as a query value.
pub fn encode_component(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
