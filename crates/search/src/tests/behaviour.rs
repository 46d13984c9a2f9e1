//! The index as the catalogue uses it: filters and sorts, paging, updates that replace,
//! removal, visibility right after commit, persistence, and text no buyer should be able to
//! break it with.

use std::time::{Duration, Instant};

use super::fixture::products;
use crate::{ProductDoc, SearchIndex, SearchQuery, Sort, MAX_LIMIT};

fn fixture_index() -> SearchIndex {
    let index = SearchIndex::in_memory().expect("index");
    index.upsert(&products()).expect("upsert");
    index.commit().expect("commit");
    index
}

fn ids(index: &SearchIndex, query: &SearchQuery) -> Vec<String> {
    index
        .search(query)
        .expect("search")
        .hits
        .into_iter()
        .map(|hit| hit.id)
        .collect()
}

fn product(id: &str) -> ProductDoc {
    products()
        .into_iter()
        .find(|p| p.id == id)
        .expect("fixture id")
}

fn all(mut query: SearchQuery) -> SearchQuery {
    query.limit = MAX_LIMIT;
    query
}

#[test]
fn the_index_can_be_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<SearchIndex>();
}

#[test]
fn filters_narrow_without_reordering() {
    let index = fixture_index();
    let catalogue = products();
    let by_id = |id: &String| catalogue.iter().find(|p| &p.id == id).expect("known id");

    let query = SearchQuery {
        category: Some("fruit".into()),
        ..all(SearchQuery::text("枸杞"))
    };
    let found = ids(&index, &query);
    assert!(!found.is_empty() && found.iter().all(|id| by_id(id).category == "fruit"));

    let township = SearchQuery {
        place: Some("632830101".into()),
        ..all(SearchQuery::default())
    };
    let found = ids(&index, &township);
    assert!(
        !found.is_empty()
            && found
                .iter()
                .all(|id| by_id(id).village_code.starts_with("632830101"))
    );
    let county = SearchQuery {
        place: Some("632830".into()),
        ..all(SearchQuery::default())
    };
    assert_eq!(
        index.search(&county).expect("search").total,
        catalogue.len()
    );
    let village = SearchQuery {
        place: Some("632830101205".into()),
        ..all(SearchQuery::default())
    };
    let found = ids(&index, &village);
    assert!(
        found.contains(&"goji-special".to_string())
            && !found.contains(&"bgoji-special".to_string())
    );

    let priced = SearchQuery {
        min_price_fen: Some(5_000),
        max_price_fen: Some(10_000),
        ..all(SearchQuery::text("枸杞"))
    };
    let found = ids(&index, &priced);
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .all(|id| (5_000..=10_000).contains(&by_id(id).price_fen)));

    let in_stock = SearchQuery {
        in_stock_only: true,
        ..all(SearchQuery::text("goji"))
    };
    let found = ids(&index, &in_stock);
    assert!(
        !found.contains(&"goji-organic".to_string()) && found.contains(&"goji-special".to_string())
    );

    let impossible = SearchQuery {
        min_price_fen: Some(10),
        max_price_fen: Some(5),
        ..SearchQuery::default()
    };
    assert_eq!(index.search(&impossible).expect("search").total, 0);
}

#[test]
fn sorts_by_price_and_sales() {
    let index = fixture_index();
    let catalogue = products();
    let field = |id: &String, f: fn(&ProductDoc) -> i64| {
        f(catalogue.iter().find(|p| &p.id == id).expect("id"))
    };
    for (sort, key, ascending) in [
        (
            Sort::PriceAsc,
            (|p: &ProductDoc| p.price_fen) as fn(&ProductDoc) -> i64,
            true,
        ),
        (Sort::PriceDesc, |p: &ProductDoc| p.price_fen, false),
        (Sort::Sales, |p: &ProductDoc| p.sales, false),
    ] {
        for text in ["", "枸杞"] {
            let found = ids(
                &index,
                &SearchQuery {
                    sort,
                    ..all(SearchQuery::text(text))
                },
            );
            assert!(found.len() > 5, "{sort:?} {text:?}");
            let values: Vec<i64> = found.iter().map(|id| field(id, key)).collect();
            let ordered = values.windows(2).all(|w| {
                if ascending {
                    w[0] <= w[1]
                } else {
                    w[0] >= w[1]
                }
            });
            assert!(ordered, "{sort:?} {text:?}: {values:?}");
        }
    }
    // Browsing with the default sort lists best-sellers first.
    let browse = ids(&index, &SearchQuery::default());
    assert_eq!(browse.first().map(String::as_str), Some("salt-chaka"));
}

#[test]
fn pages_through_results() {
    let index = fixture_index();
    let whole = ids(&index, &all(SearchQuery::text("枸杞")));
    let first = ids(
        &index,
        &SearchQuery {
            limit: 3,
            ..SearchQuery::text("枸杞")
        },
    );
    let second = ids(
        &index,
        &SearchQuery {
            limit: 3,
            offset: 3,
            ..SearchQuery::text("枸杞")
        },
    );
    assert_eq!([first, second].concat(), whole[..6].to_vec());
    let count_only = index
        .search(&SearchQuery {
            limit: 0,
            ..SearchQuery::text("枸杞")
        })
        .expect("search");
    assert!(count_only.hits.is_empty() && count_only.total == whole.len());
    let huge = SearchQuery {
        limit: usize::MAX,
        offset: usize::MAX,
        ..SearchQuery::default()
    };
    assert!(index.search(&huge).expect("search").hits.is_empty());
}

