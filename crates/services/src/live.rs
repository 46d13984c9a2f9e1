//! Live sessions: a shop's host schedules one with a trailer and a shopping bag, streams into it
//! with its secret key (nginx asks us whether a key may publish), pins products while live, and
//! the recording becomes a replay. Followers are told once when a session goes live.

use std::sync::Arc;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::{LiveSessionId, ProductId, ShopId};
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::live::{replay_offset, shopping_bag, LiveSchedule, LiveStatus};
use farmgate_domain::time::Timestamp;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{
    LiveFilter, LiveSessionRecord, LiveSessionSummary, Page, ProductDetail, StoreError,
};

use farmgate_live::RoomEvent;

use crate::secrets::new_secret;
use crate::{new_id, ServiceError, ServiceResult, Services};

/// How far back a shop's page lists its replays: a shop that streams every evening has
/// dozens, and the oldest matter least.
const REPLAY_DAYS: i64 = 30;

/// What a host fills in to schedule or edit a session.
#[derive(Debug, Clone, Default)]
pub struct LiveForm {
    pub title: String,
    pub trailer: String,
    pub starts_at: Option<Timestamp>,
    /// Product ids as submitted.
    pub products: Vec<String>,
}

/// A session as its room and replay show it to anyone: no stream key.
#[derive(Debug, Clone)]
pub struct LiveRoom {
    pub id: LiveSessionId,
    pub shop_id: ShopId,
    pub title: String,
    pub trailer: String,
    pub starts_at: Timestamp,
    pub status: LiveStatus,
    pub went_live_at: Option<Timestamp>,
    pub replay_playlist: Option<String>,
    pub pinned: Option<ProductId>,
    /// The bag's products that are on sale, in the host's order.
    pub bag: Vec<Arc<ProductDetail>>,
    /// Where each pinned product appears in the replay, in milliseconds from its start.
    pub moments: Vec<(ProductId, i64)>,
}

/// A fresh stream key. The prefix makes one pasted in the wrong place recognisable.
pub(crate) fn new_stream_key() -> String {
    format!("fgl_{}", new_secret())
}

impl Services {
    pub async fn schedule_live(
        &self,
        actor: &Actor,
        shop: &ShopId,
        form: &LiveForm,
    ) -> ServiceResult<LiveSessionRecord> {
        authorize(actor, &Action::HostLive(shop))?;
        let (schedule, bag) = self.checked_form(form)?;
        let session = LiveSessionRecord {
            id: new_id(),
            shop_id: shop.clone(),
            host_id: actor.account_id.clone(),
            title: schedule.title,
            trailer: schedule.trailer,
            cover_file_id: None,
            starts_at: schedule.starts_at,
            status: LiveStatus::Scheduled,
            stream_key: new_stream_key(),
            pinned_product: None,
            went_live_at: None,
            ended_at: None,
            replay_playlist: None,
            created_at: self.clock.now(),
            bag,
        };
        self.store
            .insert_live_session(&session)
            .await
            .map_err(bag_refused)?;
        Ok(session)
    }

    pub async fn edit_live(
        &self,
        actor: &Actor,
        id: &LiveSessionId,
        form: &LiveForm,
    ) -> ServiceResult<LiveSessionRecord> {
        let mut session = self.hosted_live(actor, id).await?;
        let (schedule, bag) = self.checked_form(form)?;
        session.title = schedule.title;
        session.trailer = schedule.trailer;
        session.starts_at = schedule.starts_at;
        session.bag = bag;
        self.store
            .update_live_session(&session)
            .await
            .map_err(bag_refused)?;
        Ok(session)
    }

    pub async fn cancel_live(&self, actor: &Actor, id: &LiveSessionId) -> ServiceResult<()> {
        self.hosted_live(actor, id).await?;
        Ok(self.store.cancel_live_session(id, self.clock.now()).await?)
    }

