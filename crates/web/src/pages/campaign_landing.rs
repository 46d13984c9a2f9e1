//! A campaign's public landing page — its banner, rule, dates, its coupons to claim and the
//! products taking part at their campaign prices — and the banner itself as SVG, to show and
//! to share.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_documents::{campaign_banner, CampaignBanner};
use farmgate_domain::id::CampaignId;
use farmgate_services::ServiceError;
use farmgate_store::CampaignRecord;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::PageForm;
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
    coupons: Vec<CouponView>,
    /// Set after a claim went through.
    claimed: bool,
    problem: Option<&'static str>,
}

struct CouponView {
    code: String,
    terms: String,
    /// "12 left"; empty when none are.
    left: String,
}

/// `?claimed=1` after a claim.
#[derive(Deserialize)]
pub struct Claimed {
    #[serde(default)]
    claimed: String,
}

#[derive(Deserialize)]
pub struct ClaimForm {
    #[serde(default)]
    code: String,
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    Query(after): Query<Claimed>,
) -> Result<Response, WebError> {
    let id = CampaignId::parse(&id).ok_or(WebError::NotFound)?;
    render_landing(&state, page, &id, !after.claimed.is_empty(), None).await
}

/// `POST /campaigns/{id}/claim`: one of the coupon whose code was sent (its button, or typed).
pub async fn claim(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(form): PageForm<ClaimForm>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let id = CampaignId::parse(&id).ok_or(WebError::NotFound)?;
    let ct = page.t.campaign;
    let (status, problem) = match state
        .services
        .claim_campaign_coupon(&user.actor, &form.code)
        .await
    {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/campaigns/{id}?claimed=1#coupons")).into_response())
        }
        Err(ServiceError::Validation(_)) => (StatusCode::UNPROCESSABLE_ENTITY, ct.no_such_code),
        Err(ServiceError::Conflict(why)) => (
            StatusCode::CONFLICT,
            ct.conflict(why)
                .or_else(|| page.t.coupon.conflict(why))
                .unwrap_or(page.t.error_conflict),
        ),
        Err(other) => return Err(other.into()),
    };
    let body = render_landing(&state, page, &id, false, Some(problem)).await?;
    Ok((status, body).into_response())
}

async fn render_landing(
    state: &AppState,
    page: PageContext,
    id: &CampaignId,
    claimed: bool,
    problem: Option<&'static str>,
) -> Result<Response, WebError> {
    let landing = state.services.campaign_landing(id).await?;
    let now = state.services.clock.now();
    let ct = page.t.campaign;
    let coupons = state
        .services
        .campaign_coupons(id)
        .await?
        .iter()
        .map(|c| CouponView {
            code: c.code.clone(),
            terms: ct.coupon_terms(&c.terms),
            left: match c.remaining() {
                0 => String::new(),
                n => ct.left.replace("{n}", &n.to_string()),
            },
        })
        .collect();
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
    let (name, rule, window) = words(state, &page, &landing.campaign);
    render(&LandingPage {
        id: id.to_string(),
        name,
        rule,
        window,
        running: landing.running,
        products,
        coupons,
        claimed,
        problem,
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
    let campaign = state.services.campaign(&id).await?;
    let (name, rule, window) = words(&state, &page, &campaign);
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
