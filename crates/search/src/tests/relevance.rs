//! The relevance table: what buyers type and what they must find. Each row names the matching
//! feature it exercises; `every_row_needs_its_feature` turns that feature off and checks the
//! row then fails, so a row that passes by accident elsewhere is caught.

use super::fixture::{ids_starting, products};
use crate::features::Features;
use crate::{SearchIndex, SearchQuery};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Feature {
    Dictionary,
    SubWords,
    Pinyin,
    Synonyms,
    Fuzzy,
}

impl Feature {
    fn without(self) -> Features {
        let mut features = Features::ALL;
        match self {
            Feature::Dictionary => features.dictionary = false,
            Feature::SubWords => features.sub_words = false,
            Feature::Pinyin => features.pinyin = false,
            Feature::Synonyms => features.synonyms = false,
            Feature::Fuzzy => features.fuzzy = false,
        }
        features
    }
}

/// What a row expects of the results.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Expect {
    /// The first result.
    First(&'static str),
    /// The first `n` results all come from these ids.
    TopAllAmong(usize, &'static [&'static str]),
    /// All of these are found.
    Finds(&'static [&'static str]),
    /// None of these is found.
    Never(&'static [&'static str]),
}

pub(crate) struct Row {
    pub query: &'static str,
    pub expect: &'static [Expect],
    /// The feature without which this row fails; `None` for the core term combination.
    pub feature: Option<Feature>,
}

const GOJI: &[&str] = &[
    "goji-special",
    "goji-first",
    "goji-fresh",
    "goji-organic",
    "goji-juice",
];
const BLACK_GOJI: &[&str] = &["bgoji-special", "bgoji-first", "bgoji-juice", "bgoji-bulk"];
#[rustfmt::skip]
const ALL_GOJI: &[&str] = &[
    "goji-special", "goji-first", "goji-fresh", "goji-organic", "goji-juice",
    "bgoji-special", "bgoji-first", "bgoji-juice", "bgoji-bulk", "sesame-goji-paste",
];
const CORDYCEPS: &[&str] = &["cordyceps-special", "cordyceps-first"];
const LAKE_SALT: &[&str] = &["salt-chaka", "salt-qaidam", "salt-lamp"];
const QUINOA: &[&str] = &["quinoa-white", "quinoa-tricolour", "quinoa-organic"];
const YAK: &[&str] = &[
    "yak-fresh",
    "yak-jerky",
    "yak-ribs",
    "yak-milk-powder",
    "yak-yoghurt",
];
const HONEY: &[&str] = &["honey-rape", "honey-goji", "honey-wild"];
const NOT_SALT: &[&str] = &["salt-lake-tapestry", "noodles-low-salt"];
#[rustfmt::skip]
const BARLEY: &[&str] = &[
    "barley-rice", "barley-flour", "barley-liquor", "barley-flakes", "noodles-low-salt", "tsampa",
];

use Expect::*;

