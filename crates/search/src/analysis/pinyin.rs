//! Pinyin spellings of Han words, for buyers who type Latin letters on a phone: the full
//! spelling of each word joined (`gouqi`, `heigouqi`), each syllable alone (`gou`, `qi`, so
//! `gou qi` works), and the initials (`gq`, `hgq`). Tones are dropped and `ü` is written `v`, as
//! input methods do. Characters with several readings (藏 cáng/zàng) contribute each reading,
//! up to a small cap, because the default reading is often not the one in a product name.

use ::pinyin::ToPinyinMulti;

use super::terms::{weight, HanTerm};

/// Readings kept per character.
const MAX_READINGS: usize = 3;
/// Spellings kept per word once readings multiply.
const MAX_VARIANTS: usize = 4;

/// The plain readings of one character, most common first; empty for non-Han characters.
fn readings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for reading in multi.into_iter().take(MAX_READINGS) {
            let plain = reading.plain().replace('ü', "v");
            if !plain.is_empty() && !out.contains(&plain) {
                out.push(plain);
            }
        }
    }
    out
}

/// Every combination of one reading per character, capped at [`MAX_VARIANTS`], built with
/// `pick` (the whole reading or its first letter).
fn variants(per_char: &[Vec<String>], pick: impl Fn(&str) -> &str) -> Vec<String> {
    let mut spelled = vec![String::new()];
    for choices in per_char {
        let mut next = Vec::new();
        for prefix in &spelled {
            for choice in choices {
                if next.len() < MAX_VARIANTS {
                    next.push(format!("{prefix}{}", pick(choice)));
                }
            }
        }
        spelled = next;
    }
    spelled.dedup();
    spelled
}

fn first_letter(reading: &str) -> &str {
    reading.get(..1).unwrap_or(reading)
}

/// Every plain syllable of the common Han characters (about four hundred), to recognise
/// pinyin typed with spaces (`gou qi`).
pub(crate) fn syllables() -> std::collections::HashSet<String> {
    (0x4E00..=0x9FFF)
        .filter_map(char::from_u32)
        .flat_map(readings)
        .collect()
}

/// The usual spelling of a Han word (`枸杞` → `gouqi`), for the synonym table.
pub(crate) fn spelling(word: &str) -> Option<String> {
    let mut out = String::new();
    for c in word.chars() {
        out.push_str(readings(c).first()?);
    }
    (!out.is_empty()).then_some(out)
}

/// The pinyin terms of Han words with their head flags (see `terms.rs`): every syllable once,
/// and the joined spellings and initials of words of two characters or more, twice for heads.
pub(crate) fn pinyin_terms(words: &[HanTerm], out: &mut Vec<String>) {
    let mut syllables: Vec<String> = Vec::new();
    let mut spelled: Vec<(String, usize)> = Vec::new();
    for (word, head) in words {
        let per_char: Vec<Vec<String>> = word.chars().map(readings).collect();
        for choices in &per_char {
            syllables.extend(choices.iter().cloned());
        }
        if per_char.len() < 2 || per_char.iter().any(Vec::is_empty) {
            continue;
        }
        let times = weight(*head);
        let joined = variants(&per_char, |reading| reading);
        let initials = variants(&per_char, first_letter);
        for term in joined.into_iter().chain(initials) {
            match spelled.iter_mut().find(|(known, _)| *known == term) {
                Some((_, count)) => *count = (*count).max(times),
                None => spelled.push((term, times)),
            }
        }
    }
    // Syllables recur through every inner word; repeats would only inflate frequencies.
    syllables.sort_unstable();
    syllables.dedup();
    out.extend(syllables);
    for (term, times) in spelled {
        out.extend(std::iter::repeat_n(term, times));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> Vec<String> {
        let words: Vec<HanTerm> = words.iter().map(|w| (w.to_string(), false)).collect();
        let mut out = Vec::new();
        pinyin_terms(&words, &mut out);
        out
    }

    fn has(terms: &[String], term: &str) -> bool {
        terms.iter().any(|t| t == term)
    }

    #[test]
    fn spells_words_syllables_and_initials() {
        let terms = terms(&["黑枸杞", "枸杞"]);
        for term in ["heigouqi", "gouqi", "gou", "qi", "hei", "hgq", "gq"] {
            assert!(has(&terms, term), "{term} in {terms:?}");
        }
    }

    #[test]
    fn keeps_other_readings_and_writes_v_for_u_umlaut() {
        let terms = terms(&["藏羊", "绿茶"]);
        for term in ["zangyang", "cangyang", "lvcha", "zy"] {
            assert!(has(&terms, term), "{term} in {terms:?}");
        }
    }

    #[test]
    fn spells_words_with_their_usual_reading() {
        assert_eq!(spelling("枸杞").as_deref(), Some("gouqi"));
        assert_eq!(spelling("goji"), None);
        assert_eq!(spelling(""), None);
    }

    #[test]
    fn knows_the_syllables() {
        let all = syllables();
        assert!(all.contains("gou") && all.contains("qi") && all.contains("lv"));
        assert!(!all.contains("goji") && !all.contains("yak"));
        assert!((380..=450).contains(&all.len()), "{}", all.len());
    }

    #[test]
    fn ignores_what_is_not_han() {
        assert!(terms(&["abc", ""]).is_empty());
    }
}
