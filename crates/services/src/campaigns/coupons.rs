//! A campaign's coupons: the hub issues them (each with a code buyers can type), buyers claim
//! them by code — from the landing page's button or by typing it — and checkout takes a claim
//! off the checkout's goods in the campaign after spend-save (step 3 of `docs/campaigns.md`),
//! shared over those lines like a spend-save; the platform and producers bear it as the
//! campaign declares.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::campaign::coupon::{
    normalize_code, CampaignCouponInput, CampaignCouponTerms, CODE_ALPHABET, CODE_LENGTH,
};
use farmgate_domain::campaign::{covered_goods, share_saving};
use farmgate_domain::checkout::OrderDraft;
use farmgate_domain::id::{AccountId, CampaignClaimId, CampaignId};
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{
    CampaignClaimOutcome, CampaignClaimRecord, CampaignCouponRecord, ClaimRefusal,
    NewCampaignClaim, StoreError, CODE_TAKEN,
};
use rand::rngs::OsRng;
use rand::Rng;

use super::internal;
use super::pricing::CampaignSavings;
use crate::coupons::{ALL_CLAIMED, EXPIRED, LIMIT_REACHED, NOT_HELD};
use crate::{new_id, ServiceError, ServiceResult, Services};

pub const NO_SUCH_CODE: &str = "no coupon has this code";
pub const NOT_RUNNING: &str = "this campaign is not running";
pub const BELOW_MINIMUM: &str =
    "this coupon does not apply: the campaign's goods in the cart do not reach its minimum spend";

/// What a hub operator fills in, as typed.
#[derive(Debug, Clone, Default)]
pub struct CampaignCouponForm {
    /// `amount` or `percent`.
    pub kind: String,
    pub amount_off: String,
    pub percent_off: String,
    pub cap: String,
    pub minimum_spend: String,
    pub quantity: String,
    pub per_buyer_limit: String,
    pub valid_days: String,
}

impl Services {
    /// Issues a coupon for a campaign not yet over, with a fresh code; the hub's only.
    pub async fn create_campaign_coupon(
        &self,
        actor: &Actor,
        campaign: &CampaignId,
        form: &CampaignCouponForm,
    ) -> ServiceResult<CampaignCouponRecord> {
        authorize(actor, &Action::ManageMarketplaceSettings)?;
        let record = self.campaign(campaign).await?;
        let now = self.clock.now();
        if record.ended_at.is_some() || record.terms.ends <= now {
            return Err(ServiceError::Conflict(NOT_RUNNING));
        }
        let terms = CampaignCouponTerms::parse(&CampaignCouponInput {
            kind: &form.kind,
            amount_off: &form.amount_off,
            percent_off: &form.percent_off,
            cap: &form.cap,
            minimum_spend: &form.minimum_spend,
            quantity: &form.quantity,
            per_buyer_limit: &form.per_buyer_limit,
            valid_days: &form.valid_days,
        })?;
        // A code taken already (one in a trillion) is drawn again.
        for _ in 0..3 {
            let coupon = CampaignCouponRecord {
                id: new_id(),
                campaign_id: campaign.clone(),
                code: fresh_code(),
                terms,
                claimed: 0,
                created_at: now,
            };
            match self.store.insert_campaign_coupon(&coupon).await {
                Ok(()) => return Ok(coupon),
                Err(StoreError::Conflict(CODE_TAKEN)) => continue,
                Err(other) => return Err(other.into()),
            }
        }
        Err(ServiceError::Internal("no free coupon code".into()))
    }

    /// A campaign's coupons, as its landing page offers them.
    pub async fn campaign_coupons(
        &self,
        campaign: &CampaignId,
    ) -> ServiceResult<Vec<CampaignCouponRecord>> {
        Ok(self.store.campaign_coupons(campaign).await?)
    }

