//! The sandbox payment provider's books on the SQL store, so the sandbox keeps its payments,
//! refunds and pending callbacks across restarts like a real provider.

use async_trait::async_trait;
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::time::Timestamp;
use farmgate_payments::sandbox::{BookError, Delivery, SandboxBook, SandboxPayment, SandboxRefund};
use farmgate_payments::{PaymentOutcome, RefundOutcome};
use sqlx::AnyConnection;

use super::SqlStore;

macro_rules! payment_columns {
    () => {
        "provider_ref, out_trade_no, amount_minor, currency, description, notify_url, \
         return_url, created_at, expires_at, outcome, settled_at"
    };
}
macro_rules! refund_columns {
    () => {
        "provider_ref, out_refund_no, out_trade_no, amount_minor, currency, reason, created_at, \
         settles_at, outcome"
    };
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    provider_ref: String,
    out_trade_no: String,
    amount_minor: i64,
    currency: String,
    description: String,
    notify_url: String,
    return_url: String,
    created_at: i64,
    expires_at: i64,
    outcome: Option<String>,
    settled_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct RefundRow {
    provider_ref: String,
    out_refund_no: String,
    out_trade_no: String,
    amount_minor: i64,
    currency: String,
    reason: String,
    created_at: i64,
    settles_at: i64,
    outcome: String,
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    id: String,
    url: String,
    body: String,
    attempts: i64,
    duplicates_left: i64,
    next_attempt_at: i64,
}

#[async_trait]
impl SandboxBook for SqlStore {
    async fn create_payment(&self, payment: &SandboxPayment) -> Result<SandboxPayment, BookError> {
        sqlx::query(
            "INSERT INTO sandbox_payments (provider_ref, out_trade_no, amount_minor, currency, \
             description, notify_url, return_url, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (out_trade_no) DO NOTHING",
        )
        .bind(payment.provider_ref.as_str())
        .bind(payment.out_trade_no.as_str())
        .bind(payment.amount.minor())
        .bind(payment.amount.currency().code())
        .bind(payment.description.as_str())
        .bind(payment.notify_url.as_str())
        .bind(payment.return_url.as_str())
        .bind(payment.created_at.millis())
        .bind(payment.expires_at.millis())
        .execute(&self.writer)
        .await
        .map_err(storage)?;
        self.payment_where("out_trade_no", &payment.out_trade_no)
            .await?
            .ok_or(BookError::Storage("payment vanished after insert".into()))
    }

    async fn payment(&self, provider_ref: &str) -> Result<Option<SandboxPayment>, BookError> {
        self.payment_where("provider_ref", provider_ref).await
    }

    async fn payment_by_trade_no(
        &self,
        out_trade_no: &str,
    ) -> Result<Option<SandboxPayment>, BookError> {
        self.payment_where("out_trade_no", out_trade_no).await
    }

    async fn settle_payment(
        &self,
        provider_ref: &str,
        outcome: PaymentOutcome,
        at: Timestamp,
        callback: &Delivery,
    ) -> Result<bool, BookError> {
        let mut tx = self.writer.begin().await.map_err(storage)?;
        let done = sqlx::query(
            "UPDATE sandbox_payments SET outcome = $2, settled_at = $3 \
             WHERE provider_ref = $1 AND outcome IS NULL",
        )
        .bind(provider_ref)
        .bind(payment_outcome_text(outcome))
        .bind(at.millis())
        .execute(&mut *tx)
        .await
        .map_err(storage)?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        insert_delivery(&mut tx, callback).await?;
        tx.commit().await.map_err(storage)?;
        Ok(true)
    }

    async fn create_refund(
        &self,
        refund: &SandboxRefund,
        callback: &Delivery,
    ) -> Result<SandboxRefund, BookError> {
        let mut tx = self.writer.begin().await.map_err(storage)?;
        // Touching the payment row first serialises refunds of one payment on PostgreSQL (a row
        // lock) as SQLite's single writer already does, so two refunds cannot both fit.
        let paid: Option<i64> = sqlx::query_scalar(
            "UPDATE sandbox_payments SET provider_ref = provider_ref WHERE out_trade_no = $1 \
             RETURNING amount_minor",
        )
        .bind(refund.out_trade_no.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(storage)?;
        let Some(paid) = paid else {
            return Err(BookError::Refused("no such payment"));
        };
        let existing: Option<RefundRow> = sqlx::query_as(concat!(
            "SELECT ",
            refund_columns!(),
            " FROM sandbox_refunds WHERE out_refund_no = $1"
        ))
        .bind(refund.out_refund_no.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(storage)?;
        if let Some(existing) = existing {
            return refund_record(existing);
        }
        let refunded: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM sandbox_refunds \
             WHERE out_trade_no = $1",
        )
        .bind(refund.out_trade_no.as_str())
        .fetch_one(&mut *tx)
        .await
        .map_err(storage)?;
        if refunded.saturating_add(refund.amount.minor()) > paid {
            return Err(BookError::Refused("refunds would exceed the payment"));
        }
        sqlx::query(
            "INSERT INTO sandbox_refunds (provider_ref, out_refund_no, out_trade_no, amount_minor, \
             currency, reason, created_at, settles_at, outcome) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(refund.provider_ref.as_str())
        .bind(refund.out_refund_no.as_str())
        .bind(refund.out_trade_no.as_str())
        .bind(refund.amount.minor())
        .bind(refund.amount.currency().code())
        .bind(refund.reason.as_str())
        .bind(refund.created_at.millis())
        .bind(refund.settles_at.millis())
        .bind(refund_outcome_text(refund.outcome))
        .execute(&mut *tx)
        .await
        .map_err(storage)?;
        insert_delivery(&mut tx, callback).await?;
        tx.commit().await.map_err(storage)?;
        Ok(refund.clone())
    }

    async fn refund(&self, out_refund_no: &str) -> Result<Option<SandboxRefund>, BookError> {
        let row: Option<RefundRow> = sqlx::query_as(concat!(
            "SELECT ",
            refund_columns!(),
            " FROM sandbox_refunds WHERE out_refund_no = $1"
        ))
        .bind(out_refund_no)
        .fetch_optional(&self.reader)
        .await
        .map_err(storage)?;
        row.map(refund_record).transpose()
    }

    async fn due_deliveries(&self, now: Timestamp, limit: i64) -> Result<Vec<Delivery>, BookError> {
        let rows: Vec<DeliveryRow> = sqlx::query_as(
            "SELECT id, url, body, attempts, duplicates_left, next_attempt_at \
             FROM sandbox_deliveries WHERE next_attempt_at <= $1 \
             ORDER BY next_attempt_at, id LIMIT $2",
        )
        .bind(now.millis())
        .bind(limit.max(0))
        .fetch_all(&self.writer)
        .await
        .map_err(storage)?;
        Ok(rows
            .into_iter()
            .map(|row| Delivery {
                id: row.id,
                url: row.url,
                body: row.body,
                attempts: row.attempts,
                next_attempt_at: Timestamp::from_millis(row.next_attempt_at),
                duplicates_left: row.duplicates_left,
            })
            .collect())
    }

    async fn record_attempt(
        &self,
        id: &str,
        attempts: i64,
        duplicates_left: i64,
        next_attempt_at: Option<Timestamp>,
    ) -> Result<(), BookError> {
        let query = match next_attempt_at {
            Some(at) => sqlx::query(
                "UPDATE sandbox_deliveries SET attempts = $2, duplicates_left = $3, \
                 next_attempt_at = $4 WHERE id = $1",
            )
            .bind(id)
            .bind(attempts)
            .bind(duplicates_left)
            .bind(at.millis()),
            None => sqlx::query("DELETE FROM sandbox_deliveries WHERE id = $1").bind(id),
        };
        query.execute(&self.writer).await.map_err(storage)?;
        Ok(())
    }
}

impl SqlStore {
    /// `column` is one of two fixed names, never user input.
    async fn payment_where(
        &self,
        column: &'static str,
        value: &str,
    ) -> Result<Option<SandboxPayment>, BookError> {
        let sql = format!(
            "SELECT {} FROM sandbox_payments WHERE {column} = $1",
            payment_columns!()
        );
        let row: Option<PaymentRow> = sqlx::query_as(&sql)
            .bind(value)
            .fetch_optional(&self.writer)
            .await
            .map_err(storage)?;
        row.map(payment_record).transpose()
    }
}

async fn insert_delivery(conn: &mut AnyConnection, delivery: &Delivery) -> Result<(), BookError> {
    sqlx::query(
        "INSERT INTO sandbox_deliveries (id, url, body, attempts, duplicates_left, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(delivery.id.as_str())
    .bind(delivery.url.as_str())
    .bind(delivery.body.as_str())
    .bind(delivery.attempts)
    .bind(delivery.duplicates_left)
    .bind(delivery.next_attempt_at.millis())
    .execute(conn)
    .await
    .map_err(storage)?;
    Ok(())
}

fn payment_record(row: PaymentRow) -> Result<SandboxPayment, BookError> {
    let outcome = match row.outcome.as_deref() {
        None => None,
        Some("succeeded") => Some(PaymentOutcome::Succeeded),
        Some("failed") => Some(PaymentOutcome::Failed),
        Some("closed") => Some(PaymentOutcome::Closed),
        Some(_) => return Err(corrupt("sandbox_payments.outcome")),
    };
    Ok(SandboxPayment {
        provider_ref: row.provider_ref,
        out_trade_no: row.out_trade_no,
        amount: money(row.amount_minor, &row.currency)?,
        description: row.description,
        notify_url: row.notify_url,
        return_url: row.return_url,
        created_at: Timestamp::from_millis(row.created_at),
        expires_at: Timestamp::from_millis(row.expires_at),
        outcome,
        settled_at: row.settled_at.map(Timestamp::from_millis),
    })
}

fn refund_record(row: RefundRow) -> Result<SandboxRefund, BookError> {
    let outcome = match row.outcome.as_str() {
        "succeeded" => RefundOutcome::Succeeded,
        "failed" => RefundOutcome::Failed,
        _ => return Err(corrupt("sandbox_refunds.outcome")),
    };
    Ok(SandboxRefund {
        provider_ref: row.provider_ref,
        out_refund_no: row.out_refund_no,
        out_trade_no: row.out_trade_no,
        amount: money(row.amount_minor, &row.currency)?,
        reason: row.reason,
        created_at: Timestamp::from_millis(row.created_at),
        settles_at: Timestamp::from_millis(row.settles_at),
        outcome,
    })
}

fn money(minor: i64, currency: &str) -> Result<Money, BookError> {
    let currency = Currency::parse(currency).ok_or_else(|| corrupt("sandbox currency"))?;
    Ok(Money::new(minor, currency))
}

fn payment_outcome_text(outcome: PaymentOutcome) -> &'static str {
    match outcome {
        PaymentOutcome::Succeeded => "succeeded",
        PaymentOutcome::Failed => "failed",
        PaymentOutcome::Closed => "closed",
    }
}

fn refund_outcome_text(outcome: RefundOutcome) -> &'static str {
    match outcome {
        RefundOutcome::Succeeded => "succeeded",
        RefundOutcome::Failed => "failed",
    }
}

fn corrupt(what: &str) -> BookError {
    BookError::Storage(format!("corrupt stored value in {what}"))
}

fn storage(error: sqlx::Error) -> BookError {
    BookError::Storage(error.to_string())
}
