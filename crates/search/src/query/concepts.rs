//! From what a buyer typed to the concepts they asked for. A concept is one word (a Han word
//! as jieba cuts it with the county dictionary, or a Latin word) or a multi-word synonym such
//! as `sea buckthorn`. Every concept must match; how it may match is decided in `text.rs`.

use crate::analysis::{Analyzer, Run};
use crate::synonyms::{Phrase, Synonyms};

/// Query text beyond this is ignored: nobody types more, and a pasted essay must not cost a
/// thousand term lookups.
pub(crate) const MAX_QUERY_CHARS: usize = 200;
/// At most this many concepts are required; the rest of a long query is dropped.
pub(crate) const MAX_CONCEPTS: usize = 8;

/// One thing the buyer asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Concept {
    /// Its words, normalised, each Han or Latin.
    pub words: Vec<Run>,
}

impl Concept {
    /// The words as a synonym key.
    pub(crate) fn phrase(&self) -> Phrase {
        self.words
            .iter()
            .map(|run| run_text(run).to_string())
            .collect()
    }
}

pub(crate) fn run_text(run: &Run) -> &str {
    match run {
        Run::Han(text) | Run::Word(text) => text,
    }
}

/// The concepts of a query, in order, without repeats. Empty for text with no letters,
/// digits or Han characters: such a query browses. `known` says whether a word is in the
/// index, for joining spaced pinyin.
pub(crate) fn concepts(
    analyzer: &Analyzer,
    text: &str,
    known: &dyn Fn(&str) -> bool,
) -> Vec<Concept> {
    let synonyms = analyzer.synonyms();
    let text = match text.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    };
    let words = join_syllables(analyzer, analyzer.query_words(text), known);
    let mut concepts: Vec<Concept> = Vec::new();
    let mut at = 0;
    while at < words.len() && concepts.len() < MAX_CONCEPTS {
        let len = longest_synonym_at(synonyms, &words[at..]);
        let concept = Concept {
            words: words[at..at + len].to_vec(),
        };
        if !concepts.contains(&concept) {
            concepts.push(concept);
        }
        at += len;
    }
    concepts
}

/// Pinyin typed with spaces (`gou qi`, `hei gou qi`) means the word it spells: a run of two or
/// more syllables becomes one word when the index knows it. Searched apart, the syllables would
/// match any product with 狗 in one word and 七 in another, and slowly.
fn join_syllables(analyzer: &Analyzer, words: Vec<Run>, known: &dyn Fn(&str) -> bool) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(words.len());
    let mut at = 0;
    while at < words.len() {
        let run = words[at..]
            .iter()
            .take_while(|w| matches!(w, Run::Word(text) if analyzer.is_syllable(text)))
            .count();
        if run >= 2 {
            let joined: String = words[at..at + run].iter().map(run_text).collect();
            if known(&joined) {
                out.push(Run::Word(joined));
                at += run;
                continue;
            }
        }
        out.push(words[at].clone());
        at += 1;
    }
    out
}

/// How many words from the start of `words` form a multi-word synonym; 1 if none does.
fn longest_synonym_at(synonyms: &Synonyms, words: &[Run]) -> usize {
    let most = synonyms.longest().min(words.len());
    for len in (2..=most).rev() {
        let phrase: Phrase = words[..len]
            .iter()
            .map(|w| run_text(w).to_string())
            .collect();
        if synonyms.group(&phrase).is_some() {
            return len;
        }
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Features;

    fn texts(text: &str) -> Vec<Vec<String>> {
        let analyzer = Analyzer::new(Features::ALL);
        concepts(&analyzer, text, &|word| word == "gouqi")
            .iter()
            .map(Concept::phrase)
            .collect()
    }

    #[test]
    fn cuts_han_and_keeps_multi_word_synonyms_together() {
        assert_eq!(
            texts("青海黑枸杞 Sea Buckthorn juice"),
            vec![
                vec!["青海".to_string()],
                vec!["黑枸杞".to_string()],
                vec!["sea".to_string(), "buckthorn".to_string()],
                vec!["juice".to_string()],
            ]
        );
    }

    #[test]
    fn joins_spaced_pinyin_the_index_knows() {
        assert_eq!(texts("gou qi"), vec![vec!["gouqi".to_string()]]);
        assert_eq!(
            texts("mao niu"),
            vec![vec!["mao".to_string()], vec!["niu".to_string()]]
        );
    }

    #[test]
    fn nothing_searchable_means_no_concepts() {
        for text in ["", "   ", "!!!", "（）", "\u{0}\u{7}", "title:(", "*"] {
            let got = texts(text);
            assert!(got.is_empty() || text == "title:(", "{text:?} gave {got:?}");
        }
        assert_eq!(texts("title:("), vec![vec!["title".to_string()]]);
    }

    #[test]
    fn long_queries_are_capped() {
        let long = "枸杞 ".repeat(5000) + &"goji ".repeat(5000);
        assert!(texts(&long).len() <= MAX_CONCEPTS);
        let many: String = (0..100).map(|i| format!("w{i} ")).collect();
        assert_eq!(texts(&many).len(), MAX_CONCEPTS);
    }
}
