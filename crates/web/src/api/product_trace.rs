//! A product's trace settings: its GTIN (typed, or the next free one under the county's GS1
//! prefix) and whether it sells only batches that passed inspection.

use axum::extract::{Path, State};
use axum::Json;
use farmgate_domain::id::ProductId;
use farmgate_services::trace::ProductTraceForm;
use farmgate_store::ProductTrace;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::RequireUser;
use crate::error::WebError;
use crate::forms::ApiJson;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct ProductTraceJson {
    /// GTIN-14; absent when the product has none.
    pub gtin: Option<String>,
    pub passed_batches_only: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductTraceRequest {
    /// A GTIN as printed (8, 12, 13 or 14 digits); absent or empty for none. A wrong check
    /// digit is refused with the digit it should be.
    #[serde(default)]
    gtin: Option<String>,
    /// Give the product the next free GTIN under the county's prefix (a GTIN it has is kept).
    #[serde(default)]
    assign_gtin: bool,
    passed_batches_only: bool,
}

/// A product's trace settings: its shop's members and the hub.
#[utoipa::path(get, path = "/api/v1/products/{id}/trace", tag = "trace",
    params(("id" = String, Path, description = "Product id")),
    responses((status = 200, body = ProductTraceJson),
        (status = 403, description = "Not this product's shop"),
        (status = 404, description = "No such product")))]
pub async fn get(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(id): Path<String>,
) -> Result<Json<ProductTraceJson>, WebError> {
    let id = ProductId::parse(&id).ok_or(WebError::NotFound)?;
    let trace = state
        .services
        .product_trace_settings(&user.actor, &id)
        .await?;
    Ok(Json(ProductTraceJson::from(&trace)))
}

/// Sets a product's GTIN and whether it sells only batches that passed inspection.
#[utoipa::path(put, path = "/api/v1/products/{id}/trace", tag = "trace",
    params(("id" = String, Path, description = "Product id")),
    request_body = ProductTraceRequest,
    responses((status = 200, body = ProductTraceJson),
        (status = 403, description = "Not this product's shop"),
        (status = 404, description = "No such product"),
        (status = 422, description = "A bad GTIN, one another product has, or no county prefix to assign from")))]
pub async fn set(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ProductTraceRequest>,
) -> Result<Json<ProductTraceJson>, WebError> {
    let id = ProductId::parse(&id).ok_or(WebError::NotFound)?;
    let form = ProductTraceForm {
        gtin: body.gtin.unwrap_or_default(),
        assign_gtin: body.assign_gtin,
        passed_batches_only: body.passed_batches_only,
    };
    let trace = state
        .services
        .set_product_trace_settings(&user.actor, &id, &form)
        .await?;
    Ok(Json(ProductTraceJson::from(&trace)))
}

impl From<&ProductTrace> for ProductTraceJson {
    fn from(trace: &ProductTrace) -> Self {
        ProductTraceJson {
            gtin: trace.gtin.as_ref().map(|gtin| gtin.as_str().to_owned()),
            passed_batches_only: trace.passed_batches_only,
        }
    }
}
