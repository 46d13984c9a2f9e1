//! The demo history's evening live sessions (planned by `farmgate_demo::history`) as the live
//! paths leave an ended one: no bag, no replay, and the figures its room saved.

use farmgate_demo::DemoHistory;
use farmgate_domain::id::LiveSessionId;
use farmgate_domain::live::LiveStatus;
use farmgate_store::{LiveSessionRecord, SavedRoomFigures};

use crate::demo_history::missing;
use crate::demo_up::DemoShops;
use crate::ids::id_at;
use crate::secrets::new_secret;
use crate::ServiceResult;

/// The history's evening sessions as the live paths leave an ended one, with the figures its
/// room saved; hosted by the shop's owner.
pub(crate) fn past_sessions(
    history: &DemoHistory,
    demo: &DemoShops<'_>,
) -> ServiceResult<Vec<(LiveSessionRecord, SavedRoomFigures)>> {
    history
        .sessions
        .iter()
        .map(|past| {
            let (Some(shop), Some(host)) = (
                demo.shops.get(past.producer),
                demo.owners.get(past.producer),
            ) else {
                return Err(missing("shop"));
            };
            let id: LiveSessionId = id_at(past.went_live_at);
            let session = LiveSessionRecord {
                id: id.clone(),
                shop_id: shop.clone(),
                host_id: host.clone(),
                title: past.title.clone(),
                trailer: String::new(),
                cover_file_id: None,
                starts_at: past.went_live_at,
                status: LiveStatus::Ended,
                stream_key: format!("fgl_{}", new_secret()),
                pinned_product: None,
                went_live_at: Some(past.went_live_at),
                ended_at: Some(past.ended_at),
                replay_playlist: None,
                created_at: past.went_live_at.plus_days(-1),
                bag: Vec::new(),
            };
            let figures = SavedRoomFigures {
                session_id: id,
                peak_viewers: past.peak_viewers,
                unique_viewers: past.unique_viewers,
                unique_capped: false,
                likes: past.likes,
                clicks: Vec::new(),
                saved_at: past.ended_at,
            };
            Ok((session, figures))
        })
        .collect()
}
