//! The routes of the county's logistics (issue 5): the hub's network, parcels down and up, route
//! runs and the driver's pages, printed documents and the network's measures.

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use super::{
    documents, driver, handover, import, logistics, measures, network, network_forms,
    parcel_intake, receiving, runs, send_up, sorting, track, village_points,
};
use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        // The hub's logistics network (issue 5).
        .route("/hub/network", get(network::show))
        .route(
            "/hub/network/import",
            post(network::import).layer(DefaultBodyLimit::max(import::IMPORT_BODY_LIMIT)),
        )
        .route(
            "/hub/network/nodes/{id}",
            get(network_forms::node_page).post(network_forms::save_node),
        )
        .route(
            "/hub/network/carriers/{id}",
            get(network_forms::carrier_page).post(network_forms::save_carrier),
        )
        .route(
            "/hub/network/vehicles/{id}",
            get(network_forms::vehicle_page).post(network_forms::save_vehicle),
        )
        // Produce going up through the county network (issue 5).
        .route("/console/orders/{order}/send-up", post(send_up::send_order))
        .route("/console/shops/{shop}/produce", post(send_up::send_produce))
        .route(
            "/logistics/handover",
            get(handover::show).post(handover::hand_over),
        )
        .route("/track/{code}", get(track::show))
        // The down flow (issue 5): the logistics console and its pages.
        .route("/logistics", get(logistics::console))
        .route(
            "/logistics/intake",
            get(parcel_intake::show).post(parcel_intake::enter),
        )
        .route(
            "/logistics/intake/manifest",
            post(parcel_intake::manifest).layer(DefaultBodyLimit::max(import::IMPORT_BODY_LIMIT)),
        )
        .route(
            "/logistics/receiving",
            get(receiving::show).post(receiving::receive),
        )
        .route("/logistics/sorting", get(sorting::show))
        .route("/logistics/points", get(village_points::list))
        .route("/logistics/points/{id}", get(village_points::show))
        .route(
            "/logistics/points/{id}/collect",
            post(village_points::collect),
        )
        .route("/logistics/notices", get(logistics::notices))
        .route("/logistics/carriers", get(logistics::tokens))
        .route("/logistics/carriers/{id}/token", post(logistics::issue))
        .route("/logistics/carriers/{id}/revoke", post(logistics::revoke))
        // Route runs: planning the day and the driver's pages (issue 5).
        .route("/logistics/runs", get(runs::show))
        .route(
            "/logistics/runs/plan",
            post(runs::plan).layer(DefaultBodyLimit::max(import::IMPORT_BODY_LIMIT)),
        )
        .route("/logistics/runs/detour", post(runs::set_detour))
        .route("/driver", get(driver::runs))
        .route("/driver/runs/{id}", get(driver::run))
        .route(
            "/driver/runs/{id}/load",
            get(driver::load_page).post(driver::load_scan),
        )
        .route(
            "/driver/runs/{id}/stops/{number}",
            get(driver::stop_page).post(driver::stop_scan),
        )
        .route(
            "/driver/runs/{id}/stops/{number}/done",
            post(driver::stop_done),
        )
        .route("/assets/driver_scan.js", get(driver::script))
        // Printed labels and run sheets (issue 5).
        .route("/logistics/runs/{id}/sheet.pdf", get(documents::run_sheet))
        .route(
            "/logistics/runs/{id}/labels.pdf",
            get(documents::run_labels),
        )
        .route(
            "/logistics/parcels/{code}/label.pdf",
            get(documents::parcel_label),
        )
        // The network's measures (issue 5, feeding monitoring).
        .route("/logistics/measures", get(measures::show))
}
