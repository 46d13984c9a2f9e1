//! Receiving at `/logistics/receiving`: scan or type each arriving parcel's number; the page
//! answers with the village point it goes to, big enough to read across the sorting floor.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use farmgate_domain::access::{permits, Action};
use farmgate_services::down::Receipt;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::PageForm;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "receiving.html")]
struct ReceivingPage {
    page: PageContext,
    scanned: Option<Scanned>,
    not_found: bool,
}

/// What the last scan found.
struct Scanned {
    code: String,
    tracking: String,
    point_code: String,
    point_name: String,
    villager: String,
    weight_kg: String,
    already: bool,
}

#[derive(Debug, Deserialize)]
pub struct ScanValues {
    #[serde(default)]
    scanned: String,
}

/// `GET /logistics/receiving`
pub async fn show(page: PageContext) -> Result<Response, WebError> {
    let user = page.signed()?;
    if !permits(&user.actor, &Action::HandleParcels) {
        return Err(WebError::Forbidden);
    }
    render(&ReceivingPage {
        page,
        scanned: None,
        not_found: false,
    })
}

/// `POST /logistics/receiving`: 404 with the form again when no parcel has the number.
pub async fn receive(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(values): PageForm<ScanValues>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    match state
        .services
        .receive_parcel(&user.actor, &values.scanned)
        .await
    {
        Ok(Receipt {
            parcel,
            point,
            already,
        }) => render(&ReceivingPage {
            scanned: Some(Scanned {
                code: parcel.code.to_string(),
                tracking: parcel.carrier_tracking.unwrap_or_default(),
                point_code: point.code,
                point_name: point.name,
                villager: parcel.villager.name,
                weight_kg: kilograms(parcel.weight_g),
                already,
            }),
            not_found: false,
            page,
        }),
        Err(ServiceError::NotFound) => {
            let body = render(&ReceivingPage {
                page,
                scanned: None,
                not_found: true,
            })?;
            Ok((StatusCode::NOT_FOUND, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// Grams as kilograms to one decimal: "2.5".
pub(super) fn kilograms(grams: i64) -> String {
    format!("{}.{}", grams / 1000, (grams % 1000) / 100)
}
