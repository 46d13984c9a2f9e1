//! The dashboard's tables, built once for the page, the CSV and the XLSX: the same rows, money
//! in fen until a writer or the page formats it, headings in the reader's language.

use farmgate_documents::{Cell, Sheet};
use farmgate_domain::address::Province;
use farmgate_domain::catalogue::{AgriculturalStage, Category};
use farmgate_domain::place::PlaceLevel;
use farmgate_domain::stats::{Channel, Growth, MIN_BASE_FEN};
use farmgate_services::stats::{Dashboard, Figure, Headline, Ranked, Summary, Unit};

use super::format;
pub use super::table_id::TableId;
use crate::i18n::Lang;
use crate::texts::Texts;

/// One table of the dashboard, headings first.
pub fn sheet(id: TableId, dashboard: &Dashboard, t: &Texts) -> Sheet {
    let rows = match id {
        TableId::Headlines => figures(&dashboard.summary.headlines, t),
        TableId::Channels => compared(t, t.stats.channel, &channels(t, &dashboard.summary)),
        TableId::Categories => categories(dashboard, t),
        TableId::Quarters => quarters(dashboard, t),
        TableId::Months => months(dashboard, t),
        TableId::Places => places(dashboard, t),
        TableId::Products => ranked(&dashboard.top_products, t),
        TableId::Producers => ranked(&dashboard.top_shops, t),
        TableId::Destinations => destinations(dashboard, t),
        TableId::Live => figures(live_figures(dashboard), t),
        TableId::LiveSessions => live_sessions(dashboard, t),
        TableId::Network => figures(dashboard.network.as_deref().unwrap_or_default(), t),
        TableId::Campaigns => campaigns(dashboard, t),
    };
    Sheet {
        name: id.title(t).to_owned(),
        rows,
    }
}

/// A channel's name in this language.
pub fn channel_name(t: &Texts, channel: Channel) -> &'static str {
    let index = Channel::ALL.iter().position(|c| *c == channel).unwrap_or(0);
    t.stats.channels[index]
}

/// The summary's channels with their names.
pub fn channels(t: &Texts, summary: &Summary) -> Vec<(String, Figure)> {
    summary
        .channels
        .iter()
        .map(|(channel, figure)| (channel_name(t, *channel).to_owned(), *figure))
        .collect()
}

/// A province's name, from the two-digit code destinations carry.
pub fn province_name(t: &Texts, code: &str) -> String {
    match code.parse::<u8>().ok().and_then(Province::from_code) {
        Some(province) if t.zh => province.name_zh().to_owned(),
        Some(province) => province.name_en().to_owned(),
        None => code.to_owned(),
    }
}

/// A growth as a spreadsheet cell: a percentage, or the words for a base too small.
pub fn growth_cell(t: &Texts, growth: Growth) -> Cell {
    match growth {
        Growth::Percent { basis_points } => Cell::Percent(basis_points),
        other => Cell::Text(format::growth(t, other)),
    }
}

/// A cell as the page shows it.
pub fn display(lang: Lang, cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::Count(n) => format::count(lang, *n),
        Cell::Money(fen) => format::money(lang, *fen),
        Cell::Percent(bp) => format::rate(*bp),
    }
}

/// Figures with their unit, last year, the period before and both growths.
fn figures(figures: &[Headline], t: &Texts) -> Vec<Vec<Cell>> {
    let s = t.stats;
    let mut rows = vec![heads(&[
        s.figure,
        s.unit,
        s.now,
        s.last_year,
        s.year_on_year,
        s.previous,
        s.on_previous,
    ])];
    for headline in figures {
        let (name, _) = s.figure(headline.id);
        let (unit, value): (&str, fn(i64) -> Cell) = match headline.unit {
            Unit::Fen => (s.yuan, Cell::Money),
            Unit::Count => (s.count, Cell::Count),
            Unit::BasisPoints => (s.percent, Cell::Percent),
        };
        let f = headline.figure;
        rows.push(vec![
            Cell::text(name),
            Cell::text(unit),
            value(f.now),
            value(f.last_year),
            growth_cell(t, f.year_on_year),
            value(f.previous),
            growth_cell(t, f.on_previous),
        ]);
    }
    rows
}

