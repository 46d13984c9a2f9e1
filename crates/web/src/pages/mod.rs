//! Server-rendered pages. Each page gets a `PageContext` (language, CSRF token, who is signed
//! in, where they are) and an askama template; handlers stay thin and call the use cases.

mod account;
mod admin;
mod after_sales;
mod after_sales_console;
mod auth;
mod batch_labels;
mod batches;
mod buying;
mod cart_coupons;
mod certificates;
mod console;
mod coupons;
mod disputes;
mod documents;
mod driver;
mod earnings;
mod feed;
mod flash_sales;
mod fulfilment;
// Group-buys (issue 8): the offer, its teams, and the organiser's console.
mod group_buy_console;
mod group_buy_view;
mod group_buys;
mod handover;
mod hub;
mod import;
mod language;
// Village e-commerce leaders (issue 8).
mod leader_home;
mod leaders;
mod listing;
mod live;
mod live_buy;
mod live_console;
mod live_cover;
mod live_dashboard;
mod live_draws;
mod logistics;
mod logistics_routes;
// GS1 codes: the hub's company prefix and products' trace settings (issue 6).
mod gs1;
mod gs1_routes;
mod measures;
mod network;
mod network_forms;
mod network_map;
mod onboarding;
mod packing;
mod parcel_intake;
mod parcel_path;
mod payouts;
mod photos;
mod product;
mod product_edit;
mod public;
mod quality;
mod quality_routes;
mod recall_routes;
mod recalls;
mod receiving;
mod review;
mod runs;
mod sandbox;
mod search;
mod seat_form;
mod send_up;
mod settings;
mod share;
mod sorting;
// Commerce figures (issue 7): the dashboard and its exports.
mod stats;
mod stats_export;
mod stats_view;
mod teams;
mod trace;
mod trace_view;
mod track;
mod village_points;

use askama::Template;
use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use farmgate_domain::access::{permits, Action};
use farmgate_domain::role::Role;
use farmgate_services::accounts::Signed;

