//! The buyer's cart: what they mean to buy, across shops, until they check out.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::availability::Availability;
use farmgate_domain::id::{CampaignClaimId, CouponClaimId, ProductId, ShortVideoId, SkuId};
use farmgate_domain::sku::Quantity;
use farmgate_store::{CartLineRecord, ProductDetail};

use crate::checkout::{AddressForm, CartItem, CheckoutRequest, PlacedCheckout, OUT_OF_SEASON};
use crate::{ServiceError, ServiceResult, Services};

/// A cart line with the product it is for, as the cart page shows it.
#[derive(Debug, Clone)]
pub struct CartEntry {
    pub line: CartLineRecord,
    pub product: ProductDetail,
}

impl Services {
    /// Puts a listed product's variant in the cart (adding to what is there).
    pub async fn add_to_cart(
        &self,
        actor: &Actor,
        product: &ProductId,
        sku: &SkuId,
        quantity: i64,
        from_video: Option<&ShortVideoId>,
    ) -> ServiceResult<()> {
        authorize(actor, &Action::ManageOwnAccount)?;
        let quantity = Quantity::parse("quantity", quantity)?;
        let detail = self.product(None, product).await?;
        if !detail.skus.iter().any(|s| &s.id == sku) {
            return Err(ServiceError::NotFound);
        }
        let availability = Availability {
            season: detail.product.season,
            presale: detail.product.presale,
        };
        if availability.check(self.clock.now()).is_err() {
            return Err(ServiceError::Conflict(OUT_OF_SEASON));
        }
        // A mark that does not hold (another product's video, one not ready) is dropped: the
        // buyer still gets the product.
        let short_video = match from_video {
            Some(video) if self.video_shows(video, product).await? => Some(video.clone()),
            _ => None,
        };
        let line = CartLineRecord {
            product_id: product.clone(),
            sku_id: sku.clone(),
            quantity: i64::from(quantity.get()),
            added_at: self.clock.now(),
            short_video,
        };
        Ok(self.store.add_to_cart(&actor.account_id, &line).await?)
    }

    /// The cart with its products; lines whose product is no longer on sale are dropped.
    pub async fn cart(&self, actor: &Actor) -> ServiceResult<Vec<CartEntry>> {
        authorize(actor, &Action::ManageOwnAccount)?;
        let lines = self.store.cart(&actor.account_id).await?;
        let mut entries = Vec::with_capacity(lines.len());
        let mut gone = Vec::new();
        for line in lines {
            match self.product(None, &line.product_id).await {
                Ok(product) if product.skus.iter().any(|s| s.id == line.sku_id) => {
                    entries.push(CartEntry { line, product })
                }
                Ok(_) | Err(ServiceError::NotFound) => gone.push(line.sku_id),
                Err(other) => return Err(other),
            }
        }
        self.store
            .remove_from_cart(&actor.account_id, &gone)
            .await?;
        Ok(entries)
    }

    /// Sets a line's quantity; 0 removes it.
    pub async fn set_cart_quantity(
        &self,
        actor: &Actor,
        sku: &SkuId,
        quantity: i64,
    ) -> ServiceResult<()> {
        authorize(actor, &Action::ManageOwnAccount)?;
        if quantity != 0 {
            Quantity::parse("quantity", quantity)?;
        }
        Ok(self
            .store
            .set_cart_quantity(&actor.account_id, sku, quantity)
            .await?)
    }

    /// Checks the whole cart out; the bought lines leave the cart.
    pub async fn checkout_cart(
        &self,
        actor: &Actor,
        address: AddressForm,
        idempotency_key: String,
        coupons: Vec<CouponClaimId>,
        campaign_coupon: Option<CampaignClaimId>,
    ) -> ServiceResult<PlacedCheckout> {
        let entries = self.cart(actor).await?;
        let items: Vec<CartItem> = entries
            .iter()
            .map(|entry| CartItem {
                product: entry.line.product_id.clone(),
                sku: entry.line.sku_id.clone(),
                quantity: entry.line.quantity,
                video: entry.line.short_video.clone(),
            })
            .collect();
        let request = CheckoutRequest {
            items,
            address,
            idempotency_key,
            coupons,
            campaign_coupon,
            ..CheckoutRequest::default()
        };
        let placed = self.checkout(actor, &request).await?;
        let bought: Vec<SkuId> = placed
            .orders
            .iter()
            .flat_map(|order| order.lines.iter().map(|line| line.sku_id.clone()))
            .collect();
        self.store
            .remove_from_cart(&actor.account_id, &bought)
            .await?;
        Ok(placed)
    }

    /// The cashier URL for a buyer's own unpaid checkout: its pending payment's, or a new
    /// payment's. Asking again is safe; it is the same payment until that one fails.
    pub async fn pay_checkout(
        &self,
        actor: &Actor,
        checkout: &farmgate_domain::id::CheckoutId,
    ) -> ServiceResult<String> {
        let orders = self.my_checkout(actor, checkout).await?;
        self.payment_for(checkout, &orders, self.clock.now()).await
    }

    /// The orders of one of the buyer's own checkouts, as they stand (paid yet?).
    pub async fn my_checkout(
        &self,
        actor: &Actor,
        checkout: &farmgate_domain::id::CheckoutId,
    ) -> ServiceResult<Vec<farmgate_store::OrderDetail>> {
        let orders = self.store.orders_of_checkout(checkout).await?;
        if orders.is_empty() || orders.iter().any(|o| o.order.buyer_id != actor.account_id) {
            return Err(ServiceError::NotFound);
        }
        Ok(orders)
    }

    /// The buyer's orders, newest first.
    pub async fn my_orders(
        &self,
        actor: &Actor,
        page: farmgate_store::Page,
    ) -> ServiceResult<Vec<farmgate_store::OrderDetail>> {
        authorize(actor, &Action::ManageOwnAccount)?;
        Ok(self.store.orders_of_buyer(&actor.account_id, page).await?)
    }
}
