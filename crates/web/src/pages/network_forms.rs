//! One form page per kind of network record — site, carrier, vehicle — at
//! `/hub/network/{kind}/new` to add one and `/hub/network/{kind}/{id}` to edit it. The three
//! share a template drawn from a list of fields; a refused form comes back with each problem
//! beside its field.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::{CarrierId, NetworkNodeId, VehicleId};
use farmgate_domain::network::{CarrierForm, NodeForm, NodeKind, NodeRole, VehicleForm};
use farmgate_services::network::NetworkView;
use farmgate_services::ServiceError;

use super::network::degrees;
use super::product_edit::yuan;
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;
use crate::texts::Texts;

/// What the path's `{id}` says when a record is to be added.
const NEW: &str = "new";

#[derive(Clone, Copy)]
enum Record {
    Node,
    Carrier,
    Vehicle,
}

impl Record {
    fn path(self) -> &'static str {
        match self {
            Record::Node => "nodes",
            Record::Carrier => "carriers",
            Record::Vehicle => "vehicles",
        }
    }

    fn fields(self) -> &'static [&'static str] {
        match self {
            Record::Node => &[
                "kind",
                "code",
                "name",
                "lat",
                "lon",
                "hours",
                "services",
                "village",
                "contact_name",
                "contact_phone",
            ],
            Record::Carrier => &["code", "name"],
            Record::Vehicle => &[
                "plate",
                "depot",
                "capacity_kg",
                "capacity_parcels",
                "shift_start",
                "shift_end",
                "cost_per_km",
            ],
        }
    }

    fn title(self, t: &Texts, new: bool) -> &'static str {
        let n = &t.network;
        match (self, new) {
            (Record::Node, true) => n.add_node,
            (Record::Node, false) => n.edit_node,
            (Record::Carrier, true) => n.add_carrier,
            (Record::Carrier, false) => n.edit_carrier,
            (Record::Vehicle, true) => n.add_vehicle,
            (Record::Vehicle, false) => n.edit_vehicle,
        }
    }
}

/// The form's values by field name, as posted or as the record holds them.
type Values = HashMap<String, String>;

#[derive(Template)]
#[template(path = "network_form.html")]
struct NetworkFormPage {
    page: PageContext,
    title: &'static str,
    action: String,
    fields: Vec<Input>,
    errors: FieldErrors,
}

struct Input {
    name: &'static str,
    label: String,
    value: String,
    hint: &'static str,
    /// A select's options (value, label); empty for a text input.
    choices: Vec<(String, String)>,
}

pub async fn node_page(
    state: State<AppState>,
    page: PageContext,
    id: Path<String>,
) -> Result<Response, WebError> {
    show(state, page, id, Record::Node).await
}

pub async fn carrier_page(
    state: State<AppState>,
    page: PageContext,
    id: Path<String>,
) -> Result<Response, WebError> {
    show(state, page, id, Record::Carrier).await
}

pub async fn vehicle_page(
    state: State<AppState>,
    page: PageContext,
    id: Path<String>,
) -> Result<Response, WebError> {
    show(state, page, id, Record::Vehicle).await
}

pub async fn save_node(
    state: State<AppState>,
    page: PageContext,
    id: Path<String>,
    form: PageForm<Values>,
) -> Result<Response, WebError> {
    save(state, page, id, form, Record::Node).await
}

pub async fn save_carrier(
    state: State<AppState>,
    page: PageContext,
    id: Path<String>,
    form: PageForm<Values>,
) -> Result<Response, WebError> {
    save(state, page, id, form, Record::Carrier).await
}

pub async fn save_vehicle(
    state: State<AppState>,
    page: PageContext,
    id: Path<String>,
    form: PageForm<Values>,
) -> Result<Response, WebError> {
    save(state, page, id, form, Record::Vehicle).await
}

async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    record: Record,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let view = state.services.network(&user.actor).await?;
    let values = if id == NEW {
        Values::new()
    } else {
        stored_values(&view, record, &id).ok_or(WebError::NotFound)?
    };
    render(&form_page(
        page,
        &view,
        record,
        &id,
        values,
        FieldErrors::default(),
    ))
}

