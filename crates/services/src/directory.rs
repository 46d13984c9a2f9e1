//! The county directory — its places and shop listings — kept in memory for a few seconds.
//! The buyer home reads it on every visit and it changes rarely, so reading it from the database
//! each time would make the busiest page the slowest. Writes through this node clear it at once;
//! writes through another node (PostgreSQL deployments) show within `TTL`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use farmgate_domain::place::Place;
use farmgate_store::{Page, ShopFilter, ShopRecord};

use crate::{ServiceResult, Services};

/// How stale a cached listing may be when another node changed it.
pub const TTL: Duration = Duration::from_secs(5);
/// Listings kept at most; the cache starts over when it is full.
const MAX_LISTINGS: usize = 512;

/// One page of shops and how many match in all.
#[derive(Debug, Clone)]
pub struct ShopListing {
    pub shops: Vec<ShopRecord>,
    pub total: i64,
}

type ListingKey = (Option<String>, i64, i64);

#[derive(Default)]
pub struct Directory {
    places: Mutex<Option<(Instant, Arc<Vec<Place>>)>>,
    listings: Mutex<HashMap<ListingKey, (Instant, Arc<ShopListing>)>>,
}

impl Directory {
    /// Forgets everything; called after any write to places or shops.
    pub fn invalidate(&self) {
        *self.places.lock().unwrap_or_else(PoisonError::into_inner) = None;
        self.listings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    fn cached_places(&self) -> Option<Arc<Vec<Place>>> {
        let guard = self.places.lock().unwrap_or_else(PoisonError::into_inner);
        guard
            .as_ref()
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, places)| places.clone())
    }

    fn cached_listing(&self, key: &ListingKey) -> Option<Arc<ShopListing>> {
        let guard = self.listings.lock().unwrap_or_else(PoisonError::into_inner);
        guard
            .get(key)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, listing)| listing.clone())
    }

    fn keep_listing(&self, key: ListingKey, listing: Arc<ShopListing>) {
        let mut guard = self.listings.lock().unwrap_or_else(PoisonError::into_inner);
        if guard.len() >= MAX_LISTINGS {
            guard.clear();
        }
        guard.insert(key, (Instant::now(), listing));
    }
}

impl Services {
    /// The county, its townships and villages, ordered by code.
    pub async fn places(&self) -> ServiceResult<Arc<Vec<Place>>> {
        if let Some(places) = self.directory.cached_places() {
            return Ok(places);
        }
        let places = Arc::new(self.store.places().await?);
        *self
            .directory
            .places
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some((Instant::now(), places.clone()));
        Ok(places)
    }

    /// A page of shops, ordered by name, with the total that match.
    pub async fn shop_listing(
        &self,
        filter: &ShopFilter,
        page: Page,
    ) -> ServiceResult<Arc<ShopListing>> {
        let key = (
            filter.place.as_ref().map(|code| code.as_str().to_owned()),
            page.limit,
            page.offset,
        );
        if let Some(listing) = self.directory.cached_listing(&key) {
            return Ok(listing);
        }
        let shops = self.store.list_shops(filter, page).await?;
        let total = self.store.count_shops(filter).await?;
        let listing = Arc::new(ShopListing { shops, total });
        self.directory.keep_listing(key, listing.clone());
        Ok(listing)
    }
}
