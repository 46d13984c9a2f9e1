//! Turning a [`SearchQuery`] into tantivy queries: concepts from the text, a query per
//! concept, and the filters. All concepts are required (the strict query); when that finds
//! nothing and there was more than one concept, any concept may match (the relaxed query), so
//! `青海枸杞` still finds goji whose title never says 青海.

mod concepts;
mod filters;
mod text;

use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::Searcher;

use crate::analysis::Analyzer;
use crate::error::SearchError;
use crate::model::SearchQuery;
use crate::schema::Fields;

/// What to run for a search.
pub(crate) enum Plan {
    /// The filters contradict each other: no product can match.
    Nothing,
    /// No searchable text: every product passing the filters.
    Browse(Box<dyn Query>),
    /// Text: the strict query, and the relaxed one to try if the strict one finds nothing.
    Text {
        strict: Box<dyn Query>,
        relaxed: Option<Box<dyn Query>>,
        /// A union or an intersection of plain terms, whose top results tantivy can find
        /// without scoring every match (see `collect.rs`).
        prunable: bool,
    },
}

pub(crate) fn plan(
    fields: &Fields,
    analyzer: &Analyzer,
    searcher: &Searcher,
    query: &SearchQuery,
) -> Result<Plan, SearchError> {
    let Some(filters) = filters::filters(fields, query) else {
        return Ok(Plan::Nothing);
    };
    let known = |word: &str| {
        analyzer.synonyms().group(&[word.to_string()]).is_some()
            || [fields.title_pinyin, fields.attrs_pinyin]
                .into_iter()
                .any(|field| {
                    let term = tantivy::Term::from_field_text(field, word);
                    searcher.doc_freq(&term).is_ok_and(|n| n > 0)
                })
    };
    let concepts = concepts::concepts(analyzer, &query.text, &known);
    if concepts.is_empty() {
        if filters.queries.is_empty() {
            return Ok(Plan::Browse(Box::new(AllQuery)));
        }
        return Ok(Plan::Browse(all_of(filters.queries)));
    }
    let builder = text::TextQueries {
        fields,
        analyzer,
        searcher,
    };
    let mut prunable = !filters.has_range;
    let mut parts = Vec::with_capacity(concepts.len());
    for concept in &concepts {
        let (part, single_term) = builder.concept(concept)?;
        // A union of terms can be pruned alone; with others, only single terms can.
        prunable &= single_term || (concepts.len() == 1 && filters.queries.is_empty());
        parts.push(part);
    }
    let filters = filters.queries;
    let relaxed = (parts.len() > 1).then(|| {
        let any: Box<dyn Query> = Box::new(BooleanQuery::union(
            parts.iter().map(|part| part.box_clone()).collect(),
        ));
        all_of(
            std::iter::once(any)
                .chain(filters.iter().map(|f| f.box_clone()))
                .collect(),
        )
    });
    let strict = all_of(parts.into_iter().chain(filters).collect());
    Ok(Plan::Text {
        strict,
        relaxed,
        prunable,
    })
}

fn all_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.remove(0);
    }
    Box::new(BooleanQuery::new(
        queries
            .into_iter()
            .map(|query| (Occur::Must, query))
            .collect(),
    ))
}
