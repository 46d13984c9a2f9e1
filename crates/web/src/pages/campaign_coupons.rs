//! The hub's coupons of one campaign: those issued, with their codes and how many are claimed,
//! and the form that issues another.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::CampaignId;
use farmgate_services::campaigns::CampaignCouponForm;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "hub_campaign_coupons.html")]
struct CouponsPage {
    page: PageContext,
    id: String,
    name: String,
    /// (code, terms, "3 of 100 claimed").
    coupons: Vec<(String, String, String)>,
    kind: String,
    /// (field, value) of the form's amounts and counts.
    inputs: Vec<(&'static str, String)>,
    errors: FieldErrors,
    problem: Option<&'static str>,
}

/// The form as posted, kept as typed so a refused form comes back filled in.
#[derive(Deserialize, Default)]
pub struct CouponFields {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    amount_off: String,
    #[serde(default)]
    percent_off: String,
    #[serde(default)]
    cap: String,
    #[serde(default)]
    minimum_spend: String,
    #[serde(default)]
    quantity: String,
    #[serde(default)]
    per_buyer_limit: String,
    #[serde(default)]
    valid_days: String,
}

impl CouponFields {
    fn form(&self) -> CampaignCouponForm {
        CampaignCouponForm {
            kind: self.kind.clone(),
            amount_off: self.amount_off.clone(),
            percent_off: self.percent_off.clone(),
            cap: self.cap.clone(),
            minimum_spend: self.minimum_spend.clone(),
            quantity: self.quantity.clone(),
            per_buyer_limit: self.per_buyer_limit.clone(),
            valid_days: self.valid_days.clone(),
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = CampaignId::parse(&id).ok_or(WebError::NotFound)?;
    let fields = CouponFields {
        kind: "amount".into(),
        per_buyer_limit: "1".into(),
        valid_days: "7".into(),
        ..CouponFields::default()
    };
    render_page(&state, page, &id, fields, FieldErrors::default(), None).await
}

/// `POST /hub/campaigns/{id}/coupons`
pub async fn issue(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(fields): PageForm<CouponFields>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let id = CampaignId::parse(&id).ok_or(WebError::NotFound)?;
    let refused = match state
        .services
        .create_campaign_coupon(&user.actor, &id, &fields.form())
        .await
    {
        Ok(_) => return Ok(Redirect::to(&format!("/hub/campaigns/{id}/coupons")).into_response()),
        Err(ServiceError::Validation(errors)) => (FieldErrors::new(&errors, page.t), None),
        Err(ServiceError::Conflict(why)) => (
            FieldErrors::default(),
            Some(
                page.t
                    .campaign
                    .conflict(why)
                    .unwrap_or(page.t.error_conflict),
            ),
        ),
        Err(other) => return Err(other.into()),
    };
    let (errors, problem) = refused;
    let body = render_page(&state, page, &id, fields, errors, problem).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
}

async fn render_page(
    state: &AppState,
    page: PageContext,
    id: &CampaignId,
    fields: CouponFields,
    errors: FieldErrors,
    problem: Option<&'static str>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let ct = page.t.campaign;
    let name = state
        .services
        .hub_campaign(&user.actor, id)
        .await?
        .terms
        .name;
    let coupons = state
        .services
        .campaign_coupons(id)
        .await?
        .iter()
        .map(|c| {
            let claimed = ct
                .claimed_of
                .replace("{claimed}", &c.claimed.to_string())
                .replace("{quantity}", &c.terms.quantity.to_string());
            (c.code.clone(), ct.coupon_terms(&c.terms), claimed)
        })
        .collect();
    let inputs = vec![
        ("amount_off", fields.amount_off),
        ("percent_off", fields.percent_off),
        ("cap", fields.cap),
        ("minimum_spend", fields.minimum_spend),
        ("quantity", fields.quantity),
        ("per_buyer_limit", fields.per_buyer_limit),
        ("valid_days", fields.valid_days),
    ];
    render(&CouponsPage {
        id: id.to_string(),
        name,
        coupons,
        kind: fields.kind,
        inputs,
        errors,
        problem,
        page,
    })
}
