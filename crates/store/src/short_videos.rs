//! Producers' short product videos, and what they sold.

use async_trait::async_trait;
use farmgate_domain::id::{ProductId, ShopId, ShortVideoId};
use farmgate_domain::money::Money;
use farmgate_domain::short_video::VideoStatus;
use farmgate_domain::time::Timestamp;

use crate::StoreResult;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortVideoRecord {
    pub id: ShortVideoId,
    pub shop_id: ShopId,
    pub title: String,
    pub status: VideoStatus,
    /// Percent of the transcode done; 100 once ready.
    pub progress: i64,
    /// Known once ready.
    pub duration_ms: Option<i64>,
    /// Why the transcode failed, in words for the producer.
    pub failure: Option<String>,
    pub created_at: Timestamp,
    pub ready_at: Option<Timestamp>,
    /// Shown as cards, in this order.
    pub products: Vec<ProductId>,
    /// Paid orders bought from the video (read, never written).
    pub orders: i64,
    /// What those orders' buyers paid, shipping included (read, never written).
    pub paid: Money,
}

#[async_trait]
pub trait ShortVideos: Send + Sync {
    /// Stores a new video with its products, in one transaction.
    async fn insert_short_video(&self, video: &ShortVideoRecord) -> StoreResult<()>;
    async fn short_video(&self, id: &ShortVideoId) -> StoreResult<Option<ShortVideoRecord>>;
    /// A shop's videos, newest first.
    async fn short_videos_of_shop(
        &self,
        shop: &ShopId,
        limit: i64,
    ) -> StoreResult<Vec<ShortVideoRecord>>;
    /// Ready videos in id order after `after`: the feed reads them all, page by page.
    async fn ready_short_videos_after(
        &self,
        after: Option<&ShortVideoId>,
        limit: i64,
    ) -> StoreResult<Vec<ShortVideoRecord>>;
    /// Videos whose transcode had not ended when the server last stopped.
    async fn processing_short_videos(&self) -> StoreResult<Vec<ShortVideoId>>;
    /// Raises a processing video's progress; a lower or late figure changes nothing.
    async fn set_short_video_progress(&self, id: &ShortVideoId, percent: i64) -> StoreResult<()>;
    /// A processing video becomes ready (true) or was not processing (false).
    async fn short_video_ready(
        &self,
        id: &ShortVideoId,
        duration_ms: i64,
        at: Timestamp,
    ) -> StoreResult<bool>;
    /// A processing video failed (true), or was not processing (false).
    async fn short_video_failed(&self, id: &ShortVideoId, failure: &str) -> StoreResult<bool>;
    /// Removes a video; the orders bought from it keep their channel.
    async fn delete_short_video(&self, id: &ShortVideoId) -> StoreResult<()>;
}
