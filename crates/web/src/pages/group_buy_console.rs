//! The organiser's group-buys for one product: the form that starts one on a variant, and
//! each one so far with its terms and a button to stop new teams.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::{GroupBuyId, ProductId, SkuId};
use farmgate_services::group_buys::GroupBuyForm;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "group_buy_console.html")]
struct ConsolePage {
    page: PageContext,
    product_id: String,
    title: String,
    /// Variant ids with "name · price · stock".
    variants: Vec<(String, String)>,
    form: GroupBuyFields,
    /// The terms' text inputs: field, label, value, input mode.
    inputs: Vec<(&'static str, &'static str, String, &'static str)>,
    errors: FieldErrors,
    /// A refusal in words, above the form.
    problem: Option<&'static str>,
    group_buys: Vec<GroupBuyRow>,
}

struct GroupBuyRow {
    id: String,
    variant: String,
    terms: String,
    created: String,
    running: bool,
}

/// The form as posted (and as first shown, with suggested terms).
#[derive(Deserialize)]
pub struct GroupBuyFields {
    #[serde(default)]
    sku: String,
    #[serde(default)]
    team_price: String,
    #[serde(default)]
    team_size: String,
    #[serde(default)]
    time_limit_hours: String,
    #[serde(default)]
    stock_limit: String,
    #[serde(default)]
    per_buyer_limit: String,
    #[serde(default)]
    tiers: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    virtual_fill: Option<String>,
}

impl Default for GroupBuyFields {
    fn default() -> Self {
        Self {
            sku: String::new(),
            team_price: String::new(),
            team_size: "3".into(),
            time_limit_hours: "24".into(),
            stock_limit: String::new(),
            per_buyer_limit: "2".into(),
            tiers: String::new(),
            virtual_fill: None,
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(product): Path<String>,
) -> Result<Response, WebError> {
    let product = product_id(&product)?;
    let form = GroupBuyFields::default();
    render_page(&state, page, &product, form, FieldErrors::default(), None).await
}

pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    Path(product): Path<String>,
    PageForm(fields): PageForm<GroupBuyFields>,
) -> Result<Response, WebError> {
    let product = product_id(&product)?;
    let user = page.signed()?;
    let sku = SkuId::parse(&fields.sku).ok_or(WebError::NotFound)?;
    let form = GroupBuyForm {
        team_price: fields.team_price.clone(),
        team_size: fields.team_size.clone(),
        time_limit_hours: fields.time_limit_hours.clone(),
        stock_limit: fields.stock_limit.clone(),
        per_buyer_limit: fields.per_buyer_limit.clone(),
        tiers: fields.tiers.clone(),
        virtual_fill: fields.virtual_fill.is_some(),
    };
    let (status, errors, problem) = match state
        .services
        .create_group_buy(&user.actor, &product, &sku, &form)
        .await
    {
        Ok(created) => {
            return Ok(Redirect::to(&format!("/group-buys/{}", created.id)).into_response())
        }
        Err(ServiceError::Validation(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FieldErrors::new(&errors, page.t),
            None,
        ),
        Err(ServiceError::Conflict(_)) => (
            StatusCode::CONFLICT,
            FieldErrors::default(),
            Some(page.t.not_enough_stock),
        ),
        Err(other) => return Err(other.into()),
    };
    let body = render_page(&state, page, &product, fields, errors, problem).await?;
    Ok((status, body).into_response())
}

/// `POST /console/group-buys/{id}/close`, back to the product's group-buys.
pub async fn close(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = GroupBuyId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let product = state.services.close_group_buy(&user.actor, &id).await?;
    Ok(Redirect::to(&format!("/console/products/{product}/group-buys")).into_response())
}

async fn render_page(
    state: &AppState,
    page: PageContext,
    product: &ProductId,
    form: GroupBuyFields,
    errors: FieldErrors,
    problem: Option<&'static str>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let (detail, records) = state
        .services
        .product_group_buys(&user.actor, product)
        .await?;
    let gt = page.t.group_buy;
    let variant = |sku_id: &SkuId| {
        detail
            .skus
            .iter()
            .find(|sku| &sku.id == sku_id)
            .map(|sku| sku.name.clone())
            .unwrap_or_default()
    };
    let group_buys = records
        .iter()
        .map(|record| {
            let terms = &record.terms;
            GroupBuyRow {
                id: record.id.to_string(),
                variant: variant(&record.sku_id),
                terms: format!(
                    "{} · {} · {} h · {} · {}",
                    terms.team_price.money(),
                    gt.team_of.replace("{n}", &terms.team_size.to_string()),
                    terms.time_limit_hours,
                    terms.stock_limit,
                    gt.per_buyer
                        .replace("{n}", &terms.per_buyer_limit.to_string()),
                ),
                created: state.site.local_time(record.created_at),
                running: record.closed_at.is_none(),
            }
        })
        .collect();
    let variants = detail
        .skus
        .iter()
        .map(|sku| {
            let label = format!(
                "{} · {} · {} {}",
                sku.name, sku.price, sku.stock, page.t.in_stock
            );
            (sku.id.to_string(), label)
        })
        .collect();
    let inputs = vec![
        (
            "team_price",
            gt.team_price_field,
            form.team_price.clone(),
            "decimal",
        ),
        ("team_size", gt.team_size, form.team_size.clone(), "numeric"),
        (
            "time_limit_hours",
            gt.time_limit_hours,
            form.time_limit_hours.clone(),
            "numeric",
        ),
        (
            "stock_limit",
            gt.stock_limit,
            form.stock_limit.clone(),
            "numeric",
        ),
        (
            "per_buyer_limit",
            gt.per_buyer_limit,
            form.per_buyer_limit.clone(),
            "numeric",
        ),
    ];
    render(&ConsolePage {
        inputs,
        product_id: product.to_string(),
        title: detail.product.title.clone(),
        variants,
        form,
        errors,
        problem,
        group_buys,
        page,
    })
}

fn product_id(text: &str) -> Result<ProductId, WebError> {
    ProductId::parse(text).ok_or(WebError::NotFound)
}
