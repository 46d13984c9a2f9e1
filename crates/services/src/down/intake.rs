//! What the three ways in share: a line is checked by the domain's rules, its destination is
//! resolved to a village point, and new parcels get fresh random codes, redrawn when one is
//! taken. Problems are kept per line, so a manifest's report and a form say the same.

use std::collections::HashMap;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::{AccountId, CarrierId, NetworkNodeId};
use farmgate_domain::network::{point_for_village, Carrier, NetworkNode, NodeKind};
use farmgate_domain::parcel::{
    validate_intake, Destination, Direction, IntakeDraft, IntakeForm, Parcel, ParcelCode,
    ParcelEvent, ParcelStage,
};
use farmgate_domain::place::AreaCode;
use farmgate_domain::validation::FieldError;
use farmgate_store::{StoreError, CARRIER_TRACKING_TAKEN, PARCEL_CODE_TAKEN};
use rand::RngCore;

use super::Receipt;
use crate::{new_id, ServiceError, ServiceResult, Services};

/// Redraws of a batch's parcel codes after one was taken: with a billion codes, one is plenty.
const CODE_DRAWS: usize = 5;

/// What is wrong with one parcel line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    Field(FieldError),
    UnknownCarrier,
    /// Neither a village point's code nor a village of the county.
    UnknownDestination(String),
    NoPointServes {
        village: String,
        code: AreaCode,
    },
    /// This carrier's tracking number is already in the network.
    TrackingKnown,
    /// The same tracking number twice in one manifest.
    TrackingRepeated,
}

impl LineProblem {
    pub fn field(&self) -> &'static str {
        match self {
            LineProblem::Field(error) => error.field,
            LineProblem::UnknownCarrier => "carrier",
            LineProblem::UnknownDestination(_) | LineProblem::NoPointServes { .. } => "destination",
            LineProblem::TrackingKnown | LineProblem::TrackingRepeated => "tracking",
        }
    }
}

/// The counter's form: the carrier chosen from a list, and the line typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CounterForm {
    pub carrier: String,
    pub line: IntakeForm,
}

/// A checked line, ready to become a parcel.
#[derive(Debug, Clone)]
pub(super) struct NewParcel {
    pub carrier: CarrierId,
    pub draft: IntakeDraft,
    pub point: NetworkNodeId,
}

/// The network as intake needs it: points by code and villages' names.
pub(super) struct Destinations {
    pub nodes: Vec<NetworkNode>,
    pub carriers: Vec<Carrier>,
    villages: HashMap<AreaCode, String>,
}

impl Destinations {
    pub fn warehouse(&self) -> ServiceResult<&NetworkNode> {
        self.nodes
            .iter()
            .find(|node| node.kind() == NodeKind::Warehouse)
            .ok_or(ServiceError::Conflict("the network has no warehouse yet"))
    }

    /// Checks a line's fields and finds its village point; every problem at once. `None` is a
    /// carrier that could not be found.
    pub fn check(
        &self,
        carrier: Option<&CarrierId>,
        form: &IntakeForm,
    ) -> Result<NewParcel, Vec<LineProblem>> {
        let point = Destination::parse(&form.destination)
            .map(|destination| self.resolve(&destination, &form.destination));
        match (carrier, validate_intake(form), point) {
            (Some(carrier), Ok(draft), Some(Ok(point))) => Ok(NewParcel {
                carrier: carrier.clone(),
                draft,
                point,
            }),
            (carrier, draft, point) => {
                let mut problems = Vec::new();
                if carrier.is_none() {
                    problems.push(LineProblem::UnknownCarrier);
                }
                if let Err(errors) = draft {
                    problems.extend(errors.0.into_iter().map(LineProblem::Field));
                }
                if let Some(Err(problem)) = point {
                    let at = problems
                        .iter()
                        .position(|p| !matches!(p.field(), "carrier" | "tracking"))
                        .unwrap_or(problems.len());
                    problems.insert(at, problem);
                }
                Err(problems)
            }
        }
    }

