//! Flash sales as stored: the sale with its units, what each buyer holds of it, and each
//! accepted purchase with the order it became. The flash-sale engine sells from memory and
//! writes here in batches; these tables' constraints are the authority.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, CheckoutId, FlashSaleId, LiveSessionId, OrderId};
use farmgate_domain::id::{ProductId, SkuId};
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;

use crate::{NewCheckout, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlashSaleRecord {
    pub id: FlashSaleId,
    pub session_id: LiveSessionId,
    pub product_id: ProductId,
    pub sku_id: SkuId,
    pub price: Money,
    /// Units taken from the SKU for the sale.
    pub stock_limit: i64,
    /// Units in orders that are paid or still awaiting payment.
    pub sold: i64,
    pub per_buyer_limit: i64,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    pub created_at: Timestamp,
    /// When the unsold units went back to the SKU.
    pub settled_at: Option<Timestamp>,
}

/// One accepted purchase and the checkout and order it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlashPurchaseRecord {
    pub sale_id: FlashSaleId,
    pub buyer_id: AccountId,
    /// The buyer's key: the same key again is this purchase.
    pub idempotency_key: String,
    pub checkout_id: CheckoutId,
    pub order_id: OrderId,
    pub quantity: i64,
    pub created_at: Timestamp,
}

/// A sale with what each buyer holds and every purchase: what a gate is rebuilt from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlashSaleBook {
    pub sale: FlashSaleRecord,
    pub buyers: Vec<(AccountId, i64)>,
    pub purchases: Vec<FlashPurchaseRecord>,
}

/// A purchase the gate accepted, to be written with its checkout (one order of one line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFlashPurchase {
    pub sale_id: FlashSaleId,
    pub quantity: i64,
    pub per_buyer_limit: i64,
    /// The buyer's key; the checkout's own key is derived from it and the sale.
    pub idempotency_key: String,
    pub checkout: NewCheckout,
}

impl NewFlashPurchase {
    /// The record this purchase becomes once written.
    pub fn record(&self) -> Option<FlashPurchaseRecord> {
        let order = self.checkout.orders.first()?;
        Some(FlashPurchaseRecord {
            sale_id: self.sale_id.clone(),
            buyer_id: self.checkout.buyer.clone(),
            idempotency_key: self.idempotency_key.clone(),
            checkout_id: self.checkout.id.clone(),
            order_id: order.order.id.clone(),
            quantity: self.quantity,
            created_at: self.checkout.created_at,
        })
    }
}

/// Why the database refused a purchase the gate had let through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashRefusal {
    SoldOut,
    /// Fewer units are left than were asked for.
    TooFewLeft,
    OverLimit,
    NotOpen,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlashPurchaseOutcome {
    Placed,
    /// This buyer already bought with this key: that purchase, nothing written again.
    Replayed(FlashPurchaseRecord),
    Refused(FlashRefusal),
}

#[async_trait]
pub trait FlashSales: Send + Sync {
    /// Takes the sale's units from its SKU and stores it, one transaction. `StoreError::Conflict`
    /// and nothing written when the session is not live, the product is not in its bag, the SKU
    /// is not the product's, or the SKU has fewer units.
    async fn insert_flash_sale(&self, sale: &FlashSaleRecord) -> StoreResult<()>;
    async fn flash_sale(&self, id: &FlashSaleId) -> StoreResult<Option<FlashSaleRecord>>;
    /// Oldest first.
    async fn flash_sales_of_session(
        &self,
        session: &LiveSessionId,
    ) -> StoreResult<Vec<FlashSaleRecord>>;
    async fn flash_sale_book(&self, id: &FlashSaleId) -> StoreResult<Option<FlashSaleBook>>;
    /// Sales whose unsold units have not yet gone back: the ones worth a gate at start-up.
    async fn unsettled_flash_sales(&self) -> StoreResult<Vec<FlashSaleId>>;
    /// Writes the purchases in one transaction, each with its checkout, order and line, and
    /// answers each one's outcome in order. A purchase the sale or the buyer's limit cannot
    /// take is refused alone; the others are written.
    async fn record_flash_purchases(
        &self,
        purchases: &[NewFlashPurchase],
    ) -> StoreResult<Vec<FlashPurchaseOutcome>>;
    /// Gives the unsold units of every sale closed by `now` back to its SKU, once per sale;
    /// returns the sales settled by this call.
    async fn settle_flash_sales(&self, now: Timestamp) -> StoreResult<Vec<FlashSaleId>>;
}
