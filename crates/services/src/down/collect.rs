//! Collection at the village point: the villager gives the pickup code they were sent, the
//! point's staff scan or pick the parcel, and it is handed over. A wrong code is counted; after
//! `MAX_WRONG_PICKUP_CODES` the parcel is held until the staff check who is asking. A parcel
//! is collected once, however many try at the same moment (`move_parcel`'s compare-and-set).

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::NetworkNodeId;
use farmgate_domain::parcel::{
    Advance, Direction, Parcel, ParcelStage, PickupCode, MAX_WRONG_PICKUP_CODES,
};
use farmgate_domain::validation::{FieldError, Problem};
use farmgate_store::ParcelFilter;

use crate::parcels::StepPlace;
use crate::{ServiceError, ServiceResult, Services};

pub const ALREADY_COLLECTED: &str = "this parcel has already been collected";
pub const PICKUP_NOT_AT_POINT: &str = "this parcel is not waiting at this village point";
pub const PICKUP_HELD: &str =
    "too many wrong codes: this parcel is held until the staff check the villager";
pub const NO_PARCEL_WITH_CODE: &str = "no parcel waiting here has this pickup code";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Collected {
    Handed(Box<Parcel>),
    /// The code was wrong and counted; how many more tries before the parcel is held.
    WrongCode {
        tries_left: i64,
    },
}

impl Services {
    /// `parcel` is what was scanned or typed from the label (our code or the carrier's number);
    /// left empty, the parcel is found among those waiting at `point` by the pickup code alone.
    pub async fn collect_parcel(
        &self,
        actor: &Actor,
        point: &NetworkNodeId,
        parcel: &str,
        pickup: &str,
    ) -> ServiceResult<Collected> {
        authorize(actor, &Action::HandleParcels)?;
        let code = PickupCode::parse(pickup.trim()).ok_or(FieldError {
            field: "pickup_code",
            problem: if pickup.trim().is_empty() {
                Problem::Required
            } else {
                Problem::Invalid
            },
        })?;
        let parcel = if parcel.trim().is_empty() {
            self.waiting_with_code(point, &code).await?
        } else {
            self.find_down_parcel(parcel).await?
        };
        if parcel.point != *point {
            return Err(ServiceError::Conflict(PICKUP_NOT_AT_POINT));
        }
        match parcel.stage {
            ParcelStage::Collected => return Err(ServiceError::Conflict(ALREADY_COLLECTED)),
            ParcelStage::AtPoint => {}
            _ => return Err(ServiceError::Conflict(PICKUP_NOT_AT_POINT)),
        }
        if parcel.pickup_held() {
            return Err(ServiceError::Conflict(PICKUP_HELD));
        }
        if parcel.pickup_code.as_ref() != Some(&code) {
            let wrong = self.store.count_wrong_pickup_code(&parcel.id).await?;
            return Ok(Collected::WrongCode {
                tries_left: (MAX_WRONG_PICKUP_CODES - wrong).max(0),
            });
        }
        let place = StepPlace {
            at: self.clock.now(),
            node: Some(point.clone()),
            run: None,
        };
        let (parcel, advance) = self
            .move_parcel(actor, parcel, ParcelStage::Collected, &place, |_| Ok(()))
            .await?;
        if advance == Advance::Moved {
            Ok(Collected::Handed(Box::new(parcel)))
        } else {
            Err(ServiceError::Conflict(ALREADY_COLLECTED))
        }
    }

    async fn waiting_with_code(
        &self,
        point: &NetworkNodeId,
        code: &PickupCode,
    ) -> ServiceResult<Parcel> {
        let waiting = self
            .store
            .parcels(&ParcelFilter {
                direction: Some(Direction::Down),
                stages: vec![ParcelStage::AtPoint],
                point: Some(point.clone()),
                ..ParcelFilter::default()
            })
            .await?;
        let mut matching = waiting
            .into_iter()
            .filter(|parcel| parcel.pickup_code.as_ref() == Some(code));
        match (matching.next(), matching.next()) {
            (Some(parcel), None) => Ok(parcel),
            (Some(_), Some(_)) => Err(FieldError {
                field: "parcel",
                problem: Problem::Required,
            }
            .into()),
            (None, _) => Err(ServiceError::Conflict(NO_PARCEL_WITH_CODE)),
        }
    }
}
