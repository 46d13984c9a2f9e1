//! Entering a live session's room: anyone may watch; a signed-in viewer may chat and like,
//! and the access rules say who moderates (the moderators, the hub, the hosting shop).

use farmgate_domain::access::{permits, Action};
use farmgate_domain::id::LiveSessionId;
use farmgate_domain::live::LiveStatus;
use farmgate_live::{Member, RoomEvent, Speaker};
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
        let session = self
            .store
            .live_session(&id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let member = viewer.map(|signed| Member {
            speaker: Speaker {
                id: signed.account.id.as_str().to_owned(),
                name: signed.account.display_name.clone(),
            },
            moderator: permits(&signed.actor, &Action::ModerateLive(&session.shop_id)),
        });
        // A room opens empty (or was forgotten while idle): start it with the session's state,
        // so every snapshot says whether the host is on.
        if self.rooms.room(id.as_str()).is_none() {
            let state = json!({ "state": session.status.as_str() });
            self.rooms.post(id.as_str(), RoomEvent::LiveState(state));
            self.rooms
                .keep(id.as_str(), session.status == LiveStatus::Live);
        }
        Ok(RoomPass {
            room: id.as_str().to_owned(),
            member,
        })
    }
}
