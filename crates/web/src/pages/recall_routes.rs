//! The routes of packing from batches and of recalls (issue 6, traceability — recall).

use axum::routing::{get, post};
use axum::Router;

use super::{packing, recalls};
use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/console/orders/{order}/packing", get(packing::show))
        .route(
            "/console/orders/{order}/packing/{line}",
            post(packing::pack),
        )
        .route("/quality/recalls", get(recalls::list).post(recalls::open))
        .route("/quality/recalls/{id}", get(recalls::show))
        .route("/recalls/{id}", get(recalls::buyer_show))
        .route("/recalls/{id}/acknowledge", post(recalls::acknowledge))
}
