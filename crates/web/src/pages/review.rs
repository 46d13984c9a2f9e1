//! The hub's listing review: products waiting to be checked against the grade standards.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::ProductId;
use farmgate_domain::listing::ListingEvent;
use farmgate_services::ServiceError;
use farmgate_store::Page;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::PageForm;
use crate::state::AppState;
use crate::views::{product_card, ProductCard};

#[derive(Template)]
#[template(path = "listing_review.html")]
struct ReviewPage {
    page: PageContext,
    products: Vec<(ProductCard, String)>,
}

pub async fn queue(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let user = page.signed()?;
    let products = state
        .services
        .products_for_review(&user.actor, Page::first(100))
        .await?;
    let mut cards = Vec::with_capacity(products.len());
    for detail in &products {
        let shop = state.services.shop(&detail.product.shop_id).await?;
        cards.push((
            product_card(detail, page.t, state.services.clock.now()),
            shop.name,
        ));
    }
    render(&ReviewPage {
        page,
        products: cards,
    })
}

pub async fn approve(
    state: State<AppState>,
    page: PageContext,
    id: Path<String>,
) -> Result<Response, WebError> {
    decide(state, page, id, Ok(ListingEvent::Approve)).await
}

#[derive(Deserialize)]
pub struct RejectForm {
    #[serde(default)]
    reason: String,
}

pub async fn reject(
    state: State<AppState>,
    page: PageContext,
    id: Path<String>,
    PageForm(form): PageForm<RejectForm>,
) -> Result<Response, WebError> {
    let event = ListingEvent::reject(&form.reason).map_err(ServiceError::from);
    decide(state, page, id, event).await
}

async fn decide(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    event: Result<ListingEvent, ServiceError>,
) -> Result<Response, WebError> {
    let id = ProductId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    state
        .services
        .review_product(&user.actor, &id, event?)
        .await?;
    Ok(Redirect::to("/hub/listings").into_response())
}
