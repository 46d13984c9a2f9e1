//! Pages anyone can see: the buyer home (start page) and a shop's page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use farmgate_domain::id::ShopId;
use farmgate_domain::place::{AreaCode, Place, PlaceLevel};
use farmgate_store::{Page, ShopFilter, ShopRecord};
use serde::Deserialize;
use std::collections::HashMap;

use super::group_buy_view::offer_text;
use super::{render, PageContext};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::{AppState, DemoAccount};

const SHOPS_PER_PAGE: i64 = 24;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    page: PageContext,
    county: Option<String>,
    townships: Vec<TownshipView>,
    village_count: usize,
    shop_count: i64,
    shops: Vec<ShopView>,
    place_filter: String,
    page_number: i64,
    has_more: bool,
    demo_accounts: &'a [DemoAccount],
    group_buys: Vec<GroupBuyCard>,
    /// Running campaigns: id, name and rule, for their banners.
    campaigns: Vec<(String, String, String)>,
}

struct TownshipView {
    code: String,
    name: String,
    villages: usize,
    selected: bool,
}

/// A shop as a card shows it.
pub struct ShopView {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub place: String,
    pub description: String,
}

#[derive(Deserialize)]
pub struct HomeQuery {
    place: Option<String>,
    page: Option<i64>,
}

pub async fn home(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<HomeQuery>,
) -> Result<Response, WebError> {
    let places = state.services.places().await?;
    let filter = ShopFilter {
        place: query.place.as_deref().and_then(AreaCode::parse),
    };
    let page_number = query.page.unwrap_or(1).clamp(1, 10_000);
    let offset = (page_number - 1) * SHOPS_PER_PAGE;
    let listing = state
        .services
        .shop_listing(
            &filter,
            Page {
                limit: SHOPS_PER_PAGE,
                offset,
            },
        )
        .await?;
    let has_more = offset + (listing.shops.len() as i64) < listing.total;
    let shop_count = state
        .services
        .shop_listing(&ShopFilter::default(), Page::first(0))
        .await?
        .total;
    let campaigns = state
        .services
        .running_campaigns()
        .await?
        .into_iter()
        .map(|(id, terms)| {
            (
                id.to_string(),
                terms.name,
                page.t.campaign.rule(&terms.rule),
            )
        })
        .collect();
    let lang = page.lang;
    let names = PlaceNames::new(&places);
    let selected = filter
        .place
        .as_ref()
        .map(|code| code.as_str().to_owned())
        .unwrap_or_default();
    render(&HomePage {
        campaigns,
        county: places
            .iter()
            .find(|p| p.level() == PlaceLevel::County)
            .map(|p| place_name(p, lang).to_owned()),
        townships: townships(&places, lang, &selected),
        village_count: places
            .iter()
            .filter(|p| p.level() == PlaceLevel::Village)
            .count(),
        shop_count,
        shops: listing
            .shops
            .iter()
            .map(|shop| shop_view(shop, &names, &page))
            .collect(),
        place_filter: selected,
        page_number,
        has_more,
        demo_accounts: &state.site.demo_accounts,
        group_buys: group_buy_cards(&state, &page).await?,
        page,
    })
}

/// Group-buys on the home page, newest first.
const HOME_GROUP_BUYS: i64 = 6;

/// A group-buy as the home page shows it.
struct GroupBuyCard {
    id: String,
    title: String,
    cover: Option<String>,
    /// "¥193.90 each in a team of 3".
    offer: String,
    regular_price: String,
}

async fn group_buy_cards(
    state: &AppState,
    page: &PageContext,
) -> Result<Vec<GroupBuyCard>, WebError> {
    let offers = state.services.group_buy_offers(HOME_GROUP_BUYS).await?;
    Ok(offers
        .iter()
        .map(|(group_buy, product)| GroupBuyCard {
            id: group_buy.id.to_string(),
            title: product.product.title.clone(),
            cover: product.photos.first().map(|photo| photo.file_id.clone()),
            offer: offer_text(page.t, &group_buy.terms),
            regular_price: product
                .skus
                .iter()
                .find(|sku| sku.id == group_buy.sku_id)
                .map(|sku| sku.price.to_string())
                .unwrap_or_default(),
        })
        .collect())
}

