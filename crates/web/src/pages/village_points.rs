//! The village points at `/logistics/points`, and one point's page where its staff hand
//! parcels over by pickup code: a wrong code is counted (422), a held or already collected
//! parcel is refused (409), each with a sentence saying why.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use farmgate_domain::id::NetworkNodeId;
use farmgate_domain::network::NetworkNode;
use farmgate_services::down::{Collected, PointParcels};
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::PageForm;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "village_points.html")]
struct PointsPage {
    page: PageContext,
    /// Id, code, name, parcels waiting.
    points: Vec<(String, String, String, usize)>,
}

/// `GET /logistics/points`
pub async fn list(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let user = page.signed()?;
    let points = state
        .services
        .village_points(&user.actor)
        .await?
        .into_iter()
        .map(|(node, waiting)| (node.id.to_string(), node.code, node.name, waiting))
        .collect();
    render(&PointsPage { page, points })
}

#[derive(Template)]
#[template(path = "village_point.html")]
struct PointPage {
    page: PageContext,
    id: String,
    name: String,
    hours: String,
    coming: String,
    waiting: Vec<Waiting>,
    /// What the last hand-over said, and whether it went well.
    outcome: Option<(String, bool)>,
    parcel: String,
}

struct Waiting {
    code: String,
    tracking: String,
    villager: String,
    /// The phone's last four digits, enough to tell two namesakes apart.
    phone_tail: String,
    held: bool,
}

#[derive(Debug, Deserialize)]
pub struct CollectValues {
    #[serde(default)]
    parcel: String,
    #[serde(default)]
    pickup_code: String,
}

/// `GET /logistics/points/{id}`
pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = NetworkNodeId::parse(&id).ok_or(WebError::NotFound)?;
    point_page(&state, page, &id, None, String::new()).await
}

/// `POST /logistics/points/{id}/collect`
pub async fn collect(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(values): PageForm<CollectValues>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let id = NetworkNodeId::parse(&id).ok_or(WebError::NotFound)?;
    let t = page.t;
    let collected = state
        .services
        .collect_parcel(&user.actor, &id, &values.parcel, &values.pickup_code)
        .await;
    let (status, message, ok) = match collected {
        Ok(Collected::Handed(parcel)) => (
            StatusCode::OK,
            t.down
                .handed
                .replace("{code}", parcel.code.as_str())
                .replace("{name}", &parcel.villager.name),
            true,
        ),
        Ok(Collected::WrongCode { tries_left }) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            t.down.wrong_code.replace("{n}", &tries_left.to_string()),
            false,
        ),
        Err(ServiceError::Validation(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            errors
                .0
                .iter()
                .map(|e| t.problem(e.field, &e.problem))
                .collect::<Vec<_>>()
                .join(" "),
            false,
        ),
        Err(ServiceError::Conflict(detail)) => (
            StatusCode::CONFLICT,
            WebError::Conflict(detail).message(page.lang),
            false,
        ),
        Err(ServiceError::NotFound) => (
            StatusCode::NOT_FOUND,
            t.down.no_such_parcel.to_owned(),
            false,
        ),
        Err(other) => return Err(other.into()),
    };
    let parcel = if ok { String::new() } else { values.parcel };
    let body = point_page(&state, page, &id, Some((message, ok)), parcel).await?;
    Ok((status, body).into_response())
}

async fn point_page(
    state: &AppState,
    page: PageContext,
    id: &NetworkNodeId,
    outcome: Option<(String, bool)>,
    parcel: String,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let PointParcels {
        point,
        waiting,
        coming,
    } = state.services.point_parcels(&user.actor, id).await?;
    let NetworkNode {
        id, name, hours, ..
    } = point;
    render(&PointPage {
        id: id.to_string(),
        name,
        hours: hours.to_string(),
        coming: page.t.down.coming.replace("{n}", &coming.to_string()),
        waiting: waiting
            .into_iter()
            .map(|parcel| Waiting {
                held: parcel.pickup_held(),
                code: parcel.code.to_string(),
                tracking: parcel.carrier_tracking.unwrap_or_default(),
                phone_tail: parcel.villager.phone.as_str().chars().skip(7).collect(),
                villager: parcel.villager.name,
            })
            .collect(),
        outcome,
        parcel,
        page,
    })
}
