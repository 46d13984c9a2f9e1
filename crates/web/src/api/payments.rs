//! `POST /api/v1/payments/notify/sandbox`: the sandbox provider's callback. Not part of the
//! public API: only the provider calls it, and only a valid signature is believed.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

use crate::error::WebError;
use crate::state::AppState;

/// Answers 200 `{"code":"SUCCESS"}` once the callback is applied (or was already), so the
/// provider stops retrying; a forged, unknown or mismatched one gets a 4xx and is retried
/// until the provider gives up.
pub async fn sandbox_callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, WebError> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let result = state.services.payment_callback(&header, &body).await?;
    tracing::info!(?result, "payment callback");
    Ok(Json(json!({ "code": "SUCCESS" })))
}
