//! Product search for the marketplace: a tantivy index over the catalogue that understands how
//! buyers in a Chinese county type. Titles are segmented with jieba and a dictionary of the
//! county's products (藜麦, 湖盐, 黑枸杞 stay whole); pinyin fields let `gouqi`, `gou qi` and
//! `gq` find 枸杞; English words match with one typo allowed; a synonym table joins 虫草 and
//! 冬虫夏草, `goji` and 枸杞, `yak` and 牦牛. Queries are built term by term from the analysed
//! text, never by tantivy's query parser, so no input is syntax and none can fail.
//!
//! The crate knows nothing of the store: the catalogue feeds it [`ProductDoc`]s, calls
//! [`SearchIndex::commit`] to publish them, and looks up the ids that searches return.

mod analysis;
mod collect;
mod error;
mod features;
mod index;
mod model;
mod query;
mod schema;
mod synonyms;

#[cfg(test)]
mod tests;

pub use crate::collect::{MAX_LIMIT, MAX_OFFSET};
pub use crate::error::SearchError;
pub use crate::index::{IndexOptions, SearchIndex};
pub use crate::model::{Hit, ProductDoc, SearchPage, SearchQuery, Sort};
