//! Handing up parcels to a carrier at the county warehouse: the carrier's tracking number is
//! typed or scanned, the parcel moves to `HandedOver` through `move_parcel`, and an order's
//! shipment then names that carrier and number. That last write is a follow-up, not part of
//! the parcel's step: it sets the same values every time, so a repeated handover (answered
//! "already handed over") writes it again and mends an order a failure left behind.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::CarrierId;
use farmgate_domain::network::{Carrier, NodeKind};
use farmgate_domain::parcel::{Advance, Direction, Parcel, ParcelCode, ParcelStage};
use farmgate_domain::shipment::{self, TrackingNumber};
use farmgate_domain::validation::{FieldError, Problem};
use farmgate_store::{ParcelFilter, CARRIER_TRACKING_TAKEN};

use crate::parcels::StepPlace;
use crate::{ServiceError, ServiceResult, Services};

pub const ONLY_UP_PARCELS: &str = "only up parcels are handed to a carrier";
pub const NOT_RECEIVED: &str = "only a parcel received at the warehouse can be handed over";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    pub code: ParcelCode,
    pub carrier: CarrierId,
    /// As typed or scanned.
    pub tracking: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandedOver {
    pub parcel: Parcel,
    /// Who has it now.
    pub carrier: Carrier,
    /// It had been handed over before: nothing changed.
    pub already: bool,
}

/// An up parcel waiting at the warehouse, with where it is going.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedParcel {
    pub parcel: Parcel,
    pub destination: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverQueue {
    pub carriers: Vec<Carrier>,
    /// Oldest first.
    pub parcels: Vec<QueuedParcel>,
}

impl Services {
    /// Up parcels received at the warehouse and not yet handed over.
    pub async fn handover_queue(&self, actor: &Actor) -> ServiceResult<HandoverQueue> {
        authorize(actor, &Action::HandleParcels)?;
        let filter = ParcelFilter {
            direction: Some(Direction::Up),
            stages: vec![ParcelStage::Received],
            ..ParcelFilter::default()
        };
        let mut parcels = Vec::new();
        for parcel in self.store.parcels(&filter).await? {
            let destination = self.destination(&parcel).await?;
            parcels.push(QueuedParcel {
                parcel,
                destination,
            });
        }
        Ok(HandoverQueue {
            carriers: self.store.carriers().await?,
            parcels,
        })
    }

    pub async fn hand_over_parcel(
        &self,
        actor: &Actor,
        handover: &Handover,
    ) -> ServiceResult<HandedOver> {
        authorize(actor, &Action::HandleParcels)?;
        let tracking = TrackingNumber::parse(&handover.tracking)?;
        let carrier = self
            .store
            .carrier(&handover.carrier)
            .await?
            .ok_or(FieldError {
                field: "carrier",
                problem: Problem::Invalid,
            })?;
        let parcel = self.parcel_by_code(&handover.code).await?;
        if parcel.direction != Direction::Up {
            return Err(ServiceError::Conflict(ONLY_UP_PARCELS));
        }
        if parcel.stage == ParcelStage::HandedOver {
            let carrier = self.name_order_carrier(&parcel).await?;
            return Ok(HandedOver {
                parcel,
                carrier,
                already: true,
            });
        }
        if parcel.stage != ParcelStage::Received {
            return Err(ServiceError::Conflict(NOT_RECEIVED));
        }
        let taken = self
            .store
            .parcel_by_tracking(&carrier.id, tracking.as_str())
            .await?;
        if taken.is_some_and(|other| other.id != parcel.id) {
            return Err(ServiceError::Conflict(CARRIER_TRACKING_TAKEN));
        }
        let place = StepPlace {
            at: self.clock.now(),
            node: self.received_at(&parcel).await?,
            run: None,
        };
        let (parcel, advance) = self
            .move_parcel(actor, parcel, ParcelStage::HandedOver, &place, |moved| {
                moved.carrier = Some(carrier.id.clone());
                moved.carrier_tracking = Some(tracking.as_str().to_owned());
                Ok(())
            })
            .await?;
        let carrier = self.name_order_carrier(&parcel).await?;
        Ok(HandedOver {
            parcel,
            carrier,
            already: advance != Advance::Moved,
        })
    }

    /// Puts the carrier a handed-over parcel went to, and its number, on the order the parcel
    /// carries (if it carries one); that carrier.
    async fn name_order_carrier(&self, parcel: &Parcel) -> ServiceResult<Carrier> {
        let (Some(carrier), Some(tracking)) = (&parcel.carrier, &parcel.carrier_tracking) else {
            return Err(ServiceError::Internal(
                "a handed-over parcel without its carrier".to_owned(),
            ));
        };
        let carrier = self
            .store
            .carrier(carrier)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if let Some(order) = &parcel.order {
            let code = shipment_carrier(&carrier);
            self.store.set_order_carrier(order, &code, tracking).await?;
        }
        Ok(carrier)
    }

    /// Where the parcel was received (the warehouse that hands it over), else the first
    /// warehouse.
    async fn received_at(
        &self,
        parcel: &Parcel,
    ) -> ServiceResult<Option<farmgate_domain::id::NetworkNodeId>> {
        let events = self.store.parcel_events(&parcel.id).await?;
        if let Some(node) = events
            .iter()
            .rev()
            .find(|e| e.stage == ParcelStage::Received)
            .and_then(|e| e.node.clone())
        {
            return Ok(Some(node));
        }
        let nodes = self.store.network_nodes().await?;
        Ok(nodes
            .into_iter()
            .find(|node| node.kind() == NodeKind::Warehouse)
            .map(|node| node.id))
    }

    /// Where an up parcel goes: its order's address, or declared produce's destination.
    pub(crate) async fn destination(&self, parcel: &Parcel) -> ServiceResult<String> {
        if let Some(order) = &parcel.order {
            let detail = self.store.order(order).await?;
            return Ok(detail
                .map(|d| {
                    let a = d.order.address;
                    format!("{} {}", a.city, a.county)
                })
                .unwrap_or_default());
        }
        Ok(self
            .store
            .produce_recipient(&parcel.id)
            .await?
            .map(|r| r.destination)
            .unwrap_or_default())
    }
}

/// How an order's shipment names a network carrier: as the national carrier it is (`zto`),
/// known by its name or its code, or else by its name.
fn shipment_carrier(carrier: &Carrier) -> String {
    [carrier.name.as_str(), carrier.code.as_str()]
        .into_iter()
        .filter_map(|text| shipment::Carrier::parse(text).ok())
        .find(|known| !matches!(known, shipment::Carrier::Other(_)))
        .map_or_else(|| carrier.name.clone(), |known| known.code().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_carriers_are_named_as_the_national_carriers_they_are() {
        let carrier = |code: &str, name: &str| Carrier {
            id: crate::new_id(),
            code: code.into(),
            name: name.into(),
        };
        assert_eq!(shipment_carrier(&carrier("SF", "顺丰速运")), "sf");
        assert_eq!(
            shipment_carrier(&carrier("EMS", "中国邮政 EMS")),
            "china_post"
        );
        assert_eq!(
            shipment_carrier(&carrier("XY", "雪源县域快线")),
            "雪源县域快线"
        );
    }
}
