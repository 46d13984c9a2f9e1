//! The index layout and how a [`ProductDoc`] becomes a tantivy document.
//!
//! Two texts, each indexed twice, as words (Han words, English, synonym groups) and as pinyin:
//! `title`, what the product is (its titles, category names and grade), and `attrs`, where
//! and who it comes from (origin, producer). A product name from the synonym table is looked
//! up in the title only, as one term: a honey from 枸杞滩村 is not goji.
//!
//! Filters (category, place, stock) are indexed with frequencies like text, so that a filtered
//! search is an intersection of plain term queries, which tantivy can prune (block-WAND).
//! Text keeps term frequencies but no positions: queries are built from terms, never phrases.
//! Segments are sorted by sales, best-selling first, so that browsing by sales reads only the
//! first documents of each segment and equally relevant products come out best-sellers first.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, SchemaBuilder, TextFieldIndexing, TextOptions, FAST, INDEXED,
    STRING,
};
use tantivy::{IndexSettings, IndexSortByField, Order, TantivyDocument};

use crate::analysis::{PINYIN_TOKENIZER, WORDS_TOKENIZER};
use crate::model::ProductDoc;

/// Bump when the layout or the analysis changes (including the dictionary and the synonym
/// table): the index then lives in a new folder and the catalogue sees an empty index to
/// rebuild (see [`SearchIndex::open`](crate::SearchIndex::open)).
pub(crate) const SCHEMA_VERSION: &str = "v1";

/// Searchable text beyond this many characters is ignored: titles are short, and a runaway
/// description pasted into a title should not slow indexing.
const MAX_TEXT_CHARS: usize = 400;
/// Area codes are 12 digits; anything longer is not one.
const MAX_PLACE_CHARS: usize = 16;

pub(crate) const ID: &str = "id";
/// The `stock` term of products in stock.
pub(crate) const IN_STOCK: &str = "in";
pub(crate) const PRICE: &str = "price_fen";
pub(crate) const SALES: &str = "sales";

#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// Indexed for delete-by-id, and a fast column to read ids of hits without a doc store.
    pub id: Field,
    pub shop_id: Field,
    pub category: Field,
    /// Every prefix of the village code, so a place filter is one term lookup.
    pub place: Field,
    /// [`IN_STOCK`] for products in stock.
    pub stock: Field,
    pub price: Field,
    pub sales: Field,
    pub title: Field,
    /// Origin and producer: matched, but below the title.
    pub attrs: Field,
    pub title_pinyin: Field,
    pub attrs_pinyin: Field,
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut builder = SchemaBuilder::new();
    let exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let analysed = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
    };
    let fields = Fields {
        id: builder.add_text_field(ID, STRING | FAST),
        shop_id: builder.add_text_field("shop_id", STRING),
        category: builder.add_text_field("category", exact.clone()),
        place: builder.add_text_field("place", exact.clone()),
        stock: builder.add_text_field("stock", exact),
        price: builder.add_i64_field(PRICE, INDEXED | FAST),
        sales: builder.add_i64_field(SALES, FAST),
        title: builder.add_text_field("title", analysed(WORDS_TOKENIZER)),
        attrs: builder.add_text_field("attrs", analysed(WORDS_TOKENIZER)),
        title_pinyin: builder.add_text_field("title_pinyin", analysed(PINYIN_TOKENIZER)),
        attrs_pinyin: builder.add_text_field("attrs_pinyin", analysed(PINYIN_TOKENIZER)),
    };
    (builder.build(), fields)
}

/// Segments sorted by sales, best-selling first (see the module comment).
pub(crate) fn settings() -> IndexSettings {
    IndexSettings {
        sort_by_field: Some(IndexSortByField {
            field: SALES.to_string(),
            order: Order::Desc,
        }),
        ..IndexSettings::default()
    }
}

fn capped(text: &str) -> &str {
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// The tantivy document for a product; the tokenizer does the analysis on tantivy's indexing
/// threads.
pub(crate) fn document(fields: &Fields, product: &ProductDoc) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &product.id);
    doc.add_text(fields.shop_id, &product.shop_id);
    doc.add_text(fields.category, &product.category);
    let code: String = product
        .village_code
        .trim()
        .chars()
        .take(MAX_PLACE_CHARS)
        .collect();
    for (at, _) in code.char_indices().skip(1) {
        doc.add_text(fields.place, &code[..at]);
    }
    if !code.is_empty() {
        doc.add_text(fields.place, &code);
    }
    if product.in_stock {
        doc.add_text(fields.stock, IN_STOCK);
    }
    doc.add_i64(fields.price, product.price_fen);
    doc.add_i64(fields.sales, product.sales);
    let title = [
        capped(&product.title),
        capped(&product.title_en),
        capped(&product.category_names),
        capped(&product.grade),
    ]
    .join("\n");
    let attrs = [capped(&product.origin), capped(&product.producer)].join("\n");
    doc.add_text(fields.title, &title);
    doc.add_text(fields.attrs, &attrs);
    doc.add_text(fields.title_pinyin, &title);
    doc.add_text(fields.attrs_pinyin, &attrs);
    doc
}
