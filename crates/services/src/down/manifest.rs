//! A carrier's manifest as a CSV (or XLSX) file, uploaded by logistics staff: one parcel a row,
//! announced before the van arrives. The file is read by the product import's table reader and
//! follows its rule: a file with problems imports nothing unless the valid rows are asked for,
//! and what is imported is written in one transaction.

use std::collections::{HashMap, HashSet};

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::CarrierId;
use farmgate_domain::parcel::{IntakeForm, ParcelStage};
use farmgate_store::CARRIER_TRACKING_TAKEN;

use super::intake::{LineProblem, NewParcel};
use crate::import::table::{self, FileProblem, Table};
use crate::import::ImportRequest;
use crate::{ServiceError, ServiceResult, Services};

/// The columns a manifest has, in the order the template lists them.
pub const MANIFEST_COLUMNS: [&str; 5] = [
    "tracking",
    "destination",
    "villager_name",
    "villager_phone",
    "weight_g",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestOutcome {
    Refused(FileProblem),
    /// The header lacks these columns; nothing was imported.
    MissingColumns(Vec<&'static str>),
    Checked(ManifestReport),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestReport {
    pub rows: usize,
    pub imported: usize,
    /// Every problem, by row.
    pub errors: Vec<(usize, LineProblem)>,
}

impl Services {
    /// Announces the parcels of `carrier`'s manifest.
    pub async fn import_manifest(
        &self,
        actor: &Actor,
        carrier: &CarrierId,
        request: ImportRequest<'_>,
    ) -> ServiceResult<ManifestOutcome> {
        authorize(actor, &Action::HandleParcels)?;
        let known = self.destinations().await?;
        if !known.carriers.iter().any(|c| c.id == *carrier) {
            return Err(ServiceError::NotFound);
        }
        let table = match table::read(request.file_name, request.bytes) {
            Ok(table) => table,
            Err(problem) => return Ok(ManifestOutcome::Refused(problem)),
        };
        let columns = match columns(&table) {
            Ok(columns) => columns,
            Err(missing) => return Ok(ManifestOutcome::MissingColumns(missing)),
        };
        let mut report = ManifestReport {
            rows: table.rows.len(),
            ..ManifestReport::default()
        };
        let mut seen = HashSet::new();
        let mut lines: Vec<NewParcel> = Vec::new();
        for (row, cells) in &table.rows {
            let cell = |column: &str| {
                columns
                    .get(column)
                    .and_then(|position| cells.get(*position))
                    .cloned()
                    .unwrap_or_default()
            };
            let form = IntakeForm {
                tracking: cell("tracking"),
                destination: cell("destination"),
                villager_name: cell("villager_name"),
                villager_phone: cell("villager_phone"),
                weight_g: cell("weight_g"),
            };
            let mut problems = match known.check(Some(carrier), &form) {
                Ok(line) => {
                    let mut problems = Vec::new();
                    if !seen.insert(line.draft.tracking.clone()) {
                        problems.push(LineProblem::TrackingRepeated);
                    } else if self
                        .store
                        .parcel_by_tracking(carrier, &line.draft.tracking)
                        .await?
                        .is_some()
                    {
                        problems.push(LineProblem::TrackingKnown);
                    }
                    if problems.is_empty() {
                        lines.push(line);
                    }
                    problems
                }
                Err(problems) => problems,
            };
            report.errors.extend(problems.drain(..).map(|p| (*row, p)));
        }
        if (report.errors.is_empty() || request.import_valid_rows) && !lines.is_empty() {
            let added = self
                .add_down_parcels(
                    &lines,
                    ParcelStage::Announced,
                    None,
                    Some(actor.account_id.clone()),
                )
                .await;
            match added {
                Ok(parcels) => report.imported = parcels.len(),
                // Another upload of the same manifest got there first: nothing of this one.
                Err(ServiceError::Conflict(CARRIER_TRACKING_TAKEN)) => {
                    report.errors.push((0, LineProblem::TrackingKnown));
                }
                Err(other) => return Err(other),
            }
        }
        Ok(ManifestOutcome::Checked(report))
    }
}

/// Each manifest column's position; the missing ones when some are.
fn columns(table: &Table) -> Result<HashMap<&'static str, usize>, Vec<&'static str>> {
    let found: HashMap<&'static str, usize> = table
        .header
        .iter()
        .enumerate()
        .filter_map(|(position, name)| {
            let name = name.trim().to_lowercase();
            MANIFEST_COLUMNS
                .into_iter()
                .find(|column| *column == name)
                .map(|column| (column, position))
        })
        .collect();
    let missing: Vec<&'static str> = MANIFEST_COLUMNS
        .into_iter()
        .filter(|column| !found.contains_key(column))
        .collect();
    if missing.is_empty() {
        Ok(found)
    } else {
        Err(missing)
    }
}
