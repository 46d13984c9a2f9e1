//! Handing up parcels to carriers at the county warehouse (`/logistics/handover`, logistics
//! staff and the hub): the parcels waiting, by the carrier wanted, each handed over by typing
//! or scanning the carrier's tracking number.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use farmgate_domain::access::{permits, Action};
use farmgate_domain::id::CarrierId;
use farmgate_domain::parcel::ParcelCode;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_services::up_parcels::{HandedOver, Handover, HandoverQueue};
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "logistics_handover.html")]
struct HandoverPage {
    page: PageContext,
    groups: Vec<Group>,
    /// `(id, name)` of every carrier, for the choice on each parcel.
    carriers: Vec<(String, String)>,
    notice: String,
    alert: String,
    errors: FieldErrors,
}

/// Parcels wanting one carrier (or any).
struct Group {
    carrier: String,
    parcels: Vec<Row>,
}

struct Row {
    code: String,
    weight: String,
    destination: String,
    wanted: String,
}

/// `GET /logistics/handover`
pub async fn show(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let user = page.signed()?;
    let queue = state.services.handover_queue(&user.actor).await?;
    render(&handover_page(page, queue, Outcome::default()))
}

#[derive(Deserialize)]
pub struct HandoverForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    carrier: String,
    #[serde(default)]
    tracking: String,
}

#[derive(Default)]
struct Outcome {
    notice: String,
    alert: String,
    errors: FieldErrors,
}

/// `POST /logistics/handover`: the page again, saying what happened; 409 when the number is on
/// another parcel, 422 when a field is wrong.
pub async fn hand_over(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(form): PageForm<HandoverForm>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    // Before reading the form, so that no one else learns more than "not yours".
    if !permits(&user.actor, &Action::HandleParcels) {
        return Err(WebError::Forbidden);
    }
    let t = page.t;
    let code = ParcelCode::parse(&form.code).ok_or(WebError::NotFound)?;
    let Some(carrier) = CarrierId::parse(&form.carrier) else {
        let errors = ValidationErrors::single("carrier", Problem::Required);
        return Err(WebError::Validation(errors));
    };
    let handover = Handover {
        code,
        carrier,
        tracking: form.tracking,
    };
    let (status, outcome) = match state
        .services
        .hand_over_parcel(&user.actor, &handover)
        .await
    {
        Ok(HandedOver {
            parcel,
            carrier,
            already,
        }) => {
            let notice = if already {
                t.parcel_up
                    .already_handed_over
                    .replace("{code}", parcel.code.as_str())
            } else {
                t.parcel_up
                    .handed_over_ok
                    .replace("{code}", parcel.code.as_str())
                    .replace("{carrier}", &carrier.name)
                    .replace(
                        "{tracking}",
                        parcel.carrier_tracking.as_deref().unwrap_or_default(),
                    )
            };
            let outcome = Outcome {
                notice,
                ..Outcome::default()
            };
            (StatusCode::OK, outcome)
        }
        Err(ServiceError::Conflict(detail)) => {
            let alert = WebError::Conflict(detail).message(page.lang);
            let outcome = Outcome {
                alert,
                ..Outcome::default()
            };
            (StatusCode::CONFLICT, outcome)
        }
        Err(ServiceError::Validation(errors)) => {
            let outcome = Outcome {
                errors: FieldErrors::new(&errors, t),
                ..Outcome::default()
            };
            (StatusCode::UNPROCESSABLE_ENTITY, outcome)
        }
        Err(other) => return Err(other.into()),
    };
    let queue = state.services.handover_queue(&user.actor).await?;
    let body = render(&handover_page(page, queue, outcome))?;
    Ok((status, body).into_response())
}

fn handover_page(page: PageContext, queue: HandoverQueue, outcome: Outcome) -> HandoverPage {
    let t = page.t;
    let mut groups: Vec<Group> = Vec::new();
    let wanted_carriers = queue.carriers.iter().map(Some).chain([None]);
    for carrier in wanted_carriers {
        let wanted = carrier.map(|c| c.id.clone());
        let parcels: Vec<Row> = queue
            .parcels
            .iter()
            .filter(|queued| queued.parcel.carrier == wanted)
            .map(|queued| Row {
                code: queued.parcel.code.as_str().to_owned(),
                weight: kilograms(queued.parcel.weight_g),
                destination: queued.destination.clone(),
                wanted: wanted.as_ref().map(ToString::to_string).unwrap_or_default(),
            })
            .collect();
        if !parcels.is_empty() {
            groups.push(Group {
                carrier: carrier.map_or(t.parcel_up.any_carrier.to_owned(), |c| c.name.clone()),
                parcels,
            });
        }
    }
    HandoverPage {
        carriers: queue
            .carriers
            .iter()
            .map(|c| (c.id.to_string(), c.name.clone()))
            .collect(),
        page,
        groups,
        notice: outcome.notice,
        alert: outcome.alert,
        errors: outcome.errors,
    }
}

/// Grams as kilograms with one decimal, as a scale shows them.
fn kilograms(grams: i64) -> String {
    format!("{}.{} kg", grams / 1_000, grams % 1_000 / 100)
}
