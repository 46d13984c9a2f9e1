//! `GET /api/v1/logistics/measures?days=`: the network's measures over the last N days as
//! counts (part and whole) so a reader computes its own ratios; money in fen.

use axum::extract::{Query, State};
use axum::Json;
use farmgate_domain::parcel::Share;
use farmgate_services::measures::{measure_days, MeasuresReport};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::RequireUser;
use crate::error::WebError;
use crate::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeasuresQuery {
    /// The window's length, 1 to 90 days ending now; 7 when absent.
    days: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MeasuresJson {
    pub days: i64,
    /// The window, in milliseconds since the epoch.
    pub since: i64,
    pub until: i64,
    /// Parcels on a run that also carried another carrier's parcels, of all carried.
    pub co_distribution: ShareJson,
    /// Runs that went out (started or done) in the window's days.
    pub runs: u64,
    /// Parcels taken in during the window and carried on those runs.
    pub carried: u64,
    pub parcels_per_run_tenths: Option<u64>,
    pub distance_m: i64,
    pub metres_per_parcel: Option<i64>,
    pub cost_fen: i64,
    pub cost_per_parcel_fen: Option<i64>,
    /// Arrived by the end of the day after being taken in, of those due or arrived.
    pub on_time: ShareJson,
    /// Rural villages a run reached in the window, of all.
    pub villages_served: ShareJson,
    pub unreached: Vec<VillageJson>,
    pub carriers: Vec<CarrierMeasuresJson>,
}

#[derive(Serialize, ToSchema)]
pub struct ShareJson {
    pub part: u64,
    pub whole: u64,
    /// Rounded half up; absent when `whole` is 0.
    pub permille: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct VillageJson {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

#[derive(Serialize, ToSchema)]
pub struct CarrierMeasuresJson {
    pub carrier: String,
    pub code: String,
    pub name: String,
    pub co_distribution: ShareJson,
    pub on_time: ShareJson,
}

/// The network's measures over the last `days` days.
#[utoipa::path(get, path = "/api/v1/logistics/measures", tag = "logistics",
    params(MeasuresQuery),
    responses((status = 200, body = MeasuresJson),
        (status = 403, description = "Not the hub, logistics staff or an analyst"),
        (status = 422, description = "days is not a whole number from 1 to 90")))]
pub async fn measures(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Query(query): Query<MeasuresQuery>,
) -> Result<Json<MeasuresJson>, WebError> {
    let days = measure_days(query.days.as_deref()).map_err(WebError::Validation)?;
    let report = state.services.network_measures(&user.actor, days).await?;
    Ok(Json(MeasuresJson::from(&report)))
}

impl From<Share> for ShareJson {
    fn from(share: Share) -> Self {
        Self {
            part: share.part,
            whole: share.whole,
            permille: share.permille(),
        }
    }
}

impl From<&MeasuresReport> for MeasuresJson {
    fn from(report: &MeasuresReport) -> Self {
        let m = &report.measures;
        Self {
            days: report.days,
            since: report.since.millis(),
            until: report.until.millis(),
            co_distribution: m.co_distribution.into(),
            runs: m.runs,
            carried: m.carried,
            parcels_per_run_tenths: m.parcels_per_run_tenths(),
            distance_m: m.distance_m,
            metres_per_parcel: m.metres_per_parcel(),
            cost_fen: m.cost.minor(),
            cost_per_parcel_fen: m.cost_per_parcel().map(|c| c.minor()),
            on_time: m.on_time.into(),
            villages_served: m.villages_served.into(),
            unreached: report
                .unreached
                .iter()
                .map(|place| VillageJson {
                    code: place.code.as_str().to_owned(),
                    name_zh: place.name_zh.clone(),
                    name_en: place.name_en.clone(),
                })
                .collect(),
            carriers: report
                .carriers
                .iter()
                .map(|(carrier, shares)| CarrierMeasuresJson {
                    carrier: carrier.id.to_string(),
                    code: carrier.code.clone(),
                    name: carrier.name.clone(),
                    co_distribution: shares.co_distribution.into(),
                    on_time: shares.on_time.into(),
                })
                .collect(),
        }
    }
}
