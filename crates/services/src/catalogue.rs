//! The catalogue's use cases: a producer lists a product (the hub reviews it before buyers see
//! it), keeps stock up to date, and anyone reads listed products.

mod form;

use std::sync::Arc;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::catalogue::{Category, Grade, ProductDescription, ProductTitle};
use farmgate_domain::id::{ProductId, ShopId, SkuId};
use farmgate_domain::listing::{transition, ListingEvent, ListingStatus};
use farmgate_domain::sku::Stock;
use farmgate_domain::time::Timestamp;
use farmgate_domain::validation::{text_length, ValidationErrors};
use farmgate_store::{Page, ProductDetail, ProductRecord, StatusChange};

use crate::{new_id, ServiceError, ServiceResult, Services};

pub(crate) use form::{both_checked, is_blank, validate_sku};
use form::{invalid, presale, season, validate_skus};
pub use form::{ProductForm, SkuForm};

impl Services {
    /// Lists a product in one of the actor's shops; it waits for the hub's review.
    pub async fn create_product(
        &self,
        actor: &Actor,
        shop: &ShopId,
        form: &ProductForm,
    ) -> ServiceResult<ProductDetail> {
        authorize(actor, &Action::ManageShop(shop))?;
        self.store.shop(shop).await?.ok_or(ServiceError::NotFound)?;
        let now = self.clock.now();
        let id: ProductId = new_id();
        let (product, skus) = both_checked(
            self.validate_product(&id, shop, form, now).await,
            validate_skus(&id, &form.skus),
        )?;
        let detail = ProductDetail {
            product,
            skus,
            photos: Vec::new(),
        };
        self.store.insert_product(&detail).await?;
        Ok(detail)
    }

    pub(crate) async fn validate_product(
        &self,
        id: &ProductId,
        shop: &ShopId,
        form: &ProductForm,
        now: Timestamp,
    ) -> ServiceResult<ProductRecord> {
        let mut errors = ValidationErrors::default();
        let title = errors.check(ProductTitle::parse(&form.title));
        let title_en = errors.check(text_length("title_en", &form.title_en, 0, 80));
        let description = errors.check(ProductDescription::parse(&form.description));
        let category = errors.check(Category::parse(&form.category).ok_or(invalid("category")));
        let grade = errors.check(Grade::parse(&form.grade));
        let origin = errors.check(self.village("origin", &form.origin).await?);
        let season = errors.check(season(&form.season_months));
        let presale = errors.check(presale(&form.presale_ships_from, now));
        let (Some(title), Some(title_en), Some(description), Some(category), Some(grade)) =
            (title, title_en, description, category, grade)
        else {
            return Err(errors.into());
        };
        let (Some(origin), Some(season), Some(presale)) = (origin, season, presale) else {
            return Err(errors.into());
        };
        errors.into_result()?;
        Ok(ProductRecord {
            id: id.clone(),
            shop_id: shop.clone(),
            title: title.as_str().to_owned(),
            title_en,
            description: description.as_str().to_owned(),
            category,
            grade,
            origin,
            status: ListingStatus::PendingReview,
            review_reason: None,
            season,
            presale,
            sales: 0,
            created_at: now,
            updated_at: now,
        })
    }

