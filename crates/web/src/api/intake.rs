//! `POST /api/v1/intake/parcels`: a carrier's system announces its parcels with the carrier's
//! own token (`Authorization: Bearer fgc_…`, issued by the hub), not a person's. Re-sending a
//! tracking number answers with the parcel already made for it; any bad item is a 422 listing
//! every item's problems, and then nothing is written.

use axum::extract::{FromRequestParts, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use farmgate_domain::id::CarrierId;
use farmgate_domain::parcel::IntakeForm;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::WebError;
use crate::forms::ApiJson;
use crate::i18n::Lang;
use crate::state::AppState;

/// The carrier whose token the request carries; checked before the body is read.
pub struct CarrierAuth(CarrierId);

impl FromRequestParts<AppState> for CarrierAuth {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or(WebError::Unauthenticated)?;
        let carrier = state.services.token_carrier(token.trim()).await?;
        Ok(CarrierAuth(carrier))
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IntakeRequest {
    pub parcels: Vec<IntakeItem>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IntakeItem {
    /// The carrier's waybill number, 1–40 characters, unique per carrier.
    pub tracking: String,
    /// A village point's code ("VP-0101") or the village's 12-digit area code.
    pub destination: String,
    pub villager_name: String,
    /// A mainland mobile number.
    pub villager_phone: String,
    /// 1 to 100000.
    pub weight_g: i64,
}

#[derive(Serialize, ToSchema)]
pub struct IntakeResponse {
    /// One per item, in the request's order.
    pub parcels: Vec<IntakeReceiptJson>,
}

#[derive(Serialize, ToSchema)]
pub struct IntakeReceiptJson {
    pub tracking: String,
    /// The network's parcel code, printed on its label.
    pub code: String,
    /// `false` when this tracking number was announced before.
    pub created: bool,
}

#[derive(Serialize, ToSchema)]
pub struct IntakeRefusal {
    pub error: IntakeRefusalDetail,
}

#[derive(Serialize, ToSchema)]
pub struct IntakeRefusalDetail {
    /// "validation".
    pub code: &'static str,
    pub message: String,
    pub items: Vec<ItemProblems>,
}

#[derive(Serialize, ToSchema)]
pub struct ItemProblems {
    /// The item's position in `parcels`, from 0.
    pub index: usize,
    pub tracking: String,
    pub problems: Vec<ItemProblem>,
}

#[derive(Serialize, ToSchema)]
pub struct ItemProblem {
    pub field: &'static str,
    pub message: String,
}

/// Announces a carrier's parcels.
#[utoipa::path(post, path = "/api/v1/intake/parcels", tag = "logistics",
    request_body = IntakeRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, body = IntakeResponse),
        (status = 401, description = "No carrier token, or a revoked one"),
        (status = 422, body = IntakeRefusal, description = "Some items are wrong; nothing was written")))]
pub async fn announce(
    State(state): State<AppState>,
    CarrierAuth(carrier): CarrierAuth,
    headers: HeaderMap,
    ApiJson(request): ApiJson<IntakeRequest>,
) -> Result<Response, WebError> {
    let items: Vec<IntakeForm> = request
        .parcels
        .iter()
        .map(|item| IntakeForm {
            tracking: item.tracking.clone(),
            destination: item.destination.clone(),
            villager_name: item.villager_name.clone(),
            villager_phone: item.villager_phone.clone(),
            weight_g: item.weight_g.to_string(),
        })
        .collect();
    match state.services.intake_from_carrier(&carrier, &items).await? {
        Ok(receipts) => Ok(Json(IntakeResponse {
            parcels: receipts
                .into_iter()
                .map(|receipt| IntakeReceiptJson {
                    tracking: receipt.tracking,
                    code: receipt.code.to_string(),
                    created: receipt.created,
                })
                .collect(),
        })
        .into_response()),
        Err(problems) => {
            let t = Lang::negotiate(&headers).texts();
            let items = problems
                .into_iter()
                .map(|(index, problems)| ItemProblems {
                    index,
                    tracking: items
                        .get(index)
                        .map(|item| item.tracking.clone())
                        .unwrap_or_default(),
                    problems: problems
                        .iter()
                        .map(|problem| ItemProblem {
                            field: problem.field(),
                            message: t.line_problem(problem),
                        })
                        .collect(),
                })
                .collect();
            let refusal = IntakeRefusal {
                error: IntakeRefusalDetail {
                    code: "validation",
                    message: t.invalid_input.to_owned(),
                    items,
                },
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(refusal)).into_response())
        }
    }
}
