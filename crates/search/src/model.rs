//! What goes in and out of the index: the catalogue's view of a product, a buyer's query and
//! a page of results. Plain data, so the web layer can (de)serialise them directly.

use serde::{Deserialize, Serialize};

/// A product as the catalogue feeds it to the index; one per product (not per SKU).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProductDoc {
    pub id: String,
    pub shop_id: String,
    /// Mostly Chinese: "柴达木黑枸杞 特级 250g".
    pub title: String,
    /// May be empty: "Qaidam black goji, special grade".
    pub title_en: String,
    /// Category slug, e.g. "fruit"; filtered on exactly.
    pub category: String,
    /// The category's names in both languages, searchable: "果品 Fruit & berries".
    pub category_names: String,
    /// 12-digit statistical area code of the origin village; filtered by prefix.
    pub village_code: String,
    /// Searchable origin: "雪源镇红柳村 Hongliu Village".
    pub origin: String,
    /// Shop or producer name, searchable.
    pub producer: String,
    /// "特级", "special", … searchable.
    pub grade: String,
    /// Lowest SKU price in fen, for the price filter and sort.
    pub price_fen: i64,
    pub in_stock: bool,
    /// Units sold, for the sales sort and to break relevance ties.
    pub sales: i64,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first, ties by sales; with no text, the same as [`Sort::Sales`].
    #[default]
    Relevance,
    PriceAsc,
    PriceDesc,
    /// Best-selling first.
    Sales,
}

/// A buyer's search: free text plus filters. Empty text with filters browses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// Anything a buyer typed; never parsed as query syntax.
    pub text: String,
    /// Exact category slug.
    pub category: Option<String>,
    /// Area code prefix: 6 digits a county, 9 a township, 12 a village (2 and 4: province, city).
    pub place: Option<String>,
    pub min_price_fen: Option<i64>,
    pub max_price_fen: Option<i64>,
    pub in_stock_only: bool,
    pub sort: Sort,
    /// Page size, capped at [`MAX_LIMIT`](crate::MAX_LIMIT).
    pub limit: usize,
    /// Results skipped, capped at [`MAX_OFFSET`](crate::MAX_OFFSET).
    pub offset: usize,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            category: None,
            place: None,
            min_price_fen: None,
            max_price_fen: None,
            in_stock_only: false,
            sort: Sort::Relevance,
            limit: 20,
            offset: 0,
        }
    }
}

impl SearchQuery {
    /// A text search with default filters and page.
    pub fn text(text: impl Into<String>) -> Self {
        SearchQuery {
            text: text.into(),
            ..SearchQuery::default()
        }
    }
}

/// One result: the product's id (the catalogue loads the rest) and its relevance score
/// (0 when the results are sorted by price or sales).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub id: String,
    pub score: f32,
}

/// A page of results and how many matched in all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    pub total: usize,
    pub hits: Vec<Hit>,
}
