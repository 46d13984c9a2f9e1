//! Running a planned query: the total number of matches and one sorted page of ids.
//!
//! Each order takes its cheapest route. By relevance, a prunable query (a union of terms) is
//! counted without scoring and its page collected separately, which lets tantivy skip most of
//! a large result set (block-WAND); any other query is scored and counted in one pass. By sales, segments are already sorted best-selling first (see `schema.rs`),
//! so the page is the first matches of each segment. By price, one pass does both. Ids come
//! from a fast column, with no document store to decompress.

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocSet, Order, Searcher, TERMINATED};

use crate::error::SearchError;
use crate::model::{Hit, SearchPage, Sort};
use crate::schema::{ID, PRICE, SALES};

/// Largest page served: a page is for people, and deep pages cost a heap that big.
pub const MAX_LIMIT: usize = 200;
/// Deepest result reachable by paging; nobody pages past it, and collecting that many costs.
pub const MAX_OFFSET: usize = 10_000;

/// One page of `query`'s matches in the given order, with the total number of matches.
pub(crate) fn page(
    searcher: &Searcher,
    query: &dyn Query,
    sort: Sort,
    prunable: bool,
    limit: usize,
    offset: usize,
) -> Result<SearchPage, SearchError> {
    let limit = limit.min(MAX_LIMIT);
    let offset = offset.min(MAX_OFFSET);
    let (total, found) = match sort {
        Sort::Relevance if limit > 0 && !prunable => {
            let top = TopDocs::with_limit(limit)
                .and_offset(offset)
                .order_by_score();
            searcher.search(query, &(Count, top))?
        }
        Sort::PriceAsc | Sort::PriceDesc if limit > 0 => {
            let order = if sort == Sort::PriceAsc {
                Order::Asc
            } else {
                Order::Desc
            };
            let top = TopDocs::with_limit(limit)
                .and_offset(offset)
                .order_by_fast_field::<i64>(PRICE, order);
            let (total, docs) = searcher.search(query, &(Count, top))?;
            (total, docs.into_iter().map(|(_, doc)| (0.0, doc)).collect())
        }
        _ => {
            let total = searcher.search(query, &Count)?;
            if limit == 0 || total <= offset {
                (total, Vec::new())
            } else if sort == Sort::Sales {
                (total, best_sellers(searcher, query, limit, offset)?)
            } else {
                let top = TopDocs::with_limit(limit)
                    .and_offset(offset)
                    .order_by_score();
                (total, searcher.search(query, &top)?)
            }
        }
    };
    Ok(SearchPage {
        total,
        hits: hits(searcher, found)?,
    })
}

/// The best-selling matches: the first `offset + limit` matches of each segment (segments are
/// sorted by sales), merged by sales.
fn best_sellers(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    offset: usize,
) -> Result<Vec<(f32, DocAddress)>, SearchError> {
    let wanted = offset + limit;
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut candidates: Vec<(i64, DocAddress)> = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let sales = reader.fast_fields().i64(SALES)?.first_or_default_col(0);
        let alive = reader.alive_bitset();
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut taken = 0;
        let mut doc = scorer.doc();
        while doc != TERMINATED && taken < wanted {
            if alive.is_none_or(|bits| bits.is_alive(doc)) {
                candidates.push((sales.get_val(doc), DocAddress::new(ord as u32, doc)));
                taken += 1;
            }
            doc = scorer.advance();
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(candidates
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|(_, doc)| (0.0, doc))
        .collect())
}

/// The ids of the found documents, in order, read from the id column.
fn hits(searcher: &Searcher, found: Vec<(f32, DocAddress)>) -> Result<Vec<Hit>, SearchError> {
    let mut columns = vec![None; searcher.segment_readers().len()];
    let mut hits = Vec::with_capacity(found.len());
    for (score, address) in found {
        let ord = address.segment_ord as usize;
        let Some(slot) = columns.get_mut(ord) else {
            continue;
        };
        if slot.is_none() {
            *slot = Some(
                searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .str(ID)?,
            );
        }
        let Some(Some(column)) = slot.as_ref() else {
            continue;
        };
        let mut id = String::new();
        if let Some(term) = column.term_ords(address.doc_id).next() {
            column
                .ord_to_str(term, &mut id)
                .map_err(|error| SearchError::Index(error.into()))?;
        }
        if !id.is_empty() {
            hits.push(Hit { id, score });
        }
    }
    Ok(hits)
}
