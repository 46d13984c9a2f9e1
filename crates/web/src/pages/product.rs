//! A product's public page: what a buyer sees before buying.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use farmgate_domain::id::ProductId;

use super::group_buy_view::offer_text;
use super::public::{place_label, PlaceNames};
use super::trace_view::{certificate_views, CertificateView};
use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;
use crate::views::{product_card, ProductCard};

#[derive(Template)]
#[template(path = "product.html")]
struct ProductPage {
    page: PageContext,
    product: ProductCard,
    title_en: String,
    description: String,
    origin: String,
    shop_name: String,
    ships_from: String,
    /// The product's and its shop's, each with its state today.
    certificates: Vec<CertificateView>,
    /// Its group-buys opening teams: id and "¥19.90 each in a team of 3".
    group_buys: Vec<(String, String)>,
}

pub async fn product(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = ProductId::parse(&id).ok_or(WebError::NotFound)?;
    let viewer = page.user.as_ref().map(|user| &user.actor);
    let detail = state.services.product(viewer, &id).await?;
    let shop = state.services.shop(&detail.product.shop_id).await?;
    let places = state.services.places().await?;
    let certificates = state
        .services
        .product_certificates(&detail.product.shop_id, &id)
        .await?;
    let group_buys = state
        .services
        .running_group_buys_of(&detail)
        .await?
        .iter()
        .map(|g| (g.id.to_string(), offer_text(page.t, &g.terms)))
        .collect();
    let origin = place_label(&detail.product.origin, &PlaceNames::new(&places), page.lang);
    let ships_from = detail
        .product
        .presale
        .map(|presale| state.site.local_date(presale.ships_from()))
        .unwrap_or_default();
    render(&ProductPage {
        product: product_card(&detail, page.t, state.services.clock.now()),
        title_en: detail.product.title_en.clone(),
        description: detail.product.description.clone(),
        origin,
        shop_name: shop.name,
        certificates: certificate_views(&certificates, state.services.today(), page.t),
        ships_from,
        group_buys,
        page,
    })
}