use crate::auth::MaybeUser;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::texts::Texts;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(public::home))
        .route("/shops/{id}", get(public::shop))
        .route("/products/{id}", get(product::product))
        .route("/search", get(search::search))
        .route("/feed", get(feed::show))
        .route(
            "/console/shops/{shop}/products",
            get(listing::shop_products).post(listing::create_product),
        )
        .route(
            "/console/shops/{shop}/products/new",
            get(listing::new_product),
        )
        .route(
            "/console/products/{product}/skus/{sku}/stock",
            post(listing::set_stock),
        )
        .route("/console/products/{product}/delist", post(listing::delist))
        .route(
            "/console/products/{product}/submit",
            post(listing::resubmit),
        )
        .route("/cart", get(buying::cart).post(buying::add))
        .route("/cart/{sku}", post(buying::set_quantity))
        .route("/checkout", post(buying::checkout))
        .route("/orders", get(buying::orders))
        .route("/orders/pay/{checkout}", post(buying::pay))
        .route("/orders/{order}/confirm", post(buying::confirm))
        .route("/console/shops/{shop}/orders", get(fulfilment::orders))
        .route("/console/orders/{order}/ship", post(fulfilment::ship))
        .route("/photos/{file}/{rendition}", get(photos::photo))
        .route(
            "/console/products/{product}/photos",
            post(photos::upload).layer(DefaultBodyLimit::max(crate::UPLOAD_LIMIT)),
        )
        .route("/hub/settings", get(settings::show))
        .route("/hub/settings/commission", post(settings::set_commission))
        .route("/hub/settings/shipping", post(settings::set_shipping))
        .route("/hub/listings", get(review::queue))
        .route("/hub/listings/{id}/approve", post(review::approve))
        .route("/hub/listings/{id}/reject", post(review::reject))
        .route("/signup", get(auth::signup_page).post(auth::signup))
        .route("/signin", get(auth::signin_page).post(auth::signin))
        .route("/signout", post(auth::signout))
        .route("/lang", post(language::switch))
        .route("/console", get(console::console))
        .route("/console/shops/{id}", post(console::update_shop))
        .route(
            "/apply",
            get(onboarding::apply_page)
                .post(onboarding::apply)
                .layer(DefaultBodyLimit::max(crate::UPLOAD_LIMIT)),
        )
        .route("/applications/documents/{id}", get(onboarding::document))
        .route("/hub", get(hub::hub))
        .route("/hub/applications/{id}", get(hub::application))
        .route("/hub/applications/{id}/approve", post(hub::approve))
        .route("/hub/applications/{id}/reject", post(hub::reject))
        .route("/account", get(account::account))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route("/sandbox/pay/{provider_ref}", get(sandbox::cashier))
        .route("/sandbox/pay/{provider_ref}/pay", post(sandbox::pay))
        .route("/sandbox/pay/{provider_ref}/fail", post(sandbox::fail))
        .route("/admin", get(admin::accounts))
        .route("/admin/accounts/{id}/roles", post(admin::set_roles))
        // After-sales (issue 3): the buyer's requests, the shop's answers, the hub's disputes.
        .route(
            "/orders/{order}/after-sales/new",
            get(after_sales::new_request),
        )
        .route(
            "/orders/{order}/after-sales",
            post(after_sales::create).layer(DefaultBodyLimit::max(crate::UPLOAD_LIMIT)),
        )
        .route("/after-sales/{id}/return", post(after_sales::ship_return))
        .route("/after-sales/{id}/escalate", post(after_sales::escalate))
        .route("/after-sales/{id}/withdraw", post(after_sales::withdraw))
        .route(
            "/console/shops/{shop}/after-sales",
            get(after_sales_console::list),
        )
        .route(
            "/console/after-sales/{id}/approve",
            post(after_sales_console::approve),
        )
        .route(
            "/console/after-sales/{id}/reject",
            post(after_sales_console::reject),
        )
        .route(
            "/console/after-sales/{id}/receive",
            post(after_sales_console::receive),
        )
        .route("/hub/disputes", get(disputes::queue))
        .route("/hub/disputes/{id}/rule", post(disputes::rule))
        .route("/hub/payouts", get(payouts::show).post(payouts::run))
        .route("/console/shops/{shop}/earnings", get(earnings::show))
        .route("/console/shops/{shop}/payee", post(earnings::set_payee))
        // Product import and editing (issue 3).
        .route(
            "/console/shops/{shop}/products/import",
            get(import::import_page)
                .post(import::import_file)
                .layer(DefaultBodyLimit::max(import::IMPORT_BODY_LIMIT)),
        )
        .route(
            "/console/shops/{shop}/products/import/template.csv",
            get(import::template),
        )
        .route(
            "/console/products/{product}/edit",
            get(product_edit::edit_page).post(product_edit::save),
        )
        // Live sessions (issue 4).
        .route("/live", get(live::list))
        .route("/live/{id}", get(live::room))
        .route("/shops/{shop}/follow", post(live::follow))
        .route("/notifications", get(live::notifications))
        .route(
            "/console/shops/{shop}/live",
            get(live_console::shop_sessions).post(live_console::schedule),
        )
        .route(
            "/console/live/{id}",
            get(live_console::manage).post(live_console::edit),
        )
        .route("/console/live", get(live_console::host))
        .route("/console/live/shop", get(live_console::pick_shop))
        .route("/console/live/{id}/pin", post(live_console::pin))
        .route("/console/live/{id}/cancel", post(live_console::cancel))
        .route("/console/live/{session}/cover", post(live_cover::upload))
        // Flash sales in live sessions (issue 4).
        .route(
            "/console/live/{session}/flash-sales/new",
            get(flash_sales::new_page),
        )
        .route(
            "/console/live/{session}/flash-sales",
            post(flash_sales::start),
        )
        // Live coupons (issue 4).
        .route(
            "/console/live/{session}/coupons",
            get(coupons::session_page).post(coupons::drop_coupon),
        )
        .route(
            "/console/coupons/{coupon}/withdraw",
            post(coupons::withdraw),
        )
        .route("/account/coupons", get(coupons::mine))
        .route("/assets/live_coupon.js", get(coupons::script))
        // Lucky draws and the host's live dashboard (issue 4).
        .route(
            "/console/live/{session}/draws",
            get(live_draws::show).post(live_draws::start),
        )
        .route(
            "/console/live/{session}/draws/{draw}/close",
            post(live_draws::close),
        )
        .route(
            "/console/live/{session}/dashboard",
            get(live_dashboard::show),
        )
        .merge(logistics_routes::routes())
        .merge(recall_routes::routes())
        // GS1 codes: the hub's company prefix and products' trace settings (issue 6).
        .merge(gs1_routes::routes())
        .merge(quality_routes::routes())
        // Village e-commerce leaders and group-buys (issue 8).
        .route("/hub/leaders", get(leaders::show).post(leaders::appoint))
        .route("/hub/leaders/terms", post(leaders::set_terms))
        .route("/hub/leaders/{account}/pay", post(leaders::pay))
        .route("/leader", get(leader_home::show))
        .route(
            "/hub/leaders/{account}/stand-down",
            post(leaders::stand_down),
        )
        .route("/group-buys/{id}", get(group_buys::show))
        .route("/group-buys/{id}/teams", post(group_buys::open))
        .route("/teams/{id}", get(teams::show))
        .route("/teams/{id}/seats", post(teams::join))
        .route("/teams/{id}/poster.svg", get(teams::poster))
        .route("/products/{id}/poster.svg", get(product::poster))
        .route(
            "/console/products/{product}/group-buys",
            get(group_buy_console::show).post(group_buy_console::create),
        )
        .route(
            "/console/group-buys/{id}/close",
            post(group_buy_console::close),
        )
        // Commerce figures (issue 7).
        .route("/stats", get(stats::show))
        .route("/stats/export.csv", get(stats_export::csv))
        .route("/stats/export.xlsx", get(stats_export::xlsx))
}

