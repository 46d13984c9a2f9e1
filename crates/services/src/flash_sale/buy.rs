//! Buying from a flash sale: checked input, the gate's answer, an order priced at the special
//! price (a normal checkout of one live-channel order, so payment, expiry, shipping and the
//! ledger treat it like any other), and the answer only once its batch has committed.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::address::ShippingAddress;
use farmgate_domain::flash_sale::{MAX_PER_BUYER, PAYMENT_WINDOW_MINUTES};
use farmgate_domain::id::{AccountId, CheckoutId, FlashSaleId, OrderId};
use farmgate_domain::money::Money;
use farmgate_domain::range::within;
use farmgate_domain::sku::Price;
use farmgate_domain::time::Timestamp;
use farmgate_domain::validation::{text_length, ValidationErrors};
use farmgate_store::{FlashPurchaseOutcome, FlashPurchaseRecord, NewCheckout, NewFlashPurchase};

use super::gate::{Admission, Gate};
use super::{refused, writer::writer_stopped};
use crate::checkout::{parse_address, AddressForm, OfferLine};
use crate::live_buy::attribute_to_live;
use crate::{ServiceError, ServiceResult, Services};

#[derive(Debug, Clone)]
pub struct FlashPurchaseRequest {
    pub quantity: i64,
    pub address: AddressForm,
    /// Chosen by the client once per purchase; resending it cannot buy twice.
    pub idempotency_key: String,
}

/// An accepted purchase: one order awaiting payment until `pay_by`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlashPurchase {
    pub sale: FlashSaleId,
    pub checkout: CheckoutId,
    pub order: OrderId,
    pub quantity: i64,
    pub total: Money,
    pub pay_by: Timestamp,
}

impl Services {
    pub async fn buy_flash_sale(
        &self,
        actor: &Actor,
        sale: &FlashSaleId,
        request: &FlashPurchaseRequest,
    ) -> ServiceResult<FlashPurchase> {
        authorize(actor, &Action::ManageOwnAccount)?;
        let (key, address) = checked(request)?;
        let gate = self.flash_gate(sale).await?;
        let buyer = &actor.account_id;
        let now = self.clock.now();
        let quantity = request.quantity;
        // Refusals and replays are answered before any pricing.
        if let Admission::Replay(earlier) =
            gate.check(buyer, &key, quantity, now).map_err(refused)?
        {
            return self.earlier_purchase(earlier).await;
        }
        let checkout = self
            .flash_checkout(&gate, buyer, &key, quantity, &address, now)
            .await?;
        if let Admission::Replay(earlier) =
            gate.reserve(buyer, &key, quantity, now).map_err(refused)?
        {
            return self.earlier_purchase(earlier).await;
        }
        let purchase = NewFlashPurchase {
            sale_id: sale.clone(),
            quantity,
            per_buyer_limit: gate.sale.per_buyer_limit,
            idempotency_key: key,
            checkout,
        };
        let accepted = accepted(&purchase);
        let answer = self.flash.writer.submit(&self.store, gate, purchase);
        match answer.await.map_err(|_| writer_stopped())?? {
            FlashPurchaseOutcome::Placed => {
                // The order is committed: telling the room is a courtesy that cannot undo it.
                if let Ok(state) = self.flash_sale_state(sale).await {
                    self.post_flash_sale(&state);
                    self.post_flash_purchase(&state, &address, quantity);
                }
                accepted
            }
            FlashPurchaseOutcome::Replayed(earlier) => self.earlier_purchase(earlier).await,
            FlashPurchaseOutcome::Refused(why) => Err(refused(why)),
        }
    }

    /// The order of a purchase written before with the same key.
    async fn earlier_purchase(&self, earlier: FlashPurchaseRecord) -> ServiceResult<FlashPurchase> {
        let order = self
            .store
            .order(&earlier.order_id)
            .await?
            .ok_or(ServiceError::NotFound)?
            .order;
        Ok(FlashPurchase {
            sale: earlier.sale_id,
            checkout: earlier.checkout_id,
            order: earlier.order_id,
            quantity: earlier.quantity,
            total: order.total,
            pay_by: order.pay_by,
        })
    }

    /// One order of one line at the special price, in the live channel, with a short time
    /// to pay so unpaid units come back while the sale is still on.
    async fn flash_checkout(
        &self,
        gate: &Gate,
        buyer: &AccountId,
        key: &str,
        quantity: i64,
        address: &ShippingAddress,
        now: Timestamp,
    ) -> ServiceResult<NewCheckout> {
        let sale = &gate.sale;
        let checkout_key = format!("flash:{}:{key}", sale.id);
        let offer = OfferLine {
            detail: &gate.product,
            sku: &sale.sku_id,
            unit_price: Price::parse("price", sale.price)?,
            quantity,
        };
        let mut checkout = self
            .one_line_checkout(buyer, checkout_key, offer, address, now)
            .await?;
        attribute_to_live(&mut checkout, &sale.session_id);
        for detail in &mut checkout.orders {
            detail.order.pay_by = now.plus_millis(PAYMENT_WINDOW_MINUTES * 60_000);
        }
        Ok(checkout)
    }
}

/// The key and the address, with every problem of the request reported at once.
fn checked(request: &FlashPurchaseRequest) -> Result<(String, ShippingAddress), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let key = errors.check(text_length(
        "idempotency_key",
        &request.idempotency_key,
        8,
        100,
    ));
    errors.check(within("quantity", request.quantity, 1, MAX_PER_BUYER));
    let address = parse_address(&request.address)
        .map_err(|e| errors.0.extend(e.0))
        .ok();
    match (key, address) {
        (Some(key), Some(address)) if errors.is_empty() => Ok((key, address)),
        _ => Err(errors),
    }
}

fn accepted(purchase: &NewFlashPurchase) -> ServiceResult<FlashPurchase> {
    let order =
        purchase.checkout.orders.first().ok_or_else(|| {
            ServiceError::Internal("a flash-sale checkout without its order".into())
        })?;
    Ok(FlashPurchase {
        sale: purchase.sale_id.clone(),
        checkout: purchase.checkout.id.clone(),
        order: order.order.id.clone(),
        quantity: purchase.quantity,
        total: order.order.total,
        pay_by: order.order.pay_by,
    })
}