    /// Claims one of the coupon with this code (typed, or sent by the landing page's button).
    pub async fn claim_campaign_coupon(
        &self,
        actor: &Actor,
        code: &str,
    ) -> ServiceResult<CampaignCouponRecord> {
        authorize(actor, &Action::ManageOwnAccount)?;
        let code = normalize_code(code)
            .ok_or_else(|| ValidationErrors::single("code", Problem::Invalid))?;
        let coupon = self
            .store
            .campaign_coupon_by_code(&code)
            .await?
            .ok_or(ServiceError::Conflict(NO_SUCH_CODE))?;
        let campaign = self.campaign(&coupon.campaign_id).await?;
        let now = self.clock.now();
        let claim = NewCampaignClaim {
            id: new_id(),
            coupon_id: coupon.id.clone(),
            buyer_id: actor.account_id.clone(),
            at: now,
            usable_until: coupon.terms.usable_until(now, campaign.terms.ends),
        };
        match self.store.claim_campaign_coupon(&claim).await? {
            CampaignClaimOutcome::Claimed(coupon) => Ok(coupon),
            CampaignClaimOutcome::Refused(why) => Err(ServiceError::Conflict(match why {
                ClaimRefusal::AllClaimed => ALL_CLAIMED,
                ClaimRefusal::LimitReached => LIMIT_REACHED,
                ClaimRefusal::NotFound => NO_SUCH_CODE,
                ClaimRefusal::NotLive | ClaimRefusal::Expired | ClaimRefusal::Withdrawn => {
                    NOT_RUNNING
                }
            })),
        }
    }

    /// Every campaign claim of the buyer, newest first, with its campaign's name: for "my
    /// coupons".
    pub async fn my_campaign_coupons(
        &self,
        actor: &Actor,
    ) -> ServiceResult<Vec<(CampaignClaimRecord, String)>> {
        authorize(actor, &Action::ManageOwnAccount)?;
        let claims = self
            .store
            .campaign_claims_of_buyer(&actor.account_id)
            .await?;
        let mut named = Vec::with_capacity(claims.len());
        for claim in claims {
            let name = self
                .store
                .campaign(&claim.coupon.campaign_id)
                .await?
                .map(|campaign| campaign.terms.name)
                .unwrap_or_default();
            named.push((claim, name));
        }
        Ok(named)
    }

    /// The buyer's campaign claims still to use, soonest to lapse first.
    pub async fn held_campaign_coupons(
        &self,
        buyer: &AccountId,
    ) -> ServiceResult<Vec<CampaignClaimRecord>> {
        let now = self.clock.now();
        let mut held: Vec<_> = self
            .store
            .campaign_claims_of_buyer(buyer)
            .await?
            .into_iter()
            .filter(|claim| claim.used_order_id.is_none() && now < claim.usable_until)
            .collect();
        held.sort_by_key(|claim| claim.usable_until);
        Ok(held)
    }

    /// Step 3: takes the chosen claim off the drafts' goods in its campaign; returns the index
    /// of the order that took the largest part, which the claim is marked used on. A claim used
    /// already is left to the store: a checkout sent again with its key replays the one that
    /// used it, and any other is refused there.
    pub(crate) async fn apply_campaign_coupon(
        &self,
        buyer: &AccountId,
        chosen: &CampaignClaimId,
        drafts: &mut [OrderDraft],
        savings: &mut CampaignSavings,
    ) -> ServiceResult<usize> {
        let now = self.clock.now();
        let claims = self.store.campaign_claims_of_buyer(buyer).await?;
        let claim = claims
            .iter()
            .find(|claim| &claim.id == chosen)
            .ok_or(ServiceError::Conflict(NOT_HELD))?;
        if claim.usable_until <= now {
            return Err(ServiceError::Conflict(EXPIRED));
        }
        let terms = savings
            .campaigns
            .iter()
            .find(|(id, terms)| id == &claim.coupon.campaign_id && terms.is_running(now))
            .map(|(_, terms)| terms)
            .ok_or(ServiceError::Conflict(NOT_RUNNING))?;
        let covers = |shop: &_, line: &farmgate_domain::checkout::OrderLineDraft| {
            terms.scope.covers(&line.product, shop, line.category)
        };
        let (goods, units) = covered_goods(drafts, covers);
        let saving = claim.coupon.terms.discount_on(goods, units);
        if saving.minor() == 0 {
            return Err(ServiceError::Conflict(BELOW_MINIMUM));
        }
        let per_order = share_saving(drafts, saving, covers).map_err(internal)?;
        let largest = per_order
            .iter()
            .enumerate()
            .max_by_key(|(i, saved)| (saved.minor(), std::cmp::Reverse(*i)))
            .map_or(0, |(i, _)| i);
        savings.note_order_savings(&claim.coupon.campaign_id, per_order);
        Ok(largest)
    }
}

fn fresh_code() -> String {
    (0..CODE_LENGTH)
        .map(|_| char::from(CODE_ALPHABET[OsRng.gen_range(0..CODE_ALPHABET.len())]))
        .collect()
}