    fn resolve(
        &self,
        destination: &Destination,
        typed: &str,
    ) -> Result<NetworkNodeId, LineProblem> {
        let unknown = || LineProblem::UnknownDestination(typed.trim().to_owned());
        match destination {
            Destination::Point(code) => self
                .nodes
                .iter()
                .find(|node| node.kind() == NodeKind::VillagePoint && node.code == *code)
                .map(|node| node.id.clone())
                .ok_or_else(unknown),
            Destination::Village(village) => match point_for_village(&self.nodes, village) {
                Some(point) => Ok(point.id.clone()),
                None => match self.villages.get(village) {
                    Some(name) => Err(LineProblem::NoPointServes {
                        village: name.clone(),
                        code: village.clone(),
                    }),
                    None => Err(unknown()),
                },
            },
        }
    }
}

impl Services {
    pub(super) async fn destinations(&self) -> ServiceResult<Destinations> {
        let villages = self
            .places()
            .await?
            .iter()
            .map(|place| (place.code.clone(), place.name_zh.clone()))
            .collect();
        Ok(Destinations {
            nodes: self.store.network_nodes().await?,
            carriers: self.store.carriers().await?,
            villages,
        })
    }

    /// The carriers whose parcels may be entered.
    pub async fn intake_carriers(&self, actor: &Actor) -> ServiceResult<Vec<Carrier>> {
        authorize(actor, &Action::HandleParcels)?;
        Ok(self.store.carriers().await?)
    }

    /// A parcel typed at the warehouse counter: it is here, so it starts `Received`.
    pub async fn enter_parcel(
        &self,
        actor: &Actor,
        form: &CounterForm,
    ) -> ServiceResult<Result<Receipt, Vec<LineProblem>>> {
        authorize(actor, &Action::HandleParcels)?;
        let known = self.destinations().await?;
        let carrier = known
            .carriers
            .iter()
            .find(|carrier| carrier.id.as_str() == form.carrier || carrier.code == form.carrier)
            .map(|carrier| carrier.id.clone());
        let line = match known.check(carrier.as_ref(), &form.line) {
            Ok(line) => line,
            Err(problems) => return Ok(Err(problems)),
        };
        let warehouse = known.warehouse()?.id.clone();
        let stored = self
            .add_down_parcels(
                &[line],
                ParcelStage::Received,
                Some(warehouse),
                Some(actor.account_id.clone()),
            )
            .await;
        match stored {
            Ok(mut parcels) => {
                let parcel = parcels.pop().ok_or(ServiceError::NotFound)?;
                let point = known
                    .nodes
                    .into_iter()
                    .find(|node| node.id == parcel.point)
                    .ok_or(ServiceError::NotFound)?;
                Ok(Ok(Receipt {
                    parcel,
                    point,
                    already: false,
                }))
            }
            Err(ServiceError::Conflict(CARRIER_TRACKING_TAKEN)) => {
                Ok(Err(vec![LineProblem::TrackingKnown]))
            }
            Err(other) => Err(other),
        }
    }

    /// Stores new down parcels at `stage`, all or none, each with a fresh code.
    pub(super) async fn add_down_parcels(
        &self,
        lines: &[NewParcel],
        stage: ParcelStage,
        node: Option<NetworkNodeId>,
        by: Option<AccountId>,
    ) -> ServiceResult<Vec<Parcel>> {
        let now = self.clock.now();
        for _ in 0..CODE_DRAWS {
            let batch: Vec<(Parcel, ParcelEvent)> = lines
                .iter()
                .map(|line| {
                    let parcel = Parcel {
                        id: new_id(),
                        code: ParcelCode::from_number(rand::rngs::OsRng.next_u64()),
                        direction: Direction::Down,
                        carrier: Some(line.carrier.clone()),
                        carrier_tracking: Some(line.draft.tracking.clone()),
                        point: line.point.clone(),
                        villager: line.draft.villager.clone(),
                        weight_g: line.draft.weight_g,
                        order: None,
                        stage,
                        run: None,
                        pickup_code: None,
                        wrong_pickup_codes: 0,
                        created_at: now,
                    };
                    let event = ParcelEvent {
                        parcel: parcel.id.clone(),
                        stage,
                        at: now,
                        node: node.clone(),
                        run: None,
                        by: by.clone(),
                        recorded_at: now,
                    };
                    (parcel, event)
                })
                .collect();
            match self.store.add_parcels(&batch).await {
                Ok(()) => return Ok(batch.into_iter().map(|(parcel, _)| parcel).collect()),
                Err(StoreError::Conflict(PARCEL_CODE_TAKEN)) => continue,
                Err(other) => return Err(other.into()),
            }
        }
        Err(ServiceError::Internal(
            "no free parcel code after several draws".into(),
        ))
    }
}
