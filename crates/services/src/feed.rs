//! The buyer's interest feed (`domain::feed` ranks; this gathers): every product on sale and
//! every ready short video as candidates, kept for 30 s, and the buyer's signals — what they
//! bought lately and the shops they follow.

use std::sync::Arc;

use farmgate_domain::access::Actor;
use farmgate_domain::availability::Availability;
use std::collections::HashMap;

use farmgate_domain::catalogue::Category;
use farmgate_domain::feed::{rank, FeedItem, FeedKey, Interests, Signal};
use farmgate_domain::id::{ProductId, ShortVideoId};
use farmgate_domain::time::Timestamp;
use farmgate_store::{Page, ProductDetail};

use crate::short_videos::VideoView;
use crate::{ServiceError, ServiceResult, Services};

/// One thing on the buyer's feed.
#[derive(Debug, Clone)]
pub enum FeedEntry {
    Product(Arc<ProductDetail>),
    Video(Box<VideoView>),
}

/// Recent orders read for the buyer's signals.
const ORDERS_READ: i64 = 50;
const FOLLOWS_READ: i64 = 100;
/// Products read per query while gathering the candidates.
const BATCH: i64 = 1_000;

impl Services {
    /// The `n` products and videos to show `viewer` first (the freshest and most popular for
    /// a visitor).
    pub async fn feed(&self, viewer: Option<&Actor>, n: usize) -> ServiceResult<Vec<FeedEntry>> {
        let candidates = self.feed_candidates().await?;
        let interests = match viewer {
            Some(actor) => Interests::from_signals(&self.signals(actor).await?),
            None => Interests::default(),
        };
        let mut page = Vec::with_capacity(n);
        for item in rank(&candidates, &interests, self.clock.now(), n) {
            // A product or video withdrawn since the candidates were read is left out.
            let entry = match &item.key {
                FeedKey::Product(id) => self.visible_product(id).await.map(FeedEntry::Product),
                FeedKey::Video(id) => self
                    .short_video_view(id)
                    .await
                    .map(|view| FeedEntry::Video(Box::new(view))),
            };
            match entry {
                Ok(entry) => page.push(entry),
                Err(ServiceError::NotFound) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(page)
    }

    async fn signals(&self, actor: &Actor) -> ServiceResult<Vec<Signal>> {
        let buyer = &actor.account_id;
        let orders = self
            .store
            .orders_of_buyer(buyer, Page::first(ORDERS_READ))
            .await?;
        let mut signals: Vec<Signal> = orders
            .iter()
            .filter(|o| o.order.paid_at.is_some())
            .flat_map(|o| {
                o.lines.iter().map(|line| Signal::Bought {
                    category: line.category,
                    shop: o.order.shop_id.clone(),
                })
            })
            .collect();
        let followed = self.store.shops_followed_by(buyer, FOLLOWS_READ).await?;
        signals.extend(followed.into_iter().map(|shop| Signal::Followed { shop }));
        Ok(signals)
    }

    /// Every product on sale now and every ready video, as the feed ranks them.
    async fn feed_candidates(&self) -> ServiceResult<Arc<Vec<FeedItem<FeedKey>>>> {
        let load = async {
            let now = self.clock.now();
            let mut items = Vec::new();
            let mut categories: HashMap<ProductId, Category> = HashMap::new();
            let mut after: Option<ProductId> = None;
            loop {
                let batch = self.store.products_after(after.as_ref(), BATCH).await?;
                let Some(last) = batch.last() else { break };
                after = Some(last.product.id.clone());
                for d in batch.iter().filter(|d| d.product.status.is_on_sale()) {
                    categories.insert(d.product.id.clone(), d.product.category);
                    if buyable(d, now) {
                        items.push(FeedItem {
                            key: FeedKey::Product(d.product.id.clone()),
                            category: d.product.category,
                            shop: d.product.shop_id.clone(),
                            published: d.product.created_at,
                            sales: d.product.sales,
                        });
                    }
                }
            }
            let mut after: Option<ShortVideoId> = None;
            loop {
                let batch = self
                    .store
                    .ready_short_videos_after(after.as_ref(), BATCH)
                    .await?;
                let Some(last) = batch.last() else { break };
                after = Some(last.id.clone());
                // A video counts in its first product's category; one showing nothing on sale
                // has nothing to offer and is left out.
                items.extend(batch.into_iter().filter_map(|video| {
                    let category = video.products.iter().find_map(|p| categories.get(p))?;
                    Some(FeedItem {
                        category: *category,
                        shop: video.shop_id,
                        published: video.ready_at.unwrap_or(video.created_at),
                        sales: video.orders,
                        key: FeedKey::Video(video.id),
                    })
                }));
            }
            Ok::<_, ServiceError>(Arc::new(items))
        };
        self.caches.feed.get_or_load(&(), load).await
    }
}

/// In season or on pre-sale: a product the buyer can order now.
fn buyable(detail: &ProductDetail, now: Timestamp) -> bool {
    let availability = Availability {
        season: detail.product.season,
        presale: detail.product.presale,
    };
    availability.check(now).is_ok()
}
