//! The commerce figures as the API spells them: named fields rather than the service's tuples,
//! money in fen, growth with its kind (a percentage, or none over a base of nothing or too
//! small) and each headline's definition in the request's language.

use farmgate_domain::place::PlaceLevel;
use farmgate_domain::stats::Growth;
use farmgate_services::stats::{Dashboard, Figure, Headline, Ranked, Summary, Unit};
use serde::Serialize;
use utoipa::ToSchema;

use super::stats_live_json::LiveJson;
use crate::stats::{format, tables};
use crate::texts::Texts;

#[derive(Serialize, ToSchema)]
pub struct GrowthJson {
    /// `percent`, `no_base` (nothing in the base period: new) or `small_base` (under ¥1,000).
    pub kind: &'static str,
    /// The change in basis points of the base (2310 is +23.1 %); only for `percent`.
    pub basis_points: Option<i64>,
    /// As the page says it: `+23.1%`, `new`, `base too small`.
    pub text: String,
}

#[derive(Serialize, ToSchema)]
pub struct FigureJson {
    /// In the headline's unit; fen for money.
    pub now: i64,
    pub last_year: i64,
    pub previous: i64,
    pub year_on_year: GrowthJson,
    /// Quarter-on-quarter for a quarter, month-on-month for a month, and so on.
    pub on_previous: GrowthJson,
}

#[derive(Serialize, ToSchema)]
pub struct HeadlineJson {
    /// `online_retail_sales`, `agricultural_sales`, `rural_sales`, `down_sales`, `orders`, …
    pub id: String,
    /// `fen`, `count` or `basis_points`.
    pub unit: &'static str,
    pub name: &'static str,
    /// How the figure is defined.
    pub definition: &'static str,
    pub figure: FigureJson,
}

#[derive(Serialize, ToSchema)]
pub struct KeyedFigureJson {
    /// A channel or category slug.
    pub key: String,
    pub name: String,
    /// Net sales in fen.
    pub figure: FigureJson,
}

#[derive(Serialize, ToSchema)]
pub struct SummaryJson {
    pub from: String,
    pub to: String,
    pub last_year_from: String,
    pub last_year_to: String,
    pub previous_from: String,
    pub previous_to: String,
    pub headlines: Vec<HeadlineJson>,
    pub channels: Vec<KeyedFigureJson>,
    /// Why buyers are missing, when they are (only calendar periods, county-wide).
    pub buyers_note: Option<&'static str>,
    /// Why goods down and destinations are missing, when they are (county-wide only).
    pub down_note: Option<&'static str>,
}

#[derive(Serialize, ToSchema)]
pub struct QuarterJson {
    pub quarter: u8,
    pub this_year_fen: i64,
    pub last_year_fen: i64,
}

#[derive(Serialize, ToSchema)]
pub struct MonthJson {
    /// `yyyy-mm`.
    pub month: String,
    pub sales_fen: i64,
}

#[derive(Serialize, ToSchema)]
pub struct PlaceFigureJson {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// `township` or `village`.
    pub level: &'static str,
    /// Net sales in fen, where the sellers are.
    pub figure: FigureJson,
}

#[derive(Serialize, ToSchema)]
pub struct RankedJson {
    pub id: String,
    pub name: String,
    pub sales_fen: i64,
    pub orders: i64,
    pub units: i64,
}

#[derive(Serialize, ToSchema)]
pub struct DestinationJson {
    /// Two-digit province code.
    pub province: String,
    pub name: String,
    pub sales_fen: i64,
}

#[derive(Serialize, ToSchema)]
pub struct DashboardJson {
    pub summary: SummaryJson,
    pub categories: Vec<KeyedFigureJson>,
    /// This year's quarters (the period's year) beside last year's.
    pub quarters: Vec<QuarterJson>,
    /// Both years, month by month.
    pub months: Vec<MonthJson>,
    pub places: Vec<PlaceFigureJson>,
    pub top_products: Vec<RankedJson>,
    pub top_shops: Vec<RankedJson>,
    pub destinations: Vec<DestinationJson>,
    /// The period's live sessions; absent when narrowed to a category or another channel.
    pub live: Option<LiveJson>,
    /// Runs, co-distribution and village coverage; county-wide requests only.
    pub network: Option<Vec<HeadlineJson>>,
}

