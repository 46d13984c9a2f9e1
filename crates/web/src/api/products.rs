//! `GET /api/v1/products`: product search for apps and scripts.

use axum::extract::{Query, State};
use axum::Json;
use farmgate_domain::catalogue::Category;
use farmgate_domain::validation::Problem;
use farmgate_search::{SearchQuery, Sort};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::Paging;
use crate::error::WebError;
use crate::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductQuery {
    /// Chinese, pinyin (full or initials) or English; one typo tolerated in English words.
    q: Option<String>,
    /// A category slug, e.g. `fruit`.
    category: Option<String>,
    /// A county, township or village code: products grown there.
    place: Option<String>,
    min_price_fen: Option<i64>,
    max_price_fen: Option<i64>,
    /// `true` to leave out sold-out products.
    in_stock: Option<bool>,
    /// relevance (default), price_asc, price_desc, sales.
    sort: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ProductResults {
    pub total: usize,
    pub products: Vec<ProductHit>,
}

#[derive(Serialize, ToSchema)]
pub struct ProductHit {
    pub id: String,
    pub title: String,
    pub title_en: String,
    pub category: String,
    /// The lowest variant price, in fen.
    pub price_fen: i64,
    pub in_stock: bool,
    pub shop_id: String,
    pub producer: String,
    pub url: String,
}

/// Listed products matching the query, best first.
#[utoipa::path(get, path = "/api/v1/products", tag = "catalogue", security(()),
    params(ProductQuery, Paging),
    responses((status = 200, body = ProductResults), (status = 422, description = "Bad filter")))]
pub async fn search(
    State(state): State<AppState>,
    Query(params): Query<ProductQuery>,
    Query(paging): Query<Paging>,
) -> Result<Json<ProductResults>, WebError> {
    let category = match params.category.as_deref() {
        Some(value) => Some(
            Category::parse(value)
                .ok_or(WebError::field("category", Problem::Invalid))?
                .slug()
                .to_owned(),
        ),
        None => None,
    };
    let sort = match params.sort.as_deref() {
        None | Some("relevance") => Sort::Relevance,
        Some("price_asc") => Sort::PriceAsc,
        Some("price_desc") => Sort::PriceDesc,
        Some("sales") => Sort::Sales,
        Some(_) => return Err(WebError::field("sort", Problem::Invalid)),
    };
    let page = paging.page();
    let query = SearchQuery {
        text: params.q.unwrap_or_default().chars().take(100).collect(),
        category,
        place: params.place,
        min_price_fen: params.min_price_fen,
        max_price_fen: params.max_price_fen,
        in_stock_only: params.in_stock.unwrap_or(false),
        sort,
        limit: usize::try_from(page.limit).unwrap_or(20),
        offset: usize::try_from(page.offset).unwrap_or(0),
    };
    let found = state.services.search_products(&query).await?;
    let mut products = Vec::with_capacity(found.products.len());
    for detail in &found.products {
        let p = &detail.product;
        let producer = state
            .services
            .shop(&p.shop_id)
            .await
            .map(|s| s.name)
            .unwrap_or_default();
        products.push(ProductHit {
            id: p.id.to_string(),
            title: p.title.clone(),
            title_en: p.title_en.clone(),
            category: p.category.slug().to_owned(),
            price_fen: detail
                .skus
                .iter()
                .map(|s| s.price.minor())
                .min()
                .unwrap_or(0),
            in_stock: detail.skus.iter().any(|s| s.stock > 0),
            shop_id: p.shop_id.to_string(),
            producer,
            url: format!("/products/{}", p.id),
        });
    }
    Ok(Json(ProductResults {
        total: found.total,
        products,
    }))
}
