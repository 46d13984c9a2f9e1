//! `GET /api/v1/runs?day=`: a day's route runs with their stops in order, and the parcels the
//! plan left behind with the reason, for logistics staff and the hub.

use axum::extract::{Query, State};
use axum::Json;
use farmgate_domain::route_run::{RouteRun, RunDay};
use farmgate_domain::validation::Problem;
use farmgate_services::route_runs::DayRuns;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::RequireUser;
use crate::error::WebError;
use crate::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunsQuery {
    /// `YYYY-MM-DD`; today in China when absent.
    day: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct DayRunsJson {
    pub day: String,
    pub runs: Vec<RunJson>,
    pub unplanned: Vec<UnplannedJson>,
}

#[derive(Serialize, ToSchema)]
pub struct RunJson {
    pub id: String,
    pub vehicle: String,
    pub plate: String,
    /// The depot's node id.
    pub depot: String,
    /// planned, out or done.
    pub status: String,
    /// Minutes after midnight.
    pub depart_minute: i64,
    pub return_minute: i64,
    pub distance_m: i64,
    pub cost_fen: i64,
    pub cost_per_parcel_fen: Option<i64>,
    pub stops: Vec<StopJson>,
}

#[derive(Serialize, ToSchema)]
pub struct StopJson {
    /// The village point's node id and code.
    pub point: String,
    pub point_code: String,
    pub arrival_minute: i64,
    pub departure_minute: i64,
    pub drop_parcels: i64,
    pub drop_grams: i64,
    pub pickup_parcels: i64,
    pub pickup_grams: i64,
    /// When the driver marked it done (milliseconds since the epoch).
    pub done_at: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct UnplannedJson {
    pub parcel: String,
    pub code: String,
    /// exceeds_every_vehicle, window_unreachable, no_capacity_left, no_time_left, not_placed,
    /// no_vehicle or point_never_open.
    pub reason: String,
}

/// A day's runs and what was left behind.
#[utoipa::path(get, path = "/api/v1/runs", tag = "logistics", params(RunsQuery),
    responses((status = 200, body = DayRunsJson),
        (status = 403, description = "Not logistics staff or the hub"),
        (status = 422, description = "Not a day")))]
pub async fn runs(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Query(query): Query<RunsQuery>,
) -> Result<Json<DayRunsJson>, WebError> {
    let day = match query.day.as_deref().map(str::trim) {
        None | Some("") => RunDay::of(state.services.clock.now()),
        Some(text) => RunDay::parse(text).ok_or(WebError::field("day", Problem::Invalid))?,
    };
    let view = state.services.day_runs(&user.actor, day).await?;
    Ok(Json(DayRunsJson::from(&view)))
}

impl From<&DayRuns> for DayRunsJson {
    fn from(view: &DayRuns) -> Self {
        Self {
            day: view.day.to_string(),
            runs: view.runs.iter().map(|run| run_json(view, run)).collect(),
            unplanned: view
                .unplanned
                .iter()
                .map(|(parcel, reason)| UnplannedJson {
                    parcel: parcel.id.to_string(),
                    code: parcel.code.to_string(),
                    reason: reason.as_str().to_owned(),
                })
                .collect(),
        }
    }
}

fn run_json(view: &DayRuns, run: &RouteRun) -> RunJson {
    RunJson {
        id: run.id.to_string(),
        vehicle: run.vehicle.to_string(),
        plate: view
            .vehicles
            .get(&run.vehicle)
            .map_or_else(String::new, |v| v.plate.clone()),
        depot: run.depot.to_string(),
        status: run.status.as_str().to_owned(),
        depart_minute: run.depart_minute,
        return_minute: run.return_minute,
        distance_m: run.distance_m,
        cost_fen: run.cost.minor(),
        cost_per_parcel_fen: run.cost_per_parcel().map(|m| m.minor()),
        stops: run
            .stops
            .iter()
            .map(|stop| StopJson {
                point: stop.point.to_string(),
                point_code: view
                    .nodes
                    .get(&stop.point)
                    .map_or_else(String::new, |n| n.code.clone()),
                arrival_minute: stop.arrival_minute,
                departure_minute: stop.departure_minute,
                drop_parcels: stop.drop.parcels,
                drop_grams: stop.drop.grams,
                pickup_parcels: stop.pick_up.parcels,
                pickup_grams: stop.pick_up.grams,
                done_at: stop.done_at.map(|t| t.millis()),
            })
            .collect(),
    }
}
