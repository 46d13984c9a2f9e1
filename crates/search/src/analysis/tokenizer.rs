//! The tantivy side of the analyser: one tokenizer for every text field, so a term built at
//! query time from [`Analyzer`](super::Analyzer) output is exactly the term that was indexed.

use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::terms::Terms;
use super::Analyzer;

/// Names under which the tokenizers are registered on the index.
pub(crate) const WORDS_TOKENIZER: &str = "farmgate_words";
pub(crate) const PINYIN_TOKENIZER: &str = "farmgate_pinyin";

#[derive(Clone)]
pub(crate) struct FarmgateTokenizer {
    analyzer: Arc<Analyzer>,
    kind: Terms,
}

impl FarmgateTokenizer {
    pub(crate) fn new(analyzer: Arc<Analyzer>, kind: Terms) -> Self {
        FarmgateTokenizer { analyzer, kind }
    }
}

/// Terms already computed; positions are plain ordinals (the index keeps no positions).
pub(crate) struct TermStream {
    terms: std::vec::IntoIter<String>,
    token: Token,
}

impl Tokenizer for FarmgateTokenizer {
    type TokenStream<'a> = TermStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermStream {
        let mut terms = Vec::new();
        self.analyzer.index_terms(text, self.kind, &mut terms);
        TermStream {
            terms: terms.into_iter(),
            token: Token::default(),
        }
    }
}

impl TokenStream for TermStream {
    fn advance(&mut self) -> bool {
        match self.terms.next() {
            Some(text) => {
                self.token.position = self.token.position.wrapping_add(1);
                self.token.text = text;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}
