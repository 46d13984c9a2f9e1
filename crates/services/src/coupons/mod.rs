//! Live coupons: the host drops a shop coupon into a live room and may withdraw it, viewers
//! claim it without leaving the room (the database holds the quantity and the limit per
//! buyer), and a buyer's claims are listed and used at checkout (`checkout.rs`). The room's
//! coupon card is posted by `room.rs`.

mod checkout;
mod room;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::coupon::{CouponInput, CouponTerms};
use farmgate_domain::id::{CouponId, LiveSessionId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::time::Timestamp;
use farmgate_store::{
    ClaimOutcome, ClaimRecord, ClaimRefusal, CouponRecord, LiveSessionRecord, NewClaim,
};

use crate::{new_id, ServiceError, ServiceResult, Services};

pub use checkout::claim_uses;

pub const NOT_LIVE: &str = "a coupon can only be dropped or claimed while the session is live";
pub const ALL_CLAIMED: &str = "every coupon of this drop has been claimed";
pub const LIMIT_REACHED: &str = "you have claimed as many of this coupon as one buyer may";
pub const EXPIRED: &str = "this coupon has expired";
pub const WITHDRAWN: &str = "the host has withdrawn this coupon";
pub const NOT_HELD: &str = "this coupon is not one you have claimed";
pub const USED: &str = "this coupon has already been used";
pub const DOES_NOT_APPLY: &str =
    "this coupon does not apply: it is for another shop, or the order does not reach its minimum spend";
pub const ONE_PER_ORDER: &str = "only one coupon can be used for each shop's order";

/// What a host fills in, as typed (amounts in yuan).
#[derive(Debug, Clone, Default)]
pub struct CouponForm {
    pub amount_off: String,
    pub minimum_spend: String,
    pub quantity: String,
    pub per_buyer_limit: String,
    pub valid_days: String,
}

/// Where one of a buyer's claims stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimState {
    Unused,
    Used,
    Expired,
}

impl ClaimState {
    pub fn of(claim: &ClaimRecord, now: Timestamp) -> Self {
        if claim.used_order_id.is_some() {
            Self::Used
        } else if claim.coupon.valid_until <= now {
            Self::Expired
        } else {
            Self::Unused
        }
    }
}

impl Services {
    /// Drops a coupon of the session's shop into its room; only while the session is live.
    pub async fn drop_coupon(
        &self,
        actor: &Actor,
        session: &LiveSessionId,
        form: &CouponForm,
    ) -> ServiceResult<CouponRecord> {
        let live = self.hosted_live(actor, session).await?;
        if live.status != LiveStatus::Live {
            return Err(ServiceError::Conflict(NOT_LIVE));
        }
        let now = self.clock.now();
        let input = CouponInput {
            amount_off: &form.amount_off,
            minimum_spend: &form.minimum_spend,
            quantity: &form.quantity,
            per_buyer_limit: &form.per_buyer_limit,
            valid_days: &form.valid_days,
        };
        let terms = CouponTerms::parse(&input, now)?;
        let coupon = CouponRecord {
            id: new_id(),
            shop_id: live.shop_id.clone(),
            session_id: live.id.clone(),
            amount_off: terms.amount_off,
            minimum_spend: terms.minimum_spend,
            quantity: terms.quantity,
            claimed: 0,
            per_buyer_limit: terms.per_buyer_limit,
            valid_until: terms.valid_until,
            created_at: now,
            withdrawn_at: None,
        };
        self.store.insert_coupon(&coupon).await?;
        self.post_coupon(&coupon);
        Ok(coupon)
    }

    /// Stops further claims and takes the card out of the room; claims made stay usable.
    /// Answers the coupon as it was found.
    pub async fn withdraw_coupon(
        &self,
        actor: &Actor,
        coupon: &CouponId,
    ) -> ServiceResult<CouponRecord> {
        let found = self
            .store
            .coupon(coupon)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.hosted_live(actor, &found.session_id).await?;
        if self.store.withdraw_coupon(coupon, self.clock.now()).await? {
            self.post_coupon_withdrawn(&found.session_id);
        }
        Ok(found)
    }

    /// The session's coupons, newest first, for its host.
    pub async fn session_coupons(
        &self,
        actor: &Actor,
        session: &LiveSessionId,
    ) -> ServiceResult<(LiveSessionRecord, Vec<CouponRecord>)> {
        let live = self.hosted_live(actor, session).await?;
        let coupons = self.store.coupons_of_session(session).await?;
        Ok((live, coupons))
    }

    /// The coupons a room shows: its session's that are neither withdrawn nor expired, newest
    /// first. Anyone may read them; a room that reopens shows the first again.
    pub async fn room_coupons(&self, session: &LiveSessionId) -> ServiceResult<Vec<CouponRecord>> {
        let now = self.clock.now();
        let coupons = self.store.coupons_of_session(session).await?;
        Ok(coupons
            .into_iter()
            .filter(|c| c.withdrawn_at.is_none() && c.valid_until > now)
            .collect())
    }

    /// A signed-in buyer claims one; refusals say why (all claimed, limit reached, expired,
    /// withdrawn, not live).
    pub async fn claim_coupon(
        &self,
        actor: &Actor,
        coupon: &CouponId,
    ) -> ServiceResult<ClaimRecord> {
        authorize(actor, &Action::ManageOwnAccount)?;
        let claim = NewClaim {
            id: new_id(),
            coupon_id: coupon.clone(),
            buyer_id: actor.account_id.clone(),
            at: self.clock.now(),
        };
        match self.store.claim_coupon(&claim).await? {
            ClaimOutcome::Claimed(coupon) => {
                self.post_claimed(&coupon);
                Ok(ClaimRecord {
                    id: claim.id,
                    buyer_id: claim.buyer_id,
                    claimed_at: claim.at,
                    used_order_id: None,
                    used_at: None,
                    coupon,
                })
            }
            ClaimOutcome::Refused(why) => Err(match why {
                ClaimRefusal::NotFound => ServiceError::NotFound,
                ClaimRefusal::Withdrawn => ServiceError::Conflict(WITHDRAWN),
                ClaimRefusal::Expired => ServiceError::Conflict(EXPIRED),
                ClaimRefusal::NotLive => ServiceError::Conflict(NOT_LIVE),
                ClaimRefusal::AllClaimed => ServiceError::Conflict(ALL_CLAIMED),
                ClaimRefusal::LimitReached => ServiceError::Conflict(LIMIT_REACHED),
            }),
        }
    }

    /// The buyer's claims, newest first.
    pub async fn my_coupons(&self, actor: &Actor) -> ServiceResult<Vec<ClaimRecord>> {
        authorize(actor, &Action::ManageOwnAccount)?;
        Ok(self.store.claims_of_buyer(&actor.account_id).await?)
    }
}
