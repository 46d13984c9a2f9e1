//! `/stats`: the commerce figures for the county (hub, analysts) or one shop (its members,
//! `?shop=`): headline figures with growth and their definitions beside them, charts, tables
//! to download, filters, and a printable layout. Bad filters are 422 with the form and why.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use farmgate_domain::catalogue::Category;
use farmgate_domain::place::{Place, PlaceLevel};
use farmgate_domain::stats::Channel;
use farmgate_services::stats::{Dashboard, FigureId, Headline, Unit};

use super::stats_view::{self, Section};
use super::{render, PageContext};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::stats::{self as figures, format, StatsQuery};
use crate::texts::Texts;

/// The period kinds the form offers, in `StatsTexts::periods` order.
const PERIODS: [&str; 7] = ["day", "week", "month", "quarter", "year", "ytd", "range"];

#[derive(Template)]
#[template(path = "stats.html")]
struct StatsPage {
    page: PageContext,
    heading: String,
    form: StatsQuery,
    period: String,
    periods: Vec<(&'static str, &'static str)>,
    places: Vec<(String, String)>,
    categories: Vec<(&'static str, &'static str)>,
    channels: Vec<(&'static str, &'static str)>,
    /// (field, message) for each refused filter; the page then shows only the form.
    errors: Vec<(&'static str, String)>,
    view: Option<View>,
}

struct View {
    span: String,
    compared: String,
    headlines: Vec<HeadlineView>,
    /// Buyers are counted only for calendar periods county-wide: say so where they are missing.
    buyers_missing: bool,
    /// Goods down and destinations are kept for the whole county only.
    down_missing: bool,
    sections: Vec<Section>,
    /// The export of every table in one workbook.
    xlsx_all: String,
    headlines_csv: String,
    headlines_xlsx: String,
}

/// A figure's card: its value, growth and definition.
pub(super) struct HeadlineView {
    id: String,
    name: &'static str,
    definition: &'static str,
    value: String,
    last_year: String,
    year_on_year: String,
    on_previous: String,
}

impl HeadlineView {
    pub(super) fn new(t: &Texts, lang: Lang, h: &Headline) -> HeadlineView {
        let (name, definition) = t.stats.figure(h.id);
        let shown = |value: i64| match h.unit {
            Unit::Fen => format::money(lang, value),
            Unit::Count => format::count(lang, value),
            Unit::BasisPoints => format::rate(value),
        };
        HeadlineView {
            id: figure_slug(h.id),
            name,
            definition,
            value: shown(h.figure.now),
            last_year: shown(h.figure.last_year),
            year_on_year: format::growth(t, h.figure.year_on_year),
            on_previous: format::growth(t, h.figure.on_previous),
        }
    }
}

/// `GET /stats?period=&date=&from=&to=&place=&category=&channel=&shop=`.
pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<StatsQuery>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    query.authorize(&user.actor)?;
    let places = state.services.places().await?;
    let heading = match query.shop_id() {
        Some(shop) => {
            let shop = state.services.shop(&shop).await?;
            page.t.stats.shop_title.replace("{shop}", &shop.name)
        }
        None => page.t.stats.title.to_owned(),
    };
    let request = match query.request(figures::today(&state.services)) {
        Ok(request) => request,
        Err(WebError::Validation(errors)) => {
            let errors = errors
                .0
                .iter()
                .map(|e| (e.field, page.t.problem(e.field, &e.problem)))
                .collect();
            let refused = stats_page(page, heading, query, &places, errors, None);
            let mut response = render(&refused)?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(response);
        }
        Err(other) => return Err(other),
    };
    let dashboard = state
        .services
        .stats_dashboard(&user.actor, &request)
        .await
        .map_err(figures::refused(&query))?;
    let view = view(&page, &query, &dashboard, &places);
    render(&stats_page(
        page,
        heading,
        query,
        &places,
        Vec::new(),
        Some(view),
    ))
}

fn stats_page(
    page: PageContext,
    heading: String,
    form: StatsQuery,
    places: &[Place],
    errors: Vec<(&'static str, String)>,
    view: Option<View>,
) -> StatsPage {
    let t = page.t;
    let name = |p: &Place| match page.lang {
        Lang::Zh => p.name_zh.clone(),
        Lang::En => p.name_en.clone(),
    };
    let places = places
        .iter()
        .map(|p| {
            let indent = match p.level() {
                PlaceLevel::County => "",
                PlaceLevel::Township => "· ",
                PlaceLevel::Village => "\u{3000}· ",
            };
            (p.code.as_str().to_owned(), format!("{indent}{}", name(p)))
        })
        .collect();
    StatsPage {
        heading,
        period: form.period.clone().unwrap_or_else(|| "quarter".into()),
        periods: PERIODS.into_iter().zip(t.stats.periods).collect(),
        places,
        categories: Category::ALL
            .iter()
            .map(|c| (c.slug(), t.category(*c)))
            .collect(),
        channels: Channel::ALL
            .iter()
            .map(|c| (c.as_str(), figures::tables::channel_name(t, *c)))
            .collect(),
        form,
        errors,
        view,
        page,
    }
}

fn view(page: &PageContext, query: &StatsQuery, dashboard: &Dashboard, places: &[Place]) -> View {
    let (t, lang) = (page.t, page.lang);
    let summary = &dashboard.summary;
    let span = |from: &str, to: &str| t.stats.span.replace("{from}", from).replace("{to}", to);
    let compared = t
        .stats
        .compared
        .replace(
            "{last_year}",
            &span(&summary.last_year_from, &summary.last_year_to),
        )
        .replace(
            "{previous}",
            &span(&summary.previous_from, &summary.previous_to),
        );
    let headlines = summary
        .headlines
        .iter()
        .map(|h| HeadlineView::new(t, lang, h))
        .collect();
    let filters = query.query_string();
    let href = |ext: &str, table: &str| {
        let mut href = format!("/stats/export.{ext}?table={table}");
        if !filters.is_empty() {
            href.push('&');
            href.push_str(&filters);
        }
        href
    };
    View {
        span: span(&summary.from, &summary.to),
        compared,
        headlines,
        buyers_missing: !summary.headlines.iter().any(|h| h.id == FigureId::Buyers),
        down_missing: !summary
            .headlines
            .iter()
            .any(|h| h.id == FigureId::DownSales),
        sections: stats_view::sections(t, lang, dashboard, query, places, &href),
        xlsx_all: href("xlsx", "all"),
        headlines_csv: href("csv", "headlines"),
        headlines_xlsx: href("xlsx", "headlines"),
    }
}

/// The figure's name as the API spells it, for the page's `data-figure`.
fn figure_slug(id: FigureId) -> String {
    serde_json::to_value(id)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}