#[test]
fn upsert_replaces_and_remove_removes() {
    let index = fixture_index();
    let before = index.num_docs();
    let mut changed = product("goji-special");
    changed.title = "柴达木红枸杞 特级 1kg 新品".into();
    changed.title_en = "Qaidam red goji, new season".into();
    index.upsert(&[changed.clone(), changed]).expect("upsert");
    index.commit().expect("commit");
    assert_eq!(index.num_docs(), before);
    let found = ids(&index, &all(SearchQuery::text("new season")));
    assert_eq!(found, vec!["goji-special".to_string()]);
    let found = ids(&index, &all(SearchQuery::text("枸杞")));
    assert_eq!(found.iter().filter(|id| *id == "goji-special").count(), 1);

    index.remove("goji-special").expect("remove");
    index.commit().expect("commit");
    assert!(!ids(&index, &all(SearchQuery::text("枸杞"))).contains(&"goji-special".to_string()));
    assert_eq!(index.num_docs(), before - 1);

    assert!(index.upsert(&[ProductDoc::default()]).is_err());
    index.clear().expect("clear");
    assert_eq!(index.num_docs(), before - 1, "clear waits for commit");
    index.commit().expect("commit");
    assert_eq!(index.num_docs(), 0);
}

#[test]
fn changes_are_searchable_within_a_second_of_commit() {
    let index = fixture_index();
    let mut new = product("bgoji-bulk");
    new.id = "new-product".into();
    new.title = "雪源镇红柳村 沙棘原浆 新品".into();
    let started = Instant::now();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            index.upsert(&[new]).expect("upsert");
            index.commit().expect("commit");
        });
        let query = SearchQuery::text("沙棘原浆 新品");
        while !ids(&index, &query).contains(&"new-product".to_string()) {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "never became visible"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    });
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(1),
        "visible after {elapsed:?}"
    );
}

#[test]
fn an_index_on_disk_survives_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let index = SearchIndex::open(dir.path()).expect("open");
        assert_eq!(index.num_docs(), 0);
        index.upsert(&products()).expect("upsert");
        index.commit().expect("commit");
    }
    let index = SearchIndex::open(dir.path()).expect("reopen");
    assert_eq!(index.num_docs(), products().len() as u64);
    assert!(ids(&index, &SearchQuery::text("gouqi")).contains(&"goji-special".to_string()));
}

/// Text a buyer or a bot might send: empty, punctuation, syntax, control characters, mixed
/// scripts, emoji, long strings and unassigned code points.
fn hostile_texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "",
        " ",
        "\t\n\r",
        "!!!",
        "？？？",
        "（）【】",
        "title:(",
        "title:\"",
        "a AND OR NOT b",
        "*",
        "?",
        "~",
        "^2",
        "\"枸杞",
        "+-&&||!(){}[]^\"~*?:\\/",
        "\u{0}\u{1}\u{7f}",
        "\u{200b}",
        "🍒🐂",
        "ｇｏｕｑｉ",
        "Ⅻ",
        "ﷺ",
        "\u{10FFFF}",
        "𠀀𠀁",
        "枸杞\u{0}黑",
        "a",
        "1",
        "0000000000",
        "-1",
        "x".repeat(10_000).as_str(),
        "枸杞".repeat(5_000).as_str(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // A deterministic scramble of characters from every script and class above.
    let alphabet: Vec<char> = "枸杞黑盐湖 gouqi\"():*?~^\\\u{0}\t🍒ｑ𠀀-_.,;'[]{}<>/|&%$#@!"
        .chars()
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        let len = (state % 40) as usize;
        let text: String = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                alphabet[(state % alphabet.len() as u64) as usize]
            })
            .collect();
        texts.push(text);
    }
    texts
}

#[test]
fn no_text_breaks_a_search() {
    let index = fixture_index();
    for text in hostile_texts() {
        for sort in [Sort::Relevance, Sort::PriceAsc, Sort::Sales] {
            let query = SearchQuery {
                sort,
                category: Some(text.clone()),
                place: Some(text.clone()),
                ..SearchQuery::text(text.clone())
            };
            if let Err(error) = index.search(&query) {
                panic!("{text:?}: {error}");
            }
        }
    }
}

#[test]
fn no_text_breaks_indexing() {
    let index = SearchIndex::in_memory().expect("index");
    let docs: Vec<ProductDoc> = hostile_texts()
        .into_iter()
        .enumerate()
        .map(|(n, text)| ProductDoc {
            id: format!("weird-{n}"),
            title: text.clone(),
            title_en: text.clone(),
            origin: text.clone(),
            village_code: text,
            price_fen: i64::MIN + n as i64,
            sales: i64::MAX - n as i64,
            ..ProductDoc::default()
        })
        .collect();
    index.upsert(&docs).expect("upsert");
    index.commit().expect("commit");
    assert_eq!(index.num_docs(), docs.len() as u64);
    assert!(index
        .search(&SearchQuery {
            sort: Sort::PriceAsc,
            ..SearchQuery::default()
        })
        .is_ok());
}
