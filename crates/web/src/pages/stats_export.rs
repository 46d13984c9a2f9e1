//! `/stats/export.csv?table=…` and `/stats/export.xlsx?table=…|all` with the dashboard's
//! filters: the same tables the page shows, as files. Money is yuan with two decimals, as
//! numbers; the file is named after the table and the period.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use farmgate_domain::validation::Problem;
use farmgate_services::stats::Dashboard;
use serde::Deserialize;

use super::PageContext;
use crate::error::WebError;
use crate::state::AppState;
use crate::stats::tables::{self, TableId};
use crate::stats::{self as figures, StatsQuery};
use crate::texts::Texts;

#[derive(Deserialize)]
pub struct ExportQuery {
    table: Option<String>,
    #[serde(flatten)]
    filters: StatsQuery,
}

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `GET /stats/export.csv`: one table.
pub async fn csv(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<ExportQuery>,
) -> Result<Response, WebError> {
    let table = match query.table.as_deref().and_then(TableId::parse) {
        Some(table) => table,
        None => {
            authorized(&page, &query)?;
            return Err(WebError::field("table", Problem::Invalid));
        }
    };
    let dashboard = dashboard(&state, &page, &query).await?;
    let bytes = farmgate_documents::csv(&tables::sheet(table, &dashboard, page.t));
    Ok(file(
        "text/csv; charset=utf-8",
        &file_name(table.slug(), &dashboard, "csv"),
        bytes,
    ))
}

/// `GET /stats/export.xlsx`: one table, or `table=all` for every table in one workbook.
pub async fn xlsx(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<ExportQuery>,
) -> Result<Response, WebError> {
    let tables: Vec<TableId> = match query.table.as_deref() {
        Some("all") => TableId::ALL.to_vec(),
        other => match other.and_then(TableId::parse) {
            Some(table) => vec![table],
            None => {
                authorized(&page, &query)?;
                return Err(WebError::field("table", Problem::Invalid));
            }
        },
    };
    let dashboard = dashboard(&state, &page, &query).await?;
    let sheets = sheets(&tables, &dashboard, page.t);
    let bytes =
        farmgate_documents::xlsx(&sheets).map_err(|error| WebError::Internal(error.to_string()))?;
    let name = query.table.as_deref().unwrap_or("all");
    Ok(file(XLSX_TYPE, &file_name(name, &dashboard, "xlsx"), bytes))
}

fn authorized(page: &PageContext, query: &ExportQuery) -> Result<(), WebError> {
    query.filters.authorize(&page.signed()?.actor)
}

async fn dashboard(
    state: &AppState,
    page: &PageContext,
    query: &ExportQuery,
) -> Result<Dashboard, WebError> {
    let user = page.signed()?;
    query.filters.authorize(&user.actor)?;
    let request = query.filters.request(figures::today(&state.services))?;
    state
        .services
        .stats_dashboard(&user.actor, &request)
        .await
        .map_err(figures::refused(&query.filters))
}

fn sheets(ids: &[TableId], dashboard: &Dashboard, t: &Texts) -> Vec<farmgate_documents::Sheet> {
    ids.iter()
        .map(|id| tables::sheet(*id, dashboard, t))
        .collect()
}

/// `farmgate-channels-2026-10-01_2026-12-31.csv`: ASCII only, so every browser keeps it.
fn file_name(table: &str, dashboard: &Dashboard, ext: &str) -> String {
    let s = &dashboard.summary;
    format!("farmgate-{table}-{}_{}.{ext}", s.from, s.to)
}

fn file(content_type: &'static str, name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}
