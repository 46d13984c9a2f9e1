//! The catalogue's use cases: a producer lists a product (the hub reviews it before buyers see
//! it), keeps stock up to date, and anyone reads listed products.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::availability::{PreSale, Season};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::catalogue::{limits, Category, Grade, ProductDescription, ProductTitle};
use farmgate_domain::id::{ProductId, ShopId, SkuId};
use farmgate_domain::listing::{transition, ListingEvent, ListingStatus};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::sku::{SkuInput, SkuSpec, Stock};
use farmgate_domain::time::Timestamp;
use farmgate_domain::validation::{text_length, FieldError, Problem, ValidationErrors};
use farmgate_store::{Page, ProductDetail, ProductRecord, SkuRecord, StatusChange};

use crate::{new_id, ServiceError, ServiceResult, Services};

/// A product as the producer typed it.
#[derive(Debug, Clone, Default)]
pub struct ProductForm {
    pub title: String,
    pub title_en: String,
    pub description: String,
    pub category: String,
    pub grade: String,
    /// The village code where it was grown or made.
    pub origin: String,
    /// Months in season, 1–12; empty means all year.
    pub season_months: Vec<u8>,
    /// `YYYY-MM-DD`: sell now, ship from this date (pre-sale); empty for goods in stock.
    pub presale_ships_from: String,
    pub skus: Vec<SkuForm>,
}

#[derive(Debug, Clone, Default)]
pub struct SkuForm {
    pub name: String,
    /// In yuan, as typed: "68.50".
    pub price: String,
    pub unit: String,
    pub net_weight_g: String,
    pub shipping_weight_g: String,
    pub stock: String,
}

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

fn invalid(field: &'static str) -> FieldError {
    FieldError {
        field,
        problem: Problem::Invalid,
    }
}

fn season(months: &[u8]) -> Result<Season, FieldError> {
    if months.is_empty() {
        Ok(Season::ALL_YEAR)
    } else {
        Season::from_months(months)
    }
}

/// An empty date means goods in stock; a date opens a pre-sale shipping from that day.
fn presale(date: &str, now: Timestamp) -> Result<Option<PreSale>, FieldError> {
    let date = date.trim();
    if date.is_empty() {
        return Ok(None);
    }
    let mut parts = date.splitn(3, '-');
    let mut number = || parts.next().and_then(|p| p.parse::<i64>().ok());
    let (Some(year), Some(month), Some(day)) = (number(), number(), number()) else {
        return Err(FieldError {
            field: "ships_from",
            problem: Problem::Invalid,
        });
    };
    let civil = u8::try_from(month)
        .ok()
        .zip(u8::try_from(day).ok())
        .and_then(|(m, d)| CivilDate::new(year, m, d))
        .ok_or(FieldError {
            field: "ships_from",
            problem: Problem::Invalid,
        })?;
    PreSale::open(civil.start_in_china(), now).map(Some)
}

/// A product and its variants, checked apart and answered together, so every problem in the
/// form is shown at once.
pub(crate) fn both_checked<S>(
    product: ServiceResult<ProductRecord>,
    skus: Result<S, ValidationErrors>,
) -> ServiceResult<(ProductRecord, S)> {
    match (product, skus) {
        (Ok(product), Ok(skus)) => Ok((product, skus)),
        (Err(ServiceError::Validation(mut errors)), skus) => {
            errors.0.extend(skus.err().map(|e| e.0).unwrap_or_default());
            Err(errors.into())
        }
        (Err(other), _) => Err(other),
        (Ok(_), Err(errors)) => Err(errors.into()),
    }
}

fn validate_skus(
    product: &ProductId,
    forms: &[SkuForm],
) -> Result<Vec<SkuRecord>, ValidationErrors> {
    let rows: Vec<&SkuForm> = forms.iter().filter(|f| !is_blank(f)).collect();
    if rows.is_empty() {
        return Err(ValidationErrors::single("skus", Problem::Required));
    }
    if rows.len() > limits::MAX_SKUS {
        return Err(ValidationErrors::single(
            "skus",
            Problem::TooLong {
                max: limits::MAX_SKUS,
            },
        ));
    }
    rows.into_iter()
        .enumerate()
        .map(|(position, form)| validate_sku(product, position, form))
        .collect()
}

/// One variant, checked by the domain's rules; every problem of the row is reported.
pub(crate) fn validate_sku(
    product: &ProductId,
    position: usize,
    form: &SkuForm,
) -> Result<SkuRecord, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let price = Money::parse_major(&form.price, Currency::Cny);
    if price.is_none() {
        errors.push("price", Problem::Invalid);
    }
    let number = |field: &'static str, text: &str, errors: &mut ValidationErrors| {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let parsed = text.parse::<i64>().ok();
        if parsed.is_none() {
            errors.push(field, Problem::Invalid);
        }
        parsed
    };
    let net = number("net_weight_g", &form.net_weight_g, &mut errors);
    let shipping = number("shipping_weight_g", &form.shipping_weight_g, &mut errors);
    let stock = number("stock", &form.stock, &mut errors).unwrap_or(0);
    let input = SkuInput {
        name: &form.name,
        price_fen: price.map_or(0, Money::minor),
        unit: &form.unit,
        net_weight_g: net,
        shipping_weight_g: shipping,
        stock,
    };
    match (SkuSpec::parse(&input), errors.is_empty()) {
        (Ok(spec), true) => Ok(SkuRecord {
            id: new_id(),
            product_id: product.clone(),
            position: position as i64,
            name: spec.name.as_str().to_owned(),
            pack: spec.pack,
            price: spec.price.money(),
            stock: i64::from(spec.stock.get()),
        }),
        (Ok(_), false) => Err(errors),
        (Err(mut spec_errors), _) => {
            // A price that did not parse was checked as zero; say only that it did not parse.
            if price.is_none() {
                spec_errors.0.retain(|e| e.field != "price_fen");
            }
            spec_errors.0.extend(errors.0);
            Err(spec_errors)
        }
    }
}

pub(crate) fn is_blank(form: &SkuForm) -> bool {
    [
        &form.name,
        &form.price,
        &form.net_weight_g,
        &form.shipping_weight_g,
        &form.stock,
    ]
    .iter()
    .all(|f| f.trim().is_empty())
}