    /// The session with its stream key, for the shop's members and the hub only.
    pub async fn hosted_live(
        &self,
        actor: &Actor,
        id: &LiveSessionId,
    ) -> ServiceResult<LiveSessionRecord> {
        let session = self
            .store
            .live_session(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        authorize(actor, &Action::HostLive(&session.shop_id))?;
        Ok(session)
    }

    /// The shop's listed products, which a bag may hold.
    pub async fn live_bag_candidates(
        &self,
        actor: &Actor,
        shop: &ShopId,
    ) -> ServiceResult<Vec<ProductDetail>> {
        authorize(actor, &Action::HostLive(shop))?;
        let products = self.store.products_of_shop(shop, Page::first(500)).await?;
        Ok(products
            .into_iter()
            .filter(|p| p.product.status == ListingStatus::Listed)
            .collect())
    }

    /// A shop's latest sessions, newest plans first, for its live console.
    pub async fn shop_live_sessions(
        &self,
        actor: &Actor,
        shop: &ShopId,
    ) -> ServiceResult<Vec<LiveSessionSummary>> {
        authorize(actor, &Action::HostLive(shop))?;
        let filter = LiveFilter {
            statuses: vec![
                LiveStatus::Live,
                LiveStatus::Scheduled,
                LiveStatus::Ended,
                LiveStatus::Cancelled,
            ],
            shop: Some(shop.clone()),
            starts_from: None,
            newest_first: true,
            needing_replay: false,
        };
        let mut sessions = self.store.live_sessions(&filter, 200).await?;
        sessions.sort_by_key(|s| std::cmp::Reverse(s.starts_at));
        Ok(sessions)
    }

    /// Sessions live now and coming up (not those a day past their start that never began);
    /// with `shop`, that shop's, replays of the last `REPLAY_DAYS` included.
    pub async fn live_listing(
        &self,
        shop: Option<&ShopId>,
    ) -> ServiceResult<Vec<LiveSessionSummary>> {
        let mut statuses = vec![LiveStatus::Live, LiveStatus::Scheduled];
        if shop.is_some() {
            statuses.push(LiveStatus::Ended);
        }
        let filter = LiveFilter {
            statuses,
            shop: shop.cloned(),
            starts_from: shop.map(|_| self.clock.now().plus_days(-REPLAY_DAYS)),
            newest_first: false,
            needing_replay: false,
        };
        let now = self.clock.now();
        let sessions = self.store.live_sessions(&filter, 100).await?;
        Ok(sessions
            .into_iter()
            .filter(|s| {
                s.status != LiveStatus::Scheduled
                    || !farmgate_domain::live::is_stale_schedule(s.starts_at, now)
            })
            .filter(|s| s.status != LiveStatus::Ended || s.has_replay)
            .collect())
    }

    /// A session as anyone sees it; cancelled ones do not exist for viewers.
    pub async fn live_room(&self, id: &LiveSessionId) -> ServiceResult<LiveRoom> {
        let session = self
            .store
            .live_session(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if session.status == LiveStatus::Cancelled {
            return Err(ServiceError::NotFound);
        }
        let mut bag = Vec::with_capacity(session.bag.len());
        for product in &session.bag {
            match self.visible_product(product).await {
                Ok(detail) => bag.push(detail),
                Err(ServiceError::NotFound) => {}
                Err(other) => return Err(other),
            }
        }
        let moments = match session.went_live_at {
            Some(start) => self
                .store
                .live_pins(id)
                .await?
                .into_iter()
                .map(|pin| (pin.product_id, replay_offset(start, pin.pinned_at)))
                .collect(),
            None => Vec::new(),
        };
        Ok(LiveRoom {
            id: session.id,
            shop_id: session.shop_id,
            title: session.title,
            trailer: session.trailer,
            starts_at: session.starts_at,
            status: session.status,
            went_live_at: session.went_live_at,
            replay_playlist: session.replay_playlist,
            pinned: session.pinned_product,
            bag,
            moments,
        })
    }

    /// Pins a bag product for everyone in the room (or clears the pin).
    pub async fn pin_live_product(
        &self,
        actor: &Actor,
        id: &LiveSessionId,
        product: Option<&str>,
    ) -> ServiceResult<()> {
        self.hosted_live(actor, id).await?;
        let product = product
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                ProductId::parse(p.trim())
                    .ok_or_else(|| ValidationErrors::single("product", Problem::Invalid))
            })
            .transpose()?;
        self.store
            .pin_product(id, product.as_ref(), self.clock.now())
            .await?;
        let card = self.pinned_card(product.as_ref()).await?;
        self.rooms.post(id.as_str(), RoomEvent::Pinned(card));
        Ok(())
    }

    /// The room's card for a pinned product: `null` when nothing is pinned.
    pub(crate) async fn pinned_card(
        &self,
        product: Option<&ProductId>,
    ) -> ServiceResult<serde_json::Value> {
        let Some(product) = product else {
            return Ok(serde_json::Value::Null);
        };
        let detail = self.visible_product(product).await?;
        let price = detail
            .skus
            .iter()
            .map(|sku| sku.price)
            .min_by_key(|p| p.minor());
        Ok(serde_json::json!({
            "id": product,
            "title": detail.product.title,
            "price": price.map(|p| p.to_string()),
        }))
    }

    fn checked_form(&self, form: &LiveForm) -> ServiceResult<(LiveSchedule, Vec<ProductId>)> {
        let mut errors = ValidationErrors::default();
        let schedule =
            LiveSchedule::parse(&form.title, &form.trailer, form.starts_at, self.clock.now())
                .map_err(|e| errors.0.extend(e.0))
                .ok();
        let products: Option<Vec<ProductId>> = form
            .products
            .iter()
            .map(|p| ProductId::parse(p.trim()))
            .collect();
        let bag = match products {
            Some(products) => shopping_bag(products)
                .map_err(|e| errors.0.extend(e.0))
                .ok(),
            None => {
                errors.push("products", Problem::Invalid);
                None
            }
        };
        match (schedule, bag) {
            (Some(schedule), Some(bag)) if errors.0.is_empty() => Ok((schedule, bag)),
            _ => Err(errors.into()),
        }
    }
}

/// A bag naming another shop's product reads as a mistake in the form, not a conflict.
fn bag_refused(error: StoreError) -> ServiceError {
    match error {
        StoreError::Conflict(what) if what.contains("bag") => {
            ValidationErrors::single("products", Problem::NotAllowed).into()
        }
        other => other.into(),
    }
}
