//! Receiving at the county warehouse: staff scan or type what is on the arriving parcel — the
//! carrier's tracking number or our parcel code — and learn where it goes. Scanning it twice
//! says so and changes nothing.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::network::NetworkNode;
use farmgate_domain::parcel::{Advance, Direction, Parcel, ParcelCode, ParcelStage};

use crate::parcels::StepPlace;
use crate::{ServiceError, ServiceResult, Services};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub parcel: Parcel,
    /// Where the sorter puts it.
    pub point: NetworkNode,
    /// It was received before (or is already further along).
    pub already: bool,
}

impl Services {
    pub async fn receive_parcel(&self, actor: &Actor, scanned: &str) -> ServiceResult<Receipt> {
        authorize(actor, &Action::HandleParcels)?;
        let parcel = self.find_down_parcel(scanned).await?;
        let known = self.destinations().await?;
        let place = StepPlace {
            at: self.clock.now(),
            node: Some(known.warehouse()?.id.clone()),
            run: None,
        };
        let (parcel, advance) = self
            .move_parcel(actor, parcel, ParcelStage::Received, &place, |_| Ok(()))
            .await?;
        let point = known
            .nodes
            .into_iter()
            .find(|node| node.id == parcel.point)
            .ok_or(ServiceError::NotFound)?;
        Ok(Receipt {
            already: advance != Advance::Moved,
            parcel,
            point,
        })
    }

    /// A down parcel by our code or by any carrier's tracking number.
    pub(super) async fn find_down_parcel(&self, scanned: &str) -> ServiceResult<Parcel> {
        let scanned = scanned.trim();
        let by_code = match ParcelCode::parse(scanned) {
            Some(code) => self.store.parcel_by_code(&code).await?,
            None => None,
        };
        let parcel = match by_code {
            Some(parcel) => Some(parcel),
            None => {
                let mut found = None;
                for carrier in self.store.carriers().await? {
                    if let Some(parcel) =
                        self.store.parcel_by_tracking(&carrier.id, scanned).await?
                    {
                        if found.is_some() {
                            return Err(ServiceError::Conflict(
                                "two carriers use this tracking number; scan our parcel code",
                            ));
                        }
                        found = Some(parcel);
                    }
                }
                found
            }
        };
        parcel
            .filter(|parcel| parcel.direction == Direction::Down)
            .ok_or(ServiceError::NotFound)
    }
}
