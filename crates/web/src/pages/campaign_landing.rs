//! A campaign's public landing page — its banner, rule, dates and the products taking part at
//! their campaign prices — and the banner itself as SVG, to show and to share.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use farmgate_documents::{campaign_banner, CampaignBanner};
use farmgate_domain::id::CampaignId;
use farmgate_store::CampaignRecord;

use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;
use crate::views::{product_card, ProductCard};

#[derive(Template)]
#[template(path = "campaign.html")]
struct LandingPage {
    page: PageContext,
    id: String,
    name: String,
    rule: String,
    window: String,
    running: bool,
    /// Each card with its campaign price, when the campaign gives one.
    products: Vec<(ProductCard, Option<String>)>,
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = CampaignId::parse(&id).ok_or(WebError::NotFound)?;
    let landing = state.services.campaign_landing(&id).await?;
    let now = state.services.clock.now();
    let products = landing
        .products
        .iter()
        .map(|(detail, price)| {
            (
                product_card(detail, page.t, now),
                price.map(|p| p.to_string()),
            )
        })
        .collect();
    let (name, rule, window) = words(&state, &page, &landing.campaign);
    render(&LandingPage {
        id: id.to_string(),
        name,
        rule,
        window,
        running: landing.running,
        products,
        page,
    })
}

/// `GET /campaigns/{id}/banner.svg`
pub async fn banner(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = CampaignId::parse(&id).ok_or(WebError::NotFound)?;
    let landing = state.services.campaign_landing(&id).await?;
    let (name, rule, window) = words(&state, &page, &landing.campaign);
    let svg = campaign_banner(&CampaignBanner {
        name,
        rule,
        window,
        kicker: page.t.campaign.kicker.to_owned(),
    });
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg,
    )
        .into_response())
}

/// The campaign's name, rule and window in the reader's words.
fn words(
    state: &AppState,
    page: &PageContext,
    campaign: &CampaignRecord,
) -> (String, String, String) {
    let ct = page.t.campaign;
    let terms = &campaign.terms;
    let window = ct
        .window
        .replace("{starts}", &state.site.local_time(terms.starts))
        .replace("{ends}", &state.site.local_time(terms.ends));
    (terms.name.clone(), ct.rule(&terms.rule), window)
}
