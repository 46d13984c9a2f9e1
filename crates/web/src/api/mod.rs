//! The JSON API under `/api/v1`. Each handler carries its OpenAPI description, and the router
//! is built from the same list, so the document at `/api/v1/openapi.json` cannot drift from the
//! routes that exist.

mod accounts;
mod applications;
mod checkouts;
mod coupons;
mod flash_sales;
mod group_buys;
pub(crate) mod live_dash;
mod me;
mod measures;
mod network;
mod parcel_events;
// The down flow's carrier intake (issue 5).
mod intake;
mod payments;
mod places;
mod products;
mod runs;
mod shops;
// Commerce figures (issue 7).
mod stats;
mod stats_json;
mod stats_live_json;
mod tokens;
mod views;
// Traceability: EPCIS exports and products' GS1 settings (issue 6).
mod epcis;
mod product_trace;

use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;
use farmgate_store::Page;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Farmgate API",
        description = "Rural e-commerce for a county. Authenticate with a personal API token: `Authorization: Bearer fgt_…`. Errors are `{\"error\": {\"code\", \"message\", \"fields\"?}}`; messages follow Accept-Language (zh or en)."
    ),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn router() -> Router<AppState> {
    let (router, document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(me::me))
        .routes(routes!(places::places))
        .routes(routes!(shops::list))
        .routes(routes!(shops::get, shops::update))
        .routes(routes!(tokens::list, tokens::create))
        .routes(routes!(tokens::revoke))
        .routes(routes!(applications::list))
        .routes(routes!(applications::get))
        .routes(routes!(applications::decide))
        .routes(routes!(accounts::list))
        .routes(routes!(accounts::set_roles))
        .routes(routes!(checkouts::create))
        .routes(routes!(checkouts::pay))
        .routes(routes!(checkouts::quote))
        .routes(routes!(checkouts::show))
        .routes(routes!(products::search))
        .routes(routes!(flash_sales::start))
        .routes(routes!(flash_sales::show))
        .routes(routes!(flash_sales::buy))
        .routes(routes!(group_buys::create))
        .routes(routes!(group_buys::show))
        .routes(routes!(group_buys::close))
        .routes(routes!(group_buys::open))
        .routes(routes!(group_buys::team))
        .routes(routes!(group_buys::join))
        .routes(routes!(coupons::drop_coupon, coupons::list))
        .routes(routes!(coupons::claim))
        .routes(routes!(coupons::mine))
        .routes(routes!(live_dash::start_draw))
        .routes(routes!(live_dash::close_draw))
        .routes(routes!(live_dash::dashboard))
        // The hub's logistics network (issue 5).
        .routes(routes!(network::network))
        // Produce going up through the county network (issue 5).
        .routes(routes!(parcel_events::events))
        // The down flow's carrier intake (issue 5).
        .routes(routes!(intake::announce))
        // Route runs (issue 5).
        .routes(routes!(runs::runs))
        // The network's measures (issue 5, feeding monitoring).
        .routes(routes!(measures::measures))
        // Traceability: EPCIS exports and products' GS1 settings (issue 6).
        .routes(routes!(epcis::batch))
        .routes(routes!(epcis::export))
        .routes(routes!(product_trace::get, product_trace::set))
        // Commerce figures (issue 7).
        .routes(routes!(stats::summary))
        .routes(routes!(stats::dashboard))
        .split_for_parts();
    router
        .route(
            "/api/v1/openapi.json",
            get(move || async move { Json(document) }),
        )
        .route(
            "/api/v1/payments/notify/sandbox",
            axum::routing::post(payments::sandbox_callback),
        )
}

/// `?limit=&offset=` on every list; the limit is capped so one request cannot ask for everything.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// At most 200; default 50.
    limit: Option<i64>,
    offset: Option<i64>,
}

impl Paging {
    pub fn page(&self) -> Page {
        Page {
            limit: self.limit.unwrap_or(50).clamp(1, 200),
            offset: self.offset.unwrap_or(0).max(0),
        }
    }
}
