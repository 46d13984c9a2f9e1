//! Every term a text is indexed under. Recall is decided here, once per document, so that
//! queries can stay a handful of exact term lookups:
//!
//! - the longest words, and the dictionary words inside them (黑枸杞 is also 枸杞);
//! - each Han character, so one-character queries (盐, 油) find longer words;
//! - other words (English, numbers), lower-cased, plurals folded;
//! - the token of each synonym group a word or phrase of the text belongs to (`#枸杞`);
//!
//! and, for the pinyin fields, the pinyin of the Han words: joined, by syllable and by initials
//! (`heigouqi`, `hei`, `hgq`). Pinyin has fields of its own because it multiplies a title's
//! terms: in the same field it would drown the words in length normalisation.
//!
//! Chinese compounds put their head last: 红枸杞 is goji, 枸杞蜜 is honey. A word and the inner
//! words that end it are its heads, and heads count twice (as words, pinyin and groups), so a
//! search for 枸杞 ranks goji above goji honey.

use super::pinyin::pinyin_terms;
use super::script::{self, Run};
use super::Analyzer;

/// Which terms a field gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Terms {
    Words,
    Pinyin,
}

/// A Han word or inner word of a text, and whether it is the head of its word.
pub(crate) type HanTerm = (String, bool);

/// Times a head counts.
const HEAD_WEIGHT: usize = 2;

impl Analyzer {
    /// Appends the `kind` terms of `text` to `out`.
    pub(crate) fn index_terms(&self, text: &str, kind: Terms, out: &mut Vec<String>) {
        let mut han: Vec<HanTerm> = Vec::new();
        let mut latin: Vec<String> = Vec::new();
        for run in script::runs(text) {
            match run {
                Run::Han(run) => {
                    for word in self.han_words(&run) {
                        let mut inner = vec![word.to_string()];
                        self.push_sub_words(word, &mut inner);
                        han.extend(inner.into_iter().map(|t| {
                            let head = word.ends_with(t.as_str());
                            (t, head)
                        }));
                        if kind == Terms::Words && word.chars().nth(1).is_some() {
                            let mut buf = [0u8; 4];
                            out.extend(word.chars().map(|c| c.encode_utf8(&mut buf).to_string()));
                        }
                    }
                }
                Run::Word(word) => latin.push(word),
            }
        }
        match kind {
            Terms::Pinyin if self.features().pinyin => pinyin_terms(&han, out),
            Terms::Pinyin => {}
            Terms::Words => {
                for (term, head) in &han {
                    out.extend(std::iter::repeat_n(term, weight(*head)).cloned());
                }
                if self.features().synonyms {
                    self.group_terms(&han, &latin, out);
                }
                out.extend(latin);
            }
        }
    }

    /// Group tokens: from Han words (a head counts twice) and from Latin words and phrases;
    /// each group at most twice, however many of its members the text has.
    fn group_terms(&self, han: &[HanTerm], latin: &[String], out: &mut Vec<String>) {
        let mut counted: Vec<(String, usize)> = Vec::new();
        let mut add = |token: &str, times: usize| match counted.iter_mut().find(|(t, _)| t == token)
        {
            Some((_, count)) => *count = (*count).max(times),
            None => counted.push((token.to_string(), times)),
        };
        for (term, head) in han {
            if let Some(token) = self.synonyms().group(std::slice::from_ref(term)) {
                add(token, weight(*head));
            }
        }
        let mut latin_groups = Vec::new();
        self.synonyms().groups_in(latin, &mut latin_groups);
        for token in &latin_groups {
            add(token, 1);
        }
        for (token, times) in counted {
            out.extend(std::iter::repeat_n(token, times));
        }
    }
}

pub(crate) fn weight(head: bool) -> usize {
    if head {
        HEAD_WEIGHT
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::Terms;
    use crate::analysis::Analyzer;
    use crate::features::Features;

    fn terms(analyzer: &Analyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        analyzer.index_terms(text, Terms::Words, &mut out);
        analyzer.index_terms(text, Terms::Pinyin, &mut out);
        out
    }

    fn count(terms: &[String], term: &str) -> usize {
        terms.iter().filter(|t| *t == term).count()
    }

    #[test]
    fn indexes_words_inner_words_characters_pinyin_and_groups() {
        let analyzer = Analyzer::new(Features::ALL);
        let terms = terms(&analyzer, "柴达木黑枸杞 Black Goji");
        for expected in [
            "黑枸杞",
            "枸杞",
            "柴达木",
            "黑",
            "杞",
            "black",
            "goji",
            "heigouqi",
            "gouqi",
            "hgq",
            "gq",
            "cdm",
            "#枸杞",
            "#黑枸杞",
        ] {
            assert!(
                terms.contains(&expected.to_string()),
                "{expected} in {terms:?}"
            );
        }
    }

    #[test]
    fn heads_count_twice() {
        let analyzer = Analyzer::new(Features::ALL);
        let goji = terms(&analyzer, "红枸杞");
        let honey = terms(&analyzer, "枸杞蜜 goji honey");
        for term in ["枸杞", "gouqi", "gq", "#枸杞"] {
            assert_eq!(count(&goji, term), 2, "{term} in {goji:?}");
            assert_eq!(count(&honey, term), 1, "{term} in {honey:?}");
        }
    }

    #[test]
    fn each_feature_adds_its_own_terms() {
        let plain = Analyzer::new(Features {
            sub_words: false,
            pinyin: false,
            synonyms: false,
            ..Features::ALL
        });
        let terms = terms(&plain, "黑枸杞 goji");
        assert!(!terms
            .iter()
            .any(|t| t == "枸杞" || t == "gouqi" || t.starts_with('#')));
    }
}
