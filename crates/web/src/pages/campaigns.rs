//! The hub's campaigns: the form that sets one up (its dates read in the county's time zone),
//! every campaign with its state and paid figures, and a button that ends one early.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::catalogue::Category;
use farmgate_domain::id::CampaignId;
use farmgate_services::campaigns::CampaignForm;
use farmgate_services::ServiceError;
use serde::Deserialize;

use farmgate_store::{Page, ShopFilter};

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

/// Producers the form offers to choose from.
const SHOPS_LISTED: i64 = 1_000;

#[derive(Template)]
#[template(path = "hub_campaigns.html")]
struct CampaignsPage {
    page: PageContext,
    rows: Vec<CampaignRow>,
    /// (field, value, input type): name and window.
    inputs: Vec<(&'static str, String, &'static str)>,
    /// (value, label, chosen).
    rules: Vec<(&'static str, &'static str, bool)>,
    /// (value, label, chosen).
    scopes: Vec<(&'static str, &'static str, bool)>,
    /// (field, value): the rule's amounts and the platform's share.
    amounts: Vec<(&'static str, String)>,
    form: CampaignFields,
    /// (slug, name, ticked).
    categories: Vec<(&'static str, &'static str, bool)>,
    /// (shop id, name, ticked): the producers who may take part.
    shops: Vec<(String, String, bool)>,
    errors: FieldErrors,
    problem: Option<&'static str>,
}

struct CampaignRow {
    id: String,
    name: String,
    rule: String,
    window: String,
    state: &'static str,
    can_end: bool,
    orders: i64,
    paid: String,
    discount: String,
    platform: String,
}

/// The form as posted; every field kept as typed so a refused form comes back filled in.
#[derive(Deserialize, Default)]
pub struct CampaignFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    starts: String,
    #[serde(default)]
    ends: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    percent_off: String,
    #[serde(default)]
    fixed_price: String,
    #[serde(default)]
    threshold: String,
    #[serde(default)]
    amount_off: String,
    #[serde(default)]
    platform_share: String,
    #[serde(default)]
    scope: String,
    /// Chosen products, one id or link a line.
    #[serde(default)]
    products: String,
    /// The ticked boxes, `category-<slug>` and `shop-<id>`; last, so it sees only what is left.
    #[serde(flatten)]
    ticked: HashMap<String, String>,
}

impl CampaignFields {
    /// The values of the ticked boxes named `<prefix>-<value>`, in order.
    fn ticked(&self, prefix: &str) -> Vec<String> {
        let mut values: Vec<String> = self
            .ticked
            .keys()
            .filter_map(|name| name.strip_prefix(prefix)?.strip_prefix('-'))
            .map(str::to_owned)
            .collect();
        values.sort();
        values
    }
}

pub async fn show(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let now = state.services.clock.now();
    let form = CampaignFields {
        starts: state.site.local_input_time(now),
        ends: state.site.local_input_time(now.plus_days(7)),
        rule: "percent_off".into(),
        platform_share: "50".into(),
        scope: "everything".into(),
        ..CampaignFields::default()
    };
    render_page(&state, page, form, FieldErrors::default(), None).await
}

/// `POST /hub/campaigns`
pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(fields): PageForm<CampaignFields>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let form = CampaignForm {
        name: fields.name.trim().to_owned(),
        starts: state.site.parse_local_time(&fields.starts),
        ends: state.site.parse_local_time(&fields.ends),
        rule: fields.rule.clone(),
        percent_off: fields.percent_off.clone(),
        fixed_price: fields.fixed_price.clone(),
        threshold: fields.threshold.clone(),
        amount_off: fields.amount_off.clone(),
        platform_share: fields.platform_share.clone(),
        scope: fields.scope.clone(),
        categories: fields.ticked("category"),
        shops: fields.ticked("shop"),
        products: fields.products.clone(),
    };
    match state.services.create_campaign(&user.actor, &form).await {
        Ok(_) => Ok(Redirect::to("/hub/campaigns").into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_page(&state, page, fields, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /hub/campaigns/{id}/end`
pub async fn end(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let id = CampaignId::parse(&id).ok_or(WebError::NotFound)?;
    match state.services.end_campaign(&user.actor, &id).await {
        Ok(()) => Ok(Redirect::to("/hub/campaigns").into_response()),
        Err(ServiceError::Conflict(_)) => {
            let problem = Some(page.t.campaign.already_ended);
            let body = render_page(
                &state,
                page,
                CampaignFields::default(),
                FieldErrors::default(),
                problem,
            )
            .await?;
            Ok((StatusCode::CONFLICT, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn render_page(
    state: &AppState,
    page: PageContext,
    form: CampaignFields,
    errors: FieldErrors,
    problem: Option<&'static str>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let now = state.services.clock.now();
    let ct = page.t.campaign;
    let rows = state
        .services
        .hub_campaigns(&user.actor)
        .await?
        .into_iter()
        .map(|(campaign, figures)| {
            let terms = &campaign.terms;
            let state_word = if campaign.is_running(now) {
                ct.running
            } else if campaign.ended_at.is_none() && now < terms.starts {
                ct.upcoming
            } else {
                ct.ended
            };
            CampaignRow {
                id: campaign.id.to_string(),
                name: terms.name.clone(),
                rule: ct.rule(&terms.rule),
                window: ct
                    .window
                    .replace("{starts}", &state.site.local_time(terms.starts))
                    .replace("{ends}", &state.site.local_time(terms.ends)),
                state: state_word,
                can_end: campaign.ended_at.is_none() && now < terms.ends,
                orders: figures.orders,
                paid: figures.paid.to_string(),
                discount: figures.discount.to_string(),
                platform: format!("{} ({}%)", figures.platform, terms.platform_percent),
            }
        })
        .collect();
    let ticked = form.ticked("category");
    let categories = Category::ALL
        .iter()
        .map(|c| {
            let slug = c.slug();
            (slug, page.t.category(*c), ticked.iter().any(|s| s == slug))
        })
        .collect();
    let ticked = form.ticked("shop");
    let mut shops: Vec<_> = state
        .services
        .shop_listing(&ShopFilter::default(), Page::first(SHOPS_LISTED))
        .await?
        .shops
        .iter()
        .map(|shop| {
            let id = shop.id.to_string();
            let chosen = ticked.contains(&id);
            (id, shop.name.clone(), chosen)
        })
        .collect();
    shops.sort_by(|a, b| a.1.cmp(&b.1));
    let inputs = vec![
        ("name", form.name.clone(), "text"),
        ("starts", form.starts.clone(), "datetime-local"),
        ("ends", form.ends.clone(), "datetime-local"),
    ];
    let rules = [
        ("percent_off", ct.rule_percent_off),
        ("fixed_price", ct.rule_fixed_price),
        ("spend_save", ct.rule_spend_save),
    ]
    .into_iter()
    .map(|(value, label)| (value, label, form.rule == value))
    .collect();
    let scopes = [
        ("everything", ct.scope_everything),
        ("categories", ct.scope_categories),
        ("shops", ct.scope_shops),
        ("products", ct.scope_products),
    ]
    .into_iter()
    .map(|(value, label)| (value, label, form.scope == value))
    .collect();
    let amounts = vec![
        ("percent_off", form.percent_off.clone()),
        ("fixed_price", form.fixed_price.clone()),
        ("threshold", form.threshold.clone()),
        ("amount_off", form.amount_off.clone()),
        ("platform_share", form.platform_share.clone()),
    ];
    render(&CampaignsPage {
        shops,
        rows,
        inputs,
        rules,
        scopes,
        amounts,
        form,
        categories,
        errors,
        problem,
        page,
    })
}
