//! Scans: a parcel's label read (or typed) at the warehouse, in the van or at a stop. A scan can
//! take a parcel along its path but never collect it (that needs the villager's code) nor hand
//! it to a carrier (that needs the carrier's tracking number).

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::{NetworkNodeId, RouteRunId};
use farmgate_domain::parcel::{Advance, Direction, Parcel, ParcelCode, ParcelStage};
use farmgate_domain::time::Timestamp;

use super::{new_pickup_code, StepPlace};
use crate::{ServiceError, ServiceResult, Services};

/// How far ahead of the server's clock a device's time may be before it is not believed.
const CLOCK_SLACK_MS: i64 = 5 * 60 * 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub code: ParcelCode,
    pub stage: ParcelStage,
    /// When the device saw it; `None` for now.
    pub at: Option<Timestamp>,
    pub node: Option<NetworkNodeId>,
    pub run: Option<RouteRunId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scanned {
    pub parcel: Parcel,
    pub advance: Advance,
}

impl Services {
    pub async fn scan_parcel(&self, actor: &Actor, scan: &Scan) -> ServiceResult<Scanned> {
        authorize(actor, &Action::HandleParcels)?;
        if matches!(scan.stage, ParcelStage::Collected | ParcelStage::HandedOver) {
            return Err(ServiceError::Conflict(
                "collecting needs the pickup code and handing over needs the carrier's number",
            ));
        }
        let now = self.clock.now();
        // A phone's clock far in the future would put this step after ones not yet taken.
        let at = scan
            .at
            .filter(|at| at.millis() <= now.millis() + CLOCK_SLACK_MS)
            .unwrap_or(now);
        let place = StepPlace {
            at,
            node: scan.node.clone(),
            run: scan.run.clone(),
        };
        let parcel = self.parcel_by_code(&scan.code).await?;
        let (parcel, advance) = self
            .move_parcel(actor, parcel, scan.stage, &place, |parcel| {
                if parcel.direction == Direction::Down && parcel.stage == ParcelStage::AtPoint {
                    parcel.pickup_code = Some(new_pickup_code());
                }
                Ok(())
            })
            .await?;
        Ok(Scanned { parcel, advance })
    }
}
