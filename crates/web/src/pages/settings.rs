//! The hub's marketplace settings: commission per category and shipping fees by zone.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::address::ShippingZone;
use farmgate_domain::catalogue::Category;
use farmgate_domain::commission::{CommissionRate, CommissionSchedule};
use farmgate_domain::money::Money;
use farmgate_services::settings::{CommissionForm, ZoneForm};
use farmgate_services::ServiceError;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;
use crate::texts::Texts;

const ZONES: [ShippingZone; 4] = [
    ShippingZone::Near,
    ShippingZone::Central,
    ShippingZone::Far,
    ShippingZone::Remote,
];

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    page: PageContext,
    rates: RateFields,
    zones: Vec<ZoneRow>,
    errors: FieldErrors,
}

struct ZoneRow {
    slug: &'static str,
    name: &'static str,
    served: bool,
    first_fee: String,
    additional_fee: String,
    free_over: String,
}

pub async fn show(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    render_settings(&state, page, FieldErrors::default()).await
}

async fn render_settings(
    state: &AppState,
    page: PageContext,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    farmgate_domain::access::authorize(
        &user.actor,
        &farmgate_domain::access::Action::ManageMarketplaceSettings,
    )
    .map_err(ServiceError::from)?;
    let schedule = state.services.commission_schedule().await?;
    let template = state.services.shipping_template().await?;
    let yuan = |m: Money| format!("{}.{:02}", m.minor() / 100, m.minor() % 100);
    let t = page.t;
    render(&SettingsPage {
        rates: RateFields::new(&schedule, t),
        zones: ZONES
            .iter()
            .zip(t.zones)
            .map(|(zone, name)| {
                let rate = template.rate(*zone);
                ZoneRow {
                    slug: zone.as_str(),
                    name,
                    served: rate.is_some(),
                    first_fee: rate.map(|r| yuan(r.first_fee())).unwrap_or_default(),
                    additional_fee: rate.map(|r| yuan(r.additional_fee())).unwrap_or_default(),
                    free_over: rate
                        .and_then(|r| r.free_over())
                        .map(yuan)
                        .unwrap_or_default(),
                }
            })
            .collect(),
        errors,
        page,
    })
}

pub async fn set_commission(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let form = commission_form(&fields);
    let user = page.signed()?;
    let result = state
        .services
        .set_commission(&user.actor, &form)
        .await
        .map(|_| ());
    respond(&state, page, result).await
}

pub async fn set_shipping(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let value = |name: String| field(&fields, &name);
    let zones: Vec<ZoneForm> = ZONES
        .iter()
        .map(|zone| {
            let key = zone.as_str();
            ZoneForm {
                zone: Some(*zone),
                served: value(format!("{key}_served")) == "1",
                first_fee: value(format!("{key}_first")),
                additional_fee: value(format!("{key}_additional")),
                free_over: value(format!("{key}_free_over")),
            }
        })
        .collect();
    let user = page.signed()?;
    let result = state
        .services
        .set_shipping(&user.actor, &zones)
        .await
        .map(|_| ());
    respond(&state, page, result).await
}

/// A commission schedule's fields as the form shows them: the default rate and each
/// category's own (empty when it has the default), as percentages.
pub struct RateFields {
    pub default_percent: String,
    /// Slug, name and own rate of each category.
    pub categories: Vec<(&'static str, &'static str, String)>,
}

impl RateFields {
    pub fn new(schedule: &CommissionSchedule, t: &'static Texts) -> Self {
        let default = schedule.default_rate();
        Self {
            default_percent: percent(default),
            categories: Category::ALL
                .iter()
                .map(|c| {
                    let rate = schedule.rate_for(*c);
                    let own = match rate == default {
                        true => String::new(),
                        false => percent(rate),
                    };
                    (c.slug(), t.category(*c), own)
                })
                .collect(),
        }
    }
}

/// A rate as a percentage with two decimals, as the forms take it: "2.50".
pub fn percent(rate: CommissionRate) -> String {
    let bp = rate.basis_points();
    format!("{}.{:02}", bp / 100, bp % 100)
}

/// The schedule as typed in a form with `RateFields`' names.
pub fn commission_form(fields: &[(String, String)]) -> CommissionForm {
    CommissionForm {
        default_percent: field(fields, "default_percent"),
        per_category: Category::ALL
            .iter()
            .map(|c| (*c, field(fields, &format!("rate_{}", c.slug()))))
            .collect(),
    }
}

/// A form field's value, empty when it was not sent.
pub fn field(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

async fn respond(
    state: &AppState,
    page: PageContext,
    result: Result<(), ServiceError>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(Redirect::to("/hub/settings").into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_settings(state, page, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