/// Rows of named figures with their share of the period's total and both growths.
fn compared(t: &Texts, key: &str, rows: &[(String, Figure)]) -> Vec<Vec<Cell>> {
    let s = t.stats;
    let total: i64 = rows.iter().map(|(_, f)| f.now).sum();
    let mut out = vec![heads(&[
        key,
        s.net_sales,
        s.share,
        s.last_year,
        s.year_on_year,
        s.previous,
        s.on_previous,
    ])];
    for (name, f) in rows {
        out.push(vec![
            Cell::text(name.as_str()),
            Cell::Money(f.now),
            share_cell(t, f.now, total),
            Cell::Money(f.last_year),
            growth_cell(t, f.year_on_year),
            Cell::Money(f.previous),
            growth_cell(t, f.on_previous),
        ]);
    }
    out
}

fn categories(dashboard: &Dashboard, t: &Texts) -> Vec<Vec<Cell>> {
    let named: Vec<(String, Figure)> = dashboard
        .categories
        .iter()
        .map(|(category, figure)| (t.category(*category).to_owned(), *figure))
        .collect();
    let mut rows = compared(t, t.category, &named);
    if let Some(head) = rows.first_mut() {
        head.insert(1, Cell::text(t.stats.stage));
    }
    for (row, (category, _)) in rows.iter_mut().skip(1).zip(&dashboard.categories) {
        row.insert(1, Cell::text(stage_name(t, *category)));
    }
    rows
}

/// Primary, processed or not agricultural.
pub fn stage_name(t: &Texts, category: Category) -> &'static str {
    match category.stage() {
        Some(AgriculturalStage::Primary) => t.stats.primary,
        Some(AgriculturalStage::Processed) => t.stats.processed,
        None => t.stats.not_agricultural,
    }
}

fn quarters(dashboard: &Dashboard, t: &Texts) -> Vec<Vec<Cell>> {
    let s = t.stats;
    let year = dashboard.summary.to.get(..4).unwrap_or_default();
    let last = year
        .parse::<i64>()
        .map_or_else(|_| String::new(), |y| (y - 1).to_string());
    let mut rows = vec![vec![
        Cell::text(s.period),
        Cell::text(format!("{} {year}", s.net_sales)),
        Cell::text(format!("{} {last}", s.net_sales)),
        Cell::text(s.year_on_year),
    ]];
    for (quarter, now, before) in &dashboard.quarters {
        let growth = Growth::of(*now, *before, MIN_BASE_FEN);
        rows.push(vec![
            Cell::text(s.quarter.replace("{n}", &quarter.to_string())),
            Cell::Money(*now),
            Cell::Money(*before),
            growth_cell(t, growth),
        ]);
    }
    rows
}

fn months(dashboard: &Dashboard, t: &Texts) -> Vec<Vec<Cell>> {
    let mut rows = vec![heads(&[t.stats.month, t.stats.net_sales])];
    for (month, fen) in &dashboard.months {
        rows.push(vec![
            Cell::text(format!("{}-{:02}", month / 100, month % 100)),
            Cell::Money(*fen),
        ]);
    }
    rows
}

