//! The network from one CSV (or XLSX) file: a `kind` column says what each row is
//! (`warehouse`, `station`, `village_point`, `carrier`, `vehicle`) and the other columns carry
//! the form's fields by the same names; a row leaves blank what its kind does not use. Each
//! row is checked by the form's own rules; every problem is reported by row and column. As with
//! products, a file with problems imports nothing unless the hub asks for the valid rows, and
//! what is imported is written in one transaction.

use std::collections::HashMap;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::network::{
    validate_carrier, validate_node, validate_vehicle, CarrierForm, NodeForm, VehicleForm,
};
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::NetworkBatch;

use super::Known;
use crate::import::table::{self, FileProblem, Table};
use crate::import::ImportRequest;
use crate::{new_id, ServiceResult, Services};

/// The columns a file may have, in the order the template lists them.
pub const IMPORT_COLUMNS: [&str; 17] = [
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
    "plate",
    "depot",
    "capacity_kg",
    "capacity_parcels",
    "shift_start",
    "shift_end",
    "cost_per_km",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetworkImportOutcome {
    /// The file could not be read as a table; nothing was imported.
    Refused(FileProblem),
    /// The header row has no `kind` column; nothing was imported.
    NoKindColumn,
    Checked(NetworkImportReport),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkImportReport {
    /// Data rows read.
    pub rows: usize,
    /// Records stored: nodes, carriers and vehicles together.
    pub imported: usize,
    /// Every problem, by row.
    pub errors: Vec<NetworkRowError>,
}

/// One problem in one row, in the column named like the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkRowError {
    pub row: usize,
    pub field: &'static str,
    pub problem: Problem,
}

impl Services {
    pub async fn import_network(
        &self,
        actor: &Actor,
        request: ImportRequest<'_>,
    ) -> ServiceResult<NetworkImportOutcome> {
        authorize(actor, &Action::ManageNetwork)?;
        let table = match table::read(request.file_name, request.bytes) {
            Ok(table) => table,
            Err(problem) => return Ok(NetworkImportOutcome::Refused(problem)),
        };
        let Some(rows) = Rows::new(&table) else {
            return Ok(NetworkImportOutcome::NoKindColumn);
        };
        let mut known = self.known().await?;
        let mut report = NetworkImportReport {
            rows: table.rows.len(),
            ..NetworkImportReport::default()
        };
        let batch = rows.check(&mut known, &mut report.errors);
        report.errors.sort_by_key(|error| error.row);
        if (report.errors.is_empty() || request.import_valid_rows) && !batch.is_empty() {
            self.store.save_network(&batch).await?;
            report.imported = batch.nodes.len() + batch.carriers.len() + batch.vehicles.len();
        }
        Ok(NetworkImportOutcome::Checked(report))
    }
}

/// The table's rows with their cells looked up by column name.
pub(super) struct Rows<'a> {
    table: &'a Table,
    columns: HashMap<&'static str, usize>,
}

impl<'a> Rows<'a> {
    pub(super) fn new(table: &'a Table) -> Option<Self> {
        let columns: HashMap<&'static str, usize> = table
            .header
            .iter()
            .enumerate()
            .filter_map(|(position, name)| {
                let name = name.trim().to_lowercase();
                IMPORT_COLUMNS
                    .into_iter()
                    .find(|column| *column == name)
                    .map(|column| (column, position))
            })
            .collect();
        columns
            .contains_key("kind")
            .then_some(Self { table, columns })
    }

    /// Nodes and carriers first, then vehicles, so a vehicle may start from a depot listed
    /// anywhere in the file.
    pub(super) fn check(
        &self,
        known: &mut Known,
        errors: &mut Vec<NetworkRowError>,
    ) -> NetworkBatch {
        let mut batch = NetworkBatch::default();
        let mut vehicles = Vec::new();
        for (row, cells) in &self.table.rows {
            let cell = |column| self.cell(cells, column);
            let outcome = match cell("kind").trim().to_lowercase().as_str() {
                "carrier" => validate_carrier(&CarrierForm {
                    code: cell("code"),
                    name: cell("name"),
                })
                .and_then(|draft| known.carrier(new_id(), draft))
                .map(|carrier| {
                    known.add_carrier(&carrier);
                    batch.carriers.push(carrier);
                }),
                "vehicle" => {
                    vehicles.push((*row, cells));
                    Ok(())
                }
                _ => validate_node(&self.node_form(cells))
                    .and_then(|draft| known.node(new_id(), draft))
                    .map(|node| {
                        known.add_node(&node);
                        batch.nodes.push(node);
                    }),
            };
            report(*row, outcome, errors);
        }
        for (row, cells) in vehicles {
            let outcome = validate_vehicle(&self.vehicle_form(cells))
                .and_then(|draft| known.vehicle(new_id(), draft))
                .map(|vehicle| {
                    known.add_vehicle(&vehicle);
                    batch.vehicles.push(vehicle);
                });
            report(row, outcome, errors);
        }
        batch
    }

    fn cell(&self, cells: &[String], column: &str) -> String {
        self.columns
            .get(column)
            .and_then(|position| cells.get(*position))
            .cloned()
            .unwrap_or_default()
    }

    fn node_form(&self, cells: &[String]) -> NodeForm {
        let cell = |column| self.cell(cells, column);
        NodeForm {
            code: cell("code"),
            name: cell("name"),
            kind: cell("kind"),
            lat: cell("lat"),
            lon: cell("lon"),
            hours: cell("hours"),
            services: cell("services"),
            village: cell("village"),
            contact_name: cell("contact_name"),
            contact_phone: cell("contact_phone"),
        }
    }

    fn vehicle_form(&self, cells: &[String]) -> VehicleForm {
        let cell = |column| self.cell(cells, column);
        VehicleForm {
            plate: cell("plate"),
            depot: cell("depot"),
            capacity_kg: cell("capacity_kg"),
            capacity_parcels: cell("capacity_parcels"),
            shift_start: cell("shift_start"),
            shift_end: cell("shift_end"),
            cost_per_km: cell("cost_per_km"),
        }
    }
}

fn report(row: usize, outcome: Result<(), ValidationErrors>, errors: &mut Vec<NetworkRowError>) {
    if let Err(problems) = outcome {
        errors.extend(problems.0.into_iter().map(|e| NetworkRowError {
            row,
            field: e.field,
            problem: e.problem,
        }));
    }
}
