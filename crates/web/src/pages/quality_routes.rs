//! The routes of quality and traceability (issue 6): the public trace page at GS1 Digital Link
//! paths, the producer's batch pages and labels, and the quality officer's console.

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use super::{batch_labels, batches, certificates, quality, trace};
use crate::state::AppState;

/// A lab report of at most 5 MB with the form around it.
const REPORT_BODY_LIMIT: usize = 6 * 1024 * 1024;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        // The public trace page a package's QR code opens.
        .route("/01/{gtin}", get(trace::show))
        .route("/01/{gtin}/10/{lot}", get(trace::show))
        .route("/01/{gtin}/10/{lot}/21/{serial}", get(trace::show))
        // The producer's batches, labels and compliance certificates.
        .route("/console/shops/{shop}/batches", get(batches::list))
        .route(
            "/console/products/{product}/batches/new",
            get(batches::new_form),
        )
        .route("/console/products/{product}/batches", post(batches::create))
        .route("/console/batches/{batch}", get(batches::show))
        .route(
            "/console/batches/{batch}/photos",
            post(batches::add_photo).layer(DefaultBodyLimit::max(crate::UPLOAD_LIMIT)),
        )
        .route(
            "/console/batches/{batch}/labels.pdf",
            get(batch_labels::sheet),
        )
        .route(
            "/console/products/{product}/compliance",
            get(certificates::compliance_form).post(certificates::compliance_record),
        )
        // The quality officer's console.
        .route("/quality", get(quality::console))
        .route(
            "/quality/batches/{batch}/inspect",
            get(quality::inspect_form)
                .post(quality::inspect)
                .layer(DefaultBodyLimit::max(REPORT_BODY_LIMIT)),
        )
        .route("/quality/inspections/{id}/report", get(quality::report))
        .route("/quality/certificates/new", get(certificates::officer_form))
        .route("/quality/certificates", post(certificates::officer_record))
}