fn places(dashboard: &Dashboard, t: &Texts) -> Vec<Vec<Cell>> {
    let s = t.stats;
    let total: i64 = dashboard
        .places
        .iter()
        .filter(|(p, _)| p.level() == PlaceLevel::Township)
        .map(|(_, f)| f.now)
        .sum();
    let mut rows = vec![heads(&[
        s.code,
        s.name,
        s.level,
        s.net_sales,
        s.share,
        s.last_year,
        s.year_on_year,
    ])];
    for (place, f) in &dashboard.places {
        let name = if t.zh { &place.name_zh } else { &place.name_en };
        let level = match place.level() {
            PlaceLevel::Village => s.village,
            _ => s.township,
        };
        rows.push(vec![
            Cell::text(place.code.as_str()),
            Cell::text(name.as_str()),
            Cell::text(level),
            Cell::Money(f.now),
            share_cell(t, f.now, total),
            Cell::Money(f.last_year),
            growth_cell(t, f.year_on_year),
        ]);
    }
    rows
}

fn ranked(list: &[Ranked], t: &Texts) -> Vec<Vec<Cell>> {
    let s = t.stats;
    let mut rows = vec![heads(&[s.rank, s.name, s.net_sales, s.orders, s.units])];
    for (rank, item) in (1..).zip(list) {
        rows.push(vec![
            Cell::Count(rank),
            Cell::text(item.name.as_str()),
            Cell::Money(item.sales_minor),
            Cell::Count(item.orders),
            Cell::Count(item.units),
        ]);
    }
    rows
}

fn destinations(dashboard: &Dashboard, t: &Texts) -> Vec<Vec<Cell>> {
    let s = t.stats;
    let total: i64 = dashboard.destinations.iter().map(|(_, fen)| fen).sum();
    let mut rows = vec![heads(&[s.province, s.net_sales, s.share])];
    for (code, fen) in &dashboard.destinations {
        rows.push(vec![
            Cell::Text(province_name(t, code)),
            Cell::Money(*fen),
            share_cell(t, *fen, total),
        ]);
    }
    rows
}

fn share_cell(t: &Texts, part: i64, whole: i64) -> Cell {
    format::share_bp(part, whole).map_or_else(|| Cell::text(t.stats.nothing), Cell::Percent)
}

fn heads(titles: &[&str]) -> Vec<Cell> {
    titles.iter().map(|title| Cell::text(*title)).collect()
}

/// The live section's figures; none when the request leaves live sessions out.
pub fn live_figures(dashboard: &Dashboard) -> &[Headline] {
    dashboard
        .live
        .as_ref()
        .map_or(&[], |live| live.figures.as_slice())
}

fn live_sessions(dashboard: &Dashboard, t: &Texts) -> Vec<Vec<Cell>> {
    let s = t.stats;
    let mut rows = vec![heads(&[
        s.session,
        s.producer,
        s.went_live,
        s.net_sales,
        s.orders,
        s.buyers,
        s.viewers,
        s.conversion,
    ])];
    let sessions = dashboard.live.iter().flat_map(|live| &live.sessions);
    for session in sessions {
        let known =
            |value: Option<i64>, cell: fn(i64) -> Cell| value.map_or_else(|| Cell::text("—"), cell);
        rows.push(vec![
            Cell::text(session.title.as_str()),
            Cell::text(session.shop.as_str()),
            Cell::text(session.went_live.as_str()),
            Cell::Money(session.sales_minor),
            Cell::Count(session.orders),
            Cell::Count(session.buyers),
            known(session.viewers, Cell::Count),
            known(session.conversion_bp, Cell::Percent),
        ]);
    }
    rows
}

fn campaigns(dashboard: &Dashboard, t: &Texts) -> Vec<Vec<Cell>> {
    let s = t.stats;
    let mut rows = vec![heads(&[
        s.campaign,
        s.period,
        s.orders,
        s.campaign_paid,
        s.discounts,
        s.platform_bears,
    ])];
    for campaign in dashboard.campaigns.iter().flatten() {
        rows.push(vec![
            Cell::text(campaign.name.as_str()),
            Cell::text(format!("{} – {}", campaign.from, campaign.to)),
            Cell::Count(campaign.orders),
            Cell::Money(campaign.paid_minor),
            Cell::Money(campaign.discount_minor),
            Cell::Money(campaign.platform_minor),
        ]);
    }
    rows
}