    /// A product of a shop the actor manages; authorisation is checked here, once.
    pub async fn managed_product(
        &self,
        actor: &Actor,
        id: &ProductId,
    ) -> ServiceResult<ProductDetail> {
        let detail = self
            .store
            .product(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        authorize(actor, &Action::ManageShop(&detail.product.shop_id))?;
        Ok(detail)
    }

    /// The products of a shop the actor works in (or the hub), newest first.
    pub async fn shop_products(
        &self,
        actor: &Actor,
        shop: &ShopId,
        page: Page,
    ) -> ServiceResult<Vec<ProductDetail>> {
        authorize(actor, &Action::ManageShop(shop))?;
        Ok(self.store.products_of_shop(shop, page).await?)
    }

    pub async fn products_for_review(
        &self,
        actor: &Actor,
        page: Page,
    ) -> ServiceResult<Vec<ProductDetail>> {
        authorize(actor, &Action::ReviewListings)?;
        Ok(self.store.products_in_review(page).await?)
    }

    /// Approves or rejects a listing waiting for review.
    pub async fn review_product(
        &self,
        actor: &Actor,
        id: &ProductId,
        event: ListingEvent,
    ) -> ServiceResult<ProductDetail> {
        authorize(actor, &Action::ReviewListings)?;
        if !matches!(event, ListingEvent::Approve | ListingEvent::Reject { .. }) {
            return Err(ServiceError::Conflict(
                "the hub approves or rejects listings",
            ));
        }
        self.change_listing(id, event).await
    }

    /// A producer's own listing moves: submit again after a rejection, or take off sale.
    pub async fn producer_listing_event(
        &self,
        actor: &Actor,
        id: &ProductId,
        event: ListingEvent,
    ) -> ServiceResult<ProductDetail> {
        self.managed_product(actor, id).await?;
        if !matches!(event, ListingEvent::Submit | ListingEvent::Delist) {
            return Err(ServiceError::Conflict(
                "producers submit or delist their listings",
            ));
        }
        self.change_listing(id, event).await
    }

    pub(crate) async fn change_listing(
        &self,
        id: &ProductId,
        event: ListingEvent,
    ) -> ServiceResult<ProductDetail> {
        let detail = self
            .store
            .product(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let from = detail.product.status;
        let to = transition(from, &event)
            .map_err(|_| ServiceError::Conflict("this listing cannot make that move now"))?;
        let reason = match event {
            ListingEvent::Reject { reason } => Some(reason),
            _ => None,
        };
        let change = StatusChange {
            product: id.clone(),
            from,
            to,
            reason,
            at: self.clock.now(),
        };
        self.store.change_status(&change).await?;
        self.catalogue_changed([id.clone()]);
        self.store.product(id).await?.ok_or(ServiceError::NotFound)
    }

    /// A product as a buyer may see it: listed ones to everyone; others only to their shop
    /// and the hub (to anyone else they do not exist).
    pub async fn product(
        &self,
        viewer: Option<&Actor>,
        id: &ProductId,
    ) -> ServiceResult<ProductDetail> {
        let detail = self
            .store
            .product(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let visible = detail.product.status.is_on_sale()
            || viewer.is_some_and(|actor| {
                farmgate_domain::access::permits(
                    actor,
                    &Action::ManageShop(&detail.product.shop_id),
                )
            });
        if visible {
            Ok(detail)
        } else {
            Err(ServiceError::NotFound)
        }
    }

    /// A product as its page shows it: when on sale, the copy checkouts price from (2 s, dropped
    /// by any change made through the services, so its stock may be a moment old); otherwise
    /// read afresh for a member of its shop.
    pub async fn product_page(
        &self,
        viewer: Option<&Actor>,
        id: &ProductId,
    ) -> ServiceResult<Arc<ProductDetail>> {
        match self.visible_product(id).await {
            Err(ServiceError::NotFound) if viewer.is_some() => {
                Ok(Arc::new(self.product(viewer, id).await?))
            }
            found => found,
        }
    }

    /// Sets a SKU's stock after a stocktake.
    pub async fn set_stock(
        &self,
        actor: &Actor,
        product: &ProductId,
        sku: &SkuId,
        stock: &str,
    ) -> ServiceResult<()> {
        let detail = self.managed_product(actor, product).await?;
        if !detail.skus.iter().any(|s| &s.id == sku) {
            return Err(ServiceError::NotFound);
        }
        let count = stock.trim().parse::<i64>().map_err(|_| invalid("stock"))?;
        let stock = Stock::parse("stock", count)?;
        self.store.set_stock(sku, i64::from(stock.get())).await?;
        self.catalogue_changed([product.clone()]);
        Ok(())
    }
}
