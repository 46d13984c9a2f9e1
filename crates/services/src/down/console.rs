//! What the logistics console and the village point pages show: today's down parcels by stage,
//! and each point's parcels waiting for their villagers.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::NetworkNodeId;
use farmgate_domain::network::{NetworkNode, NodeKind};
use farmgate_domain::parcel::{Direction, Parcel, ParcelStage};
use farmgate_store::ParcelFilter;

use crate::{ServiceError, ServiceResult, Services};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownCounts {
    /// Down parcels that came in today (China time), by the stage they are at now, in path
    /// order.
    pub today: Vec<(ParcelStage, usize)>,
    /// Parcels from earlier days not yet collected.
    pub earlier_open: usize,
    /// Pickup notices owed but not yet sent.
    pub notices_owed: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointParcels {
    pub point: NetworkNode,
    /// At the point, waiting for their villagers; oldest first.
    pub waiting: Vec<Parcel>,
    /// On their way here (received, planned or loaded).
    pub coming: usize,
}

impl Services {
    pub async fn down_counts(&self, actor: &Actor) -> ServiceResult<DownCounts> {
        authorize(actor, &Action::HandleParcels)?;
        let start = CivilDate::in_china(self.clock.now()).start_in_china();
        let parcels = self.down_parcels(Vec::new(), None).await?;
        let (today, earlier): (Vec<&Parcel>, Vec<&Parcel>) = parcels
            .iter()
            .partition(|parcel| parcel.created_at >= start);
        let today = ParcelStage::path(Direction::Down)
            .iter()
            .map(|stage| (*stage, today.iter().filter(|p| p.stage == *stage).count()))
            .collect();
        let notices_owed = self.store.parcels_awaiting_notice(i64::MAX).await?.len();
        Ok(DownCounts {
            today,
            earlier_open: earlier
                .iter()
                .filter(|parcel| parcel.stage != ParcelStage::Collected)
                .count(),
            notices_owed,
        })
    }

    /// Every village point with how many parcels wait there.
    pub async fn village_points(&self, actor: &Actor) -> ServiceResult<Vec<(NetworkNode, usize)>> {
        authorize(actor, &Action::HandleParcels)?;
        let waiting = self.down_parcels(vec![ParcelStage::AtPoint], None).await?;
        Ok(self
            .store
            .network_nodes()
            .await?
            .into_iter()
            .filter(|node| node.kind() == NodeKind::VillagePoint)
            .map(|node| {
                let count = waiting.iter().filter(|p| p.point == node.id).count();
                (node, count)
            })
            .collect())
    }

    pub async fn point_parcels(
        &self,
        actor: &Actor,
        point: &NetworkNodeId,
    ) -> ServiceResult<PointParcels> {
        authorize(actor, &Action::HandleParcels)?;
        let point = self
            .store
            .network_node(point)
            .await?
            .filter(|node| node.kind() == NodeKind::VillagePoint)
            .ok_or(ServiceError::NotFound)?;
        let waiting = self
            .down_parcels(vec![ParcelStage::AtPoint], Some(point.id.clone()))
            .await?;
        let coming = self
            .down_parcels(
                vec![
                    ParcelStage::Received,
                    ParcelStage::Planned,
                    ParcelStage::Loaded,
                ],
                Some(point.id.clone()),
            )
            .await?
            .len();
        Ok(PointParcels {
            point,
            waiting,
            coming,
        })
    }

    async fn down_parcels(
        &self,
        stages: Vec<ParcelStage>,
        point: Option<NetworkNodeId>,
    ) -> ServiceResult<Vec<Parcel>> {
        Ok(self
            .store
            .parcels(&ParcelFilter {
                direction: Some(Direction::Down),
                stages,
                point,
                ..ParcelFilter::default()
            })
            .await?)
    }
}