#[derive(Template)]
#[template(path = "shop.html")]
struct ShopPage {
    page: PageContext,
    shop: ShopView,
    since: String,
    sessions: Vec<super::live::SessionRow>,
    follow: super::live::FollowView,
}

pub async fn shop(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = ShopId::parse(&id).ok_or(WebError::NotFound)?;
    let shop = state.services.shop(&id).await?;
    let places = state.services.places().await?;
    let sessions = state.services.live_listing(Some(&id)).await?;
    let follow = super::live::follow_view(&state, &page, &id, format!("/shops/{id}")).await?;
    render(&ShopPage {
        shop: shop_view(&shop, &PlaceNames::new(&places), &page),
        since: state.site.local_time(shop.created_at),
        sessions: sessions
            .iter()
            .map(|s| super::live::session_row(&state, page.t, s))
            .collect(),
        follow,
        page,
    })
}

fn townships(places: &[Place], lang: Lang, selected: &str) -> Vec<TownshipView> {
    places
        .iter()
        .filter(|p| p.level() == PlaceLevel::Township)
        .map(|township| TownshipView {
            code: township.code.as_str().to_owned(),
            name: place_name(township, lang).to_owned(),
            villages: places
                .iter()
                .filter(|p| p.level() == PlaceLevel::Village && p.code.lies_in(&township.code))
                .count(),
            selected: township.code.as_str() == selected,
        })
        .collect()
}

pub fn place_name(place: &Place, lang: Lang) -> &str {
    match lang {
        Lang::Zh => &place.name_zh,
        Lang::En => &place.name_en,
    }
}

/// Every village as `(code, "Township · Village")`, for a form's select.
pub fn village_options(places: &[Place], lang: Lang) -> Vec<(String, String)> {
    let names = PlaceNames::new(places);
    places
        .iter()
        .filter(|p| p.level() == PlaceLevel::Village)
        .map(|village| {
            let township = village
                .parent()
                .and_then(|code| names.name(&code, lang))
                .unwrap_or_default();
            let label = format!("{township} · {}", place_name(village, lang));
            (village.code.as_str().to_owned(), label)
        })
        .collect()
}

/// Place names by code, so a page of shop cards finds each name once.
pub struct PlaceNames<'a>(HashMap<&'a str, &'a Place>);

impl<'a> PlaceNames<'a> {
    pub fn new(places: &'a [Place]) -> Self {
        Self(places.iter().map(|p| (p.code.as_str(), p)).collect())
    }

    fn name(&self, code: &AreaCode, lang: Lang) -> Option<&'a str> {
        self.0.get(code.as_str()).map(|p| place_name(p, lang))
    }
}

/// "Village, Township" (or 乡镇村 in Chinese) for a village code.
pub fn place_label(village: &AreaCode, names: &PlaceNames<'_>, lang: Lang) -> String {
    let village_name = names
        .name(village, lang)
        .map_or_else(|| village.to_string(), str::to_owned);
    let township = village.parent().and_then(|code| names.name(&code, lang));
    match township {
        Some(township) if lang == Lang::Zh => format!("{township}{village_name}"),
        Some(township) => format!("{village_name}, {township}"),
        None => village_name,
    }
}

/// A shop as its card shows it, in the reader's language.
pub fn shop_view(shop: &ShopRecord, names: &PlaceNames<'_>, page: &PageContext) -> ShopView {
    let place = place_label(&shop.village, names, page.lang);
    ShopView {
        id: shop.id.to_string(),
        name: shop.name.clone(),
        kind: page.t.kind(shop.kind),
        place,
        description: shop.description.clone(),
    }
}
