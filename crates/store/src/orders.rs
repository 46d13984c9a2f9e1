//! Orders, payments and the ledger as stored, and their storage interfaces.

use async_trait::async_trait;
use farmgate_domain::catalogue::Category;
use farmgate_domain::id::{
    AccountId, CheckoutId, FlashSaleId, LiveSessionId, OrderId, PaymentId, ProductId, ShopId,
    ShortVideoId, SkuId,
};
use farmgate_domain::ledger::Entry;
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::time::Timestamp;

use crate::{Page, StoreResult};

/// Where the buyer wants it, copied onto the order so later edits of the address book do not
/// change where an order went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryAddress {
    pub recipient: String,
    pub phone: String,
    /// The province's 2-digit code.
    pub province: String,
    pub city: String,
    pub county: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRecord {
    pub id: OrderId,
    pub checkout_id: CheckoutId,
    pub shop_id: ShopId,
    pub buyer_id: AccountId,
    pub status: OrderStatus,
    /// shelf, live, group_buy, short_video or campaign: where the sale happened.
    pub channel: String,
    /// The live session it was bought in, for the `live` channel.
    pub live_session_id: Option<LiveSessionId>,
    /// The short video it was bought from, for the `short_video` channel.
    pub short_video_id: Option<ShortVideoId>,
    /// What the buyer pays for the goods: the lines' value less `discount`.
    pub goods: Money,
    /// What the shop's coupon took off the goods (zero without one).
    pub discount: Money,
    pub shipping: Money,
    pub total: Money,
    pub commission: Money,
    pub ships_from: Option<Timestamp>,
    pub address: DeliveryAddress,
    pub created_at: Timestamp,
    /// Unpaid after this, the order expires and its stock returns.
    pub pay_by: Timestamp,
    pub paid_at: Option<Timestamp>,
    pub shipment: Option<ShipmentRecord>,
    pub delivered_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
}

/// How and when an order left the shop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentRecord {
    pub carrier: String,
    pub tracking_no: String,
    pub shipped_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLineRecord {
    pub line_no: i64,
    pub sku_id: SkuId,
    pub product_id: ProductId,
    /// The product's title and variant when bought.
    pub title: String,
    pub sku_name: String,
    pub category: Category,
    pub unit_price: Money,
    pub quantity: i64,
    pub weight_g: i64,
    pub commission: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderDetail {
    pub order: OrderRecord,
    pub lines: Vec<OrderLineRecord>,
}

/// What an expiry sweep did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExpiredOrders {
    pub orders: u64,
    /// The products whose stock came back, each once.
    pub restocked: Vec<ProductId>,
    /// Units of flash-sale orders that went back to their sale (not to the SKU): the sale is
    /// still on, so they can sell again.
    pub flash_returns: Vec<FlashReturn>,
}

/// Units of one expired flash-sale order, returned to its sale and its buyer's allowance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlashReturn {
    pub sale: FlashSaleId,
    pub buyer: AccountId,
    pub quantity: i64,
}

