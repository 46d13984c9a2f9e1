//! `/logistics/measures?days=7`: the network's measures over the last N days with their
//! numerators and denominators, per carrier, and the villages no run reached.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use farmgate_domain::access::{permits, Action};
use farmgate_domain::parcel::Share;
use farmgate_domain::validation::Problem;
use farmgate_services::measures::{measure_days, MeasuresReport, DEFAULT_MEASURE_DAYS};
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::texts::Texts;

#[derive(Template)]
#[template(path = "measures.html")]
struct MeasuresPage {
    page: PageContext,
    days: i64,
    window: String,
    /// (id, label, value, hint).
    figures: Vec<(&'static str, &'static str, String, &'static str)>,
    /// (carrier, co-distribution, on time).
    carriers: Vec<(String, String, String)>,
    unreached: Vec<String>,
    /// Why the window was refused; the page then shows only the form.
    days_error: Option<String>,
}

#[derive(Deserialize)]
pub struct DaysQuery {
    days: Option<String>,
}

/// `GET /logistics/measures?days=N` (7 when absent); a bad N is 422 with the form and why.
pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<DaysQuery>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let days = match measure_days(query.days.as_deref()) {
        Ok(days) => days,
        Err(_) => {
            // Refused before reading anything, but only for those who may read the measures.
            if !permits(&user.actor, &Action::ViewNetworkMeasures) {
                return Err(WebError::Forbidden);
            }
            let refused = MeasuresPage {
                days: DEFAULT_MEASURE_DAYS,
                window: String::new(),
                figures: Vec::new(),
                carriers: Vec::new(),
                unreached: Vec::new(),
                days_error: Some(page.t.problem("days", &Problem::Invalid)),
                page,
            };
            let mut response = render(&refused)?;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(response);
        }
    };
    let report = state.services.network_measures(&user.actor, days).await?;
    let window = page
        .t
        .measures
        .window
        .replace("{days}", &days.to_string())
        .replace("{until}", &state.site.local_time(report.until));
    render(&measures_page(page, &report, window))
}

fn measures_page(page: PageContext, report: &MeasuresReport, window: String) -> MeasuresPage {
    let t = page.t;
    let m = &report.measures;
    let parcels = |share: Share| share_text(t, t.measures.parcels_share, share);
    let per_run = m.parcels_per_run_tenths().map_or_else(
        || t.measures.nothing.to_owned(),
        |tenths| {
            t.measures
                .per_run
                .replace("{per_run}", &format!("{}.{}", tenths / 10, tenths % 10))
                .replace("{parcels}", &m.carried.to_string())
                .replace("{runs}", &m.runs.to_string())
        },
    );
    let km = m.metres_per_parcel().map_or_else(
        || t.measures.nothing.to_owned(),
        |metres| {
            t.measures
                .km
                .replace("{km}", &kilometres(metres))
                .replace("{total}", &kilometres(m.distance_m))
        },
    );
    let cost = m.cost_per_parcel().map_or_else(
        || t.measures.nothing.to_owned(),
        |per_parcel| {
            t.measures
                .cost
                .replace("{per_parcel}", &per_parcel.to_string())
                .replace("{total}", &m.cost.to_string())
        },
    );
    let figures = vec![
        (
            "co-distribution",
            t.measures.co_distribution,
            parcels(m.co_distribution),
            t.measures.co_distribution_hint,
        ),
        ("parcels-per-run", t.measures.parcels_per_run, per_run, ""),
        ("km-per-parcel", t.measures.km_per_parcel, km, ""),
        ("cost-per-parcel", t.measures.cost_per_parcel, cost, ""),
        (
            "on-time",
            t.measures.on_time,
            parcels(m.on_time),
            t.measures.on_time_hint,
        ),
        (
            "villages-served",
            t.measures.villages_served,
            share_text(t, t.measures.villages_share, m.villages_served),
            "",
        ),
    ];
    let carriers = report
        .carriers
        .iter()
        .map(|(carrier, shares)| {
            (
                format!("{} {}", carrier.code, carrier.name),
                parcels(shares.co_distribution),
                parcels(shares.on_time),
            )
        })
        .collect();
    let unreached = report
        .unreached
        .iter()
        .map(|place| match page.lang {
            Lang::Zh => place.name_zh.clone(),
            Lang::En => place.name_en.clone(),
        })
        .collect();
    MeasuresPage {
        days: report.days,
        window,
        figures,
        carriers,
        unreached,
        days_error: None,
        page,
    }
}

/// "62.5 % — 100 of 160 …" with the share's counts; the dash alone when there is nothing.
pub(crate) fn share_text(t: &Texts, template: &str, share: Share) -> String {
    let Some(permille) = share.permille() else {
        return t.measures.nothing.to_owned();
    };
    template
        .replace(
            "{percent}",
            &format!("{}.{} %", permille / 10, permille % 10),
        )
        .replace("{part}", &share.part.to_string())
        .replace("{whole}", &share.whole.to_string())
}

/// Metres as kilometres to one decimal, rounded down.
fn kilometres(metres: i64) -> String {
    format!("{}.{}", metres / 1000, metres % 1000 / 100)
}
