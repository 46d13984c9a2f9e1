//! Short-lived memories of what every checkout reads: who a bearer token belongs to, the
//! products being bought and the marketplace settings. A checkout is the busiest write, and
//! reading the same token, hot products and settings from the store for each one costs more
//! than placing it. Live rooms likewise remember each session's shop, read by every viewer
//! who joins. Changes made through these services drop the affected entries at once;
//! entries also expire after a moment, so a change made by another node sharing the database
//! (a revoked token, a role taken away) takes effect within `TTL`. Whether a product's batches
//! let it be sold is asked by every checkout too, and remembered the same way. Public trace pages are read
//! by every scan of a label and are public and cacheable anyway, so they are kept longer.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use farmgate_domain::campaign::CampaignTerms;
use farmgate_domain::feed::{FeedItem, FeedKey};
use farmgate_domain::id::{AccountId, CampaignId, LiveSessionId, ProductId, ShopId};
use farmgate_domain::trace::{Gtin, Lot, SaleStop};
use farmgate_store::{BatchTrace, GroupBuyRecord, ProductDetail};

use crate::accounts::Signed;
use crate::{ServiceResult, Services};

/// How stale an entry may be when another node changed it.
const TTL: Duration = Duration::from_secs(2);
/// How stale a batch's public trace may be when another node recorded something about it;
/// proxies may keep the page longer still (`Cache-Control: public, max-age=300`).
const TRACE_TTL: Duration = Duration::from_secs(30);
/// How stale the feed's candidates may be: a new product joins within this.
const FEED_TTL: Duration = Duration::from_secs(30);
/// Entries kept at most; past that the cache starts over, which is cheap and rare.
const CAPACITY: usize = 20_000;

pub(crate) struct Caches {
    /// Active bearer tokens by the hash of their secret, with their account as signed in.
    pub bearers: TtlCache<String, Signed>,
    pub products: TtlCache<ProductId, Arc<ProductDetail>>,
    /// Settings documents by key, as stored.
    pub settings: TtlCache<&'static str, Option<String>>,
    /// The shop of each live session whose room viewers are joining.
    pub room_shops: TtlCache<LiveSessionId, ShopId>,
    /// What scanned labels show, by the label's GTIN and lot.
    pub traces: TtlCache<(Gtin, Lot), Arc<BatchTrace>>,
    /// Whether each product's batches let it be sold, asked by every checkout.
    pub sale_stops: TtlCache<ProductId, Option<SaleStop>>,
    /// Whether an account is a leader now, asked by every visit through a marked link.
    pub leaders: TtlCache<AccountId, bool>,
    /// What the feed ranks: every product on sale and every ready short video, read again at
    /// most every 30 s (at once when a video is made or removed).
    pub feed: TtlCache<(), Arc<Vec<FeedItem<FeedKey>>>>,
    /// The campaigns not ended, asked by every checkout.
    pub campaigns: TtlCache<(), Arc<Vec<(CampaignId, CampaignTerms)>>>,
    /// The newest group-buys opening teams, by how many were asked: every home page shows them.
    pub group_buys: TtlCache<i64, Arc<Vec<GroupBuyRecord>>>,
}

impl Default for Caches {
    fn default() -> Self {
        Self {
            bearers: TtlCache::default(),
            products: TtlCache::default(),
            settings: TtlCache::default(),
            room_shops: TtlCache::default(),
            traces: TtlCache::with_ttl(TRACE_TTL),
            sale_stops: TtlCache::default(),
            leaders: TtlCache::default(),
            feed: TtlCache::with_ttl(FEED_TTL),
            campaigns: TtlCache::default(),
            group_buys: TtlCache::default(),
        }
    }
}

pub(crate) struct TtlCache<K, V> {
    entries: Mutex<HashMap<K, (Instant, V)>>,
    ttl: Duration,
}

impl<K, V> Default for TtlCache<K, V> {
    fn default() -> Self {
        Self::with_ttl(TTL)
    }
}

impl<K, V> TtlCache<K, V> {
    fn with_ttl(ttl: Duration) -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            ttl,
        }
    }
}

impl<K: Eq + Hash, V: Clone> TtlCache<K, V> {
    pub fn get(&self, key: &K) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .get(key)
            .filter(|(stored, _)| stored.elapsed() < self.ttl)
            .map(|(_, value)| value.clone())
    }

    /// The fresh entry for `key`, or what `load` answers, remembered.
    pub async fn get_or_load<E>(
        &self,
        key: &K,
        load: impl Future<Output = Result<V, E>>,
    ) -> Result<V, E>
    where
        K: Clone,
    {
        if let Some(value) = self.get(key) {
            return Ok(value);
        }
        let value = load.await?;
        self.insert(key.clone(), value.clone());
        Ok(value)
    }

    pub fn insert(&self, key: K, value: V) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(key, (Instant::now(), value));
    }

    pub fn remove(&self, key: &K) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.remove(key);
    }

    pub fn clear(&self) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.clear();
    }
}

impl Services {
    /// Forgets who every cached bearer token belongs to: after a revocation or a change of
    /// roles or shops, the next request reads the account afresh.
    pub(crate) fn accounts_changed(&self) {
        self.caches.bearers.clear();
    }

    /// Forgets every batch's public trace and every product's sale stop: something about a
    /// batch was recorded through this node (a batch, an event, an inspection, a certificate,
    /// packing, a recall, a product's GTIN or batch rule).
    pub(crate) fn traces_changed(&self) {
        self.caches.traces.clear();
        self.caches.sale_stops.clear();
    }

    /// Forgets the cached copies of changed products and queues them for the search index.
    pub(crate) fn catalogue_changed(&self, products: impl IntoIterator<Item = ProductId>) {
        let products: Vec<ProductId> = products.into_iter().collect();
        for product in &products {
            self.caches.products.remove(product);
        }
        self.search_stale(products);
    }

    /// A product buyers can see, as a checkout prices it: from the cache when fresh. Its
    /// stock may be a moment old; the checkout's transaction is what decides a sale.
    pub(crate) async fn visible_product(
        &self,
        id: &ProductId,
    ) -> ServiceResult<Arc<ProductDetail>> {
        let load = async { Ok(Arc::new(self.product(None, id).await?)) };
        self.caches.products.get_or_load(id, load).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_found_until_removed() {
        let cache: TtlCache<&'static str, u32> = TtlCache::default();
        assert_eq!(cache.get(&"a"), None);
        cache.insert("a", 1);
        assert_eq!(cache.get(&"a"), Some(1));
        cache.remove(&"a");
        assert_eq!(cache.get(&"a"), None);
    }

    #[test]
    fn a_full_cache_starts_over() {
        let cache: TtlCache<usize, usize> = TtlCache::default();
        for i in 0..=CAPACITY {
            cache.insert(i, i);
        }
        assert_eq!(cache.get(&0), None);
        assert_eq!(cache.get(&CAPACITY), Some(CAPACITY));
    }
}
