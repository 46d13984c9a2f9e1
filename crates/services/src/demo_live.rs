//! The demo's live sessions: stored with their bags and moved to the state the plan gives —
//! announced, on air, or over.

use farmgate_demo::{DemoLiveSession, DemoLiveState};
use farmgate_domain::id::{AccountId, LiveSessionId, ProductId, ShopId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;
use farmgate_store::{CouponRecord, LiveFilter, LiveSessionRecord};

use crate::live::new_stream_key;
use crate::{new_id, ServiceResult, Services};

/// A demo session that is over lasted this long.
const ENDED_SESSION_MILLIS: i64 = 3_600_000;
/// Ended sessions looked at for a missing replay.
const DEMO_SESSIONS_LIMIT: i64 = 100;
/// Seconds of generated picture in a demo replay.
pub const DEMO_REPLAY_SECONDS: u32 = 90;
/// When the products of the demo replay were shown, in milliseconds from its start: all within
/// the generated replay, so every "shown at" button lands on picture.
const REPLAY_PINS_MILLIS: [i64; 3] = [10_000, 40_000, 70_000];

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
                self.seed_demo_pins(&session, planned.state).await?;
            }
            if planned.state == DemoLiveState::Live {
                self.store
                    .insert_coupon(&demo_coupon(&session, now))
                    .await?;
            }
            if planned.state == DemoLiveState::Ended {
                let ended = starts_at.plus_millis(ENDED_SESSION_MILLIS);
                self.store.mark_ended(&session.id, ended).await?;
            }
        }
        Ok(())
    }

    /// The session on air shows its first product; the one that is over showed three, at
    /// moments its replay has.
    async fn seed_demo_pins(
        &self,
        session: &LiveSessionRecord,
        state: DemoLiveState,
    ) -> ServiceResult<()> {
        let shown = match state {
            DemoLiveState::Live => &REPLAY_PINS_MILLIS[..1],
            _ => &REPLAY_PINS_MILLIS[..],
        };
        for (product, after) in session.bag.iter().zip(shown) {
            let at = session.starts_at.plus_millis(*after);
            self.store
                .pin_product(&session.id, Some(product), at)
                .await?;
        }
        Ok(())
    }

    /// Sessions that ended without a replay. In the demo none was ever pushed, so the server
    /// makes each a generated one; the history's evening sessions, kept as figures only (no
    /// bag), get none.
    pub async fn sessions_without_replay(&self) -> ServiceResult<Vec<LiveSessionId>> {
        let filter = LiveFilter {
            statuses: vec![LiveStatus::Ended],
            shop: None,
            starts_from: None,
            newest_first: false,
            needing_replay: true,
        };
        let ended = self
            .store
            .live_sessions(&filter, DEMO_SESSIONS_LIMIT)
            .await?;
        Ok(ended.into_iter().map(|session| session.id).collect())
    }
}

/// The session on air has a coupon in its room: ¥5 off from ¥49, 200 of them, one each.
fn demo_coupon(session: &LiveSessionRecord, now: Timestamp) -> CouponRecord {
    CouponRecord {
        id: new_id(),
        shop_id: session.shop_id.clone(),
        session_id: session.id.clone(),
        amount_off: Money::fen(500),
        minimum_spend: Money::fen(4_900),
        quantity: 200,
        claimed: 0,
        per_buyer_limit: 1,
        valid_until: now.plus_days(farmgate_domain::coupon::DEFAULT_VALID_DAYS),
        created_at: now,
        withdrawn_at: None,
    }
}
