//! Farmgate's record of payments, and applying a provider's outcome exactly once: the payment's
//! status, its orders becoming paid and the ledger entry are one transaction, guarded on the
//! payment still being pending, so a duplicated or replayed callback changes nothing.

use async_trait::async_trait;
use farmgate_domain::id::{CheckoutId, PaymentId};
use farmgate_domain::ledger::Entry;
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::errors::refused;
use super::SqlStore;
use crate::{
    Ledger, PaymentRecord, PaymentSettlement, PaymentStatus, Payments, SettleOutcome, StoreError,
    StoreResult,
};

macro_rules! payment_columns {
    () => {
        "id, checkout_id, provider, provider_ref, amount_minor, currency, status, created_at, settled_at"
    };
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    id: String,
    checkout_id: String,
    provider: String,
    provider_ref: Option<String>,
    amount_minor: i64,
    currency: String,
    status: String,
    created_at: i64,
    settled_at: Option<i64>,
}

#[async_trait]
impl Payments for SqlStore {
    async fn insert_payment(&self, p: &PaymentRecord) -> StoreResult<()> {
        sqlx::query(concat!(
            "INSERT INTO payments (",
            payment_columns!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        ))
        .bind(p.id.as_str())
        .bind(p.checkout_id.as_str())
        .bind(p.provider.as_str())
        .bind(p.provider_ref.as_deref())
        .bind(p.amount.minor())
        .bind(p.amount.currency().code())
        .bind(p.status.as_str())
        .bind(p.created_at.millis())
        .bind(p.settled_at.map(Timestamp::millis))
        .execute(&self.writer)
        .await
        .map_err(refused("payment refused"))?;
        Ok(())
    }

    async fn set_provider_ref(&self, payment: &PaymentId, provider_ref: &str) -> StoreResult<()> {
        sqlx::query("UPDATE payments SET provider_ref = $2 WHERE id = $1")
            .bind(payment.as_str())
            .bind(provider_ref)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn payment(&self, id: &PaymentId) -> StoreResult<Option<PaymentRecord>> {
        let row: Option<PaymentRow> = sqlx::query_as(concat!(
            "SELECT ",
            payment_columns!(),
            " FROM payments WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.writer)
        .await?;
        row.map(payment_record).transpose()
    }

    async fn payments_of_checkout(&self, checkout: &CheckoutId) -> StoreResult<Vec<PaymentRecord>> {
        let rows: Vec<PaymentRow> = sqlx::query_as(concat!(
            "SELECT ",
            payment_columns!(),
            " FROM payments WHERE checkout_id = $1 ORDER BY created_at, id"
        ))
        .bind(checkout.as_str())
        .fetch_all(&self.writer)
        .await?;
        rows.into_iter().map(payment_record).collect()
    }

    async fn pending_payments(
        &self,
        before: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<PaymentRecord>> {
        let rows: Vec<PaymentRow> = sqlx::query_as(concat!(
            "SELECT ",
            payment_columns!(),
            " FROM payments WHERE status = 'pending' AND created_at < $1 \
             ORDER BY created_at LIMIT $2"
        ))
        .bind(before.millis())
        .bind(limit.max(0))
        .fetch_all(&self.writer)
        .await?;
        rows.into_iter().map(payment_record).collect()
    }

    async fn settle_payment(&self, s: &PaymentSettlement) -> StoreResult<SettleOutcome> {
        self.settlements
            .settle(&self.writer, self.backend, self.rollups, s.clone())
            .await
    }
}

#[async_trait]
impl Ledger for SqlStore {
    async fn ledger_balances(&self) -> StoreResult<Vec<(String, Money)>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT account, CAST(SUM(amount_minor) AS BIGINT) FROM ledger_postings \
             GROUP BY account ORDER BY account",
        )
        .fetch_all(&self.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(account, minor)| (account, Money::fen(minor)))
            .collect())
    }

    async fn balance_of(&self, account_code: &str) -> StoreResult<Money> {
        Ok(Money::fen(self.sum_postings(account_code).await?))
    }
}

impl SqlStore {
    /// A sum over postings, read with the index on `account`.
    async fn sum_postings(&self, account_code: &str) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM ledger_postings WHERE account = $1",
        )
        .bind(account_code)
        .fetch_one(&self.reader)
        .await?)
    }
}

/// Writes a balanced entry; `(kind, reference)` is unique, so an event is never posted twice.
pub(super) async fn insert_entry(
    conn: &mut AnyConnection,
    id: &str,
    entry: &Entry,
    reference: &str,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO ledger_entries (id, kind, reference, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(entry.kind().code())
    .bind(reference)
    .bind(at.millis())
    .execute(&mut *conn)
    .await
    .map_err(refused("this event is already in the ledger"))?;
    for (seq, posting) in entry.postings().iter().enumerate() {
        sqlx::query(
            "INSERT INTO ledger_postings (entry_id, seq, account, amount_minor, currency) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(seq as i64)
        .bind(posting.account.code())
        .bind(posting.amount.minor())
        .bind(posting.amount.currency().code())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

fn payment_record(row: PaymentRow) -> StoreResult<PaymentRecord> {
    let currency =
        Currency::parse(&row.currency).ok_or(StoreError::Corrupt("payments.currency"))?;
    Ok(PaymentRecord {
        id: PaymentId::new(row.id),
        checkout_id: CheckoutId::new(row.checkout_id),
        provider: row.provider,
        provider_ref: row.provider_ref,
        amount: Money::new(row.amount_minor, currency),
        status: PaymentStatus::parse(&row.status).ok_or(StoreError::Corrupt("payments.status"))?,
        created_at: Timestamp::from_millis(row.created_at),
        settled_at: row.settled_at.map(Timestamp::from_millis),
    })
}
