//! The host starts a flash sale on a variant of a product in the live session's bag: the
//! domain checks the terms against the variant as it is now, and the store takes the units
//! from its stock in the transaction that creates the sale.

use farmgate_domain::access::Actor;
use farmgate_domain::flash_sale::{FlashSaleInput, FlashSaleTerms, SkuOffer};
use farmgate_domain::id::{LiveSessionId, SkuId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{FlashSaleRecord, LiveSessionRecord, ProductDetail, SkuRecord, StoreError};

use super::NOT_LIVE;
use crate::{new_id, ServiceError, ServiceResult, Services};

/// What a host fills in, as typed.
#[derive(Debug, Clone, Default)]
pub struct FlashSaleForm {
    /// A variant of a product in the session's bag.
    pub sku: String,
    /// In yuan.
    pub price: String,
    pub stock_limit: String,
    pub per_buyer_limit: String,
    pub countdown_seconds: String,
    pub duration_minutes: String,
}

impl Services {
    pub async fn start_flash_sale(
        &self,
        actor: &Actor,
        session: &LiveSessionId,
        form: &FlashSaleForm,
    ) -> ServiceResult<FlashSaleRecord> {
        let live = self.hosted_live(actor, session).await?;
        if live.status != LiveStatus::Live {
            return Err(ServiceError::Conflict(NOT_LIVE));
        }
        let (detail, sku) = self.bag_variant(&live.bag, &form.sku).await?;
        let now = self.clock.now();
        let input = FlashSaleInput {
            price: &form.price,
            stock_limit: &form.stock_limit,
            per_buyer_limit: &form.per_buyer_limit,
            countdown_seconds: &form.countdown_seconds,
            duration_minutes: &form.duration_minutes,
        };
        let offer = SkuOffer {
            price: sku.price,
            stock: sku.stock,
        };
        let terms = FlashSaleTerms::parse(&input, offer, now)?;
        let sale = FlashSaleRecord {
            id: new_id(),
            session_id: live.id,
            product_id: detail.product.id.clone(),
            sku_id: sku.id,
            price: terms.price.money(),
            stock_limit: terms.stock_limit,
            sold: 0,
            per_buyer_limit: terms.per_buyer_limit,
            opens_at: terms.opens_at,
            closes_at: terms.closes_at,
            created_at: now,
            settled_at: None,
        };
        match self.store.insert_flash_sale(&sale).await {
            Ok(()) => {}
            // Sold elsewhere since the form read the stock.
            Err(StoreError::Conflict("not enough stock")) => {
                return Err(ValidationErrors::single("stock_limit", Problem::Invalid).into())
            }
            Err(other) => return Err(other.into()),
        }
        self.catalogue_changed([sale.product_id.clone()]);
        let state = self.flash_sale_state(&sale.id).await?;
        self.post_flash_sale(&state);
        Ok(sale)
    }

    /// The session and its bag's products on sale, read afresh for their stock: what the host
    /// chooses a variant from.
    pub async fn flash_sale_choices(
        &self,
        actor: &Actor,
        session: &LiveSessionId,
    ) -> ServiceResult<(LiveSessionRecord, Vec<ProductDetail>)> {
        let live = self.hosted_live(actor, session).await?;
        let mut products = Vec::with_capacity(live.bag.len());
        for product in &live.bag {
            if let Some(detail) = self.store.product(product).await? {
                if detail.product.status.is_on_sale() {
                    products.push(detail);
                }
            }
        }
        Ok((live, products))
    }

    /// The bag product with variant `sku`, read afresh for its stock; a field error when the
    /// variant is not in the bag or its product is not on sale.
    async fn bag_variant(
        &self,
        bag: &[farmgate_domain::id::ProductId],
        sku: &str,
    ) -> ServiceResult<(ProductDetail, SkuRecord)> {
        let not_in_bag = || ValidationErrors::single("sku", Problem::Invalid).into();
        let sku = SkuId::parse(sku.trim()).ok_or_else(not_in_bag)?;
        for product in bag {
            let Some(detail) = self.store.product(product).await? else {
                continue;
            };
            if let Some(found) = detail.skus.iter().find(|s| s.id == sku).cloned() {
                if !detail.product.status.is_on_sale() {
                    return Err(ValidationErrors::single("sku", Problem::NotAllowed).into());
                }
                return Ok((detail, found));
            }
        }
        Err(not_in_bag())
    }
}
