//! Splitting text by script: runs of Han characters go to jieba, runs of letters and digits are
//! words of their own. Full-width forms (`Ｇｏｊｉ`, `２５０ｇ`), which Chinese input methods
//! produce, are folded to ASCII first so both spellings meet in one term.

/// A stretch of text that is analysed one way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Run {
    /// Han characters only: segment with jieba.
    Han(String),
    /// Letters and digits (Latin, pinyin, numbers, other alphabets), already normalised.
    Word(String),
}

/// CJK unified ideographs and their extensions; kana and hangul are not Han and stay words.
pub(crate) fn is_han(c: char) -> bool {
    matches!(
        c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F
    )
}

/// Full-width ASCII (U+FF01–U+FF5E) to ASCII; everything else unchanged.
fn fold_width(c: char) -> char {
    match c as u32 {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Cuts `text` into Han runs and word runs; punctuation, spaces and control characters separate
/// runs and are dropped.
pub(crate) fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut han = String::new();
    let mut word = String::new();
    for c in text.chars().map(fold_width) {
        if is_han(c) {
            flush_word(&mut word, &mut out);
            han.push(c);
        } else if c.is_alphanumeric() {
            flush_han(&mut han, &mut out);
            word.extend(c.to_lowercase());
        } else {
            flush_han(&mut han, &mut out);
            flush_word(&mut word, &mut out);
        }
    }
    flush_han(&mut han, &mut out);
    flush_word(&mut word, &mut out);
    out
}

fn flush_han(han: &mut String, out: &mut Vec<Run>) {
    if !han.is_empty() {
        out.push(Run::Han(std::mem::take(han)));
    }
}

fn flush_word(word: &mut String, out: &mut Vec<Run>) {
    if !word.is_empty() {
        out.push(Run::Word(fold_plural(std::mem::take(word))));
    }
}

/// A deliberately small English plural folding (`berries` → `berry`, `yaks` → `yak`), applied
/// alike when indexing and querying. A real stemmer would also fold pinyin and brand names
/// in surprising ways; plurals are the only variation buyers commonly type.
pub(crate) fn fold_plural(word: String) -> String {
    let ascii = word.bytes().all(|b| b.is_ascii_lowercase());
    if !ascii || word.len() < 4 {
        return word;
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["ches", "shes", "sses", "xes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_string();
        }
    }
    if word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..word.len() - 1].to_string();
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_scripts_and_drops_punctuation() {
        assert_eq!(
            runs("柴达木黑枸杞，特级 250g Goji-Berries!"),
            vec![
                Run::Han("柴达木黑枸杞".into()),
                Run::Han("特级".into()),
                Run::Word("250g".into()),
                Run::Word("goji".into()),
                Run::Word("berry".into()),
            ]
        );
    }

    #[test]
    fn folds_full_width_letters() {
        assert_eq!(runs("Ｇｏｊｉ"), vec![Run::Word("goji".into())]);
    }

    #[test]
    fn folds_only_plurals() {
        for (word, folded) in [
            ("yaks", "yak"),
            ("berries", "berry"),
            ("boxes", "box"),
            ("grass", "grass"),
            ("cactus", "cactus"),
            ("gouqi", "gouqi"),
            ("yak", "yak"),
        ] {
            assert_eq!(fold_plural(word.to_string()), folded);
        }
    }
}
