//! Text analysis shared by indexing and querying: script runs, jieba segmentation with the
//! county's dictionary, and the split of compound words into parts.
//!
//! Indexing and querying deliberately differ (see `terms.rs` for the index side): a document is
//! indexed under every dictionary word inside its words, every Han character, pinyin and
//! synonym groups, while a query is cut into its longest words only, so `黑枸杞` asks for black
//! goji and `枸杞` still finds it.

mod dictionary;
pub(crate) mod pinyin;
pub(crate) mod script;
mod terms;
mod tokenizer;

use std::collections::HashSet;

use jieba_rs::Jieba;

pub(crate) use self::script::Run;
pub(crate) use self::terms::Terms;
pub(crate) use self::tokenizer::{FarmgateTokenizer, PINYIN_TOKENIZER, WORDS_TOKENIZER};
use crate::features::Features;
use crate::synonyms::Synonyms;

/// Longest word whose inner dictionary words are looked up; longer "words" are unknown runs
/// that jieba left whole and checking all their substrings would cost quadratic time.
const MAX_SUB_WORD_SCAN: usize = 12;

/// One analyser per index, built once: loading jieba's dictionary takes a noticeable moment.
pub(crate) struct Analyzer {
    jieba: Jieba,
    features: Features,
    synonyms: Synonyms,
    syllables: HashSet<String>,
}

impl Analyzer {
    pub(crate) fn new(features: Features) -> Self {
        let mut jieba = Jieba::new();
        if features.dictionary {
            for word in dictionary::COUNTY_WORDS {
                jieba.add_word(word, Some(dictionary::WORD_FREQUENCY), None);
            }
        }
        Analyzer {
            jieba,
            features,
            synonyms: Synonyms::new(features.synonyms, features.pinyin),
            syllables: if features.pinyin {
                pinyin::syllables()
            } else {
                HashSet::new()
            },
        }
    }

    /// Whether `word` is a pinyin syllable (`gou`, `qi`).
    pub(crate) fn is_syllable(&self, word: &str) -> bool {
        self.syllables.contains(word)
    }

    pub(crate) fn features(&self) -> Features {
        self.features
    }

    pub(crate) fn synonyms(&self) -> &Synonyms {
        &self.synonyms
    }

    /// The longest words of a Han run. Without HMM: unknown characters stay single, so the
    /// same string is cut the same way wherever it appears, in a title or in a query.
    pub(crate) fn han_words<'a>(&self, han: &'a str) -> Vec<&'a str> {
        self.jieba
            .cut(han, false)
            .into_iter()
            .map(|token| token.word)
            .collect()
    }

    /// Query words in order: Han runs cut into their longest words, other words as they are.
    pub(crate) fn query_words(&self, text: &str) -> Vec<Run> {
        let mut words = Vec::new();
        for run in script::runs(text) {
            match run {
                Run::Han(han) => words.extend(
                    self.han_words(&han)
                        .into_iter()
                        .map(|word| Run::Han(word.to_string())),
                ),
                word => words.push(word),
            }
        }
        words
    }

    /// The fewest dictionary words of two characters or more that spell `word` exactly, when
    /// there are at least two (三色藜麦 → 三色 + 藜麦). A query word matches products that have
    /// these parts anywhere, since the index holds every inner word: `三色藜麦` then also
    /// finds "三色 藜麦". Single characters are never parts: 黑枸杞 is not 黑 + 枸杞.
    pub(crate) fn parts<'a>(&self, word: &'a str) -> Option<Vec<&'a str>> {
        if !self.features.sub_words {
            return None;
        }
        let bounds = char_bounds(word);
        let chars = bounds.len() - 1;
        if !(4..=MAX_SUB_WORD_SCAN).contains(&chars) {
            return None;
        }
        // best[i]: fewest parts spelling the first i characters, with where the last part starts.
        let mut best: Vec<Option<(usize, usize)>> = vec![None; chars + 1];
        best[0] = Some((0, 0));
        for end in 2..=chars {
            for start in 0..=end - 2 {
                let Some((count, _)) = best[start] else {
                    continue;
                };
                let whole = start == 0 && end == chars;
                if whole || !self.jieba.has_word(&word[bounds[start]..bounds[end]]) {
                    continue;
                }
                if best[end].is_none_or(|(known, _)| count + 1 < known) {
                    best[end] = Some((count + 1, start));
                }
            }
        }
        let mut parts = Vec::new();
        let mut end = chars;
        while end > 0 {
            let (_, start) = best[end]?;
            parts.push(&word[bounds[start]..bounds[end]]);
            end = start;
        }
        parts.reverse();
        Some(parts)
    }

    /// Dictionary words strictly inside `word` (jieba's search mode, kept in our hands).
    fn push_sub_words(&self, word: &str, out: &mut Vec<String>) {
        if !self.features.sub_words {
            return;
        }
        let bounds = char_bounds(word);
        let chars = bounds.len() - 1;
        if !(3..=MAX_SUB_WORD_SCAN).contains(&chars) {
            return;
        }
        for len in 2..chars {
            for start in 0..=chars - len {
                let sub = &word[bounds[start]..bounds[start + len]];
                if self.jieba.has_word(sub) {
                    out.push(sub.to_string());
                }
            }
        }
    }
}

/// Byte offsets of each character of `word`, and of its end.
fn char_bounds(word: &str) -> Vec<usize> {
    word.char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(word.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(analyzer: &Analyzer, text: &str) -> Vec<String> {
        analyzer
            .query_words(text)
            .into_iter()
            .map(|run| match run {
                Run::Han(text) | Run::Word(text) => text,
            })
            .collect()
    }

    #[test]
    fn county_words_stay_whole() {
        let analyzer = Analyzer::new(Features::ALL);
        for word in ["藜麦", "湖盐", "黑枸杞", "藏羊", "牦牛奶粉", "冬虫夏草"] {
            assert_eq!(words(&analyzer, word), vec![word.to_string()], "{word}");
        }
        assert!(words(&analyzer, "藜麦燕麦粥").contains(&"藜麦".to_string()));
        let plain = Analyzer::new(Features {
            dictionary: false,
            ..Features::ALL
        });
        assert_eq!(
            words(&plain, "藜麦"),
            vec!["藜".to_string(), "麦".to_string()]
        );
    }

    #[test]
    fn compound_words_have_parts_but_not_single_characters() {
        let analyzer = Analyzer::new(Features::ALL);
        assert_eq!(analyzer.parts("三色藜麦"), Some(vec!["三色", "藜麦"]));
        assert_eq!(analyzer.parts("牦牛奶粉"), Some(vec!["牦牛", "奶粉"]));
        assert_eq!(analyzer.parts("黑枸杞"), None);
        assert_eq!(analyzer.parts("冬虫夏草"), None);
    }
}
