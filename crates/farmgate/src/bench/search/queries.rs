//! The fixed query mix of `farmgate bench search`, by class: what buyers type (Chinese, pinyin,
//! initials, English, typos) and what the pages ask (filters, sorts, browsing).

use farmgate_search::{SearchQuery, Sort};

/// Classes in the order they are reported.
pub const CLASSES: &[&str] = &[
    "chinese", "pinyin", "initials", "english", "typo", "filtered", "sorted", "browse",
];

fn text(text: &str) -> SearchQuery {
    SearchQuery::text(text)
}

/// (class, label, query).
pub fn mix() -> Vec<(&'static str, String, SearchQuery)> {
    let mut out: Vec<(&'static str, String, SearchQuery)> = Vec::new();
    for q in [
        "枸杞",
        "黑枸杞 特级",
        "牦牛肉",
        "藜麦",
        "湖盐",
        "虫草",
        "青稞",
        "柴达木黑枸杞",
        "青海枸杞",
    ] {
        out.push(("chinese", q.to_string(), text(q)));
    }
    for q in [
        "gouqi",
        "heigouqi",
        "gou qi",
        "maoniurou",
        "limai",
        "qingke",
    ] {
        out.push(("pinyin", q.to_string(), text(q)));
    }
    for q in ["gq", "hgq", "mnr", "lm"] {
        out.push(("initials", q.to_string(), text(q)));
    }
    for q in [
        "goji",
        "quinoa",
        "yak",
        "lake salt",
        "sea buckthorn",
        "honey",
    ] {
        out.push(("english", q.to_string(), text(q)));
    }
    for q in ["quinao", "qiunoa", "hoeny", "buckthron", "cordycpes"] {
        out.push(("typo", q.to_string(), text(q)));
    }
    let filtered = [
        (
            "枸杞 fruit+township+price",
            SearchQuery {
                category: Some("fruit".into()),
                place: Some("632830101".into()),
                min_price_fen: Some(5_000),
                max_price_fen: Some(15_000),
                ..text("枸杞")
            },
        ),
        (
            "goji in stock",
            SearchQuery {
                in_stock_only: true,
                ..text("goji")
            },
        ),
        (
            "牦牛 village",
            SearchQuery {
                place: Some("632830200201".into()),
                ..text("牦牛")
            },
        ),
        (
            "蜂蜜 <= 100 yuan",
            SearchQuery {
                max_price_fen: Some(10_000),
                ..text("蜂蜜")
            },
        ),
    ];
    for (label, query) in filtered {
        out.push(("filtered", label.to_string(), query));
    }
    let sorted = [
        (
            "枸杞 price asc",
            SearchQuery {
                sort: Sort::PriceAsc,
                ..text("枸杞")
            },
        ),
        (
            "蜂蜜 sales",
            SearchQuery {
                sort: Sort::Sales,
                ..text("蜂蜜")
            },
        ),
        (
            "yak price desc",
            SearchQuery {
                sort: Sort::PriceDesc,
                ..text("yak")
            },
        ),
        (
            "gouqi sales, page 3",
            SearchQuery {
                sort: Sort::Sales,
                offset: 40,
                ..text("gouqi")
            },
        ),
    ];
    for (label, query) in sorted {
        out.push(("sorted", label.to_string(), query));
    }
    let browse = [
        (
            "fruit by sales",
            SearchQuery {
                category: Some("fruit".into()),
                ..SearchQuery::default()
            },
        ),
        (
            "township by price",
            SearchQuery {
                place: Some("632830102".into()),
                sort: Sort::PriceAsc,
                ..SearchQuery::default()
            },
        ),
        ("everything by sales", SearchQuery::default()),
    ];
    for (label, query) in browse {
        out.push(("browse", label.to_string(), query));
    }
    out
}