async fn save(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(values): PageForm<Values>,
    record: Record,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let actor = &user.actor;
    let value = |name: &str| values.get(name).cloned().unwrap_or_default();
    let services = &state.services;
    let saved = match record {
        Record::Node => {
            let form = NodeForm {
                code: value("code"),
                name: value("name"),
                kind: value("kind"),
                lat: value("lat"),
                lon: value("lon"),
                hours: value("hours"),
                services: value("services"),
                village: value("village"),
                contact_name: value("contact_name"),
                contact_phone: value("contact_phone"),
            };
            let id = record_id(&id, NetworkNodeId::parse)?;
            services
                .save_network_node(actor, id.as_ref(), &form)
                .await
                .map(drop)
        }
        Record::Carrier => {
            let form = CarrierForm {
                code: value("code"),
                name: value("name"),
            };
            let id = record_id(&id, CarrierId::parse)?;
            services
                .save_carrier(actor, id.as_ref(), &form)
                .await
                .map(drop)
        }
        Record::Vehicle => {
            let form = VehicleForm {
                plate: value("plate"),
                depot: value("depot"),
                capacity_kg: value("capacity_kg"),
                capacity_parcels: value("capacity_parcels"),
                shift_start: value("shift_start"),
                shift_end: value("shift_end"),
                cost_per_km: value("cost_per_km"),
            };
            let id = record_id(&id, VehicleId::parse)?;
            services
                .save_vehicle(actor, id.as_ref(), &form)
                .await
                .map(drop)
        }
    };
    match saved {
        Ok(()) => Ok(Redirect::to("/hub/network").into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let view = services.network(actor).await?;
            let body = render(&form_page(page, &view, record, &id, values, errors))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// `None` for a new record; a malformed id is no record at all.
fn record_id<T>(id: &str, parse: fn(&str) -> Option<T>) -> Result<Option<T>, WebError> {
    if id == NEW {
        Ok(None)
    } else {
        parse(id).map(Some).ok_or(WebError::NotFound)
    }
}

/// A stored record's values as its form shows them.
fn stored_values(view: &NetworkView, record: Record, id: &str) -> Option<Values> {
    let pairs: Vec<(&str, String)> = match record {
        Record::Node => {
            let node = view.nodes.iter().find(|n| n.id.as_str() == id)?;
            let mut pairs = vec![
                ("kind", node.kind().as_str().to_owned()),
                ("code", node.code.clone()),
                ("name", node.name.clone()),
                ("lat", degrees(node.location.lat_e6)),
                ("lon", degrees(node.location.lon_e6)),
                ("hours", node.hours.to_string()),
                ("services", node.services().to_string()),
            ];
            if let NodeRole::VillagePoint { village, contact } = &node.role {
                pairs.push(("village", village.to_string()));
                pairs.push(("contact_name", contact.name.clone()));
                pairs.push(("contact_phone", contact.phone.as_str().to_owned()));
            }
            pairs
        }
        Record::Carrier => {
            let carrier = view.carriers.iter().find(|c| c.id.as_str() == id)?;
            vec![
                ("code", carrier.code.clone()),
                ("name", carrier.name.clone()),
            ]
        }
        Record::Vehicle => {
            let vehicle = view.vehicles.iter().find(|v| v.id.as_str() == id)?;
            let depot = view.nodes.iter().find(|n| n.id == vehicle.depot)?;
            vec![
                ("plate", vehicle.plate.clone()),
                ("depot", depot.code.clone()),
                ("capacity_kg", vehicle.capacity_kg.to_string()),
                ("capacity_parcels", vehicle.capacity_parcels.to_string()),
                ("shift_start", vehicle.shift.start.to_string()),
                ("shift_end", vehicle.shift.end.to_string()),
                ("cost_per_km", yuan(vehicle.cost_per_km)),
            ]
        }
    };
    Some(
        pairs
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect(),
    )
}

fn form_page(
    page: PageContext,
    view: &NetworkView,
    record: Record,
    id: &str,
    values: Values,
    errors: FieldErrors,
) -> NetworkFormPage {
    let t = page.t;
    let fields = record
        .fields()
        .iter()
        .map(|&name| Input {
            name,
            label: t.field(name).to_owned(),
            value: values.get(name).cloned().unwrap_or_default(),
            hint: match name {
                "hours" => t.network.hours_hint,
                "services" => t.network.services_hint,
                _ => "",
            },
            choices: choices(t, view, name),
        })
        .collect();
    NetworkFormPage {
        title: record.title(t, id == NEW),
        action: format!("/hub/network/{}/{id}", record.path()),
        fields,
        errors,
        page,
    }
}

/// The options of the fields drawn as selects: a site's kind and a vehicle's depot.
fn choices(t: &Texts, view: &NetworkView, name: &str) -> Vec<(String, String)> {
    match name {
        "kind" => NodeKind::ALL
            .into_iter()
            .map(|k| (k.as_str().to_owned(), t.network.kind(k).to_owned()))
            .collect(),
        "depot" => view
            .nodes
            .iter()
            .filter(|n| n.kind().can_be_depot())
            .map(|n| (n.code.clone(), format!("{} · {}", n.code, n.name)))
            .collect(),
        _ => Vec::new(),
    }
}
