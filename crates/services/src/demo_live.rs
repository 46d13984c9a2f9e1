//! The demo's live sessions: stored with their bags and moved to the state the plan gives —
//! announced, on air, or over.

use farmgate_demo::{DemoLiveSession, DemoLiveState};
use farmgate_domain::id::{AccountId, ProductId, ShopId};
use farmgate_domain::live::LiveStatus;
use farmgate_store::LiveSessionRecord;

use crate::live::new_stream_key;
use crate::{new_id, ServiceResult, Services};

/// A demo session that is over lasted this long.
const ENDED_SESSION_MILLIS: i64 = 3_600_000;

impl Services {
    pub(crate) async fn seed_demo_live(
        &self,
        sessions: &[DemoLiveSession],
        shops: &[ShopId],
        owners: &[AccountId],
        products: &[Option<ProductId>],
    ) -> ServiceResult<()> {
        let now = self.clock.now();
        for planned in sessions {
            let (Some(shop), Some(host)) =
                (shops.get(planned.producer), owners.get(planned.producer))
            else {
                continue;
            };
            let starts_at = now.plus_millis(planned.starts_in_hours * 3_600_000);
            let session = LiveSessionRecord {
                id: new_id(),
                shop_id: shop.clone(),
                host_id: host.clone(),
                title: planned.title.clone(),
                trailer: planned.trailer.clone(),
                cover_file_id: None,
                starts_at,
                status: LiveStatus::Scheduled,
                stream_key: new_stream_key(),
                pinned_product: None,
                went_live_at: None,
                ended_at: None,
                replay_playlist: None,
                created_at: now,
                bag: planned
                    .bag
                    .iter()
                    .filter_map(|&i| products.get(i).cloned().flatten())
                    .collect(),
            };
            self.store.insert_live_session(&session).await?;
            if planned.state != DemoLiveState::Scheduled {
                self.store.mark_live(&session.id, starts_at).await?;
            }
            if planned.state == DemoLiveState::Ended {
                let ended = starts_at.plus_millis(ENDED_SESSION_MILLIS);
                self.store.mark_ended(&session.id, ended).await?;
            }
        }
        Ok(())
    }
}
