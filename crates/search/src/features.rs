//! Switches for each matching feature. Production always runs with all of them on; the
//! relevance tests turn one off at a time to prove that each row of the relevance table
//! depends on the feature it claims to test.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Features {
    /// The county's product words in jieba's dictionary (藜麦, 湖盐, 黑枸杞 stay whole).
    pub dictionary: bool,
    /// Index the dictionary words inside a longer word too (黑枸杞 is also 枸杞).
    pub sub_words: bool,
    /// Pinyin fields: full syllables and initials.
    pub pinyin: bool,
    /// The synonym table (虫草 ⇄ 冬虫夏草, goji ⇄ 枸杞, …).
    pub synonyms: bool,
    /// Edit-distance-1 matching for Latin words of four letters or more.
    pub fuzzy: bool,
}

impl Features {
    pub(crate) const ALL: Features = Features {
        dictionary: true,
        sub_words: true,
        pinyin: true,
        synonyms: true,
        fuzzy: true,
    };
}
