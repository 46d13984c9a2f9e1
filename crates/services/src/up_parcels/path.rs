//! A parcel's whole path, step by step with places and times: in full for the buyer and the
//! producer of the order it carries, and with its people masked for anyone holding its code.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::{OrderId, RouteRunId};
use farmgate_domain::network::Carrier;
use farmgate_domain::parcel::{Parcel, ParcelCode, ParcelStage};
use farmgate_domain::parcel_up::{mask_name, mask_phone};
use farmgate_domain::time::Timestamp;

use crate::{ServiceError, ServiceResult, Services};

/// One step taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    pub stage: ParcelStage,
    pub at: Timestamp,
    /// The network site's name, when the step was taken at one.
    pub place: Option<String>,
    pub run: Option<RouteRunId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParcelPath {
    pub parcel: Parcel,
    /// In the order they happened.
    pub steps: Vec<PathStep>,
    /// The carrier it came from (down) or was handed to (up).
    pub carrier: Option<Carrier>,
}

/// A path as anyone with the code sees it: the villager's name and phone masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicPath {
    pub path: ParcelPath,
    pub villager_name: String,
    pub villager_phone: String,
}

impl Services {
    /// The path of the parcel an order went up in, for its buyer or its shop; `None` when it
    /// did not go through the network.
    pub async fn order_parcel_path(
        &self,
        actor: &Actor,
        order: &OrderId,
    ) -> ServiceResult<Option<ParcelPath>> {
        let detail = self
            .store
            .order(order)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if detail.order.buyer_id != actor.account_id {
            authorize(actor, &Action::ManageShop(&detail.order.shop_id))
                .map_err(|_| ServiceError::NotFound)?;
        }
        match self.order_parcel(order).await? {
            Some(parcel) => Ok(Some(self.parcel_path(parcel).await?)),
            None => Ok(None),
        }
    }

    /// Anyone's view of a parcel by its code: no login, people masked.
    pub async fn public_parcel_path(&self, code: &ParcelCode) -> ServiceResult<PublicPath> {
        let parcel = self.parcel_by_code(code).await?;
        let villager_name = mask_name(&parcel.villager.name);
        let villager_phone = mask_phone(parcel.villager.phone.as_str());
        Ok(PublicPath {
            path: self.parcel_path(parcel).await?,
            villager_name,
            villager_phone,
        })
    }

    async fn parcel_path(&self, parcel: Parcel) -> ServiceResult<ParcelPath> {
        let events = self.store.parcel_events(&parcel.id).await?;
        let nodes = self.store.network_nodes().await?;
        let mut steps: Vec<PathStep> = events
            .into_iter()
            .map(|event| PathStep {
                stage: event.stage,
                at: event.at,
                place: event
                    .node
                    .and_then(|id| nodes.iter().find(|n| n.id == id))
                    .map(|n| n.name.clone()),
                run: event.run,
            })
            .collect();
        // Steps stamped in the same millisecond keep the path's order.
        let path = ParcelStage::path(parcel.direction);
        steps.sort_by_key(|step| (step.at, path.iter().position(|s| *s == step.stage)));
        let carrier = match &parcel.carrier {
            Some(id) => self.store.carrier(id).await?,
            None => None,
        };
        Ok(ParcelPath {
            parcel,
            steps,
            carrier,
        })
    }
}
