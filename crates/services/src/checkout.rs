//! Checkout: one cart across shops becomes one order per shop (and per pre-sale date), the
//! stock is taken in the same transaction, and one payment — made when the buyer goes to pay
//! (`pay_checkout`) — covers them all.

mod records;

use std::collections::BTreeMap;
use std::sync::Arc;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::address::{AddressInput, ShippingAddress, ShippingZone, ZoneMap};
use farmgate_domain::availability::{Availability, SaleMode};
use farmgate_domain::checkout::{split_checkout, CartLine, CheckoutError, OrderDraft};
use farmgate_domain::id::{
    AccountId, CampaignClaimId, CheckoutId, CouponClaimId, LiveSessionId, ProductId, ShortVideoId,
    SkuId,
};
use farmgate_domain::shipping::{ShippingTemplate, ZoneRate};
use farmgate_domain::sku::Price;
use farmgate_domain::time::Timestamp;
use farmgate_domain::validation::{text_length, Problem, ValidationErrors};
use farmgate_store::{
    CampaignClaimUse, NewCheckout, OrderDetail, PlaceOutcome, ProductDetail, StoreError,
    COUPON_USED,
};

use crate::campaigns::{apply_spend_saves, attribute_to_campaigns, CampaignSavings};
use crate::coupons::{claim_uses, USED};
use crate::live_buy::attribute_to_live;
use crate::short_videos::attribute_to_videos;
use crate::{ServiceError, ServiceResult, Services};
use records::new_checkout;

/// Why a product cannot be bought now.
pub const OUT_OF_SEASON: &str = "this product is out of season";
/// Why a checkout took nothing.
pub const NOT_ENOUGH_STOCK: &str = "not enough stock";
/// Why a checkout to an address no shop in it serves is refused.
pub const NOT_DELIVERED: &str = "a shop in the cart does not deliver to this address";

/// One line of a cart as the buyer sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartItem {
    pub product: ProductId,
    pub sku: SkuId,
    pub quantity: i64,
    /// The short video the buyer added it from (checked when it was added to the cart).
    pub video: Option<ShortVideoId>,
}

#[derive(Debug, Clone, Default)]
pub struct AddressForm {
    pub recipient: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub county: String,
    pub detail: String,
}

#[derive(Debug, Clone, Default)]
pub struct CheckoutRequest {
    pub items: Vec<CartItem>,
    pub address: AddressForm,
    /// Chosen by the client once per checkout attempt; resending it cannot buy twice.
    pub idempotency_key: String,
    /// The live room the buyer bought in: the orders count for the live channel and the
    /// session. Only while it is live, and only for products in its bag.
    pub live_session: Option<LiveSessionId>,
    /// Coupon claims to use, at most one for each shop's order.
    pub coupons: Vec<CouponClaimId>,
    /// A campaign coupon claim to use: one per checkout.
    pub campaign_coupon: Option<CampaignClaimId>,
}

/// A checkout priced but not placed.
pub(crate) struct PricedCheckout {
    pub drafts: Vec<OrderDraft>,
    /// What running campaigns took off.
    pub savings: CampaignSavings,
    pub products: BTreeMap<ProductId, Arc<ProductDetail>>,
    pub address: ShippingAddress,
    pub now: Timestamp,
}

/// A placed (or replayed) checkout: its orders await payment until their `pay_by`.
#[derive(Debug, Clone)]
pub struct PlacedCheckout {
    pub checkout: CheckoutId,
    pub orders: Vec<OrderDetail>,
}

