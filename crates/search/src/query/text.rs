//! How one concept may match, as a tantivy query built term by term (never through the query
//! parser, so no text is ever syntax). A concept is a union of boosted term queries:
//!
//! - a word of the synonym table: its group's token (`#枸杞`) in the title, nothing else (the
//!   group holds every spelling, and a product is what its title says);
//! - any other word: itself in the title (strongest) and in the other text, and a Latin word
//!   also in their pinyin (`gou`, `gq`, `hongliu`);
//! - a compound's parts (三色 + 藜麦), below the compound;
//! - only when the word is nowhere in the index: the words one edit away (`quinao`, `qiunoa`
//!   → quinoa) and the synonym groups of table words one edit away, at a constant low score.
//!
//! A union of plain term queries lets tantivy skip most low-scoring documents (block-WAND), so
//! even 枸杞 over a million products stays fast.

use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::concepts::{run_text, Concept};
use crate::analysis::{Analyzer, Run};
use crate::error::SearchError;
use crate::schema::Fields;

const TITLE: f32 = 3.0;
const ATTRS: f32 = 1.0;
const TITLE_PINYIN: f32 = 2.0;
const ATTRS_PINYIN: f32 = 0.6;
/// A compound found as its separate parts (三色 … 藜麦) ranks below the compound itself.
const PARTS: f32 = 0.7;
/// Fuzzy and near-synonym matches score this constant, below any exact match's score.
const FUZZY: f32 = 0.4;
/// Latin words shorter than this are not matched fuzzily: one edit away from `yak` is `oak`.
const FUZZY_MIN_LETTERS: usize = 4;

/// Builds concept queries for one index's fields, analysis and current contents.
pub(crate) struct TextQueries<'a> {
    pub fields: &'a Fields,
    pub analyzer: &'a Analyzer,
    pub searcher: &'a Searcher,
}

impl TextQueries<'_> {
    /// The query for one concept, and whether it is a single term query. A synonym-table word
    /// is its group's token in the title, one term; anything else is a union of spellings.
    pub(crate) fn concept(&self, concept: &Concept) -> Result<(Box<dyn Query>, bool), SearchError> {
        let f = self.fields;
        let group = self.analyzer.synonyms().group(&concept.phrase());
        if let Some(token) = group {
            return Ok((term(f.title, token, TITLE), true));
        }
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        if let [word] = concept.words.as_slice() {
            let text = run_text(word);
            clauses.push(term(f.title, text, TITLE));
            clauses.push(term(f.attrs, text, ATTRS));
            if matches!(word, Run::Word(_)) && self.analyzer.features().pinyin {
                clauses.push(term(f.title_pinyin, text, TITLE_PINYIN));
                clauses.push(term(f.attrs_pinyin, text, ATTRS_PINYIN));
            }
            if let Some(parts) = self.analyzer.parts(text) {
                let all: Vec<Box<dyn Query>> = parts
                    .iter()
                    .map(|part| union(vec![term(f.title, part, TITLE), term(f.attrs, part, ATTRS)]))
                    .collect();
                clauses.push(Box::new(BoostQuery::new(
                    Box::new(BooleanQuery::intersection(all)),
                    PARTS,
                )));
            }
            if self.wants_fuzzy(word)? {
                clauses.extend(self.near(text));
            }
        } else {
            // A multi-word concept is a synonym-table phrase, so this only happens if the
            // table is off: require every word.
            let all = concept
                .words
                .iter()
                .map(|word| {
                    union(vec![
                        term(f.title, run_text(word), TITLE),
                        term(f.attrs, run_text(word), ATTRS),
                    ])
                })
                .collect();
            clauses.push(Box::new(BooleanQuery::intersection(all)));
        }
        Ok((union(clauses), false))
    }

    /// Fuzzy matching is for Latin words of some length that match nothing as typed: an exact
    /// word is what the buyer meant, and fuzzy variants of it would only add noise and cost.
    fn wants_fuzzy(&self, word: &Run) -> Result<bool, SearchError> {
        let Run::Word(text) = word else {
            return Ok(false);
        };
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        if !self.analyzer.features().fuzzy || letters < FUZZY_MIN_LETTERS {
            return Ok(false);
        }
        let f = self.fields;
        for field in [f.title, f.attrs, f.title_pinyin, f.attrs_pinyin] {
            if self
                .searcher
                .doc_freq(&Term::from_field_text(field, text))?
                > 0
            {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Words within one edit, and synonym groups of table words within one edit.
    fn near(&self, text: &str) -> Vec<Box<dyn Query>> {
        let f = self.fields;
        let mut clauses: Vec<Box<dyn Query>> = [f.title, f.attrs]
            .into_iter()
            .map(|field| {
                let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, text), 1, true);
                Box::new(ConstScoreQuery::new(Box::new(fuzzy), FUZZY)) as Box<dyn Query>
            })
            .collect();
        for token in self.analyzer.synonyms().near(text) {
            clauses.push(Box::new(ConstScoreQuery::new(
                term(f.title, token, 1.0),
                FUZZY,
            )));
        }
        clauses
    }
}

fn term(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let query = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(query), boost))
}

/// Any of the clauses, scores added: a product matching in the title and by synonym ranks
/// above one matching only by synonym.
fn union(mut clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if clauses.len() == 1 {
        return clauses.remove(0);
    }
    Box::new(BooleanQuery::union(clauses))
}
