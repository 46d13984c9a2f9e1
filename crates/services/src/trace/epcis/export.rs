//! EPCIS exports: one batch's events, a producer's shops' or the whole county's. Events are
//! read a page at a time in the order they were recorded; each batch and product is looked up
//! once.

use std::collections::HashMap;

use farmgate_domain::access::{permits, Action, Actor};
use farmgate_domain::id::{BatchEventId, BatchId, ProductId, ShopId};
use farmgate_domain::trace::{Batch, BatchEvent, Gtin};

use super::write::{epcis_document, EpcisBatch};
use super::EpcisDocument;
use crate::{ServiceError, ServiceResult, Services};

/// Events read from the store at a time.
const EVENT_PAGE: i64 = 500;

impl Services {
    /// One batch's history, for those who may read the batch; `origin` is the hub's
    /// `https://host` the document's URIs are made under.
    pub async fn batch_epcis(
        &self,
        actor: &Actor,
        id: &BatchId,
        origin: &str,
    ) -> ServiceResult<EpcisDocument> {
        let batch = self.batch(actor, id).await?;
        let events = self.store.batch_events(id).await?;
        let gtin = self.store.product_trace(&batch.product).await?.gtin;
        let facts = epcis_batch(&batch, gtin);
        Ok(epcis_document(
            origin,
            self.clock.now(),
            events.iter().map(|event| (event, &facts)),
        ))
    }

    /// The events of every batch the actor may supervise: the whole county for the hub and
    /// quality officers, their own shops' for producers; nobody else has batches.
    pub async fn epcis_export(&self, actor: &Actor, origin: &str) -> ServiceResult<EpcisDocument> {
        if permits(actor, &Action::SuperviseQuality) {
            return self.epcis_of(None, origin).await;
        }
        let shops: Vec<ShopId> = actor
            .shops
            .iter()
            .filter(|shop| permits(actor, &Action::ManageBatches(shop)))
            .cloned()
            .collect();
        if shops.is_empty() {
            return Err(ServiceError::Forbidden);
        }
        self.epcis_of(Some(&shops), origin).await
    }

    /// Every event in the store, for `farmgate export epcis` (run by whoever holds the data
    /// folder).
    pub async fn export_all_epcis(&self, origin: &str) -> ServiceResult<EpcisDocument> {
        self.epcis_of(None, origin).await
    }

    async fn epcis_of(
        &self,
        shops: Option<&[ShopId]>,
        origin: &str,
    ) -> ServiceResult<EpcisDocument> {
        let mut batches: HashMap<BatchId, Option<EpcisBatch>> = HashMap::new();
        let mut gtins: HashMap<ProductId, Option<Gtin>> = HashMap::new();
        let mut kept: Vec<BatchEvent> = Vec::new();
        let mut after: Option<BatchEventId> = None;
        loop {
            let page = self
                .store
                .batch_events_after(after.as_ref(), EVENT_PAGE)
                .await?;
            let Some(last) = page.last() else { break };
            after = Some(last.id.clone());
            let full = page.len() as i64 == EVENT_PAGE;
            for event in page {
                if !batches.contains_key(&event.batch) {
                    let facts = self.facts_in_scope(&event.batch, shops, &mut gtins).await?;
                    batches.insert(event.batch.clone(), facts);
                }
                if matches!(batches.get(&event.batch), Some(Some(_))) {
                    kept.push(event);
                }
            }
            if !full {
                break;
            }
        }
        let events = kept.iter().filter_map(|event| {
            let facts = batches.get(&event.batch)?.as_ref()?;
            Some((event, facts))
        });
        Ok(epcis_document(origin, self.clock.now(), events))
    }

    /// The batch's facts when it belongs to one of `shops` (any shop when `None`).
    async fn facts_in_scope(
        &self,
        id: &BatchId,
        shops: Option<&[ShopId]>,
        gtins: &mut HashMap<ProductId, Option<Gtin>>,
    ) -> ServiceResult<Option<EpcisBatch>> {
        let Some(batch) = self.store.batch(id).await? else {
            return Ok(None);
        };
        if shops.is_some_and(|shops| !shops.contains(&batch.shop)) {
            return Ok(None);
        }
        let gtin = match gtins.get(&batch.product) {
            Some(gtin) => gtin.clone(),
            None => {
                let gtin = self.store.product_trace(&batch.product).await?.gtin;
                gtins.insert(batch.product.clone(), gtin.clone());
                gtin
            }
        };
        Ok(Some(epcis_batch(&batch, gtin)))
    }
}

fn epcis_batch(batch: &Batch, gtin: Option<Gtin>) -> EpcisBatch {
    EpcisBatch {
        id: batch.id.clone(),
        lot: batch.lot.clone(),
        harvested_on: batch.harvested_on,
        units: batch.units,
        gtin,
    }
}