#[rustfmt::skip]
pub(crate) const TABLE: &[Row] = &[
    Row { query: "枸杞", expect: &[TopAllAmong(5, ALL_GOJI), Finds(ALL_GOJI)], feature: Some(Feature::SubWords) },
    Row { query: "gouqi", expect: &[TopAllAmong(5, ALL_GOJI), Finds(GOJI)], feature: Some(Feature::Pinyin) },
    // Initials say less than a word: goji honey may come up among the first five.
    Row { query: "gou qi", expect: &[TopAllAmong(5, ALL_GOJI), Finds(GOJI)], feature: Some(Feature::Pinyin) },
    Row { query: "gq", expect: &[TopAllAmong(3, ALL_GOJI), Finds(GOJI)], feature: Some(Feature::Pinyin) },
    Row { query: "heigouqi", expect: &[TopAllAmong(4, BLACK_GOJI), Finds(BLACK_GOJI)], feature: Some(Feature::Pinyin) },
    // 红枸杞 is hgq too.
    Row { query: "hgq", expect: &[Finds(BLACK_GOJI), Finds(&["goji-special"]), Never(&["goji-first"])], feature: Some(Feature::Pinyin) },
    Row { query: "goji", expect: &[TopAllAmong(5, ALL_GOJI), Finds(GOJI)], feature: Some(Feature::Synonyms) },
    Row { query: "黑枸杞 特级", expect: &[First("bgoji-special"), Never(GOJI)], feature: None },
    Row { query: "黑枸杞", expect: &[TopAllAmong(4, BLACK_GOJI), Never(GOJI), Never(&["sesame-goji-paste"])], feature: Some(Feature::Dictionary) },
    Row { query: "quinao", expect: &[Finds(QUINOA)], feature: Some(Feature::Fuzzy) },
    Row { query: "qiunoa", expect: &[Finds(&["quinoa-white", "quinoa-tricolour"])], feature: Some(Feature::Fuzzy) },
    Row { query: "quinoaa", expect: &[Finds(&["quinoa-white", "quinoa-tricolour"])], feature: Some(Feature::Fuzzy) },
    Row { query: "quinoa", expect: &[TopAllAmong(3, QUINOA), Finds(QUINOA)], feature: Some(Feature::Synonyms) },
    Row { query: "虫草", expect: &[Finds(CORDYCEPS)], feature: Some(Feature::Synonyms) },
    Row { query: "cordyceps", expect: &[Finds(CORDYCEPS)], feature: Some(Feature::Synonyms) },
    Row { query: "湖盐", expect: &[Finds(LAKE_SALT), Never(NOT_SALT)], feature: Some(Feature::Dictionary) },
    Row { query: "藜麦", expect: &[Finds(QUINOA), Never(&["wild-veg-box"])], feature: Some(Feature::Dictionary) },
    Row { query: "三色 藜麦", expect: &[First("quinoa-tricolour")], feature: None },
    Row { query: "yak", expect: &[Finds(YAK), Never(HONEY)], feature: Some(Feature::Synonyms) },
    Row { query: "Yaks", expect: &[Finds(YAK), Never(HONEY)], feature: Some(Feature::Synonyms) },
    Row { query: "牦牛", expect: &[Finds(YAK), Never(HONEY)], feature: Some(Feature::SubWords) },
    Row { query: "sea buckthorn", expect: &[Finds(&["buckthorn-juice", "buckthorn-oil"])], feature: Some(Feature::Synonyms) },
    Row { query: "highland barley", expect: &[TopAllAmong(6, BARLEY), Finds(BARLEY)], feature: Some(Feature::Synonyms) },
    Row { query: "lake salt", expect: &[Finds(LAKE_SALT), Never(NOT_SALT)], feature: Some(Feature::Synonyms) },
    Row { query: "chongcao", expect: &[Finds(CORDYCEPS)], feature: Some(Feature::Synonyms) },
    Row { query: "zangyang", expect: &[Finds(&["mutton-ribs", "mutton-hand"])], feature: Some(Feature::Pinyin) },
    Row { query: "青海枸杞", expect: &[TopAllAmong(5, ALL_GOJI)], feature: None },
];

fn ids(index: &SearchIndex, query: &str) -> Vec<String> {
    let mut search = SearchQuery::text(query);
    search.limit = 100;
    let page = index.search(&search).expect("search");
    page.hits.into_iter().map(|hit| hit.id).collect()
}

/// Why a row fails on `found`, or `None` if it passes.
fn failure(row: &Row, found: &[String]) -> Option<String> {
    let has = |id: &str| found.iter().any(|f| f == id);
    for expect in row.expect {
        let ok = match *expect {
            First(id) => found.first().is_some_and(|f| f == id),
            TopAllAmong(n, among) => {
                found.len() >= n && found[..n].iter().all(|f| among.contains(&f.as_str()))
            }
            Finds(wanted) => wanted.iter().all(|id| has(id)),
            Never(unwanted) => !unwanted.iter().any(|id| has(id)),
        };
        if !ok {
            return Some(format!(
                "{:?} expected {expect:?}, found {found:?}",
                row.query
            ));
        }
    }
    None
}

fn index_with(features: Features) -> SearchIndex {
    let index = SearchIndex::in_memory_with(features).expect("index");
    index.upsert(&products()).expect("upsert");
    index.commit().expect("commit");
    index
}

#[test]
fn every_row_of_the_relevance_table_passes() {
    let index = index_with(Features::ALL);
    let failures: Vec<String> = TABLE
        .iter()
        .filter_map(|row| failure(row, &ids(&index, row.query)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_row_needs_its_feature() {
    let features = [
        Feature::Dictionary,
        Feature::SubWords,
        Feature::Pinyin,
        Feature::Synonyms,
        Feature::Fuzzy,
    ];
    let mut still_passing = Vec::new();
    for feature in features {
        let index = index_with(feature.without());
        for row in TABLE.iter().filter(|row| row.feature == Some(feature)) {
            if failure(row, &ids(&index, row.query)).is_none() {
                still_passing.push(format!("{:?} passes without {feature:?}", row.query));
            }
        }
    }
    assert!(still_passing.is_empty(), "{}", still_passing.join("\n"));
}

#[test]
fn fixture_groups_are_consistent() {
    assert_eq!(ids_starting(&["goji-"]), GOJI);
    assert_eq!(ids_starting(&["bgoji-"]), BLACK_GOJI);
    assert_eq!(ids_starting(&["quinoa-"]), QUINOA);
}
