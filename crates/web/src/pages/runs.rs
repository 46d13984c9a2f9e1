//! `/logistics/runs`: a day's route runs for logistics staff and the hub — plan the day, see
//! each run's stops in order with times and loads, its km and cost, a drawing, and the parcels
//! left behind with the reason.

use std::time::Duration;

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::access::{permits, Action};
use farmgate_domain::route_run::{RouteRun, RunDay, StopLoad};
use farmgate_domain::validation::Problem;
use farmgate_services::route_runs::{read_matrix_file, DayRuns, Distances, MAX_TIME_LIMIT};
use serde::Deserialize;

use super::network_map::{draw_run, RunDrawing};
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::PageForm;
use crate::state::AppState;
use crate::texts::Texts;

/// How long the planner thinks when the form does not say.
const DEFAULT_SECONDS: u64 = 5;

#[derive(Template)]
#[template(path = "runs.html")]
struct RunsPage {
    page: PageContext,
    day: String,
    runs: Vec<RunCard>,
    unplanned: Vec<(String, String, &'static str)>,
    summary: String,
    detour: String,
    hub: bool,
}

struct RunCard {
    id: String,
    heading: String,
    status: &'static str,
    /// `planned`, `out` or `done`, for scripts and tests.
    status_code: &'static str,
    departs: String,
    returns: String,
    km: String,
    cost: String,
    per_parcel: String,
    stops: Vec<StopRow>,
    drawing: Option<RunDrawing>,
}

struct StopRow {
    name: String,
    arrives: String,
    leaves: String,
    drop: String,
    pick_up: String,
}

#[derive(Deserialize)]
pub struct DayQuery {
    day: Option<String>,
}

/// Fields default to empty so that a missing one is refused by the use case, after the door.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DetourForm {
    day: String,
    detour: String,
}

/// `GET /logistics/runs?day=YYYY-MM-DD` (today when absent).
pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<DayQuery>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let day = day_of(&state, query.day.as_deref())?;
    let runs = state.services.day_runs(&user.actor, day).await?;
    let detour = state.services.detour_permille().await?;
    let hub = permits(&user.actor, &Action::ManageNetwork);
    render(&runs_page(page, &runs, detour, hub))
}

/// `POST /logistics/runs/plan`, multipart: `day`, `seconds`, an optional `matrix` file.
pub async fn plan(
    State(state): State<AppState>,
    page: PageContext,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    if !permits(&user.actor, &Action::HandleParcels) {
        return Err(WebError::Forbidden);
    }
    let form = read_plan_form(multipart).await?;
    let day = day_of(&state, Some(&form.day))?;
    let seconds = match form.seconds.trim() {
        "" => DEFAULT_SECONDS,
        text => text
            .parse::<u64>()
            .ok()
            .filter(|s| (1..=MAX_TIME_LIMIT.as_secs()).contains(s))
            .ok_or(WebError::field("time_limit", Problem::Invalid))?,
    };
    let distances = match form.matrix {
        Some((name, text)) => Distances::File(
            read_matrix_file(&name, &text)
                .map_err(|e| WebError::BadRequest(format!("matrix file: {e}")))?,
        ),
        None => Distances::StraightLine,
    };
    state
        .services
        .plan_day(&user.actor, day, distances, Duration::from_secs(seconds))
        .await?;
    Ok(Redirect::to(&format!("/logistics/runs?day={day}")).into_response())
}

/// `POST /logistics/runs/detour`: the hub sets the county's detour factor.
pub async fn set_detour(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(form): PageForm<DetourForm>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    state.services.set_detour(&user.actor, &form.detour).await?;
    let day = day_of(&state, Some(&form.day))?;
    Ok(Redirect::to(&format!("/logistics/runs?day={day}")).into_response())
}

/// The day asked for, or today in the county.
pub(super) fn day_of(state: &AppState, text: Option<&str>) -> Result<RunDay, WebError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(RunDay::of(state.services.clock.now())),
        Some(text) => RunDay::parse(text).ok_or(WebError::field("day", Problem::Invalid)),
    }
}

