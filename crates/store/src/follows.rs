//! Shop followers, and the in-app notifications that tell them a session has begun.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, ShopId};
use farmgate_domain::time::Timestamp;

use crate::StoreResult;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRecord {
    pub account_id: AccountId,
    /// Names the event; one notification per account and event.
    pub event_key: String,
    pub kind: NotificationKind,
    pub title: String,
    pub link: String,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationKind {
    LiveStarted,
    /// The account won a lucky draw; the title is the prize.
    DrawWon,
    /// A batch in one of the account's orders was recalled; the link asks for acknowledgement.
    Recall,
    /// The account's group-buy team ended: filled (the order ships) or refunded.
    GroupBuy,
}

impl NotificationKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::LiveStarted => "live_started",
            Self::DrawWon => "draw_won",
            Self::Recall => "recall",
            Self::GroupBuy => "group_buy",
        }
    }
}

/// One notification for every follower of a shop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowerNotice {
    pub shop: ShopId,
    pub kind: NotificationKind,
    pub title: String,
    pub link: String,
    /// Makes the notice once per follower however often it is sent.
    pub event_key: String,
    pub at: Timestamp,
}

#[async_trait]
pub trait Follows: Send + Sync {
    async fn set_following(
        &self,
        shop: &ShopId,
        account: &AccountId,
        follow: bool,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn is_following(&self, shop: &ShopId, account: &AccountId) -> StoreResult<bool>;
    async fn follower_count(&self, shop: &ShopId) -> StoreResult<i64>;
    /// The shops `account` follows, most recently followed first.
    async fn shops_followed_by(&self, account: &AccountId, limit: i64) -> StoreResult<Vec<ShopId>>;
    /// Writes the notice for each follower in one statement; returns how many were new.
    async fn notify_followers(&self, notice: &FollowerNotice) -> StoreResult<u64>;
    /// Newest first.
    async fn notifications(
        &self,
        account: &AccountId,
        limit: i64,
    ) -> StoreResult<Vec<NotificationRecord>>;
    async fn unread_notifications(&self, account: &AccountId) -> StoreResult<i64>;
    async fn mark_notifications_read(&self, account: &AccountId, at: Timestamp) -> StoreResult<()>;
}
