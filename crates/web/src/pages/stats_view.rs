//! The dashboard's sections below the headline figures: each a chart (inline SVG) over its
//! table, with the table's downloads. The tables are the exports' own rows, formatted.

use farmgate_domain::place::{AreaCode, Place, PlaceLevel};
use farmgate_services::stats::{Dashboard, FigureId};

use super::stats::HeadlineView;
use crate::i18n::Lang;
use crate::stats::charts::{self, Svg, TownshipSales};
use crate::stats::tables::{self, TableId};
use crate::stats::StatsQuery;
use crate::texts::Texts;

pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub note: &'static str,
    /// Figures shown as cards with their definitions, in place of the table.
    pub cards: Vec<HeadlineView>,
    pub chart: Option<Svg>,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub csv: String,
    pub xlsx: String,
}

/// Every section, in the order the page shows them.
pub fn sections(
    t: &Texts,
    lang: Lang,
    dashboard: &Dashboard,
    query: &StatsQuery,
    places: &[Place],
    href: &dyn Fn(&str, &str) -> String,
) -> Vec<Section> {
    let charted = [
        (TableId::Quarters, Some(quarters(t, lang, dashboard)), ""),
        (
            TableId::Channels,
            Some(charts::stacked(
                lang,
                &tables::channels(t, &dashboard.summary)
                    .into_iter()
                    .map(|(name, f)| (name, f.now))
                    .collect::<Vec<_>>(),
            )),
            "",
        ),
        (
            TableId::Categories,
            Some(agricultural(t, lang, dashboard)),
            "",
        ),
        (
            TableId::Places,
            Some(charts::place_grid(
                lang,
                &townships(lang, dashboard, query, places),
            )),
            t.stats.places_note,
        ),
        (TableId::Products, None, ""),
        (TableId::Producers, None, ""),
        (TableId::Live, None, t.stats.live_note),
        (TableId::LiveSessions, None, ""),
        (TableId::Network, None, t.stats.network_note),
        (TableId::Campaigns, None, t.stats.campaigns_note),
        (
            TableId::Destinations,
            Some(destinations(t, lang, dashboard)),
            "",
        ),
        (TableId::Months, None, ""),
    ];
    charted
        .into_iter()
        .filter(|(id, _, _)| match id {
            TableId::Live | TableId::LiveSessions => dashboard.live.is_some(),
            TableId::Network => dashboard.network.is_some(),
            TableId::Campaigns => dashboard.campaigns.is_some(),
            _ => true,
        })
        .map(|(id, chart, note)| {
            let sheet = tables::sheet(id, dashboard, t);
            let mut rows = sheet
                .rows
                .iter()
                .map(|row| row.iter().map(|cell| tables::display(lang, cell)).collect());
            let cards = match id {
                TableId::Live => tables::live_figures(dashboard),
                TableId::Network => dashboard.network.as_deref().unwrap_or_default(),
                _ => &[],
            };
            Section {
                id: id.slug(),
                title: id.title(t),
                note,
                cards: cards
                    .iter()
                    .map(|h| HeadlineView::new(t, lang, h))
                    .collect(),
                chart,
                head: rows.next().unwrap_or_default(),
                rows: rows.collect(),
                csv: href("csv", id.slug()),
                xlsx: href("xlsx", id.slug()),
            }
        })
        .collect()
}

fn quarters(t: &Texts, lang: Lang, dashboard: &Dashboard) -> Svg {
    let year = dashboard.summary.to.get(..4).unwrap_or_default();
    let last = year
        .parse::<i64>()
        .map_or_else(|_| String::new(), |y| (y - 1).to_string());
    charts::quarters(t, lang, &dashboard.quarters, year, &last)
}

/// Primary, processed and everything else, from the headline figures.
fn agricultural(t: &Texts, lang: Lang, dashboard: &Dashboard) -> Svg {
    let now = |id: FigureId| {
        dashboard
            .summary
            .headlines
            .iter()
            .find(|h| h.id == id)
            .map_or(0, |h| h.figure.now)
    };
    let other = now(FigureId::OnlineRetailSales) - now(FigureId::AgriculturalSales);
    charts::stacked(
        lang,
        &[
            (
                t.stats.primary.to_owned(),
                now(FigureId::AgriculturalPrimarySales),
            ),
            (
                t.stats.processed.to_owned(),
                now(FigureId::AgriculturalProcessedSales),
            ),
            (t.stats.not_agricultural.to_owned(), other),
        ],
    )
}

fn destinations(t: &Texts, lang: Lang, dashboard: &Dashboard) -> Svg {
    let rows: Vec<(String, i64)> = dashboard
        .destinations
        .iter()
        .map(|(code, fen)| (tables::province_name(t, code), *fen))
        .collect();
    charts::bars(lang, &rows)
}

/// Every township and village in the filter's place, with its sales (none where it sold
/// nothing), so quiet villages show as pale boxes rather than vanish.
fn townships(
    lang: Lang,
    dashboard: &Dashboard,
    query: &StatsQuery,
    places: &[Place],
) -> Vec<TownshipSales> {
    let sales = |place: &Place| {
        dashboard
            .places
            .iter()
            .find(|(p, _)| p.code == place.code)
            .map_or(0, |(_, f)| f.now)
    };
    let name = |place: &Place| match lang {
        Lang::Zh => place.name_zh.clone(),
        Lang::En => place.name_en.clone(),
    };
    let filter = query
        .place
        .as_deref()
        .and_then(|code| AreaCode::parse(code.trim()));
    // A place is drawn when it lies in the filter's place, or the filter's place lies in it.
    let within = |place: &Place| {
        filter
            .as_ref()
            .is_none_or(|f| place.code.lies_in(f) || f.lies_in(&place.code))
    };
    places
        .iter()
        .filter(|p| p.level() == PlaceLevel::Township && within(p))
        .map(|township| TownshipSales {
            name: name(township),
            sales: sales(township),
            villages: places
                .iter()
                .filter(|v| v.level() == PlaceLevel::Village && v.code.lies_in(&township.code))
                .filter(|v| within(v))
                // "Village" under every box would crowd out the names themselves.
                .map(|v| (name(v).trim_end_matches(" Village").to_owned(), sales(v)))
                .collect(),
        })
        .collect()
}
