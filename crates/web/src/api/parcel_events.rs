//! `GET /api/v1/parcels/{code}/events`: a parcel's path as anyone with its code sees it (no
//! login), with the villager's name and phone masked — the public tracking page as JSON.

use axum::extract::{Path, State};
use axum::Json;
use farmgate_domain::parcel::ParcelCode;
use farmgate_services::up_parcels::PublicPath;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::WebError;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct ParcelTrackView {
    pub code: String,
    /// down (to a village) or up (from one).
    pub direction: String,
    /// The furthest step reached.
    pub stage: String,
    /// Masked: the first character, then `*`.
    pub villager_name: String,
    /// Masked: `139****5678`.
    pub villager_phone: String,
    /// The carrier it came from (down) or was handed to (up), with its tracking number.
    pub carrier: Option<String>,
    pub carrier_tracking: Option<String>,
    /// In the order they happened.
    pub events: Vec<ParcelEventView>,
}

#[derive(Serialize, ToSchema)]
pub struct ParcelEventView {
    /// announced, declared, received, planned, loaded, at_point, collected, picked_up or
    /// handed_over.
    pub stage: String,
    /// Milliseconds since the Unix epoch, as the scanning device saw it.
    pub at: i64,
    /// The network site's name.
    pub place: Option<String>,
    /// The route run that carried it.
    pub run: Option<String>,
}

/// A parcel's path by its code, people masked.
#[utoipa::path(get, path = "/api/v1/parcels/{code}/events", tag = "parcels", security(()),
    params(("code" = String, Path, description = "The parcel's ten-digit code")),
    responses((status = 200, body = ParcelTrackView), (status = 404, description = "No such parcel")))]
pub async fn events(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<ParcelTrackView>, WebError> {
    let code = ParcelCode::parse(&code).ok_or(WebError::NotFound)?;
    let public = state.services.public_parcel_path(&code).await?;
    Ok(Json(ParcelTrackView::from(public)))
}

impl From<PublicPath> for ParcelTrackView {
    fn from(public: PublicPath) -> Self {
        let PublicPath {
            path,
            villager_name,
            villager_phone,
        } = public;
        let parcel = path.parcel;
        Self {
            code: parcel.code.as_str().to_owned(),
            direction: parcel.direction.as_str().to_owned(),
            stage: parcel.stage.as_str().to_owned(),
            villager_name,
            villager_phone,
            carrier: path.carrier.map(|c| c.name),
            carrier_tracking: parcel.carrier_tracking,
            events: path
                .steps
                .into_iter()
                .map(|step| ParcelEventView {
                    stage: step.stage.as_str().to_owned(),
                    at: step.at.millis(),
                    place: step.place,
                    run: step.run.map(|run| run.to_string()),
                })
                .collect(),
        }
    }
}
