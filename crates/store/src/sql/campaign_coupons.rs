//! Campaign coupons. A claim is one transaction, as for live coupons (`coupons.rs`): a guarded
//! `UPDATE … SET claimed = claimed + 1 WHERE … claimed < quantity` while the campaign runs,
//! then the buyer's claims counted and the new one stored only under the limit. Using one at
//! checkout is `use_campaign_claim` (in the checkout's transaction); an unpaid checkout gives
//! it back in `release_campaign_claim`.

use async_trait::async_trait;
use farmgate_domain::campaign::coupon::{CampaignCouponTerms, CouponOff};
use farmgate_domain::id::{AccountId, CampaignClaimId, CampaignCouponId, CampaignId, OrderId};
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::coupons::next_claim_seq;
use super::errors::refused;
use super::SqlStore;
use crate::{
    CampaignClaimOutcome, CampaignClaimRecord, CampaignClaimUse, CampaignCouponRecord,
    CampaignCoupons, ClaimRefusal, NewCampaignClaim, StoreError, StoreResult, CODE_TAKEN,
};

macro_rules! columns {
    () => {
        "id, campaign_id, code, amount_off_minor, percent_off, cap_minor, minimum_spend_minor, \
         quantity, claimed, per_buyer_limit, valid_days, created_at"
    };
}

#[derive(sqlx::FromRow)]
struct CouponRow {
    id: String,
    campaign_id: String,
    code: String,
    amount_off_minor: Option<i64>,
    percent_off: Option<i64>,
    cap_minor: Option<i64>,
    minimum_spend_minor: i64,
    quantity: i64,
    claimed: i64,
    per_buyer_limit: i64,
    valid_days: i64,
    created_at: i64,
}