impl Services {
    pub async fn checkout(
        &self,
        actor: &Actor,
        request: &CheckoutRequest,
    ) -> ServiceResult<PlacedCheckout> {
        authorize(actor, &Action::ManageOwnAccount)?;
        let key = text_length("idempotency_key", &request.idempotency_key, 8, 100)?;
        let mut priced = self.price_checkout(request).await?;
        let campaign_claim = match &request.campaign_coupon {
            Some(claim) => {
                let order = self
                    .apply_campaign_coupon(
                        &actor.account_id,
                        claim,
                        &mut priced.drafts,
                        &mut priced.savings,
                    )
                    .await?;
                Some((claim.clone(), order))
            }
            None => None,
        };
        let (drafts, chosen) = self
            .apply_chosen_coupons(
                &actor.account_id,
                &request.coupons,
                priced.drafts,
                priced.now,
            )
            .await?;
        let mut checkout = new_checkout(
            &actor.account_id,
            key,
            &drafts,
            &priced.products,
            &priced.address,
            priced.now,
        )?;
        checkout.claims = claim_uses(&checkout, chosen);
        checkout.campaign_claim = campaign_claim.map(|(claim, order)| CampaignClaimUse {
            claim,
            order: checkout.orders[order].order.id.clone(),
        });
        match &request.live_session {
            Some(session) => attribute_to_live(&mut checkout, session),
            None => attribute_to_videos(&mut checkout, &request.items),
        }
        attribute_to_campaigns(&mut checkout, &priced.savings);
        let placed = match self.store.place_checkout(&checkout).await {
            Ok(PlaceOutcome::Placed) => PlacedCheckout {
                checkout: checkout.id,
                orders: checkout.orders,
            },
            Ok(PlaceOutcome::Replayed(existing)) => PlacedCheckout {
                orders: self.store.orders_of_checkout(&existing).await?,
                checkout: existing,
            },
            Err(StoreError::Conflict("not enough stock")) => {
                return Err(ServiceError::Conflict(NOT_ENOUGH_STOCK))
            }
            Err(StoreError::Conflict(COUPON_USED)) => return Err(ServiceError::Conflict(USED)),
            Err(other) => return Err(other.into()),
        };
        // Stock went down: a product may have sold out.
        self.search_stale(request.items.iter().map(|item| item.product.clone()));
        Ok(placed)
    }

    /// The request's orders as drafts (goods, shipping, commission per shop), every rule
    /// checked, nothing written.
    pub(crate) async fn price_checkout(
        &self,
        request: &CheckoutRequest,
    ) -> ServiceResult<PricedCheckout> {
        let address = parse_address(&request.address)?;
        let zone = ZoneMap::qinghai().zone_of(address.province);
        let now = self.clock.now();
        let (mut lines, products) = self.cart_lines(&request.items, now).await?;
        let mut savings = self.apply_campaign_prices(&mut lines, now).await?;
        if let Some(session) = &request.live_session {
            self.check_live_bag(session, products.keys()).await?;
        }
        let template = self.shipping_template().await?;
        let templates = lines
            .iter()
            .map(|line| (line.shop.clone(), template.clone()))
            .collect::<BTreeMap<_, _>>();
        let schedule = self.commission_schedule().await?;
        let mut drafts =
            split_checkout(&lines, zone, &templates, &schedule).map_err(checkout_error)?;
        apply_spend_saves(&mut drafts, &mut savings, now)?;
        Ok(PricedCheckout {
            drafts,
            savings,
            products,
            address,
            now,
        })
    }

    /// Reads each product once and turns the items into priced cart lines.
    async fn cart_lines(
        &self,
        items: &[CartItem],
        now: Timestamp,
    ) -> ServiceResult<(Vec<CartLine>, BTreeMap<ProductId, Arc<ProductDetail>>)> {
        let mut products = BTreeMap::new();
        let mut lines = Vec::with_capacity(items.len());
        for item in items {
            if !products.contains_key(&item.product) {
                let detail = self.visible_product(&item.product).await?;
                self.check_batches_allow_sale(&item.product).await?;
                products.insert(item.product.clone(), detail);
            }
            let detail = &products[&item.product];
            let sku = detail
                .skus
                .iter()
                .find(|sku| sku.id == item.sku)
                .ok_or(ServiceError::NotFound)?;
            let ships_from = ships_from(detail, now)?;
            let unit_price = Price::parse("price", sku.price)?;
            lines.push(CartLine {
                shop: detail.product.shop_id.clone(),
                product: item.product.clone(),
                sku: item.sku.clone(),
                category: detail.product.category,
                unit_price,
                quantity: item.quantity,
                unit_weight: sku.pack.shipping_weight(),
                ships_from,
            });
        }
        Ok((lines, products))
    }
}

/// What a special offer (a flash sale, a group-buy) sells: `quantity` of the product's `sku`
/// at `unit_price`.
pub(crate) struct OfferLine<'a> {
    pub detail: &'a Arc<ProductDetail>,
    pub sku: &'a SkuId,
    pub unit_price: Price,
    pub quantity: i64,
}

