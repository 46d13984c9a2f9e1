//! The structured part of a search: category, place, price and stock, as queries to be
//! required. Each scores zero, so filters narrow the results without changing their order;
//! the term filters stay term queries (boosted to zero) so that tantivy can still prune.

use std::ops::Bound;

use tantivy::query::{BoostQuery, ConstScoreQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::model::SearchQuery;
use crate::schema::{Fields, IN_STOCK};

/// The filters of a search.
pub(crate) struct Filters {
    pub queries: Vec<Box<dyn Query>>,
    /// A price range, which is not a term query: the search cannot be pruned.
    pub has_range: bool,
}

/// The filters of a query. `None` when they cannot match anything (a minimum price above the
/// maximum).
pub(crate) fn filters(fields: &Fields, query: &SearchQuery) -> Option<Filters> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    let mut has_range = false;
    let given = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    if let Some(category) = given(&query.category) {
        out.push(exact(Term::from_field_text(fields.category, &category)));
    }
    if let Some(place) = given(&query.place) {
        out.push(exact(Term::from_field_text(fields.place, &place)));
    }
    if query.in_stock_only {
        out.push(exact(Term::from_field_text(fields.stock, IN_STOCK)));
    }
    match (query.min_price_fen, query.max_price_fen) {
        (Some(min), Some(max)) if min > max => return None,
        (None, None) => {}
        (min, max) => {
            let bound = |value: Option<i64>| match value {
                Some(fen) => Bound::Included(Term::from_field_i64(fields.price, fen)),
                None => Bound::Unbounded,
            };
            let range = RangeQuery::new(bound(min), bound(max));
            out.push(Box::new(ConstScoreQuery::new(Box::new(range), 0.0)));
            has_range = true;
        }
    }
    Some(Filters {
        queries: out,
        has_range,
    })
}

fn exact(term: Term) -> Box<dyn Query> {
    let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
    Box::new(BoostQuery::new(Box::new(query), 0.0))
}
