//! Live coupons. A claim is one transaction: a guarded `UPDATE coupons SET claimed = claimed + 1
//! WHERE … claimed < quantity` (which on PostgreSQL also locks the coupon's row, so the claims
//! of one coupon queue and each counts the buyer's claims after the one before committed), then
//! the buyer's claims are counted and the new one inserted only under the limit; the `CHECK`s
//! on both tables hold whatever slips past. Using a claim at checkout is in `checkout_batch.rs`
//! (`use_claims`); giving it back when an order expires unpaid in `orders.rs` (`release_claims`).

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, CouponClaimId, CouponId, LiveSessionId, OrderId, ShopId};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::errors::refused;
use super::SqlStore;
use crate::{
    ClaimOutcome, ClaimRecord, ClaimRefusal, ClaimUse, CouponRecord, Coupons, NewClaim, StoreError,
    StoreResult,
};

macro_rules! coupon_columns {
    () => {
        "c.id, c.shop_id, c.session_id, c.amount_off_minor, c.minimum_spend_minor, c.currency, \
         c.quantity, c.claimed, c.per_buyer_limit, c.valid_until, c.created_at, c.withdrawn_at"
    };
}

#[derive(sqlx::FromRow)]
struct CouponRow {
    id: String,
    shop_id: String,
    session_id: String,
    amount_off_minor: i64,
    minimum_spend_minor: i64,
    currency: String,
    quantity: i64,
    claimed: i64,
    per_buyer_limit: i64,
    valid_until: i64,
    created_at: i64,
    withdrawn_at: Option<i64>,
}

impl CouponRow {
    fn record(self) -> StoreResult<CouponRecord> {
        let currency =
            Currency::parse(&self.currency).ok_or(StoreError::Corrupt("coupons.currency"))?;
        Ok(CouponRecord {
            id: CouponId::new(self.id),
            shop_id: ShopId::new(self.shop_id),
            session_id: LiveSessionId::new(self.session_id),
            amount_off: Money::new(self.amount_off_minor, currency),
            minimum_spend: Money::new(self.minimum_spend_minor, currency),
            quantity: self.quantity,
            claimed: self.claimed,
            per_buyer_limit: self.per_buyer_limit,
            valid_until: Timestamp::from_millis(self.valid_until),
            created_at: Timestamp::from_millis(self.created_at),
            withdrawn_at: self.withdrawn_at.map(Timestamp::from_millis),
        })
    }
}

#[derive(sqlx::FromRow)]
struct ClaimRow {
    claim_id: String,
    buyer_id: String,
    claimed_at: i64,
    used_order_id: Option<String>,
    used_at: Option<i64>,
    #[sqlx(flatten)]
    coupon: CouponRow,
}

#[async_trait]
impl Coupons for SqlStore {
    async fn insert_coupon(&self, c: &CouponRecord) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO coupons (id, shop_id, session_id, amount_off_minor, minimum_spend_minor, \
             currency, quantity, claimed, per_buyer_limit, valid_until, created_at, withdrawn_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(c.id.as_str())
        .bind(c.shop_id.as_str())
        .bind(c.session_id.as_str())
        .bind(c.amount_off.minor())
        .bind(c.minimum_spend.minor())
        .bind(c.amount_off.currency().code())
        .bind(c.quantity)
        .bind(c.claimed)
        .bind(c.per_buyer_limit)
        .bind(c.valid_until.millis())
        .bind(c.created_at.millis())
        .bind(c.withdrawn_at.map(Timestamp::millis))
        .execute(&self.writer)
        .await
        .map_err(refused("coupon exists"))?;
        Ok(())
    }

    async fn coupon(&self, id: &CouponId) -> StoreResult<Option<CouponRecord>> {
        let row: Option<CouponRow> = sqlx::query_as(concat!(
            "SELECT ",
            coupon_columns!(),
            " FROM coupons c WHERE c.id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.writer)
        .await?;
        row.map(CouponRow::record).transpose()
    }

    async fn coupons_of_session(&self, session: &LiveSessionId) -> StoreResult<Vec<CouponRecord>> {
        let rows: Vec<CouponRow> = sqlx::query_as(concat!(
            "SELECT ",
            coupon_columns!(),
            " FROM coupons c WHERE c.session_id = $1 ORDER BY c.created_at DESC, c.id DESC"
        ))
        .bind(session.as_str())
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter().map(CouponRow::record).collect()
    }

    async fn withdraw_coupon(&self, id: &CouponId, at: Timestamp) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE coupons SET withdrawn_at = $2 WHERE id = $1 AND withdrawn_at IS NULL",
        )
        .bind(id.as_str())
        .bind(at.millis())
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn claim_coupon(&self, claim: &NewClaim) -> StoreResult<ClaimOutcome> {
        let mut tx = self.writer.begin().await?;
        let counted: Option<CouponRow> = sqlx::query_as(concat!(
            "UPDATE coupons SET claimed = claimed + 1 \
             WHERE id = $1 AND claimed < quantity AND withdrawn_at IS NULL AND valid_until > $2 \
             AND EXISTS (SELECT 1 FROM live_sessions s WHERE s.id = coupons.session_id \
             AND s.status = 'live') RETURNING ",
            // RETURNING cannot name a table alias on SQLite: the columns without `c.`.
            "id, shop_id, session_id, amount_off_minor, minimum_spend_minor, currency, quantity, \
             claimed, per_buyer_limit, valid_until, created_at, withdrawn_at"
        ))
        .bind(claim.coupon_id.as_str())
        .bind(claim.at.millis())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(coupon) = counted else {
            drop(tx);
            return Ok(ClaimOutcome::Refused(self.why_refused(claim).await?));
        };
        let Some(seq) = next_claim_seq(
            &mut tx,
            "coupon_claims",
            claim.coupon_id.as_str(),
            claim.buyer_id.as_str(),
            coupon.per_buyer_limit,
        )
        .await?
        else {
            return Ok(ClaimOutcome::Refused(ClaimRefusal::LimitReached));
        };
        sqlx::query(
            "INSERT INTO coupon_claims (id, coupon_id, buyer_id, seq, buyer_limit, claimed_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(claim.id.as_str())
        .bind(claim.coupon_id.as_str())
        .bind(claim.buyer_id.as_str())
        .bind(seq)
        .bind(coupon.per_buyer_limit)
        .bind(claim.at.millis())
        .execute(&mut *tx)
        .await
        .map_err(refused("claim refused"))?;
        tx.commit().await?;
        Ok(ClaimOutcome::Claimed(coupon.record()?))
    }

    async fn claims_of_buyer(&self, buyer: &AccountId) -> StoreResult<Vec<ClaimRecord>> {
        let rows: Vec<ClaimRow> = sqlx::query_as(concat!(
            "SELECT k.id AS claim_id, k.buyer_id, k.claimed_at, k.used_order_id, k.used_at, ",
            coupon_columns!(),
            " FROM coupon_claims k JOIN coupons c ON c.id = k.coupon_id WHERE k.buyer_id = $1 \
             ORDER BY k.claimed_at DESC, k.id DESC LIMIT 500"
        ))
        .bind(buyer.as_str())
        .fetch_all(&self.writer)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(ClaimRecord {
                    id: CouponClaimId::new(row.claim_id),
                    buyer_id: AccountId::new(row.buyer_id),
                    claimed_at: Timestamp::from_millis(row.claimed_at),
                    used_order_id: row.used_order_id.map(OrderId::new),
                    used_at: row.used_at.map(Timestamp::from_millis),
                    coupon: row.coupon.record()?,
                })
            })
            .collect()
    }
}