impl Services {
    /// One order of the offer's one line, with shipping and commission as any checkout has
    /// them, before the offer sets the order's channel and time to pay.
    pub(crate) async fn one_line_checkout(
        &self,
        buyer: &AccountId,
        key: String,
        offer: OfferLine<'_>,
        address: &ShippingAddress,
        now: Timestamp,
    ) -> ServiceResult<NewCheckout> {
        let OfferLine {
            detail,
            sku,
            unit_price,
            quantity,
        } = offer;
        let found = detail
            .skus
            .iter()
            .find(|found| &found.id == sku)
            .ok_or(ServiceError::NotFound)?;
        let line = CartLine {
            shop: detail.product.shop_id.clone(),
            product: detail.product.id.clone(),
            sku: sku.clone(),
            category: detail.product.category,
            unit_price,
            quantity,
            unit_weight: found.pack.shipping_weight(),
            ships_from: ships_from(detail, now)?,
        };
        let templates = BTreeMap::from([(line.shop.clone(), self.shipping_template().await?)]);
        let schedule = self.commission_schedule().await?;
        let zone = ZoneMap::qinghai().zone_of(address.province);
        let drafts =
            split_checkout(&[line], zone, &templates, &schedule).map_err(checkout_error)?;
        let products = BTreeMap::from([(detail.product.id.clone(), detail.clone())]);
        new_checkout(buyer, key, &drafts, &products, address, now)
    }
}

/// When an order of the product ships: now when in season, from the pre-sale date otherwise;
/// refused out of season.
pub(crate) fn ships_from(
    detail: &ProductDetail,
    now: Timestamp,
) -> ServiceResult<Option<Timestamp>> {
    let availability = Availability {
        season: detail.product.season,
        presale: detail.product.presale,
    };
    match availability.check(now) {
        Ok(SaleMode::Ready) => Ok(None),
        Ok(SaleMode::PreSale { ships_from }) => Ok(Some(ships_from)),
        Err(_) => Err(ServiceError::Conflict(OUT_OF_SEASON)),
    }
}

pub(crate) fn parse_address(form: &AddressForm) -> Result<ShippingAddress, ValidationErrors> {
    ShippingAddress::parse(&AddressInput {
        recipient: &form.recipient,
        phone: &form.phone,
        province: &form.province,
        city: &form.city,
        county: &form.county,
        detail: &form.detail,
    })
}

/// The county's default shipping rates from Qinghai until the hub sets its own: ¥8 for the
/// first kilogram nearby up to ¥20 to the remote regions, free above a threshold except remote.
pub fn default_template() -> ServiceResult<ShippingTemplate> {
    let rates = [
        (ShippingZone::Near, ZoneRate::new(800, 300, Some(9_900))),
        (
            ShippingZone::Central,
            ZoneRate::new(1_000, 500, Some(12_900)),
        ),
        (ShippingZone::Far, ZoneRate::new(1_200, 600, Some(15_900))),
        (ShippingZone::Remote, ZoneRate::new(2_000, 1_200, None)),
    ];
    let served = rates
        .into_iter()
        .filter_map(|(zone, rate)| rate.ok().map(|rate| (zone, rate)));
    ShippingTemplate::new(served).map_err(|e| ServiceError::Internal(e.to_string()))
}

pub(crate) fn checkout_error(error: CheckoutError) -> ServiceError {
    match error {
        CheckoutError::EmptyCart => ValidationErrors::single("items", Problem::Required).into(),
        CheckoutError::TooManyLines => {
            ValidationErrors::single("items", Problem::TooLong { max: 100 }).into()
        }
        CheckoutError::QuantityOutOfRange { .. } => {
            ValidationErrors::single("quantity", Problem::Invalid).into()
        }
        CheckoutError::DuplicateSku(_) => {
            ValidationErrors::single("items", Problem::Invalid).into()
        }
        CheckoutError::NotServed { .. } | CheckoutError::NoShippingTemplate(_) => {
            ServiceError::Conflict(NOT_DELIVERED)
        }
        other => ServiceError::Internal(other.to_string()),
    }
}
