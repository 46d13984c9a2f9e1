//! The sorting floor: down parcels at the warehouse waiting for a run, grouped by the village
//! point they go to, with each carrier's share — the parcels of several carriers for one
//! village ride together (co-distribution). Groups are ordered by the township station each
//! point is nearest to, so one station's villages sit side by side on the floor.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::network::{nearest_station, Carrier, NetworkNode};
use farmgate_domain::parcel::Direction;
use farmgate_domain::parcel::ParcelStage;
use farmgate_store::ParcelFilter;

use crate::{ServiceResult, Services};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortingView {
    /// The columns of every group's per-carrier counts.
    pub carriers: Vec<Carrier>,
    pub groups: Vec<SortingGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortingGroup {
    pub point: NetworkNode,
    pub station: Option<NetworkNode>,
    /// Parcels and grams per carrier, in `SortingView::carriers` order.
    pub by_carrier: Vec<(usize, i64)>,
    pub parcels: usize,
    pub weight_g: i64,
}

impl SortingGroup {
    /// More than one carrier's parcels travel together to this point.
    pub fn consolidated(&self) -> bool {
        self.by_carrier.iter().filter(|(n, _)| *n > 0).count() > 1
    }
}

impl Services {
    pub async fn sorting(&self, actor: &Actor) -> ServiceResult<SortingView> {
        authorize(actor, &Action::HandleParcels)?;
        let carriers = self.store.carriers().await?;
        let nodes = self.store.network_nodes().await?;
        let parcels = self
            .store
            .parcels(&ParcelFilter {
                direction: Some(Direction::Down),
                stages: vec![ParcelStage::Received, ParcelStage::Planned],
                ..ParcelFilter::default()
            })
            .await?;
        let mut groups: Vec<SortingGroup> = Vec::new();
        for parcel in &parcels {
            let Some(point) = nodes.iter().find(|node| node.id == parcel.point) else {
                continue;
            };
            let index = match groups.iter().position(|g| g.point.id == point.id) {
                Some(index) => index,
                None => {
                    groups.push(SortingGroup {
                        point: point.clone(),
                        station: nearest_station(point.location, &nodes).cloned(),
                        by_carrier: vec![(0, 0); carriers.len()],
                        parcels: 0,
                        weight_g: 0,
                    });
                    groups.len() - 1
                }
            };
            let group = &mut groups[index];
            group.parcels += 1;
            group.weight_g += parcel.weight_g;
            if let Some(column) = carriers
                .iter()
                .position(|c| Some(&c.id) == parcel.carrier.as_ref())
            {
                group.by_carrier[column].0 += 1;
                group.by_carrier[column].1 += parcel.weight_g;
            }
        }
        groups.sort_by(|a, b| {
            let station = |g: &SortingGroup| g.station.as_ref().map(|s| s.code.clone());
            station(a)
                .cmp(&station(b))
                .then_with(|| a.point.code.cmp(&b.point.code))
        });
        Ok(SortingView { carriers, groups })
    }
}
