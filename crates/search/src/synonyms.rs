//! Words buyers use for the same product. Each group is symmetric: any member finds the
//! others, so 虫草 finds 冬虫夏草, `goji` finds 枸杞 titles without English, and 牦牛 finds a
//! product described only as `yak`. Members are normalised the way text is (lower case,
//! plurals folded), so `Yaks` is in the 牦牛 group too; with pinyin on, each Han member's
//! spelling joins its group (`gouqi`, `chongcao`).
//!
//! Groups are applied when indexing: a text containing any member is also indexed under the
//! group's token (`#枸杞`), and a query for any member asks for that one token. One term per
//! group keeps queries for common products cheap (a query does not fan out over every
//! spelling), and multi-word members (`lake salt`) are recognised in order, so a "salt lake"
//! tapestry is not lake salt. Changing the table therefore needs a reindex.

use std::collections::HashMap;

use crate::analysis::pinyin::spelling;
use crate::analysis::script::{self, Run};

/// Synonym groups; the first member names the group's token. A member may be several words
/// (`sea buckthorn`), matched as those words in that order.
const GROUPS: &[&[&str]] = &[
    &["虫草", "冬虫夏草", "cordyceps"],
    &["枸杞", "枸杞子", "goji", "wolfberry", "goji berry"],
    &["黑枸杞", "black goji", "black wolfberry"],
    &["牦牛", "yak"],
    &["青稞", "highland barley", "barley"],
    &["沙棘", "sea buckthorn", "seabuckthorn"],
    &["藜麦", "quinoa"],
    &["湖盐", "lake salt"],
    &["菜籽油", "rapeseed oil", "canola oil", "canola"],
    &["蜂蜜", "honey"],
    &["藏羊", "tibetan sheep", "tibetan mutton"],
    &["羊肉", "mutton", "lamb"],
    &["奶粉", "milk powder"],
    &["唐卡", "thangka"],
    &["酥油", "ghee"],
    &["特级", "special grade"],
];

/// A normalised member: its words in order.
pub(crate) type Phrase = Vec<String>;

/// Marks group tokens; analysis drops punctuation, so no word of a text can look like one.
const GROUP_MARK: char = '#';

/// Lookup from a normalised member to its group's token.
pub(crate) struct Synonyms {
    token_of: HashMap<Phrase, String>,
    /// Longest member in words, so scanning knows how far to look ahead.
    longest: usize,
}

/// Words of a member as queries see them: each run of the text, normalised.
fn normalise(member: &str) -> Phrase {
    script::runs(member)
        .into_iter()
        .map(|run| match run {
            Run::Han(text) | Run::Word(text) => text,
        })
        .collect()
}

impl Synonyms {
    pub(crate) fn new(enabled: bool, with_pinyin: bool) -> Self {
        let mut token_of: HashMap<Phrase, String> = HashMap::new();
        let mut longest = 1;
        let groups = if enabled { GROUPS } else { &[] };
        for group in groups {
            let token = format!("{GROUP_MARK}{}", group[0]);
            let mut members: Vec<Phrase> = group.iter().map(|m| normalise(m)).collect();
            if with_pinyin {
                members.extend(group.iter().filter_map(|m| spelling(m)).map(|s| vec![s]));
            }
            for member in members {
                longest = longest.max(member.len());
                token_of.insert(member, token.clone());
            }
        }
        Synonyms { token_of, longest }
    }

    /// The token of the group `phrase` belongs to, if any.
    pub(crate) fn group(&self, phrase: &[String]) -> Option<&str> {
        self.token_of.get(phrase).map(String::as_str)
    }

    /// Group tokens of one-word Latin members one edit away from `word` (not `word` itself),
    /// so a misspelt `quinao` still reaches 藜麦 titles that have no English.
    pub(crate) fn near(&self, word: &str) -> Vec<&str> {
        let mut tokens: Vec<&str> = self
            .token_of
            .iter()
            .filter(|(key, _)| key.len() == 1 && key[0] != word && one_edit_apart(&key[0], word))
            .map(|(_, token)| token.as_str())
            .collect();
        tokens.sort_unstable();
        tokens.dedup();
        tokens
    }

    pub(crate) fn longest(&self) -> usize {
        self.longest
    }

    /// Group tokens for a sequence of words (a text's Latin words, in order): every member
    /// starting at every word, so `Sea buckthorn juice` yields the 沙棘 group.
    pub(crate) fn groups_in(&self, words: &[String], out: &mut Vec<String>) {
        for start in 0..words.len() {
            for len in 1..=self.longest.min(words.len() - start) {
                if let Some(token) = self.group(&words[start..start + len]) {
                    if !out.iter().any(|known| known == token) {
                        out.push(token.to_string());
                    }
                }
            }
        }
    }
}

/// Optimal string alignment distance of at most one: one insertion, deletion, substitution
/// or swap of neighbours (`qiunoa`).
pub(crate) fn one_edit_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let start = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        if start == short.len() {
            return true;
        }
        let same_rest = |from: usize| short[from..] == long[from..];
        return same_rest(start + 1)
            || (start + 1 < short.len()
                && short[start] == long[start + 1]
                && short[start + 1] == long[start]
                && same_rest(start + 2));
    }
    short[start..] == long[start + 1..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(words: &[&str]) -> Phrase {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn one_edit_covers_typos_and_swaps() {
        for (a, b) in [
            ("quinao", "quinoa"),
            ("qiunoa", "quinoa"),
            ("quinoaa", "quinoa"),
            ("quinoa", "quinoa"),
            ("yak", "yaks"),
        ] {
            assert!(one_edit_apart(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("quinnoaa", "quinoa"),
            ("qnioua", "quinoa"),
            ("goji", "gouqi"),
        ] {
            assert!(!one_edit_apart(a, b), "{a} {b}");
        }
        let synonyms = Synonyms::new(true, true);
        assert_eq!(synonyms.near("quinao"), vec!["#藜麦"]);
    }

    #[test]
    fn members_share_their_group_token() {
        let synonyms = Synonyms::new(true, true);
        let token = synonyms.group(&phrase(&["冬虫夏草"]));
        assert_eq!(token, Some("#虫草"));
        assert_eq!(synonyms.group(&normalise("Cordyceps")), token);
        assert_eq!(synonyms.group(&phrase(&["chongcao"])), token);
        assert_eq!(synonyms.group(&phrase(&["yak"])), Some("#牦牛"));
        assert_eq!(
            synonyms.group(&phrase(&["sea", "buckthorn"])),
            Some("#沙棘")
        );
        assert!(Synonyms::new(false, true)
            .group(&phrase(&["yak"]))
            .is_none());
        assert!(Synonyms::new(true, false)
            .group(&phrase(&["gouqi"]))
            .is_none());
    }

    #[test]
    fn finds_multi_word_members_in_order_only() {
        let synonyms = Synonyms::new(true, true);
        let mut out = Vec::new();
        synonyms.groups_in(&phrase(&["chaka", "lake", "salt", "coarse"]), &mut out);
        assert_eq!(out, vec!["#湖盐".to_string()]);
        out.clear();
        synonyms.groups_in(&phrase(&["qarhan", "salt", "lake", "tapestry"]), &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
