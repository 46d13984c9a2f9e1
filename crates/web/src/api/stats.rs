//! `GET /api/v1/stats/summary` and `GET /api/v1/stats/dashboard`: the commerce figures for the
//! province's systems, read-only, with the dashboard's filters. The county's figures are the
//! hub's and analysts'; `shop=` gives a shop's own to its members too.

use axum::extract::{Query, State};
use axum::Json;

use super::stats_json::{DashboardJson, SummaryJson};
use crate::auth::RequireUser;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::stats::{self as figures, StatsQuery};

/// The headline figures of a period, each with last year's and the previous period's.
#[utoipa::path(get, path = "/api/v1/stats/summary", tag = "stats",
    params(StatsQuery),
    responses((status = 200, body = SummaryJson),
        (status = 403, description = "County figures for someone not the hub or an analyst, or another's shop"),
        (status = 422, description = "A filter is not valid; `fields` names each")))]
pub async fn summary(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    lang: Lang,
    Query(query): Query<StatsQuery>,
) -> Result<Json<SummaryJson>, WebError> {
    query.authorize(&user.actor)?;
    let request = query.request(figures::today(&state.services))?;
    let summary = state
        .services
        .stats_summary(&user.actor, &request)
        .await
        .map_err(figures::refused(&query))?;
    Ok(Json(SummaryJson::new(lang.texts(), &summary)))
}

/// Everything the dashboard draws: the summary, categories, quarters, months, places, top
/// products and producers, destinations.
#[utoipa::path(get, path = "/api/v1/stats/dashboard", tag = "stats",
    params(StatsQuery),
    responses((status = 200, body = DashboardJson),
        (status = 403, description = "County figures for someone not the hub or an analyst, or another's shop"),
        (status = 422, description = "A filter is not valid; `fields` names each")))]
pub async fn dashboard(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    lang: Lang,
    Query(query): Query<StatsQuery>,
) -> Result<Json<DashboardJson>, WebError> {
    query.authorize(&user.actor)?;
    let request = query.request(figures::today(&state.services))?;
    let dashboard = state
        .services
        .stats_dashboard(&user.actor, &request)
        .await
        .map_err(figures::refused(&query))?;
    Ok(Json(DashboardJson::new(lang.texts(), &dashboard)))
}
