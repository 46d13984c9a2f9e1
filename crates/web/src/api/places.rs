//! `GET /api/v1/places`: the county, its townships and villages.

use axum::extract::State;
use axum::Json;

use super::views::PlaceView;
use crate::error::WebError;
use crate::state::AppState;

/// Every place, ordered by code (county, then each township followed by its villages).
#[utoipa::path(get, path = "/api/v1/places", tag = "places", security(()),
    responses((status = 200, body = Vec<PlaceView>)))]
pub async fn places(State(state): State<AppState>) -> Result<Json<Vec<PlaceView>>, WebError> {
    let places = state.services.places().await?;
    Ok(Json(places.iter().map(PlaceView::from).collect()))
}
