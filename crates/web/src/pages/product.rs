//! A product's public page: what a buyer sees before buying.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use farmgate_documents::SharePoster;
use farmgate_domain::id::{ProductId, ShortVideoId};
use farmgate_services::share_links::Shared;
use serde::Deserialize;

use super::group_buy_view::offer_text;
use super::public::{place_label, PlaceNames};
use super::share::{self, Via};
use super::trace_view::{certificate_views, CertificateView};
use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;
use crate::views::{priced_card, product_card, ProductCard};
use farmgate_store::ProductDetail;

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
    /// For a leader: the product's link with their mark, and the mark for its poster.
    leader_share: Option<(String, String)>,
    /// The short video the buyer came from: their cart lines count for it.
    from_video: Option<ShortVideoId>,
    /// The running campaign lowering its prices: id, name and rule.
    campaign: Option<(String, String, String)>,
}

/// `?video=<id>`: the page was opened from a short video's card.
#[derive(Deserialize)]
pub struct FromVideo {
    #[serde(default)]
    video: String,
}

pub async fn product(
    State(state): State<AppState>,
    page: PageContext,
    headers: HeaderMap,
    jar: CookieJar,
    Path(id): Path<String>,
    Query(via): Query<Via>,
    Query(from): Query<FromVideo>,
) -> Result<Response, WebError> {
    let id = ProductId::parse(&id).ok_or(WebError::NotFound)?;
    let shared = Shared::Product(id.clone());
    if let Some(onward) = share::follow(&state, &page, jar, &shared, &via).await? {
        return Ok(onward);
    }
    let viewer = page.user.as_ref().map(|user| &user.actor);
    let detail = state.services.product_page(viewer, &id).await?;
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
    let mark = share::leader_mark(&state, &page, &shared).await?;
    let leader_share = (!mark.is_empty()).then(|| {
        let link = format!("{}{}{mark}", state.site_base(&headers), path(&id));
        (link, mark)
    });
    let (product, campaign) = campaign_card(&state, &page, &detail).await?;
    render(&ProductPage {
        leader_share,
        from_video: ShortVideoId::parse(&from.video),
        campaign,
        product,
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

/// `GET /products/{id}/poster.svg`: a leader's poster of the product, its QR code opening the
/// product with their mark (when `via` carries a genuine one).
pub async fn poster(
    State(state): State<AppState>,
    page: PageContext,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(via): Query<Via>,
) -> Result<Response, WebError> {
    let id = ProductId::parse(&id).ok_or(WebError::NotFound)?;
    let viewer = page.user.as_ref().map(|user| &user.actor);
    let detail = state.services.product(viewer, &id).await?;
    let shop = state.services.shop(&detail.product.shop_id).await?;
    let places = state.services.places().await?;
    let card = product_card(&detail, page.t, state.services.clock.now());
    let origin = place_label(&detail.product.origin, &PlaceNames::new(&places), page.lang);
    let lt = page.t.leader;
    let shared = Shared::Product(id.clone());
    let link = share::poster_link(&state, &headers, &shared, &path(&id), &via).await?;
    let poster = SharePoster {
        badge: lt.product_badge.to_owned(),
        title: card.title,
        price: card.price,
        was: String::new(),
        lines: vec![format!("{} · {}", card.grade, origin), shop.name],
        scan: lt.scan_to_buy.to_owned(),
        link,
    };
    share::poster_svg(&poster, &format!("product-{id}"))
}

/// The product's card at the prices checkout charges, and the campaign lowering them: its id,
/// name and rule.
async fn campaign_card(
    state: &AppState,
    page: &PageContext,
    detail: &ProductDetail,
) -> Result<(ProductCard, Option<(String, String, String)>), WebError> {
    let lowered = state.services.campaign_prices(detail).await?;
    let card = priced_card(detail, &lowered, page.t, state.services.clock.now());
    let campaign = lowered.first().map(|first| {
        let rule = page.t.campaign.rule(&first.rule);
        (first.campaign.to_string(), first.name.clone(), rule)
    });
    Ok((card, campaign))
}

fn path(id: &ProductId) -> String {
    format!("/products/{id}")
}
