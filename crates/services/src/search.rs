//! Keeping the search index in step with the catalogue, and searching it. Changes are queued
//! and published by `publish_search_updates` (the server calls it every half second), so a
//! burst of checkouts costs one index commit, and a change is findable within a second.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use farmgate_domain::id::ProductId;
use farmgate_search::{ProductDoc, SearchIndex, SearchPage, SearchQuery};
use farmgate_store::ProductDetail;

use crate::{ServiceError, ServiceResult, Services};

/// Products read per batch when rebuilding the index.
const REINDEX_BATCH: i64 = 500;

/// The index and the products whose documents are out of date.
pub struct Search {
    pub index: SearchIndex,
    stale: Mutex<BTreeSet<ProductId>>,
    /// A fingerprint of each document published since start: most checkouts leave a product's
    /// document as it was (still in stock), and then the index need not be written at all.
    published: Mutex<HashMap<ProductId, u64>>,
}

impl Search {
    pub fn new(index: SearchIndex) -> Self {
        Self {
            index,
            stale: Mutex::new(BTreeSet::new()),
            published: Mutex::new(HashMap::new()),
        }
    }
}

/// One page of results with the products themselves, in rank order.
pub struct Found {
    pub total: usize,
    pub products: Vec<ProductDetail>,
}

impl Services {
    pub fn with_search(mut self, search: Search) -> Self {
        self.search = Some(Arc::new(search));
        self
    }

    fn search_engine(&self) -> ServiceResult<&Search> {
        self.search
            .as_deref()
            .ok_or_else(|| ServiceError::Internal("search is not configured".into()))
    }

    /// Notes that these products' documents must be refreshed.
    pub(crate) fn search_stale(&self, products: impl IntoIterator<Item = ProductId>) {
        if let Some(search) = &self.search {
            let mut stale = search.stale.lock().unwrap_or_else(PoisonError::into_inner);
            stale.extend(products);
        }
    }

    /// Refreshes the documents of products changed since the last call whose document is not
    /// what was last published; returns how many were written or removed.
    pub async fn publish_search_updates(&self) -> ServiceResult<usize> {
        let search = self.search_engine()?;
        let stale: Vec<ProductId> = {
            let mut stale = search.stale.lock().unwrap_or_else(PoisonError::into_inner);
            std::mem::take(&mut *stale).into_iter().collect()
        };
        if stale.is_empty() {
            return Ok(0);
        }
        let mut changed = Vec::with_capacity(stale.len());
        let mut removed = Vec::new();
        for id in stale {
            match self.store.product(&id).await? {
                Some(detail) if detail.product.status.is_on_sale() => {
                    let doc = self.document(&detail).await?;
                    changed.push((id, fingerprint(&doc), doc));
                }
                _ => removed.push(id),
            }
        }
        {
            let published = search
                .published
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            changed.retain(|(id, print, _)| published.get(id) != Some(print));
        }
        if changed.is_empty() && removed.is_empty() {
            return Ok(0);
        }
        for id in &removed {
            search.index.remove(id.as_str()).map_err(internal)?;
        }
        let (prints, docs): (Vec<_>, Vec<ProductDoc>) = changed
            .into_iter()
            .map(|(id, print, doc)| ((id, print), doc))
            .unzip();
        search.index.upsert(&docs).map_err(internal)?;
        search.index.commit().map_err(internal)?;
        // Remembered only once committed, so a failed write is retried with the next change.
        let mut published = search
            .published
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        for id in &removed {
            published.remove(id);
        }
        let written = prints.len() + removed.len();
        published.extend(prints);
        Ok(written)
    }

    /// Rebuilds the whole index from the store (`farmgate reindex`, and at start).
    pub async fn reindex(&self) -> ServiceResult<u64> {
        let search = self.search_engine()?;
        search
            .published
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        search.index.clear().map_err(internal)?;
        let mut after: Option<ProductId> = None;
        let mut indexed = 0u64;
        loop {
            let batch = self
                .store
                .products_after(after.as_ref(), REINDEX_BATCH)
                .await?;
            let Some(last) = batch.last() else { break };
            after = Some(last.product.id.clone());
            let mut docs = Vec::with_capacity(batch.len());
            for detail in batch.iter().filter(|d| d.product.status.is_on_sale()) {
                docs.push(self.document(detail).await?);
            }
            indexed += docs.len() as u64;
            search.index.upsert(&docs).map_err(internal)?;
        }
        search.index.commit().map_err(internal)?;
        Ok(indexed)
    }

    /// Listed products matching the query, best first.
    pub async fn search_products(&self, query: &SearchQuery) -> ServiceResult<Found> {
        let search = self
            .search
            .clone()
            .ok_or_else(|| ServiceError::Internal("search is not configured".into()))?;
        let query = query.clone();
        // Searching is CPU work of a few milliseconds: keep it off the async threads.
        let page: SearchPage = tokio::task::spawn_blocking(move || search.index.search(&query))
            .await
            .map_err(|e| ServiceError::Internal(e.to_string()))?
            .map_err(internal)?;
        let mut products = Vec::with_capacity(page.hits.len());
        for hit in &page.hits {
            let Some(id) = ProductId::parse(&hit.id) else {
                continue;
            };
            if let Some(detail) = self.store.product(&id).await? {
                if detail.product.status.is_on_sale() {
                    products.push(detail);
                }
            }
        }
        Ok(Found {
            total: page.total,
            products,
        })
    }

    /// What the index knows of a product: its words in both languages, where it comes from,
    /// who sells it, and what sorting and filtering need.
    async fn document(&self, detail: &ProductDetail) -> ServiceResult<ProductDoc> {
        let p = &detail.product;
        let shop = self.store.shop(&p.shop_id).await?;
        let places = self.places().await?;
        let name_of = |code: &farmgate_domain::place::AreaCode| {
            places
                .iter()
                .find(|place| &place.code == code)
                .map(|place| format!("{} {}", place.name_zh, place.name_en))
                .unwrap_or_default()
        };
        let township = p
            .origin
            .parent()
            .map(|code| name_of(&code))
            .unwrap_or_default();
        Ok(ProductDoc {
            id: p.id.to_string(),
            shop_id: p.shop_id.to_string(),
            title: p.title.clone(),
            title_en: p.title_en.clone(),
            category: p.category.slug().to_owned(),
            category_names: format!("{} {}", p.category.name_zh(), p.category.name_en()),
            village_code: p.origin.to_string(),
            origin: format!("{} {township}", name_of(&p.origin)),
            producer: shop.map(|s| s.name).unwrap_or_default(),
            grade: format!("{} {}", p.grade.label_zh(), p.grade.label_en()),
            price_fen: detail
                .skus
                .iter()
                .map(|s| s.price.minor())
                .min()
                .unwrap_or(0),
            in_stock: detail.skus.iter().any(|s| s.stock > 0),
            sales: p.sales,
        })
    }
}

fn fingerprint(doc: &ProductDoc) -> u64 {
    let mut hasher = DefaultHasher::new();
    doc.hash(&mut hasher);
    hasher.finish()
}

fn internal(error: farmgate_search::SearchError) -> ServiceError {
    ServiceError::Internal(error.to_string())
}
