//! A campaign's coupons as stored, and each buyer's claims of them with the order that used
//! them. Claims and uses are guarded updates, as for live coupons: the database never hands
//! out more than the quantity, more than the limit per buyer, or one claim twice.

use async_trait::async_trait;
use farmgate_domain::campaign::coupon::CampaignCouponTerms;
use farmgate_domain::id::{AccountId, CampaignClaimId, CampaignCouponId, CampaignId, OrderId};
use farmgate_domain::time::Timestamp;

use crate::{ClaimRefusal, StoreResult};

/// Why a new coupon was refused: its code is another coupon's (`StoreError::Conflict`).
pub const CODE_TAKEN: &str = "coupon code taken";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignCouponRecord {
    pub id: CampaignCouponId,
    pub campaign_id: CampaignId,
    pub code: String,
    pub terms: CampaignCouponTerms,
    pub claimed: i64,
    pub created_at: Timestamp,
}

impl CampaignCouponRecord {
    pub fn remaining(&self) -> i64 {
        (self.terms.quantity - self.claimed).max(0)
    }
}

/// One claim with its coupon: what the cart, "my coupons" and checkout read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignClaimRecord {
    pub id: CampaignClaimId,
    pub buyer_id: AccountId,
    pub claimed_at: Timestamp,
    pub usable_until: Timestamp,
    /// The order that took it (the checkout's order with the largest part); `None` while
    /// unused, or again after that checkout expired unpaid.
    pub used_order_id: Option<OrderId>,
    pub coupon: CampaignCouponRecord,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCampaignClaim {
    pub id: CampaignClaimId,
    pub coupon_id: CampaignCouponId,
    pub buyer_id: AccountId,
    pub at: Timestamp,
    pub usable_until: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CampaignClaimOutcome {
    /// Stored; the coupon as it is after the claim.
    Claimed(CampaignCouponRecord),
    /// `NotLive` when its campaign is not running (not begun, over or ended by the hub).
    Refused(ClaimRefusal),
}

/// The campaign claim a checkout uses, marked on one of its orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignClaimUse {
    pub claim: CampaignClaimId,
    pub order: OrderId,
}

#[async_trait]
pub trait CampaignCoupons: Send + Sync {
    /// Refused with `StoreError::Conflict(CODE_TAKEN)` when the code is taken.
    async fn insert_campaign_coupon(&self, coupon: &CampaignCouponRecord) -> StoreResult<()>;
    /// Oldest first.
    async fn campaign_coupons(
        &self,
        campaign: &CampaignId,
    ) -> StoreResult<Vec<CampaignCouponRecord>>;
    async fn campaign_coupon_by_code(
        &self,
        code: &str,
    ) -> StoreResult<Option<CampaignCouponRecord>>;
    /// One claim, in one transaction: counted against the coupon only while its campaign runs
    /// and some are left, then stored only if the buyer is under the limit.
    async fn claim_campaign_coupon(
        &self,
        claim: &NewCampaignClaim,
    ) -> StoreResult<CampaignClaimOutcome>;
    /// The buyer's claims, newest first (the latest 200).
    async fn campaign_claims_of_buyer(
        &self,
        buyer: &AccountId,
    ) -> StoreResult<Vec<CampaignClaimRecord>>;
}
