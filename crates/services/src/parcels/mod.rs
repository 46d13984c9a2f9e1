//! Parcels along their path. Every step, whichever use case takes it (a scan at the warehouse or
//! a stop, a collection by code, a handover to a carrier), goes through `move_parcel`: the
//! domain says what the step means, the store moves the parcel by compare-and-set, and a lost
//! race is retried from what the winner wrote.

mod scan;

use farmgate_domain::access::Actor;
use farmgate_domain::id::{NetworkNodeId, RouteRunId};
use farmgate_domain::parcel::{
    Advance, Direction, Parcel, ParcelCode, ParcelEvent, ParcelStage, PickupCode,
};
use farmgate_domain::time::Timestamp;
use rand::RngCore;

pub use scan::{Scan, Scanned};

use crate::trace::JourneyStep;
use crate::{ServiceError, ServiceResult, Services};

/// How often a step is retried after another scanner moved the parcel first.
const RACE_RETRIES: usize = 4;

/// Where and when a step happened, and who saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepPlace {
    pub at: Timestamp,
    pub node: Option<NetworkNodeId>,
    pub run: Option<RouteRunId>,
}

impl Services {
    /// Takes `parcel` to `stage`. `change` adds what that step brings besides the stage (a
    /// pickup code, a carrier); it runs on the freshly read parcel on every try. A repeated
    /// step changes nothing; a step already passed is kept as history.
    pub(crate) async fn move_parcel(
        &self,
        actor: &Actor,
        mut parcel: Parcel,
        stage: ParcelStage,
        place: &StepPlace,
        change: impl Fn(&mut Parcel) -> ServiceResult<()>,
    ) -> ServiceResult<(Parcel, Advance)> {
        for _ in 0..RACE_RETRIES {
            let advance = parcel
                .stage
                .advance(parcel.direction, stage)
                .map_err(|refused| ServiceError::Conflict(refused.message()))?;
            let event = ParcelEvent {
                parcel: parcel.id.clone(),
                stage,
                at: place.at,
                node: place.node.clone(),
                run: place.run.clone().or_else(|| parcel.run.clone()),
                by: Some(actor.account_id.clone()),
                recorded_at: self.clock.now(),
            };
            match advance {
                Advance::Repeated => return Ok((parcel, advance)),
                Advance::History => {
                    self.store.record_parcel_event(&event).await?;
                    return Ok((parcel, advance));
                }
                Advance::Moved => {
                    let from = parcel.stage;
                    let mut moved = parcel.clone();
                    moved.stage = stage;
                    change(&mut moved)?;
                    if self.store.advance_parcel(&moved, from, &event).await? {
                        self.trace_arrival(&moved, place, actor).await;
                        return Ok((moved, advance));
                    }
                    parcel = self
                        .store
                        .parcel(&parcel.id)
                        .await?
                        .ok_or(ServiceError::NotFound)?;
                }
            }
        }
        Err(ServiceError::Conflict(
            "the parcel is being scanned elsewhere; try again",
        ))
    }

    /// An up parcel carrying an order reached the county warehouse: so did its batches.
    async fn trace_arrival(&self, parcel: &Parcel, place: &StepPlace, actor: &Actor) {
        if let (Direction::Up, ParcelStage::Received, Some(order)) =
            (parcel.direction, parcel.stage, &parcel.order)
        {
            let step = JourneyStep::AtWarehouse {
                node: place.node.clone(),
                parcel: parcel.id.clone(),
            };
            self.record_journey(order, step, Some(&actor.account_id))
                .await;
        }
    }

    pub(crate) async fn parcel_by_code(&self, code: &ParcelCode) -> ServiceResult<Parcel> {
        self.store
            .parcel_by_code(code)
            .await?
            .ok_or(ServiceError::NotFound)
    }
}

pub(crate) fn new_pickup_code() -> PickupCode {
    PickupCode::from_number(rand::rngs::OsRng.next_u64())
}