impl SqlStore {
    /// Why the guarded update counted nothing: read after the fact, so a coupon that changed
    /// meanwhile answers as it is now.
    async fn why_refused(&self, claim: &NewClaim) -> StoreResult<ClaimRefusal> {
        let Some(coupon) = self.coupon(&claim.coupon_id).await? else {
            return Ok(ClaimRefusal::NotFound);
        };
        let live: Option<String> =
            sqlx::query_scalar("SELECT status FROM live_sessions WHERE id = $1")
                .bind(coupon.session_id.as_str())
                .fetch_optional(&self.writer)
                .await?;
        Ok(if coupon.withdrawn_at.is_some() {
            ClaimRefusal::Withdrawn
        } else if coupon.valid_until <= claim.at {
            ClaimRefusal::Expired
        } else if live.as_deref() != Some("live") {
            ClaimRefusal::NotLive
        } else {
            ClaimRefusal::AllClaimed
        })
    }
}

/// The number of the buyer's next claim of a coupon in `claims_table` (`coupon_claims` or
/// `campaign_coupon_claims`), or `None` when they hold `limit` already. Read in the claim's
/// transaction after the coupon's guarded count, which queues the claims of one coupon.
pub(super) async fn next_claim_seq(
    conn: &mut AnyConnection,
    claims_table: &'static str,
    coupon: &str,
    buyer: &str,
    limit: i64,
) -> StoreResult<Option<i64>> {
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM {claims_table} WHERE coupon_id = $1 AND buyer_id = $2"
    );
    let held: i64 = sqlx::query_scalar(&sql)
        .bind(coupon)
        .bind(buyer)
        .fetch_one(conn)
        .await?;
    Ok((held < limit).then_some(held + 1))
}

/// Marks the checkout's claims used by their orders, each only if it is the buyer's, unused
/// and still valid; `false` (after giving back any it marked) when one could not be.
pub(super) async fn use_claims(
    conn: &mut AnyConnection,
    buyer: &AccountId,
    uses: &[ClaimUse],
    at: Timestamp,
) -> StoreResult<bool> {
    for (done, used) in uses.iter().enumerate() {
        let marked = sqlx::query(
            "UPDATE coupon_claims SET used_order_id = $3, used_at = $4 \
             WHERE id = $1 AND buyer_id = $2 AND used_order_id IS NULL \
             AND coupon_id IN (SELECT id FROM coupons WHERE valid_until > $4)",
        )
        .bind(used.claim.as_str())
        .bind(buyer.as_str())
        .bind(used.order.as_str())
        .bind(at.millis())
        .execute(&mut *conn)
        .await?;
        if marked.rows_affected() == 0 {
            give_back(conn, &uses[..done]).await?;
            return Ok(false);
        }
    }
    Ok(true)
}

/// Undoes `use_claims` inside the same transaction (the checkout was refused after all).
pub(super) async fn give_back(conn: &mut AnyConnection, uses: &[ClaimUse]) -> StoreResult<()> {
    for used in uses {
        sqlx::query(
            "UPDATE coupon_claims SET used_order_id = NULL, used_at = NULL \
             WHERE id = $1 AND used_order_id = $2",
        )
        .bind(used.claim.as_str())
        .bind(used.order.as_str())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// An expiring checkout's claims become unused again, whether or not their coupon is still
/// valid: an expired one then reads as expired, not as used by an order that never was paid.
pub(super) async fn release_claims(conn: &mut AnyConnection, checkout: &str) -> StoreResult<()> {
    sqlx::query(
        "UPDATE coupon_claims SET used_order_id = NULL, used_at = NULL \
         WHERE used_order_id IN (SELECT id FROM orders WHERE checkout_id = $1 \
         AND status = 'pending_payment')",
    )
    .bind(checkout)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
