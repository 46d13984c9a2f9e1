//! EPCIS 2.0 exports as JSON-LD: one batch's history, and a producer's shops' or the whole
//! county's. The document's URIs are made under the origin the request reached.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use farmgate_domain::id::BatchId;
use farmgate_services::trace::epcis::EpcisDocument;

use crate::auth::RequireUser;
use crate::error::WebError;
use crate::state::AppState;

/// One batch's events: for its shop, the hub and quality officers.
#[utoipa::path(get, path = "/api/v1/batches/{id}/epcis", tag = "trace",
    params(("id" = String, Path, description = "Batch id")),
    responses((status = 200, description = "An EPCIS 2.0 document", content_type = "application/ld+json"),
        (status = 404, description = "No such batch, or not one you may read")))]
pub async fn batch(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = BatchId::parse(&id).ok_or(WebError::NotFound)?;
    let origin = state.site_base(&headers);
    let document = state
        .services
        .batch_epcis(&user.actor, &id, &origin)
        .await?;
    json_ld(&document)
}

/// Every batch event the reader supervises: the county's for the hub and quality officers,
/// their own shops' for producers.
#[utoipa::path(get, path = "/api/v1/epcis", tag = "trace",
    responses((status = 200, description = "An EPCIS 2.0 document", content_type = "application/ld+json"),
        (status = 403, description = "Neither a producer, the hub nor a quality officer")))]
pub async fn export(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let origin = state.site_base(&headers);
    let document = state.services.epcis_export(&user.actor, &origin).await?;
    json_ld(&document)
}

fn json_ld(document: &EpcisDocument) -> Result<Response, WebError> {
    let body = document
        .to_json()
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/ld+json")], body).into_response())
}
