//! The logistics console at `/logistics` (logistics staff and the hub): today's down parcels by
//! stage with links to each part of the work, the pickup notices sent, and — for the hub —
//! each carrier's intake token.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use farmgate_domain::access::{permits, Action};
use farmgate_domain::id::CarrierId;
use farmgate_services::down::{CarrierTokenView, IssuedCarrierToken};

use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;

/// Notices listed on the notices page: a day's worth in the demo county.
const NOTICES_SHOWN: i64 = 300;

#[derive(Template)]
#[template(path = "logistics.html")]
struct ConsolePage {
    page: PageContext,
    today: Vec<(&'static str, usize)>,
    earlier_open: String,
    notices_owed: String,
    hub: bool,
}

/// `GET /logistics`
pub async fn console(
    State(state): State<AppState>,
    page: PageContext,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let counts = state.services.down_counts(&user.actor).await?;
    let d = page.t.down;
    render(&ConsolePage {
        today: counts
            .today
            .iter()
            .map(|(stage, n)| (d.stage(*stage), *n))
            .collect(),
        earlier_open: d
            .earlier_open
            .replace("{n}", &counts.earlier_open.to_string()),
        notices_owed: d
            .notices_owed
            .replace("{n}", &counts.notices_owed.to_string()),
        hub: permits(&user.actor, &Action::ManageNetwork),
        page,
    })
}

#[derive(Template)]
#[template(path = "logistics_notices.html")]
struct NoticesPage {
    page: PageContext,
    /// Sent at, phone, text, provider.
    notices: Vec<(String, String, String, String)>,
}

/// `GET /logistics/notices`
pub async fn notices(
    State(state): State<AppState>,
    page: PageContext,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let notices = state
        .services
        .pickup_notices(&user.actor, NOTICES_SHOWN)
        .await?
        .into_iter()
        .map(|notice| {
            (
                state.site.local_time(notice.sent_at),
                notice.phone.as_str().to_owned(),
                notice.text,
                notice.provider,
            )
        })
        .collect();
    render(&NoticesPage { page, notices })
}

#[derive(Template)]
#[template(path = "carrier_tokens.html")]
struct TokensPage {
    page: PageContext,
    /// Carrier id, code and name, and when its token was issued (empty for none).
    carriers: Vec<(String, String, String, String)>,
    /// The token just issued, shown this once: carrier's name and the secret.
    issued: Option<(String, String)>,
}

/// `GET /logistics/carriers`
pub async fn tokens(
    State(state): State<AppState>,
    page: PageContext,
) -> Result<Response, WebError> {
    tokens_page(&state, page, None).await
}

/// `POST /logistics/carriers/{id}/token`: a new token, shown once on the page.
pub async fn issue(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let carrier = CarrierId::parse(&id).ok_or(WebError::NotFound)?;
    let issued = state
        .services
        .issue_carrier_token(&user.actor, &carrier)
        .await?;
    tokens_page(&state, page, Some(issued)).await
}

/// `POST /logistics/carriers/{id}/revoke`
pub async fn revoke(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let carrier = CarrierId::parse(&id).ok_or(WebError::NotFound)?;
    state
        .services
        .revoke_carrier_token(&user.actor, &carrier)
        .await?;
    tokens_page(&state, page, None).await
}

async fn tokens_page(
    state: &AppState,
    page: PageContext,
    issued: Option<IssuedCarrierToken>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let views = state.services.carrier_tokens(&user.actor).await?;
    let d = page.t.down;
    let carriers = views
        .into_iter()
        .map(|CarrierTokenView { carrier, issued_at }| {
            let issued = issued_at.map_or_else(String::new, |at| {
                d.issued.replace("{at}", &state.site.local_time(at))
            });
            (carrier.id.to_string(), carrier.code, carrier.name, issued)
        })
        .collect();
    render(&TokensPage {
        issued: issued.map(|token| (token.carrier.name, token.secret)),
        carriers,
        page,
    })
}