/// What every page template needs to draw its frame.
pub struct PageContext {
    pub lang: Lang,
    pub t: &'static Texts,
    pub csrf: String,
    pub path: String,
    pub user: Option<Signed>,
    pub user_name: Option<String>,
    pub nav: Nav,
    pub asset_version: &'static str,
}

/// Which consoles the signed-in user may open, for the navigation bar.
#[derive(Default)]
pub struct Nav {
    pub producer: bool,
    /// May host live sessions for some shop.
    pub host: bool,
    pub hub: bool,
    pub admin: bool,
    /// Logistics staff (and the hub): the logistics console.
    pub logistics: bool,
    /// Quality officers (and the hub): the quality console.
    pub quality: bool,
    /// The hub and analysts: the county's commerce figures.
    pub stats: bool,
    /// Village e-commerce leaders: their sharing and commission.
    pub leader: bool,
}

impl FromRequestParts<AppState> for PageContext {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let lang = Lang::negotiate(&parts.headers);
        let csrf = CsrfToken::from_request_parts(parts, state).await?.0;
        let user = MaybeUser::from_request_parts(parts, state).await?.0;
        let nav = user.as_ref().map_or_else(Nav::default, |user| Nav {
            producer: permits(&user.actor, &Action::ViewProducerConsole),
            host: permits(&user.actor, &Action::ViewProducerConsole)
                || user.actor.has(Role::LiveHost)
                || permits(&user.actor, &Action::ViewHubConsole),
            hub: permits(&user.actor, &Action::ViewHubConsole),
            admin: user.actor.has(Role::Admin),
            logistics: permits(&user.actor, &Action::HandleParcels),
            quality: permits(&user.actor, &Action::SuperviseQuality),
            stats: permits(&user.actor, &Action::ViewCountyStats),
            leader: user.actor.has(Role::Leader),
        });
        Ok(PageContext {
            lang,
            t: lang.texts(),
            csrf,
            path: parts.uri.path().to_owned(),
            user_name: user.as_ref().map(|u| u.account.display_name.clone()),
            user,
            nav,
            asset_version: env!("CARGO_PKG_VERSION"),
        })
    }
}

impl PageContext {
    /// The signed-in user, or the error that sends a visitor to sign in.
    pub fn signed(&self) -> Result<&Signed, WebError> {
        self.user.as_ref().ok_or(WebError::Unauthenticated)
    }
}

/// Renders a template into a response.
pub fn render(template: &impl Template) -> Result<Response, WebError> {
    Ok(Html(template.render()?).into_response())
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: PageContext,
    message: String,
}

/// The page shown for an error; it has no user menu, because it may be drawn for a request
/// that never got as far as finding its user.
pub fn error_page(error: &WebError, lang: Lang) -> String {
    let page = PageContext {
        lang,
        t: lang.texts(),
        csrf: String::new(),
        path: "/".into(),
        user: None,
        user_name: None,
        nav: Nav::default(),
        asset_version: env!("CARGO_PKG_VERSION"),
    };
    let mut message = error.message(lang);
    // A page without its form (an export's link, say) still names what was wrong.
    if let WebError::Validation(errors) = error {
        for e in &errors.0 {
            message.push(' ');
            message.push_str(&page.t.problem(e.field, &e.problem));
            message.push('.');
        }
    }
    let template = ErrorPage { message, page };
    template.render().unwrap_or_else(|_| error.message(lang))
}
