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
mod campaign_coupons;
mod campaign_landing;
mod campaigns;
mod cart;
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
mod priced;
mod product;
mod product_edit;
mod public;
mod quality;
mod quality_routes;
mod recall_routes;
mod recalls;
mod receiving;
mod review;
mod routes;
mod runs;
mod sandbox;
mod search;
mod seat_form;
mod send_up;
mod settings;
mod share;
mod short_videos;
mod sorting;
// Commerce figures (issue 7): the dashboard and its exports.
mod stats;
mod stats_export;
mod stats_view;
mod teams;
mod trace;
mod trace_view;
mod track;
mod video_page;
mod village_points;

pub use routes::router;

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use farmgate_domain::access::{permits, Action};
use farmgate_domain::role::Role;
use farmgate_services::accounts::Signed;

use crate::auth::MaybeUser;
use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::texts::Texts;

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