/// One checkout: the orders it splits into (one per shop) and what the buyer pays in all.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCheckout {
    pub id: CheckoutId,
    pub buyer: AccountId,
    /// Chosen by the client; the same key twice is the same checkout.
    pub idempotency_key: String,
    pub total: Money,
    pub created_at: Timestamp,
    pub orders: Vec<OrderDetail>,
    /// Coupon claims its orders use: each marked used in the same transaction, or the checkout
    /// is refused (`StoreError::Conflict("coupon already used")`).
    pub claims: Vec<crate::ClaimUse>,
    /// What campaigns took off its orders, stored in the same transaction.
    pub campaign_parts: Vec<crate::OrderCampaignPart>,
    /// The campaign coupon it uses, marked used in the same transaction like `claims`.
    pub campaign_claim: Option<crate::CampaignClaimUse>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceOutcome {
    Placed,
    /// This buyer already placed a checkout with this key: nothing was done again.
    Replayed(CheckoutId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentStatus {
    Pending,
    Succeeded,
    Failed,
    Closed,
}

impl PaymentStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "pending",
            PaymentStatus::Succeeded => "succeeded",
            PaymentStatus::Failed => "failed",
            PaymentStatus::Closed => "closed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Pending, Self::Succeeded, Self::Failed, Self::Closed]
            .into_iter()
            .find(|status| status.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub id: PaymentId,
    pub checkout_id: CheckoutId,
    pub provider: String,
    pub provider_ref: Option<String>,
    pub amount: Money,
    pub status: PaymentStatus,
    pub created_at: Timestamp,
    pub settled_at: Option<Timestamp>,
}

/// A provider's word on a payment, to be applied once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentSettlement {
    pub payment: PaymentId,
    pub outcome: PaymentStatus,
    pub at: Timestamp,
    /// The ledger entry to write when the payment succeeded and its orders became paid.
    pub captured: Option<(String, Entry)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettleOutcome {
    /// Recorded now; on success the checkout's orders are paid.
    Applied,
    /// The payment already had an outcome: a duplicate or late callback, nothing changed.
    AlreadySettled,
    /// The money arrived but the orders had expired or been cancelled meanwhile: the payment
    /// is recorded as succeeded and must be refunded.
    OrdersNoLongerPayable,
}

#[async_trait]
pub trait Orders: Send + Sync {
    /// Takes the stock of every line and stores the checkout with its orders, all or nothing:
    /// `StoreError::Conflict("not enough stock")` when any line cannot be covered.
    async fn place_checkout(&self, checkout: &NewCheckout) -> StoreResult<PlaceOutcome>;
    async fn orders_of_checkout(&self, checkout: &CheckoutId) -> StoreResult<Vec<OrderDetail>>;
    async fn order(&self, id: &OrderId) -> StoreResult<Option<OrderDetail>>;
    /// Newest first.
    async fn orders_of_buyer(&self, buyer: &AccountId, page: Page)
        -> StoreResult<Vec<OrderDetail>>;
    async fn orders_of_shop(&self, shop: &ShopId, page: Page) -> StoreResult<Vec<OrderDetail>>;
    /// Marks a paid order shipped (`StoreError::Conflict` unless it is paid).
    async fn ship_order(&self, order: &OrderId, shipment: &ShipmentRecord) -> StoreResult<()>;
    /// Marks a shipped order delivered and writes its settlement entry (escrow to the producer's
    /// payable and the commission), one transaction; `StoreError::Conflict` unless shipped and
    /// `settled` is still what is held for it (its total less what was refunded).
    async fn deliver_order(
        &self,
        order: &OrderId,
        at: Timestamp,
        settlement: &(String, Entry),
        settled: Money,
    ) -> StoreResult<()>;
    /// Shipped orders sent before `shipped_before`: due for automatic confirmation.
    async fn shipped_before(
        &self,
        shipped_before: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<OrderId>>;
    /// Expires every unpaid order whose time to pay ran out before `now` and returns its stock,
    /// each checkout's orders in their own transaction.
    async fn expire_unpaid(&self, now: Timestamp) -> StoreResult<ExpiredOrders>;
}

#[async_trait]
pub trait Payments: Send + Sync {
    async fn insert_payment(&self, payment: &PaymentRecord) -> StoreResult<()>;
    async fn set_provider_ref(&self, payment: &PaymentId, provider_ref: &str) -> StoreResult<()>;
    async fn payment(&self, id: &PaymentId) -> StoreResult<Option<PaymentRecord>>;
    async fn payments_of_checkout(&self, checkout: &CheckoutId) -> StoreResult<Vec<PaymentRecord>>;
    /// Pending payments created before `before`, oldest first: the ones worth asking about.
    async fn pending_payments(
        &self,
        before: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<PaymentRecord>>;
    /// Applies a provider's outcome once, in one transaction with its consequences.
    async fn settle_payment(&self, settlement: &PaymentSettlement) -> StoreResult<SettleOutcome>;
}

/// A line in a buyer's cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartLineRecord {
    pub product_id: ProductId,
    pub sku_id: SkuId,
    pub quantity: i64,
    pub added_at: Timestamp,
    /// The short video the buyer added it from, if any: the order counts for the video.
    pub short_video: Option<ShortVideoId>,
}

#[async_trait]
pub trait Carts: Send + Sync {
    /// Oldest first.
    async fn cart(&self, account: &AccountId) -> StoreResult<Vec<CartLineRecord>>;
    /// Adds to the line's quantity (capped at 999), creating the line if needed. A line added
    /// from a short video now counts for that video.
    async fn add_to_cart(&self, account: &AccountId, line: &CartLineRecord) -> StoreResult<()>;
    /// Sets a line's quantity; 0 removes it.
    async fn set_cart_quantity(
        &self,
        account: &AccountId,
        sku: &SkuId,
        quantity: i64,
    ) -> StoreResult<()>;
    async fn remove_from_cart(&self, account: &AccountId, skus: &[SkuId]) -> StoreResult<()>;
}

#[async_trait]
pub trait Ledger: Send + Sync {
    /// The balance of every account that has postings, by account code.
    async fn ledger_balances(&self) -> StoreResult<Vec<(String, Money)>>;
    /// One account's balance (debits positive), zero when it has no postings.
    async fn balance_of(&self, account_code: &str) -> StoreResult<Money>;
}
