//! Printed documents for logistics staff: a run's sheet, its parcels' labels and one parcel's
//! label, as PDF in the reader's language. The data comes from the use cases; captions from
//! the texts; the drawing (CPU work) runs off the async threads with the font loaded at start.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use farmgate_documents::{
    Document, DocumentError, LabelCaptions, ParcelLabel, RunSheet, RunSheetCaptions, RunSheetStop,
    RunTotals,
};
use farmgate_domain::id::RouteRunId;
use farmgate_services::route_runs::{self, LabelParcel};

use super::runs::clock;
use super::PageContext;
use crate::error::WebError;
use crate::state::AppState;
use crate::texts::{Texts, NO_PARCELS_TO_LABEL};

/// `GET /logistics/runs/{id}/sheet.pdf`: each stop's QR code opens the driver's page for it.
pub async fn run_sheet(
    State(state): State<AppState>,
    page: PageContext,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let id = run_id(&id)?;
    let sheet = state.services.run_sheet(&user.actor, &id).await?;
    let base = state.site_base(&headers);
    let sheet = sheet_of(page.t, &sheet, &base);
    let captions = sheet_captions(page.t);
    let font = state.label_font.clone();
    let document = render(move || farmgate_documents::run_sheet(&sheet, &captions, &font)).await?;
    warn_missing(&document, "run", id.as_str());
    Ok(pdf(document, &format!("run-{id}-sheet.pdf")))
}

/// `GET /logistics/runs/{id}/labels.pdf`: one label per parcel, in stop order.
pub async fn run_labels(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let id = run_id(&id)?;
    let parcels = state.services.run_labels(&user.actor, &id).await?;
    let document = print_labels(&state, page.t, &parcels).await?;
    warn_missing(&document, "run", id.as_str());
    Ok(pdf(document, &format!("run-{id}-labels.pdf")))
}

/// `GET /logistics/parcels/{code}/label.pdf`
pub async fn parcel_label(
    State(state): State<AppState>,
    page: PageContext,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let parcel = state.services.parcel_label(&user.actor, &code).await?;
    let document = print_labels(&state, page.t, std::slice::from_ref(&parcel)).await?;
    warn_missing(&document, "parcel", &parcel.code);
    Ok(pdf(document, &format!("parcel-{}.pdf", parcel.code)))
}

async fn print_labels(
    state: &AppState,
    t: &'static Texts,
    parcels: &[LabelParcel],
) -> Result<Document, WebError> {
    let labels: Vec<ParcelLabel> = parcels.iter().map(|p| label_of(t, p)).collect();
    let captions = label_captions(t);
    let font = state.label_font.clone();
    render(move || farmgate_documents::labels(&labels, &captions, &font)).await
}

/// Draws on a blocking thread: a long run's labels take a CPU for tens of milliseconds.
pub(super) async fn render(
    draw: impl FnOnce() -> Result<Document, DocumentError> + Send + 'static,
) -> Result<Document, WebError> {
    match tokio::task::spawn_blocking(draw).await {
        Ok(Ok(document)) => Ok(document),
        Ok(Err(DocumentError::NoLabels)) => Err(WebError::Conflict(NO_PARCELS_TO_LABEL)),
        Ok(Err(error)) => Err(WebError::Internal(format!("printing failed: {error}"))),
        Err(error) => Err(WebError::Internal(format!("printing stopped: {error}"))),
    }
}

/// The renderer drew these as `?`: a fuller `--label-font` would print them.
fn warn_missing(document: &Document, what: &'static str, which: &str) {
    if !document.missing_chars.is_empty() {
        let missing: String = document.missing_chars.iter().collect();
        tracing::warn!(%missing, what, which, "the label font lacks characters; printed as ?");
    }
}

pub(super) fn pdf(document: Document, filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}\""),
            ),
        ],
        document.pdf,
    )
        .into_response()
}

fn run_id(text: &str) -> Result<RouteRunId, WebError> {
    RouteRunId::parse(text).ok_or(WebError::NotFound)
}