impl CouponRow {
    fn record(self) -> StoreResult<CampaignCouponRecord> {
        let off = match (self.amount_off_minor, self.percent_off, self.cap_minor) {
            (Some(amount), None, None) => CouponOff::Amount(Money::fen(amount)),
            (None, Some(percent), Some(cap)) => CouponOff::Percent {
                percent,
                cap: Money::fen(cap),
            },
            _ => return Err(StoreError::Corrupt("campaign_coupons")),
        };
        Ok(CampaignCouponRecord {
            id: CampaignCouponId::new(self.id),
            campaign_id: CampaignId::new(self.campaign_id),
            code: self.code,
            terms: CampaignCouponTerms {
                off,
                minimum_spend: Money::fen(self.minimum_spend_minor),
                quantity: self.quantity,
                per_buyer_limit: self.per_buyer_limit,
                valid_days: self.valid_days,
            },
            claimed: self.claimed,
            created_at: Timestamp::from_millis(self.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
struct ClaimRow {
    claim_id: String,
    buyer_id: String,
    claimed_at: i64,
    usable_until: i64,
    used_order_id: Option<String>,
    #[sqlx(flatten)]
    coupon: CouponRow,
}

#[async_trait]
impl CampaignCoupons for SqlStore {
    async fn insert_campaign_coupon(&self, c: &CampaignCouponRecord) -> StoreResult<()> {
        let (amount, percent, cap) = match c.terms.off {
            CouponOff::Amount(amount) => (Some(amount.minor()), None, None),
            CouponOff::Percent { percent, cap } => (None, Some(percent), Some(cap.minor())),
        };
        sqlx::query(concat!(
            "INSERT INTO campaign_coupons (",
            columns!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        ))
        .bind(c.id.as_str())
        .bind(c.campaign_id.as_str())
        .bind(&c.code)
        .bind(amount)
        .bind(percent)
        .bind(cap)
        .bind(c.terms.minimum_spend.minor())
        .bind(c.terms.quantity)
        .bind(c.claimed)
        .bind(c.terms.per_buyer_limit)
        .bind(c.terms.valid_days)
        .bind(c.created_at.millis())
        .execute(&self.writer)
        .await
        .map_err(refused(CODE_TAKEN))?;
        Ok(())
    }

    async fn campaign_coupons(
        &self,
        campaign: &CampaignId,
    ) -> StoreResult<Vec<CampaignCouponRecord>> {
        let rows: Vec<CouponRow> = sqlx::query_as(concat!(
            "SELECT ",
            columns!(),
            " FROM campaign_coupons WHERE campaign_id = $1 ORDER BY created_at, id"
        ))
        .bind(campaign.as_str())
        .fetch_all(&self.writer)
        .await?;
        rows.into_iter().map(CouponRow::record).collect()
    }

    async fn campaign_coupon_by_code(
        &self,
        code: &str,
    ) -> StoreResult<Option<CampaignCouponRecord>> {
        let row: Option<CouponRow> = sqlx::query_as(concat!(
            "SELECT ",
            columns!(),
            " FROM campaign_coupons WHERE code = $1"
        ))
        .bind(code)
        .fetch_optional(&self.writer)
        .await?;
        row.map(CouponRow::record).transpose()
    }

    async fn claim_campaign_coupon(
        &self,
        claim: &NewCampaignClaim,
    ) -> StoreResult<CampaignClaimOutcome> {
        let mut tx = self.writer.begin().await?;
        let counted: Option<CouponRow> = sqlx::query_as(concat!(
            "UPDATE campaign_coupons SET claimed = claimed + 1 \
             WHERE id = $1 AND claimed < quantity AND EXISTS (SELECT 1 FROM campaigns k \
             WHERE k.id = campaign_coupons.campaign_id AND k.ended_at IS NULL \
             AND k.starts_at <= $2 AND k.ends_at > $2) RETURNING ",
            columns!()
        ))
        .bind(claim.coupon_id.as_str())
        .bind(claim.at.millis())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(coupon) = counted else {
            drop(tx);
            return Ok(CampaignClaimOutcome::Refused(
                self.why_campaign_claim_refused(&claim.coupon_id).await?,
            ));
        };
        let Some(seq) = next_claim_seq(
            &mut tx,
            "campaign_coupon_claims",
            claim.coupon_id.as_str(),
            claim.buyer_id.as_str(),
            coupon.per_buyer_limit,
        )
        .await?
        else {
            return Ok(CampaignClaimOutcome::Refused(ClaimRefusal::LimitReached));
        };
        sqlx::query(
            "INSERT INTO campaign_coupon_claims (id, coupon_id, buyer_id, seq, buyer_limit, \
             claimed_at, usable_until) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(claim.id.as_str())
        .bind(claim.coupon_id.as_str())
        .bind(claim.buyer_id.as_str())
        .bind(seq)
        .bind(coupon.per_buyer_limit)
        .bind(claim.at.millis())
        .bind(claim.usable_until.millis())
        .execute(&mut *tx)
        .await
        .map_err(refused("claim refused"))?;
        tx.commit().await?;
        Ok(CampaignClaimOutcome::Claimed(coupon.record()?))
    }

    async fn campaign_claims_of_buyer(
        &self,
        buyer: &AccountId,
    ) -> StoreResult<Vec<CampaignClaimRecord>> {
        let rows: Vec<ClaimRow> = sqlx::query_as(
            "SELECT k.id AS claim_id, k.buyer_id, k.claimed_at, k.usable_until, k.used_order_id, \
             c.id, c.campaign_id, c.code, c.amount_off_minor, c.percent_off, c.cap_minor, \
             c.minimum_spend_minor, c.quantity, c.claimed, c.per_buyer_limit, c.valid_days, \
             c.created_at FROM campaign_coupon_claims k \
             JOIN campaign_coupons c ON c.id = k.coupon_id WHERE k.buyer_id = $1 \
             ORDER BY k.claimed_at DESC, k.id DESC LIMIT 200",
        )
        .bind(buyer.as_str())
        .fetch_all(&self.writer)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(CampaignClaimRecord {
                    id: CampaignClaimId::new(row.claim_id),
                    buyer_id: AccountId::new(row.buyer_id),
                    claimed_at: Timestamp::from_millis(row.claimed_at),
                    usable_until: Timestamp::from_millis(row.usable_until),
                    used_order_id: row.used_order_id.map(OrderId::new),
                    coupon: row.coupon.record()?,
                })
            })
            .collect()
    }
}

impl SqlStore {
    /// Why the guarded update counted nothing, read after the fact.
    async fn why_campaign_claim_refused(
        &self,
        coupon: &CampaignCouponId,
    ) -> StoreResult<ClaimRefusal> {
        let left: Option<i64> =
            sqlx::query_scalar("SELECT quantity - claimed FROM campaign_coupons WHERE id = $1")
                .bind(coupon.as_str())
                .fetch_optional(&self.writer)
                .await?;
        Ok(match left {
            None => ClaimRefusal::NotFound,
            Some(0) => ClaimRefusal::AllClaimed,
            Some(_) => ClaimRefusal::NotLive,
        })
    }
}

/// Marks the checkout's campaign claim used by its order, only if it is the buyer's, unused
/// and still usable; `false` when it could not be.
pub(super) async fn use_campaign_claim(
    conn: &mut AnyConnection,
    buyer: &AccountId,
    used: &CampaignClaimUse,
    at: Timestamp,
) -> StoreResult<bool> {
    let marked = sqlx::query(
        "UPDATE campaign_coupon_claims SET used_order_id = $3, used_at = $4 \
         WHERE id = $1 AND buyer_id = $2 AND used_order_id IS NULL AND usable_until > $4",
    )
    .bind(used.claim.as_str())
    .bind(buyer.as_str())
    .bind(used.order.as_str())
    .bind(at.millis())
    .execute(&mut *conn)
    .await?;
    Ok(marked.rows_affected() == 1)
}

/// Undoes `use_campaign_claim` inside the same transaction.
pub(super) async fn give_back_campaign_claim(
    conn: &mut AnyConnection,
    used: &CampaignClaimUse,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE campaign_coupon_claims SET used_order_id = NULL, used_at = NULL \
         WHERE id = $1 AND used_order_id = $2",
    )
    .bind(used.claim.as_str())
    .bind(used.order.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An expiring checkout's campaign claim becomes unused again.
pub(super) async fn release_campaign_claim(
    conn: &mut AnyConnection,
    checkout: &str,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE campaign_coupon_claims SET used_order_id = NULL, used_at = NULL \
         WHERE used_order_id IN (SELECT id FROM orders WHERE checkout_id = $1 \
         AND status = 'pending_payment')",
    )
    .bind(checkout)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
