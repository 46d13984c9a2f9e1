//! A session's broadcast as the video server reports it: a push with the session's key takes
//! it live, and the push stopping ends it — but only once the push has stayed away for the
//! reconnect grace, because a host on a village's mobile network drops and comes back. A server
//! restarted while sessions were live gives their hosts the same grace to push again.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use farmgate_domain::id::LiveSessionId;
use farmgate_domain::live::LiveStatus;
use farmgate_live::RoomEvent;
use farmgate_store::{FollowerNotice, LiveFilter, NotificationKind, StoreError};

use crate::{ServiceError, ServiceResult, Services};

/// How long a stopped push may take to come back before its session ends.
pub const RECONNECT_GRACE: Duration = Duration::from_secs(60);
/// Sessions looked at when the server starts; more than a county ever has on air.
const ON_AIR_LIMIT: i64 = 1_000;

/// Counts each session's pushes, so an end scheduled for one push is dropped once another has
/// started.
#[derive(Debug)]
pub(crate) struct Broadcasts {
    grace: Duration,
    pushes: Mutex<HashMap<LiveSessionId, u64>>,
}

impl Default for Broadcasts {
    fn default() -> Self {
        Broadcasts {
            grace: RECONNECT_GRACE,
            pushes: Mutex::default(),
        }
    }
}

impl Broadcasts {
    fn started(&self, id: &LiveSessionId) {
        if let Ok(mut pushes) = self.pushes.lock() {
            *pushes.entry(id.clone()).or_default() += 1;
        }
    }

    fn pushes(&self, id: &LiveSessionId) -> u64 {
        self.pushes
            .lock()
            .map(|pushes| pushes.get(id).copied().unwrap_or_default())
            .unwrap_or_default()
    }

    fn forget(&self, id: &LiveSessionId) {
        if let Ok(mut pushes) = self.pushes.lock() {
            pushes.remove(id);
        }
    }
}

impl Services {
    /// The same services with another reconnect grace (tests use none, or a short one).
    pub fn with_reconnect_grace(mut self, grace: Duration) -> Self {
        self.broadcasts = std::sync::Arc::new(Broadcasts {
            grace,
            pushes: Mutex::default(),
        });
        self
    }

    /// nginx's `on_publish`: the key's session, now live. Refused for an unknown key, a key of a
    /// session that is over, or a cancelled one — nginx then drops the connection.
    pub async fn live_publish_authorized(&self, stream_key: &str) -> ServiceResult<LiveSessionId> {
        let session = self
            .store
            .live_session_by_key(stream_key.trim())
            .await?
            .filter(|s| s.status.accepts_stream())
            .ok_or(ServiceError::Forbidden)?;
        self.broadcasts.started(&session.id);
        let now = self.clock.now();
        let transition = self.store.mark_live(&session.id, now).await?;
        if transition.changed {
            let notice = FollowerNotice {
                shop: session.shop_id.clone(),
                kind: NotificationKind::LiveStarted,
                title: session.title.clone(),
                link: format!("/live/{}", session.id),
                event_key: format!("live:{}", session.id),
                at: now,
            };
            let told = self.store.notify_followers(&notice).await?;
            tracing::info!(session = %session.id, followers = told, "live session started");
            self.rooms.keep(session.id.as_str(), true);
            self.post_live_state(&session.id, LiveStatus::Live);
        }
        Ok(session.id)
    }

    /// nginx's `on_publish_done`: the push stopped. The session ends once the reconnect grace
    /// has passed without a new push; at once when there is no grace. Repeated calls change
    /// nothing; a session that never went live stays as it was.
    pub async fn live_stream_ended(&self, id: &LiveSessionId) -> ServiceResult<()> {
        if self.broadcasts.grace.is_zero() {
            return self.end_broadcast(id).await;
        }
        self.end_after_grace(id.clone());
        Ok(())
    }

    /// At start-up: sessions left live by the last run end unless their hosts push again within
    /// the grace. Returns how many are waiting.
    pub async fn resume_broadcasts(&self) -> ServiceResult<usize> {
        let on_air = self.sessions_on_air().await?;
        for (id, _) in &on_air {
            self.end_after_grace(id.clone());
        }
        Ok(on_air.len())
    }

    /// Live sessions with their stream keys (for the demo's generated pushes).
    pub async fn sessions_on_air(&self) -> ServiceResult<Vec<(LiveSessionId, String)>> {
        let filter = LiveFilter {
            statuses: vec![LiveStatus::Live],
            shop: None,
            starts_from: None,
            newest_first: false,
            needing_replay: false,
        };
        let mut on_air = Vec::new();
        for summary in self.store.live_sessions(&filter, ON_AIR_LIMIT).await? {
            if let Some(session) = self.store.live_session(&summary.id).await? {
                on_air.push((session.id, session.stream_key));
            }
        }
        Ok(on_air)
    }

    /// The recording is ready to watch again.
    pub async fn live_replay_ready(&self, id: &LiveSessionId, playlist: &str) -> ServiceResult<()> {
        Ok(self.store.set_replay(id, playlist).await?)
    }

    fn end_after_grace(&self, id: LiveSessionId) {
        let pushes = self.broadcasts.pushes(&id);
        let services = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(services.broadcasts.grace).await;
            if services.broadcasts.pushes(&id) != pushes {
                return;
            }
            if let Err(error) = services.end_broadcast(&id).await {
                tracing::warn!(%error, session = %id, "could not end the live session");
            }
        });
    }

    async fn end_broadcast(&self, id: &LiveSessionId) -> ServiceResult<()> {
        self.broadcasts.forget(id);
        match self.store.mark_ended(id, self.clock.now()).await {
            Ok(transition) => {
                if transition.changed {
                    self.post_live_state(id, LiveStatus::Ended);
                    if let Err(error) = self.save_session_figures(id).await {
                        tracing::warn!(session = %id, %error, "the room's figures were not saved");
                    }
                }
                Ok(())
            }
            Err(StoreError::Conflict(_)) => Ok(()),
            Err(other) => Err(other.into()),
        }
    }

    /// Tells the room's viewers the session started or ended, so pages reload the player.
    fn post_live_state(&self, id: &LiveSessionId, status: LiveStatus) {
        let state = serde_json::json!({ "state": status.as_str() });
        self.rooms.post(id.as_str(), RoomEvent::LiveState(state));
    }
}
