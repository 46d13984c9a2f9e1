//! The routes of GS1 codes (issue 6): the hub's company prefix and products' trace settings.

use axum::routing::get;
use axum::Router;

use super::gs1;
use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/hub/settings/gs1",
            get(gs1::prefix_page).post(gs1::save_prefix),
        )
        .route(
            "/console/products/{id}/trace",
            get(gs1::product_page).post(gs1::save_product),
        )
}