fn growth(t: &Texts, growth: Growth) -> GrowthJson {
    let (kind, basis_points) = match growth {
        Growth::Percent { basis_points } => ("percent", Some(basis_points)),
        Growth::NoBase => ("no_base", None),
        Growth::SmallBase => ("small_base", None),
    };
    GrowthJson {
        kind,
        basis_points,
        text: format::growth(t, growth),
    }
}

fn figure(t: &Texts, f: &Figure) -> FigureJson {
    FigureJson {
        now: f.now,
        last_year: f.last_year,
        previous: f.previous,
        year_on_year: growth(t, f.year_on_year),
        on_previous: growth(t, f.on_previous),
    }
}

/// A value's snake_case name as serde writes it.
fn slug(value: impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl HeadlineJson {
    pub fn new(t: &Texts, h: &Headline) -> HeadlineJson {
        let (name, definition) = t.stats.figure(h.id);
        HeadlineJson {
            id: slug(h.id),
            unit: match h.unit {
                Unit::Fen => "fen",
                Unit::Count => "count",
                Unit::BasisPoints => "basis_points",
            },
            name,
            definition,
            figure: figure(t, &h.figure),
        }
    }
}

impl SummaryJson {
    pub fn new(t: &Texts, summary: &Summary) -> SummaryJson {
        let headlines: Vec<HeadlineJson> = summary
            .headlines
            .iter()
            .map(|h| HeadlineJson::new(t, h))
            .collect();
        let has = |id: &str| headlines.iter().any(|h| h.id == id);
        let (buyers, down) = (has("buyers"), has("down_sales"));
        SummaryJson {
            from: summary.from.clone(),
            to: summary.to.clone(),
            last_year_from: summary.last_year_from.clone(),
            last_year_to: summary.last_year_to.clone(),
            previous_from: summary.previous_from.clone(),
            previous_to: summary.previous_to.clone(),
            headlines,
            channels: summary
                .channels
                .iter()
                .map(|(channel, f)| KeyedFigureJson {
                    key: channel.as_str().to_owned(),
                    name: tables::channel_name(t, *channel).to_owned(),
                    figure: figure(t, f),
                })
                .collect(),
            buyers_note: (!buyers).then_some(t.stats.buyers_note),
            down_note: (!down).then_some(t.stats.down_note),
        }
    }
}

impl DashboardJson {
    pub fn new(t: &Texts, d: &Dashboard) -> DashboardJson {
        let ranked = |list: &[Ranked]| {
            list.iter()
                .map(|r| RankedJson {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    sales_fen: r.sales_minor,
                    orders: r.orders,
                    units: r.units,
                })
                .collect()
        };
        DashboardJson {
            summary: SummaryJson::new(t, &d.summary),
            categories: d
                .categories
                .iter()
                .map(|(category, f)| KeyedFigureJson {
                    key: category.slug().to_owned(),
                    name: t.category(*category).to_owned(),
                    figure: figure(t, f),
                })
                .collect(),
            quarters: d
                .quarters
                .iter()
                .map(|(quarter, now, last)| QuarterJson {
                    quarter: *quarter,
                    this_year_fen: *now,
                    last_year_fen: *last,
                })
                .collect(),
            months: d
                .months
                .iter()
                .map(|(month, fen)| MonthJson {
                    month: format!("{}-{:02}", month / 100, month % 100),
                    sales_fen: *fen,
                })
                .collect(),
            places: d
                .places
                .iter()
                .map(|(place, f)| PlaceFigureJson {
                    code: place.code.as_str().to_owned(),
                    name_zh: place.name_zh.clone(),
                    name_en: place.name_en.clone(),
                    level: match place.level() {
                        PlaceLevel::Village => "village",
                        _ => "township",
                    },
                    figure: figure(t, f),
                })
                .collect(),
            top_products: ranked(&d.top_products),
            top_shops: ranked(&d.top_shops),
            destinations: d
                .destinations
                .iter()
                .map(|(code, fen)| DestinationJson {
                    province: code.clone(),
                    name: tables::province_name(t, code),
                    sales_fen: *fen,
                })
                .collect(),
            live: d.live.as_ref().map(|live| LiveJson::new(t, live)),
            network: d
                .network
                .as_ref()
                .map(|figures| figures.iter().map(|h| HeadlineJson::new(t, h)).collect()),
        }
    }
}
