//! A live session's cover: the picture its card shows in listings and on the shop page, checked
//! and resized like product photos. Without one, the card shows the bag's first photo.

use farmgate_domain::access::Actor;
use farmgate_domain::id::{LiveSessionId, PhotoId};

use crate::{new_id, ServiceError, ServiceResult, Services};

impl Services {
    /// Replaces the cover of a session that is scheduled or live; the old cover's files go.
    pub async fn set_live_cover(
        &self,
        actor: &Actor,
        id: &LiveSessionId,
        bytes: Vec<u8>,
    ) -> ServiceResult<String> {
        let mut session = self.hosted_live(actor, id).await?;
        if !session.status.accepts_stream() {
            return Err(ServiceError::Conflict(COVER_OF_A_PAST_SESSION));
        }
        let processed = self.process(bytes).await?;
        let file: PhotoId = new_id();
        self.save_photo_files(&file, processed).await?;
        let previous = session.cover_file_id.replace(file.to_string());
        if let Err(error) = self.store.update_live_session(&session).await {
            self.remove_photo_files(&[file.to_string()]);
            return Err(error.into());
        }
        if let Some(previous) = previous {
            self.remove_photo_files(&[previous]);
        }
        Ok(file.to_string())
    }
}

/// Why a cover cannot change.
pub const COVER_OF_A_PAST_SESSION: &str = "the session is over: its cover stays as it was";