struct PlanForm {
    day: String,
    seconds: String,
    /// File name and text.
    matrix: Option<(String, String)>,
}

async fn read_plan_form(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<PlanForm, WebError> {
    let mut multipart = multipart.map_err(|e| WebError::BadRequest(e.body_text()))?;
    let mut form = PlanForm {
        day: String::new(),
        seconds: String::new(),
        matrix: None,
    };
    let bad = |e: axum::extract::multipart::MultipartError| WebError::BadRequest(e.body_text());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("day") => form.day = field.text().await.map_err(bad)?,
            Some("seconds") => form.seconds = field.text().await.map_err(bad)?,
            Some("matrix") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(bad)?;
                if !bytes.is_empty() {
                    let text = String::from_utf8(bytes.to_vec())
                        .map_err(|_| WebError::BadRequest("matrix file: not UTF-8 text".into()))?;
                    form.matrix = Some((name, text));
                }
            }
            _ => {}
        }
    }
    Ok(form)
}

fn runs_page(page: PageContext, view: &DayRuns, detour: u32, hub: bool) -> RunsPage {
    let t = page.t;
    let runs: Vec<RunCard> = view.runs.iter().map(|run| run_card(t, view, run)).collect();
    let planned: i64 = view.runs.iter().map(RouteRun::parcels).sum();
    let summary = t
        .runs
        .planned
        .replace("{runs}", &view.runs.len().to_string())
        .replace("{planned}", &planned.to_string())
        .replace("{unplanned}", &view.unplanned.len().to_string());
    let unplanned = view
        .unplanned
        .iter()
        .map(|(parcel, reason)| {
            let point = view
                .nodes
                .get(&parcel.point)
                .map_or_else(String::new, |n| n.name.clone());
            (parcel.code.to_string(), point, t.runs.reason(*reason))
        })
        .collect();
    RunsPage {
        day: view.day.to_string(),
        runs,
        unplanned,
        summary,
        detour: format!("{}.{:03}", detour / 1000, detour % 1000),
        hub,
        page,
    }
}

fn run_card(t: &Texts, view: &DayRuns, run: &RouteRun) -> RunCard {
    let plate = view
        .vehicles
        .get(&run.vehicle)
        .map_or_else(String::new, |v| v.plate.clone());
    let depot = view.nodes.get(&run.depot);
    let stop_nodes: Vec<_> = run
        .stops
        .iter()
        .filter_map(|stop| view.nodes.get(&stop.point))
        .collect();
    let all: Vec<_> = view.nodes.values().collect();
    let drawing = depot.map(|depot| draw_run(&all, depot, &stop_nodes));
    RunCard {
        id: run.id.to_string(),
        heading: t.runs.run_heading.replace("{plate}", &plate).replace(
            "{depot}",
            &depot.map_or_else(String::new, |d| d.name.clone()),
        ),
        status: t.runs.status(run.status),
        status_code: run.status.as_str(),
        departs: clock(run.depart_minute),
        returns: clock(run.return_minute),
        km: format!(
            "{}.{} km",
            run.distance_m / 1000,
            run.distance_m % 1000 / 100
        ),
        cost: run.cost.to_string(),
        per_parcel: run
            .cost_per_parcel()
            .map_or_else(|| "—".to_owned(), |m| m.to_string()),
        stops: run
            .stops
            .iter()
            .map(|stop| StopRow {
                name: view
                    .nodes
                    .get(&stop.point)
                    .map_or_else(String::new, |n| n.name.clone()),
                arrives: clock(stop.arrival_minute),
                leaves: clock(stop.departure_minute),
                drop: load(t, stop.drop),
                pick_up: load(t, stop.pick_up),
            })
            .collect(),
        drawing,
    }
}

/// Minutes after midnight as `08:05`.
pub(super) fn clock(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn load(t: &Texts, load: StopLoad) -> String {
    if load.parcels == 0 {
        return "—".to_owned();
    }
    let kg = format!("{}.{}", load.grams / 1000, load.grams % 1000 / 100);
    t.runs
        .load
        .replace("{n}", &load.parcels.to_string())
        .replace("{kg}", &kg)
}
