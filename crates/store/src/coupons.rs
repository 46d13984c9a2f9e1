//! Live coupons as stored: the coupon a host dropped in a session, and each buyer's claims of
//! it with the order that used them. Claims and uses are guarded updates, so the database never
//! hands out more than the quantity, more than the limit per buyer, or one claim twice.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, CouponClaimId, CouponId, LiveSessionId, OrderId, ShopId};
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;

use crate::StoreResult;

/// Why a checkout was refused when one of its claims was used meanwhile (or is not the
/// buyer's, or expired): carried by `StoreError::Conflict`.
pub const COUPON_USED: &str = "coupon already used";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponRecord {
    pub id: CouponId,
    pub shop_id: ShopId,
    /// The live session it was dropped in.
    pub session_id: LiveSessionId,
    pub amount_off: Money,
    /// The order's goods, before shipping, must come to at least this; always above the
    /// amount off.
    pub minimum_spend: Money,
    /// How many may be claimed in all.
    pub quantity: i64,
    pub claimed: i64,
    pub per_buyer_limit: i64,
    /// Claims are usable before this.
    pub valid_until: Timestamp,
    pub created_at: Timestamp,
    pub withdrawn_at: Option<Timestamp>,
}

impl CouponRecord {
    pub fn remaining(&self) -> i64 {
        (self.quantity - self.claimed).max(0)
    }
}

/// One claim with the coupon it is of: what "my coupons" and checkout read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRecord {
    pub id: CouponClaimId,
    pub buyer_id: AccountId,
    pub claimed_at: Timestamp,
    /// The order it paid for; `None` while unused (or again after that order expired unpaid).
    pub used_order_id: Option<OrderId>,
    pub used_at: Option<Timestamp>,
    pub coupon: CouponRecord,
}

/// A buyer asks for one of a coupon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClaim {
    pub id: CouponClaimId,
    pub coupon_id: CouponId,
    pub buyer_id: AccountId,
    pub at: Timestamp,
}

/// Why a claim was refused, as the database saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimRefusal {
    NotFound,
    Withdrawn,
    Expired,
    /// Its session is no longer (or not yet) on air.
    NotLive,
    AllClaimed,
    LimitReached,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimOutcome {
    /// The claim is stored; the coupon as it is after it.
    Claimed(CouponRecord),
    Refused(ClaimRefusal),
}

/// A claim a checkout uses for one of its orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimUse {
    pub claim: CouponClaimId,
    pub order: OrderId,
}

#[async_trait]
pub trait Coupons: Send + Sync {
    async fn insert_coupon(&self, coupon: &CouponRecord) -> StoreResult<()>;
    async fn coupon(&self, id: &CouponId) -> StoreResult<Option<CouponRecord>>;
    /// Newest first.
    async fn coupons_of_session(&self, session: &LiveSessionId) -> StoreResult<Vec<CouponRecord>>;
    /// Stops further claims (claims already made stay usable); `false` when it was already
    /// withdrawn or does not exist.
    async fn withdraw_coupon(&self, id: &CouponId, at: Timestamp) -> StoreResult<bool>;
    /// One claim, in one transaction: counts it against the coupon only while it is not
    /// withdrawn, not expired, its session is live and some are left, then stores it only if
    /// the buyer is under the limit.
    async fn claim_coupon(&self, claim: &NewClaim) -> StoreResult<ClaimOutcome>;
    /// The buyer's claims, newest first (the latest 500).
    async fn claims_of_buyer(&self, buyer: &AccountId) -> StoreResult<Vec<ClaimRecord>>;
}
