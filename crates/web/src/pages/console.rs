//! The producer console: the shops a producer works in, and their profiles.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::ShopId;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::public::{shop_view, PlaceNames, ShopView};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "console.html")]
struct ConsolePage {
    page: PageContext,
    shops: Vec<(ShopView, String, String)>,
    /// Per shop, in the same order: the campaigns covering its products, each in one line
    /// with the share of every discount the producer bears.
    campaigns: Vec<Vec<(String, String)>>,
    errors: FieldErrors,
    failed_shop: String,
}

#[derive(Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    shop_name: String,
    #[serde(default)]
    description: String,
}

pub async fn console(
    State(state): State<AppState>,
    page: PageContext,
) -> Result<Response, WebError> {
    render_console(&state, page, FieldErrors::default(), String::new()).await
}

async fn render_console(
    state: &AppState,
    page: PageContext,
    errors: FieldErrors,
    failed_shop: String,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let shops = state.services.my_shops(&user.actor).await?;
    let places = state.services.places().await?;
    let names = PlaceNames::new(&places);
    let mut views = Vec::with_capacity(shops.len());
    let mut campaigns = Vec::with_capacity(shops.len());
    let ct = page.t.campaign;
    for shop in &shops {
        let taking_part = state.services.shop_campaigns(&user.actor, &shop.id).await?;
        campaigns.push(
            taking_part
                .iter()
                .map(|(id, terms)| {
                    let line = ct
                        .producer_share
                        .replace("{name}", &terms.name)
                        .replace("{rule}", &ct.rule(&terms.rule))
                        .replace("{ends}", &state.site.local_date(terms.ends))
                        .replace("{producer}", &(100 - terms.platform_percent).to_string())
                        .replace("{platform}", &terms.platform_percent.to_string());
                    (id.to_string(), line)
                })
                .collect(),
        );
        let earnings = state.services.shop_earnings(&user.actor, &shop.id).await?;
        views.push((
            shop_view(shop, &names, &page),
            earnings.held.to_string(),
            earnings.payable.to_string(),
        ));
    }
    render(&ConsolePage {
        shops: views,
        campaigns,
        page,
        errors,
        failed_shop,
    })
}

pub async fn update_shop(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(form): PageForm<ProfileForm>,
) -> Result<Response, WebError> {
    let id = ShopId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    match state
        .services
        .update_shop_profile(&user.actor, &id, &form.shop_name, &form.description)
        .await
    {
        Ok(_) => Ok(Redirect::to("/console").into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_console(&state, page, errors, id.to_string()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
