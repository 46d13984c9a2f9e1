//! The buyer's interest feed (`domain::feed` ranks; this gathers): every product on sale as a
//! candidate, kept for 30 s, and the buyer's signals — what they bought lately and the shops
//! they follow. Short videos are to join the candidates.

use std::sync::Arc;

use farmgate_domain::access::Actor;
use farmgate_domain::availability::Availability;
use farmgate_domain::feed::{rank, FeedItem, Interests, Signal};
use farmgate_domain::id::ProductId;
use farmgate_domain::time::Timestamp;
use farmgate_store::{Page, ProductDetail};

use crate::{ServiceResult, Services};

/// Recent orders read for the buyer's signals.
const ORDERS_READ: i64 = 50;
const FOLLOWS_READ: i64 = 100;
/// Products read per query while gathering the candidates.
const BATCH: i64 = 1_000;

impl Services {
    /// The `n` products to show `viewer` first (the freshest and most popular for a visitor).
    pub async fn feed(
        &self,
        viewer: Option<&Actor>,
        n: usize,
    ) -> ServiceResult<Vec<Arc<ProductDetail>>> {
        let candidates = self.feed_candidates().await?;
        let interests = match viewer {
            Some(actor) => Interests::from_signals(&self.signals(actor).await?),
            None => Interests::default(),
        };
        let mut page = Vec::with_capacity(n);
        for item in rank(&candidates, &interests, self.clock.now(), n) {
            page.push(self.visible_product(&item.key).await?);
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

    /// Every product on sale now, as the feed ranks it.
    async fn feed_candidates(&self) -> ServiceResult<Arc<Vec<FeedItem<ProductId>>>> {
        let load = async {
            let now = self.clock.now();
            let mut items = Vec::new();
            let mut after: Option<ProductId> = None;
            loop {
                let batch = self.store.products_after(after.as_ref(), BATCH).await?;
                let Some(last) = batch.last() else { break };
                after = Some(last.product.id.clone());
                items.extend(
                    batch
                        .iter()
                        .filter(|d| d.product.status.is_on_sale() && buyable(d, now))
                        .map(|d| FeedItem {
                            key: d.product.id.clone(),
                            category: d.product.category,
                            shop: d.product.shop_id.clone(),
                            published: d.product.created_at,
                            sales: d.product.sales,
                        }),
                );
            }
            Ok::<_, crate::ServiceError>(Arc::new(items))
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