fn sheet_of(t: &Texts, sheet: &route_runs::RunSheet, base: &str) -> RunSheet {
    let d = t.print;
    let minutes = sheet.return_minute - sheet.depart_minute;
    let grams: i64 = sheet
        .stops
        .iter()
        .flat_map(|s| s.drop.iter().chain(&s.pick_up))
        .map(|p| p.weight_g)
        .sum();
    let count = |f: fn(&route_runs::SheetStop) -> usize| {
        u32::try_from(sheet.stops.iter().map(f).sum::<usize>()).unwrap_or(u32::MAX)
    };
    RunSheet {
        title: d
            .sheet_title
            .replace("{plate}", &sheet.plate)
            .replace("{departs}", &clock(sheet.depart_minute)),
        day: sheet.day.to_string(),
        vehicle: sheet.plate.clone(),
        depot: sheet.depot.clone(),
        driver_note: None,
        totals: RunTotals {
            distance: format!(
                "{}.{} km",
                sheet.distance_m / 1000,
                sheet.distance_m % 1000 / 100
            ),
            duration: d
                .hours_minutes
                .replace("{h}", &(minutes / 60).to_string())
                .replace("{m}", &(minutes % 60).to_string()),
            parcels_down: count(|s| s.drop.len()),
            parcels_up: count(|s| s.pick_up.len()),
            weight: kg(grams),
        },
        stops: sheet
            .stops
            .iter()
            .map(|stop| RunSheetStop {
                seq: u32::try_from(stop.number).unwrap_or(u32::MAX),
                name: stop.point_name.clone(),
                code: stop.point_code.clone(),
                arrive: clock(stop.arrival_minute),
                depart: clock(stop.departure_minute),
                window: stop.hours.clone(),
                deliver_parcels: u32::try_from(stop.drop.len()).unwrap_or(u32::MAX),
                pickup_parcels: u32::try_from(stop.pick_up.len()).unwrap_or(u32::MAX),
                parcel_codes: stop
                    .drop
                    .iter()
                    .chain(&stop.pick_up)
                    .map(|p| p.code.clone())
                    .collect(),
                scan_url: Some(format!(
                    "{base}/driver/runs/{}/stops/{}",
                    sheet.run, stop.number
                )),
            })
            .collect(),
    }
}

fn sheet_captions(t: &Texts) -> RunSheetCaptions {
    let d = t.print;
    RunSheetCaptions {
        heading: d.sheet_heading.to_owned(),
        day: d.day.to_owned(),
        vehicle: d.vehicle.to_owned(),
        depot: d.depot.to_owned(),
        driver_note: d.driver_note.to_owned(),
        distance: d.distance.to_owned(),
        duration: d.duration.to_owned(),
        parcels_down: d.parcels_down.to_owned(),
        parcels_up: d.parcels_up.to_owned(),
        weight: d.weight.to_owned(),
        done: d.done.to_owned(),
        seq: d.seq.to_owned(),
        stop: d.stop.to_owned(),
        arrive_depart: d.arrive_depart.to_owned(),
        window: d.window.to_owned(),
        deliver: d.deliver.to_owned(),
        pickup: d.pickup.to_owned(),
        parcels: d.parcels.to_owned(),
        scan: d.scan.to_owned(),
        signature: d.signature.to_owned(),
    }
}

fn label_of(t: &Texts, parcel: &LabelParcel) -> ParcelLabel {
    let d = t.print;
    ParcelLabel {
        parcel_code: parcel.code.clone(),
        direction: d.direction(parcel.direction).to_owned(),
        carrier: parcel.carrier.clone(),
        carrier_tracking: parcel.carrier_tracking.clone(),
        recipient_name: parcel.villager_name.clone(),
        recipient_phone: parcel.villager_phone.clone(),
        destination: parcel.point_name.clone(),
        destination_code: parcel.point_code.clone(),
        route: parcel.route.as_ref().map(|route| {
            d.route_stop
                .replace("{plate}", &route.plate)
                .replace("{departs}", &clock(route.depart_minute))
                .replace("{n}", &route.stop.to_string())
        }),
        weight: kg(parcel.weight_g),
        note: None,
    }
}

fn label_captions(t: &Texts) -> LabelCaptions {
    let d = t.print;
    LabelCaptions {
        heading: d.label_heading.to_owned(),
        destination: d.destination.to_owned(),
        recipient: d.recipient.to_owned(),
        carrier: d.carrier.to_owned(),
        route: d.route.to_owned(),
        weight: d.weight.to_owned(),
        note: d.note.to_owned(),
    }
}

/// Grams as `2.4 kg`.
fn kg(grams: i64) -> String {
    format!("{}.{} kg", grams / 1000, grams % 1000 / 100)
}
