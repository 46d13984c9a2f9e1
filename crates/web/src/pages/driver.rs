//! `/driver`: the driver's phone pages — today's runs, a run's stops, and a scan page for the
//! depot (load) and each stop (drop and pick up) showing what is expected there and what is
//! scanned; "stop done" marks the stop. Stops are numbered from 1 in URLs, as on the sheet.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::RouteRunId;
use farmgate_domain::parcel::{Direction, Parcel, ParcelStage};
use farmgate_domain::route_run::RunDay;
use farmgate_domain::validation::Problem;
use farmgate_services::route_runs::RunScan;
use serde::Deserialize;

use super::runs::clock;
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::PageForm;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "driver_runs.html")]
struct DriverRunsPage {
    page: PageContext,
    runs: Vec<(String, String, &'static str, usize)>,
}

#[derive(Template)]
#[template(path = "driver_run.html")]
struct DriverRunPage {
    page: PageContext,
    id: String,
    heading: String,
    status: &'static str,
    /// Number from 1, name, arrival, done.
    stops: Vec<(usize, String, String, bool)>,
}

#[derive(Template)]
#[template(path = "driver_scan.html")]
struct ScanPage {
    page: PageContext,
    run: String,
    heading: String,
    /// Where the scan form posts.
    action: String,
    /// For a stop: its number from 1, and whether it is done.
    stop: Option<(usize, bool)>,
    expected: Vec<ExpectedRow>,
    message: Option<String>,
    failed: bool,
}

struct ExpectedRow {
    code: String,
    what: &'static str,
    scanned: bool,
}

/// A missing code is refused by the use case, after the door.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ScanForm {
    code: String,
}

/// `GET /driver`: today's runs.
pub async fn runs(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let user = page.signed()?;
    let today = RunDay::of(state.services.clock.now());
    let view = state.services.day_runs(&user.actor, today).await?;
    let t = page.t;
    let runs = view
        .runs
        .iter()
        .map(|run| {
            let plate = view
                .vehicles
                .get(&run.vehicle)
                .map_or_else(String::new, |v| v.plate.clone());
            (
                run.id.to_string(),
                format!("{plate} · {}", clock(run.depart_minute)),
                t.runs.status(run.status),
                run.stops.len(),
            )
        })
        .collect();
    render(&DriverRunsPage { page, runs })
}

/// `GET /driver/runs/{id}`: the run's stops in order.
pub async fn run(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let id = run_id(&id)?;
    let sheet = state.services.run_parcels(&user.actor, &id).await?;
    let stops = sheet
        .run
        .stops
        .iter()
        .zip(&sheet.stop_names)
        .enumerate()
        .map(|(index, (stop, name))| {
            (
                index + 1,
                name.clone(),
                clock(stop.arrival_minute),
                stop.done_at.is_some(),
            )
        })
        .collect();
    render(&DriverRunPage {
        id: id.to_string(),
        heading: clock(sheet.run.depart_minute),
        status: page.t.runs.status(sheet.run.status),
        stops,
        page,
    })
}

/// `GET /driver/runs/{id}/load`: the down parcels to load at the depot.
pub async fn load_page(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    scan_page(&state, page, &id, None, None).await
}

/// `POST /driver/runs/{id}/load` with a parcel `code`.
pub async fn load_scan(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(form): PageForm<ScanForm>,
) -> Result<Response, WebError> {
    scanned(&state, page, &id, None, &form.code).await
}

/// `GET /driver/runs/{id}/stops/{n}`.
pub async fn stop_page(
    State(state): State<AppState>,
    page: PageContext,
    Path((id, number)): Path<(String, usize)>,
) -> Result<Response, WebError> {
    scan_page(&state, page, &id, Some(position(number)?), None).await
}

/// `POST /driver/runs/{id}/stops/{n}` with a parcel `code`.
pub async fn stop_scan(
    State(state): State<AppState>,
    page: PageContext,
    Path((id, number)): Path<(String, usize)>,
    PageForm(form): PageForm<ScanForm>,
) -> Result<Response, WebError> {
    scanned(&state, page, &id, Some(position(number)?), &form.code).await
}

