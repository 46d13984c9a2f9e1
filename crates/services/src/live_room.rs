//! Entering a live session's room: anyone may watch; a signed-in viewer may chat and like,
//! and the access rules say who moderates (the moderators, the hub, the hosting shop).

use farmgate_domain::access::{permits, Action};
use farmgate_domain::flash_sale::FlashSalePhase;
use farmgate_domain::id::{LiveSessionId, ShopId};
use farmgate_domain::live::LiveStatus;
use farmgate_live::{Member, RoomEvent, Speaker};
use farmgate_store::LiveSessionRecord;
use serde_json::json;

use crate::accounts::Signed;
use crate::{ServiceError, ServiceResult, Services};

/// What a viewer may do in a room, decided once when they connect.
#[derive(Debug, Clone)]
pub struct RoomPass {
    /// The hub's key for the room: the session's id.
    pub room: String,
    /// `None` for anonymous viewers, who may only watch.
    pub member: Option<Member>,
}

impl Services {
    pub async fn enter_live_room(
        &self,
        session: &str,
        viewer: Option<&Signed>,
    ) -> ServiceResult<RoomPass> {
        let id = LiveSessionId::parse(session).ok_or(ServiceError::NotFound)?;
        let shop = self.live_room_shop(&id).await?;
        let member = viewer.map(|signed| Member {
            speaker: Speaker {
                id: signed.account.id.as_str().to_owned(),
                name: signed.account.display_name.clone(),
            },
            moderator: permits(&signed.actor, &Action::ModerateLive(&shop)),
        });
        Ok(RoomPass {
            room: id.as_str().to_owned(),
            member,
        })
    }

    /// The shop hosting an open room. A session's shop never changes, so ten thousand viewers
    /// joining at once read the session once; a room that opens (or was forgotten while idle,
    /// or the server restarted) reads it, to start with the session's state and what it showed,
    /// so every snapshot says whether the host is on, what is pinned and what is on sale.
    async fn live_room_shop(&self, id: &LiveSessionId) -> ServiceResult<ShopId> {
        let open = self.rooms.room(id.as_str()).is_some();
        if let Some(shop) = self.caches.room_shops.get(id).filter(|_| open) {
            return Ok(shop);
        }
        let session = self
            .store
            .live_session(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if !open {
            let state = json!({ "state": session.status.as_str() });
            self.rooms.post(id.as_str(), RoomEvent::LiveState(state));
            let live = session.status == LiveStatus::Live;
            self.rooms.keep(id.as_str(), live);
            if live {
                self.restore_room(&session).await?;
            }
        }
        self.caches
            .room_shops
            .insert(id.clone(), session.shop_id.clone());
        Ok(session.shop_id)
    }

    /// What a live room showed before it was forgotten (a restart, or idle): the pinned card,
    /// the flash sale not yet closed and the newest coupon still on offer.
    async fn restore_room(&self, session: &LiveSessionRecord) -> ServiceResult<()> {
        if session.pinned_product.is_some() {
            let card = self.pinned_card(session.pinned_product.as_ref()).await?;
            self.rooms
                .post(session.id.as_str(), RoomEvent::Pinned(card));
        }
        let sales = self.live_flash_sales(&session.id).await?;
        if let Some(sale) = sales
            .iter()
            .rev()
            .find(|sale| sale.phase != FlashSalePhase::Closed)
        {
            self.post_flash_sale(sale);
        }
        if let Some(coupon) = self.room_coupons(&session.id).await?.first() {
            self.post_coupon(coupon);
        }
        Ok(())
    }
}
