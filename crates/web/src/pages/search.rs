//! The search page: Chinese, pinyin or English, with filters and sorting.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use farmgate_domain::catalogue::Category;
use farmgate_search::{SearchQuery, Sort};
use serde::Deserialize;

use super::priced;
use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;
use crate::views::ProductCard;

const PER_PAGE: usize = 20;

#[derive(Deserialize, Default)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    pub category: Option<String>,
    pub sort: Option<String>,
    #[serde(default)]
    pub in_stock: Option<String>,
    pub page: Option<usize>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    page: PageContext,
    q: String,
    category: String,
    sort: String,
    in_stock: bool,
    categories: Vec<(&'static str, &'static str)>,
    total: usize,
    results: Vec<(ProductCard, String)>,
    page_number: usize,
    has_more: bool,
}

pub async fn search(
    State(state): State<AppState>,
    page: PageContext,
    Query(params): Query<SearchParams>,
) -> Result<Response, WebError> {
    let page_number = params.page.unwrap_or(1).clamp(1, 500);
    let category = params
        .category
        .as_deref()
        .and_then(Category::parse)
        .map(|c| c.slug().to_owned());
    let sort = match params.sort.as_deref() {
        Some("price_asc") => Sort::PriceAsc,
        Some("price_desc") => Sort::PriceDesc,
        Some("sales") => Sort::Sales,
        _ => Sort::Relevance,
    };
    let in_stock = params.in_stock.as_deref() == Some("1");
    let query = SearchQuery {
        text: params.q.chars().take(100).collect(),
        category: category.clone(),
        in_stock_only: in_stock,
        sort,
        limit: PER_PAGE,
        offset: (page_number - 1) * PER_PAGE,
        ..SearchQuery::default()
    };
    let found = state.services.search_products(&query).await?;
    let mut results = Vec::with_capacity(found.products.len());
    for detail in &found.products {
        let shop = state
            .services
            .shop(&detail.product.shop_id)
            .await
            .map(|s| s.name)
            .unwrap_or_default();
        results.push((priced::card(&state, page.t, detail).await?, shop));
    }
    let t = page.t;
    render(&SearchPage {
        q: params.q.clone(),
        category: category.unwrap_or_default(),
        sort: params.sort.unwrap_or_default(),
        in_stock,
        categories: Category::ALL
            .iter()
            .map(|c| (c.slug(), t.category(*c)))
            .collect(),
        total: found.total,
        has_more: page_number * PER_PAGE < found.total,
        results,
        page_number,
        page,
    })
}