/// `POST /driver/runs/{id}/stops/{n}/done`.
pub async fn stop_done(
    State(state): State<AppState>,
    page: PageContext,
    Path((id, number)): Path<(String, usize)>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let run = run_id(&id)?;
    state
        .services
        .finish_stop(&user.actor, &run, position(number)?)
        .await?;
    Ok(Redirect::to(&format!("/driver/runs/{run}")).into_response())
}

/// `GET /assets/driver_scan.js`: reads QR codes with the browser's `BarcodeDetector`.
pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/driver_scan.js"),
    )
}

async fn scanned(
    state: &AppState,
    page: PageContext,
    id: &str,
    stop: Option<usize>,
    code: &str,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let scan = RunScan {
        run: run_id(id)?,
        stop,
        code: code.trim().to_owned(),
    };
    let t = page.t;
    let (message, status) = match state.services.scan_on_run(&user.actor, &scan).await {
        Ok(done) => {
            let word = if done.moved {
                t.runs.scanned
            } else {
                t.runs.already_scanned
            };
            (format!("{}: {word}", done.parcel.code), StatusCode::OK)
        }
        Err(error) => match WebError::from(error) {
            WebError::Validation(_) => {
                let reason = t.problem("code", &Problem::Invalid);
                (
                    format!("{}: {reason}", scan.code),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
            }
            error @ (WebError::Conflict(_) | WebError::NotFound) => {
                let reason = error.message(page.lang);
                (format!("{}: {reason}", scan.code), error.status())
            }
            other => return Err(other),
        },
    };
    let failed = status != StatusCode::OK;
    let body = scan_page(state, page, id, stop, Some((message, failed))).await?;
    Ok((status, body).into_response())
}

async fn scan_page(
    state: &AppState,
    page: PageContext,
    id: &str,
    stop: Option<usize>,
    message: Option<(String, bool)>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let run = run_id(id)?;
    let sheet = state.services.run_parcels(&user.actor, &run).await?;
    let t = page.t;
    let (heading, action, stop_view, parcels) = match stop {
        None => (
            t.runs.load_at_depot.to_owned(),
            format!("/driver/runs/{run}/load"),
            None,
            sheet.to_load(),
        ),
        Some(index) => {
            let run_stop = sheet.run.stops.get(index).ok_or(WebError::NotFound)?;
            let name = sheet.stop_names.get(index).cloned().unwrap_or_default();
            (
                format!("{}. {name}", index + 1),
                format!("/driver/runs/{run}/stops/{}", index + 1),
                Some((index + 1, run_stop.done_at.is_some())),
                sheet.at_stop(index),
            )
        }
    };
    let expected = parcels
        .into_iter()
        .map(|parcel| ExpectedRow {
            code: parcel.code.to_string(),
            what: match parcel.direction {
                Direction::Down => t.runs.down,
                Direction::Up => t.runs.up,
            },
            scanned: is_scanned(parcel, stop.is_some()),
        })
        .collect();
    let (message, failed) = message.map_or((None, false), |(m, f)| (Some(m), f));
    render(&ScanPage {
        run: run.to_string(),
        heading,
        action,
        stop: stop_view,
        expected,
        message,
        failed,
        page,
    })
}

/// Whether the parcel is past the step this page takes: loading, or the stop's handover.
fn is_scanned(parcel: &Parcel, at_stop: bool) -> bool {
    use ParcelStage::*;
    match (parcel.direction, at_stop) {
        (Direction::Down, false) => matches!(parcel.stage, Loaded | AtPoint | Collected),
        (Direction::Down, true) => matches!(parcel.stage, AtPoint | Collected),
        (Direction::Up, _) => matches!(parcel.stage, PickedUp | Received | HandedOver),
    }
}

fn run_id(text: &str) -> Result<RouteRunId, WebError> {
    RouteRunId::parse(text).ok_or(WebError::NotFound)
}

/// Stop numbers in URLs start at 1.
fn position(number: usize) -> Result<usize, WebError> {
    number.checked_sub(1).ok_or(WebError::NotFound)
}
