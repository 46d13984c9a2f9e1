//! The hub's logistics network page: the map, coverage, the lists of sites, carriers and
//! vehicles with links to their forms, and the import of a whole network from one file.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use farmgate_domain::access::{permits, Action};
use farmgate_domain::network::{NetworkNode, NodeRole};
use farmgate_domain::place::GeoPoint;
use farmgate_services::import::{FileProblem, ImportRequest, MAX_FILE_BYTES};
use farmgate_services::network::{NetworkImportOutcome, NetworkView, IMPORT_COLUMNS};

use super::import::{file_problem, read_upload, UploadError};
use super::network_map::{draw, NetworkMap};
use super::{render, PageContext};
use crate::error::WebError;
use crate::state::AppState;
use crate::texts::Texts;

#[derive(Template)]
#[template(path = "network.html")]
struct NetworkPage {
    page: PageContext,
    map: NetworkMap,
    served: String,
    unserved: Vec<String>,
    merging: Vec<String>,
    nodes: Vec<NodeRow>,
    carriers: Vec<(String, String, String)>,
    vehicles: Vec<VehicleRow>,
    import_intro: String,
    report: ImportView,
}

struct NodeRow {
    id: String,
    code: String,
    name: String,
    kind: &'static str,
    location: String,
    hours: String,
    detail: String,
}

struct VehicleRow {
    id: String,
    plate: String,
    depot: String,
    capacity: String,
    shift: String,
    cost_per_km: String,
}

/// What the last import said, if there was one.
#[derive(Default)]
struct ImportView {
    refused: Option<String>,
    summary: Vec<String>,
    nothing_imported: bool,
    rows: Vec<(usize, &'static str, String)>,
}

/// `GET /hub/network`
pub async fn show(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let user = page.signed()?;
    let view = state.services.network(&user.actor).await?;
    render(&network_page(page, &view, ImportView::default()))
}

/// `POST /hub/network/import` with a `file` and an optional `import_valid`: the page again with
/// the report; 422 when problems kept everything out.
pub async fn import(
    State(state): State<AppState>,
    page: PageContext,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    // Before reading the upload, so that no one else learns more than "not yours".
    if !permits(&user.actor, &Action::ManageNetwork) {
        return Err(WebError::Forbidden);
    }
    let t = page.t;
    let outcome = match read_upload(multipart).await {
        Ok(upload) => {
            let request = ImportRequest {
                file_name: &upload.file_name,
                bytes: &upload.bytes,
                import_valid_rows: upload.import_valid,
            };
            state.services.import_network(&user.actor, request).await?
        }
        Err(UploadError::TooLarge) => NetworkImportOutcome::Refused(FileProblem::TooLarge {
            max_bytes: MAX_FILE_BYTES,
        }),
        Err(UploadError::Malformed(error)) => return Err(WebError::BadRequest(error)),
    };
    let report = import_view(t, outcome);
    let failed = report.refused.is_some() || report.nothing_imported;
    let view = state.services.network(&user.actor).await?;
    let body = render(&network_page(page, &view, report))?;
    Ok(if failed {
        (StatusCode::UNPROCESSABLE_ENTITY, body).into_response()
    } else {
        body
    })
}

fn import_view(t: &Texts, outcome: NetworkImportOutcome) -> ImportView {
    let mut view = ImportView::default();
    match outcome {
        NetworkImportOutcome::Refused(problem) => view.refused = Some(file_problem(t, &problem)),
        NetworkImportOutcome::NoKindColumn => {
            view.refused = Some(t.network.no_kind_column.to_owned());
        }
        NetworkImportOutcome::Checked(report) => {
            view.nothing_imported = !report.errors.is_empty() && report.imported == 0;
            view.summary.push(
                t.network
                    .import_read
                    .replace("{rows}", &report.rows.to_string()),
            );
            if report.imported > 0 {
                view.summary.push(
                    t.network
                        .import_done
                        .replace("{n}", &report.imported.to_string()),
                );
            }
            view.rows = report
                .errors
                .iter()
                .map(|e| (e.row, e.field, t.problem(e.field, &e.problem)))
                .collect();
        }
    }
    view
}

fn network_page(page: PageContext, view: &NetworkView, report: ImportView) -> NetworkPage {
    let t = page.t;
    let coverage = &view.coverage;
    let code_of = |id| {
        view.nodes
            .iter()
            .find(|n| &n.id == id)
            .map_or_else(String::new, |n| n.code.clone())
    };
    NetworkPage {
        map: draw(view, t),
        served: t
            .network
            .villages_served
            .replace("{served}", &coverage.served().to_string())
            .replace("{total}", &coverage.villages.len().to_string()),
        unserved: coverage
            .unserved()
            .map(|v| village_name(t, &v.name_zh, &v.name_en).to_owned())
            .collect(),
        merging: coverage
            .stations_by_service()
            .into_iter()
            .map(|(service, n)| {
                t.network
                    .stations_merging
                    .replace("{service}", t.network.service(service))
                    .replace("{n}", &n.to_string())
            })
            .collect(),
        nodes: view.nodes.iter().map(|n| node_row(t, view, n)).collect(),
        carriers: view
            .carriers
            .iter()
            .map(|c| (c.id.to_string(), c.code.clone(), c.name.clone()))
            .collect(),
        vehicles: view
            .vehicles
            .iter()
            .map(|v| VehicleRow {
                id: v.id.to_string(),
                plate: v.plate.clone(),
                depot: code_of(&v.depot),
                capacity: format!("{} kg · {}", v.capacity_kg, v.capacity_parcels),
                shift: v.shift.to_string(),
                cost_per_km: v.cost_per_km.to_string(),
            })
            .collect(),
        import_intro: t
            .network
            .import_intro
            .replace("{columns}", &IMPORT_COLUMNS.join(", ")),
        report,
        page,
    }
}

fn node_row(t: &Texts, view: &NetworkView, node: &NetworkNode) -> NodeRow {
    let detail = match &node.role {
        NodeRole::Warehouse => String::new(),
        NodeRole::Station { services } => {
            let names: Vec<&str> = services.iter().map(|s| t.network.service(s)).collect();
            names.join(", ")
        }
        NodeRole::VillagePoint { village, contact } => {
            let place = view.places.iter().find(|p| &p.code == village);
            let name = place.map_or(village.as_str(), |p| {
                village_name(t, &p.name_zh, &p.name_en)
            });
            format!("{name} · {} {}", contact.name, contact.phone.as_str())
        }
    };
    NodeRow {
        id: node.id.to_string(),
        code: node.code.clone(),
        name: node.name.clone(),
        kind: t.network.kind(node.kind()),
        location: location_text(node.location),
        hours: node.hours.to_string(),
        detail,
    }
}

fn village_name<'a>(t: &Texts, zh: &'a str, en: &'a str) -> &'a str {
    if t.zh {
        zh
    } else {
        en
    }
}

/// "36.412300, 98.100000": latitude then longitude, as the forms take them.
pub fn location_text(location: GeoPoint) -> String {
    format!("{}, {}", degrees(location.lat_e6), degrees(location.lon_e6))
}

/// Micro-degrees as decimal degrees with all six places.
pub fn degrees(e6: i32) -> String {
    let sign = if e6 < 0 { "-" } else { "" };
    let abs = e6.unsigned_abs();
    format!("{sign}{}.{:06}", abs / 1_000_000, abs % 1_000_000)
}
