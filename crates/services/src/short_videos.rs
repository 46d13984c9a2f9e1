//! Producers' short product videos: described and stored here, transcoded by the web layer's
//! worker (which reports progress, then ready or failed), shown to buyers once ready with
//! cards of their products on sale. A buyer who adds a product from a video buys it in the
//! short-video channel.

use std::sync::Arc;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::{ProductId, ShopId, ShortVideoId};
use farmgate_domain::money::Money;
use farmgate_domain::short_video::{VideoDescription, VideoStatus};
use farmgate_store::{NewCheckout, Page, ProductDetail, ShortVideoRecord};

use crate::checkout::CartItem;
use crate::{new_id, ServiceError, ServiceResult, Services};

/// Videos listed on a shop's console page.
const SHOP_VIDEOS_SHOWN: i64 = 50;
/// Products of a shop offered for a video's cards.
const SHOP_PRODUCTS_READ: i64 = 500;

/// A ready video with its products still on sale, as a buyer sees it.
#[derive(Debug, Clone)]
pub struct VideoView {
    pub video: ShortVideoRecord,
    pub products: Vec<Arc<ProductDetail>>,
}

impl Services {
    /// Stores a new video of `shop` as processing; the caller then transcodes its file.
    pub async fn start_short_video(
        &self,
        actor: &Actor,
        shop: &ShopId,
        title: &str,
        products: &[String],
    ) -> ServiceResult<ShortVideoId> {
        authorize(actor, &Action::ManageShop(shop))?;
        let owned = self
            .store
            .products_of_shop(shop, Page::first(SHOP_PRODUCTS_READ))
            .await?;
        let description = VideoDescription::parse(title, products, |id| {
            owned.iter().any(|d| &d.product.id == id)
        })?;
        let video = ShortVideoRecord {
            id: new_id(),
            shop_id: shop.clone(),
            title: description.title,
            status: VideoStatus::Processing,
            progress: 0,
            duration_ms: None,
            failure: None,
            created_at: self.clock.now(),
            ready_at: None,
            products: description.products,
            orders: 0,
            paid: Money::fen(0),
        };
        self.store.insert_short_video(&video).await?;
        Ok(video.id)
    }

    /// A shop's videos, newest first, with what each sold.
    pub async fn shop_short_videos(
        &self,
        actor: &Actor,
        shop: &ShopId,
    ) -> ServiceResult<Vec<ShortVideoRecord>> {
        authorize(actor, &Action::ManageShop(shop))?;
        Ok(self
            .store
            .short_videos_of_shop(shop, SHOP_VIDEOS_SHOWN)
            .await?)
    }

    /// One of a shop's videos, in any state (its progress while it is made).
    pub async fn shop_short_video(
        &self,
        actor: &Actor,
        shop: &ShopId,
        id: &ShortVideoId,
    ) -> ServiceResult<ShortVideoRecord> {
        authorize(actor, &Action::ManageShop(shop))?;
        self.store
            .short_video(id)
            .await?
            .filter(|video| &video.shop_id == shop)
            .ok_or(ServiceError::NotFound)
    }

    /// Removes one of a shop's videos from everywhere it shows.
    pub async fn delete_short_video(
        &self,
        actor: &Actor,
        shop: &ShopId,
        id: &ShortVideoId,
    ) -> ServiceResult<()> {
        self.shop_short_video(actor, shop, id).await?;
        self.store.delete_short_video(id).await?;
        self.caches.feed.clear();
        Ok(())
    }

    /// A ready video and its products on sale; nothing for a video not ready.
    pub async fn short_video_view(&self, id: &ShortVideoId) -> ServiceResult<VideoView> {
        let video = self
            .store
            .short_video(id)
            .await?
            .filter(|video| video.status == VideoStatus::Ready)
            .ok_or(ServiceError::NotFound)?;
        let mut products = Vec::with_capacity(video.products.len());
        for product in &video.products {
            match self.visible_product(product).await {
                Ok(detail) => products.push(detail),
                Err(ServiceError::NotFound) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(VideoView { video, products })
    }

    /// The worker's report: the transcode has got this far.
    pub async fn short_video_progress(&self, id: &ShortVideoId, percent: u8) -> ServiceResult<()> {
        Ok(self
            .store
            .set_short_video_progress(id, i64::from(percent))
            .await?)
    }

    /// The worker's report: the video is made and may be shown.
    pub async fn short_video_ready(&self, id: &ShortVideoId, seconds: f64) -> ServiceResult<()> {
        let duration_ms = (seconds.max(0.0) * 1000.0).round() as i64;
        self.store
            .short_video_ready(id, duration_ms, self.clock.now())
            .await?;
        self.caches.feed.clear();
        Ok(())
    }

    /// The worker's report: the video could not be made, and why, for the producer.
    pub async fn short_video_failed(&self, id: &ShortVideoId, why: &str) -> ServiceResult<()> {
        self.store.short_video_failed(id, why).await?;
        Ok(())
    }

    /// Videos whose transcode a stopped server left unfinished.
    pub async fn unfinished_short_videos(&self) -> ServiceResult<Vec<ShortVideoId>> {
        Ok(self.store.processing_short_videos().await?)
    }

    /// Whether `video` is ready and shows `product`: only then does a cart line count for it.
    pub(crate) async fn video_shows(
        &self,
        video: &ShortVideoId,
        product: &ProductId,
    ) -> ServiceResult<bool> {
        let video = self.store.short_video(video).await?;
        Ok(video.is_some_and(|v| v.status == VideoStatus::Ready && v.products.contains(product)))
    }
}

/// Orders with a line added from a short video count for the short-video channel and the
/// first such line's video.
pub(crate) fn attribute_to_videos(checkout: &mut NewCheckout, items: &[CartItem]) {
    for detail in &mut checkout.orders {
        let video = detail.lines.iter().find_map(|line| {
            items
                .iter()
                .find(|item| item.sku == line.sku_id)
                .and_then(|item| item.video.clone())
        });
        if let Some(video) = video {
            detail.order.channel = "short_video".to_owned();
            detail.order.short_video_id = Some(video);
        }
    }
}
