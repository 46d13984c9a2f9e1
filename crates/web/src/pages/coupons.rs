//! Live coupons on pages: the host's coupon panel (drop a coupon, see the session's coupons,
//! withdraw one) on the session's console page and its own page, the buyer's "My coupons",
//! and the room's coupon script.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::access::Actor;
use farmgate_domain::coupon::DEFAULT_VALID_DAYS;
use farmgate_domain::id::{CouponId, LiveSessionId};
use farmgate_domain::live::LiveStatus;
use farmgate_services::coupons::{ClaimState, CouponForm};
use farmgate_services::ServiceError;
use farmgate_store::CouponRecord;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;
use crate::texts::Texts;

/// What `coupon_panel.html` draws.
pub struct CouponPanel {
    pub session_id: String,
    pub is_live: bool,
    pub coupons: Vec<CouponRow>,
    pub form: CouponFields,
    pub errors: FieldErrors,
}

pub struct CouponRow {
    pub id: String,
    pub terms: String,
    pub progress: String,
    pub withdrawn: bool,
}

/// The form as posted (and as first shown, with suggested terms).
#[derive(Deserialize)]
pub struct CouponFields {
    #[serde(default)]
    pub amount_off: String,
    #[serde(default)]
    pub minimum_spend: String,
    #[serde(default)]
    pub quantity: String,
    #[serde(default)]
    pub per_buyer_limit: String,
    #[serde(default)]
    pub valid_days: String,
}

impl Default for CouponFields {
    fn default() -> Self {
        Self {
            amount_off: String::new(),
            minimum_spend: String::new(),
            quantity: "100".into(),
            per_buyer_limit: "1".into(),
            valid_days: DEFAULT_VALID_DAYS.to_string(),
        }
    }
}

/// The panel of a session the actor hosts, with an empty form.
pub async fn coupon_panel(
    state: &AppState,
    t: &'static Texts,
    actor: &Actor,
    session: &LiveSessionId,
) -> Result<CouponPanel, WebError> {
    panel(
        state,
        t,
        actor,
        session,
        CouponFields::default(),
        FieldErrors::default(),
    )
    .await
}

async fn panel(
    state: &AppState,
    t: &'static Texts,
    actor: &Actor,
    session: &LiveSessionId,
    form: CouponFields,
    errors: FieldErrors,
) -> Result<CouponPanel, WebError> {
    let (live, coupons) = state.services.session_coupons(actor, session).await?;
    Ok(CouponPanel {
        session_id: session.to_string(),
        is_live: live.status == LiveStatus::Live,
        coupons: coupons.iter().map(|c| coupon_row(state, t, c)).collect(),
        form,
        errors,
    })
}

fn coupon_row(state: &AppState, t: &Texts, c: &CouponRecord) -> CouponRow {
    CouponRow {
        id: c.id.to_string(),
        terms: t.coupon.describe(c.amount_off, c.minimum_spend),
        progress: t
            .coupon
            .progress
            .replace("{claimed}", &c.claimed.to_string())
            .replace("{quantity}", &c.quantity.to_string())
            .replace("{limit}", &c.per_buyer_limit.to_string())
            .replace("{until}", &state.site.local_time(c.valid_until)),
        withdrawn: c.withdrawn_at.is_some(),
    }
}

#[derive(Template)]
#[template(path = "live_coupons.html")]
struct SessionCouponsPage {
    page: PageContext,
    coupons: CouponPanel,
}

pub async fn session_page(
    State(state): State<AppState>,
    page: PageContext,
    Path(session): Path<String>,
) -> Result<Response, WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let coupons = coupon_panel(&state, page.t, &page.signed()?.actor, &session).await?;
    render(&SessionCouponsPage { page, coupons })
}

pub async fn drop_coupon(
    State(state): State<AppState>,
    page: PageContext,
    Path(session): Path<String>,
    PageForm(fields): PageForm<CouponFields>,
) -> Result<Response, WebError> {
    let session = LiveSessionId::parse(&session).ok_or(WebError::NotFound)?;
    let actor = &page.signed()?.actor;
    let form = CouponForm {
        amount_off: fields.amount_off.clone(),
        minimum_spend: fields.minimum_spend.clone(),
        quantity: fields.quantity.clone(),
        per_buyer_limit: fields.per_buyer_limit.clone(),
        valid_days: fields.valid_days.clone(),
    };
    match state.services.drop_coupon(actor, &session, &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/console/live/{session}")).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let coupons = panel(&state, page.t, actor, &session, fields, errors).await?;
            let body = render(&SessionCouponsPage { page, coupons })?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn withdraw(
    State(state): State<AppState>,
    page: PageContext,
    Path(coupon): Path<String>,
) -> Result<Response, WebError> {
    let coupon = CouponId::parse(&coupon).ok_or(WebError::NotFound)?;
    let actor = &page.signed()?.actor;
    let withdrawn = state.services.withdraw_coupon(actor, &coupon).await?;
    Ok(Redirect::to(&format!("/console/live/{}", withdrawn.session_id)).into_response())
}

#[derive(Template)]
#[template(path = "my_coupons.html")]
struct MyCouponsPage {
    page: PageContext,
    claims: Vec<ClaimRow>,
}

struct ClaimRow {
    terms: String,
    /// The shop's name (a live coupon) or the campaign's.
    source: String,
    href: String,
    state: &'static str,
    state_class: &'static str,
    until: String,
}

pub async fn mine(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let actor = &page.signed()?.actor;
    let claims = state.services.my_coupons(actor).await?;
    let now = state.services.clock.now();
    let t = page.t.coupon;
    let mut rows = Vec::with_capacity(claims.len());
    for claim in &claims {
        let shop = state.services.shop(&claim.coupon.shop_id).await?;
        let (label, class) = match ClaimState::of(claim, now) {
            ClaimState::Unused => (t.unused, "unused"),
            ClaimState::Used => (t.used, "used"),
            ClaimState::Expired => (t.expired, "expired"),
        };
        rows.push(ClaimRow {
            terms: t.describe(claim.coupon.amount_off, claim.coupon.minimum_spend),
            source: shop.name,
            href: format!("/shops/{}", claim.coupon.shop_id),
            state: label,
            state_class: class,
            until: t
                .usable_until
                .replace("{until}", &state.site.local_time(claim.coupon.valid_until)),
        });
    }
    for (claim, campaign) in state.services.my_campaign_coupons(actor).await? {
        let (label, class) = if claim.used_order_id.is_some() {
            (t.used, "used")
        } else if claim.usable_until <= now {
            (t.expired, "expired")
        } else {
            (t.unused, "unused")
        };
        rows.push(ClaimRow {
            terms: page.t.campaign.coupon_terms(&claim.coupon.terms),
            source: campaign,
            href: format!("/campaigns/{}", claim.coupon.campaign_id),
            state: label,
            state_class: class,
            until: t
                .usable_until
                .replace("{until}", &state.site.local_time(claim.usable_until)),
        });
    }
    render(&MyCouponsPage { page, claims: rows })
}

/// The room's coupon card: claims from the room without leaving it.
pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/live_coupon.js"),
    )
}
