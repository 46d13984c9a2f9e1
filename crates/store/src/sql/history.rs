//! The bulk writer for past trade (`History`): multi-row inserts of a few fixed sizes, in one
//! transaction per batch, reusing the checkout path's own order and line inserts so history
//! rows are exactly what checkouts write.

use async_trait::async_trait;
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::checkout_batch::{insert_checkouts, insert_orders_with_lines};
use super::errors::refused;
use super::{params, value_rows, SqlStore};
use crate::{
    AccountRecord, AfterSaleRecord, Backend, History, HistoryBatch, LiveSessionRecord, OrderDetail,
    PaymentRecord, PayoutRecord, PostedEntry, SavedRoomFigures, StoreError, StoreResult,
};

/// Rows per statement: a few hundred values each, well under both backends' limits.
const ROWS: usize = 64;

#[async_trait]
impl History for SqlStore {
    async fn insert_history(&self, batch: &HistoryBatch) -> StoreResult<()> {
        let backend = self.backend;
        let mut tx = self.writer.begin().await?;
        for chunk in batch.accounts.chunks(ROWS) {
            insert_accounts(&mut tx, backend, chunk).await?;
        }
        for chunk in batch.live_sessions.chunks(ROWS) {
            insert_live_sessions(&mut tx, backend, chunk).await?;
        }
        let checkouts: Vec<_> = batch.checkouts.iter().collect();
        let inserted = insert_checkouts(&mut tx, backend, &checkouts).await?;
        if inserted.len() != checkouts.len() {
            return Err(StoreError::Conflict("a history checkout is already stored"));
        }
        let orders: Vec<&OrderDetail> = batch.checkouts.iter().flat_map(|c| &c.orders).collect();
        insert_orders_with_lines(&mut tx, backend, &orders).await?;
        for chunk in batch.payments.chunks(ROWS) {
            insert_payments(&mut tx, backend, chunk).await?;
        }
        for chunk in batch.refunds.chunks(ROWS) {
            insert_refunds(&mut tx, backend, chunk).await?;
            set_refunded(&mut tx, backend, chunk).await?;
        }
        for chunk in batch.entries.chunks(ROWS) {
            insert_entries(&mut tx, backend, chunk).await?;
        }
        for chunk in batch.payouts.chunks(ROWS) {
            insert_payouts(&mut tx, backend, chunk).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

async fn insert_live_sessions(
    conn: &mut AnyConnection,
    backend: Backend,
    sessions: &[(LiveSessionRecord, SavedRoomFigures)],
) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO live_sessions (id, shop_id, host_id, title, trailer, starts_at, status, \
         stream_key, went_live_at, ended_at, created_at) VALUES {}",
        value_rows(backend, sessions.len(), 11)
    );
    let mut query = sqlx::query(&sql);
    for (s, _) in sessions {
        query = query
            .bind(s.id.as_str())
            .bind(s.shop_id.as_str())
            .bind(s.host_id.as_str())
            .bind(s.title.as_str())
            .bind(s.trailer.as_str())
            .bind(s.starts_at.millis())
            .bind(s.status.as_str())
            .bind(s.stream_key.as_str())
            .bind(s.went_live_at.map(Timestamp::millis))
            .bind(s.ended_at.map(Timestamp::millis))
            .bind(s.created_at.millis());
    }
    query
        .execute(&mut *conn)
        .await
        .map_err(refused("a history session is already stored"))?;
    let sql = format!(
        "INSERT INTO live_session_figures (session_id, peak_viewers, unique_viewers, \
         unique_capped, likes, saved_at) VALUES {}",
        value_rows(backend, sessions.len(), 6)
    );
    let mut query = sqlx::query(&sql);
    for (_, f) in sessions {
        query = query
            .bind(f.session_id.as_str())
            .bind(f.peak_viewers)
            .bind(f.unique_viewers)
            .bind(i64::from(f.unique_capped))
            .bind(f.likes)
            .bind(f.saved_at.millis());
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

async fn insert_accounts(
    conn: &mut AnyConnection,
    backend: Backend,
    accounts: &[AccountRecord],
) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO accounts (id, email, display_name, password_hash, created_at) VALUES {}",
        value_rows(backend, accounts.len(), 5)
    );
    let mut query = sqlx::query(&sql);
    for a in accounts {
        query = query
            .bind(a.id.as_str())
            .bind(a.email.as_str())
            .bind(a.display_name.as_str())
            .bind(a.password_hash.as_str())
            .bind(a.created_at.millis());
    }
    query
        .execute(&mut *conn)
        .await
        .map_err(refused("e-mail address already registered"))?;
    let roles: Vec<_> = accounts
        .iter()
        .flat_map(|a| a.roles.iter().map(move |role| (a, role)))
        .collect();
    if roles.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO account_roles (account_id, role) VALUES {}",
        value_rows(backend, roles.len(), 2)
    );
    let mut query = sqlx::query(&sql);
    for (account, role) in roles {
        query = query.bind(account.id.as_str()).bind(role.as_str());
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

async fn insert_payments(
    conn: &mut AnyConnection,
    backend: Backend,
    payments: &[PaymentRecord],
) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO payments (id, checkout_id, provider, provider_ref, amount_minor, currency, \
         status, created_at, settled_at) VALUES {}",
        value_rows(backend, payments.len(), 9)
    );
    let mut query = sqlx::query(&sql);
    for p in payments {
        query = query
            .bind(p.id.as_str())
            .bind(p.checkout_id.as_str())
            .bind(p.provider.as_str())
            .bind(p.provider_ref.as_deref())
            .bind(p.amount.minor())
            .bind(p.amount.currency().code())
            .bind(p.status.as_str())
            .bind(p.created_at.millis())
            .bind(p.settled_at.map(Timestamp::millis));
    }
    query
        .execute(&mut *conn)
        .await
        .map_err(refused("payment refused"))?;
    Ok(())
}

async fn insert_refunds(
    conn: &mut AnyConnection,
    backend: Backend,
    refunds: &[AfterSaleRecord],
) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO after_sales (id, order_id, shop_id, buyer_id, kind, reason, description, \
         amount_minor, currency, status, created_at, updated_at, refunded_at, refund_basis, \
         commission_reversed_minor) VALUES {}",
        value_rows(backend, refunds.len(), 15)
    );
    let mut query = sqlx::query(&sql);
    for r in refunds {
        query = query
            .bind(r.id.as_str())
            .bind(r.order_id.as_str())
            .bind(r.shop_id.as_str())
            .bind(r.buyer_id.as_str())
            .bind(r.kind.as_str())
            .bind(r.reason.as_str())
            .bind(r.description.as_str())
            .bind(r.amount.minor())
            .bind(r.amount.currency().code())
            .bind(r.status.as_str())
            .bind(r.created_at.millis())
            .bind(r.updated_at.millis())
            .bind(r.refunded_at.map(Timestamp::millis))
            .bind(r.refund_source.map(|s| s.as_str()))
            .bind(r.commission_reversed.map(|m| m.minor()));
    }
    query
        .execute(&mut *conn)
        .await
        .map_err(refused("after-sale refused"))?;
    Ok(())
}

/// Each refunded order's refunded total, as `complete_refund` keeps it.
async fn set_refunded(
    conn: &mut AnyConnection,
    backend: Backend,
    refunds: &[AfterSaleRecord],
) -> StoreResult<()> {
    let sql = format!(
        "UPDATE orders SET refunded_minor = (SELECT CAST(COALESCE(SUM(a.amount_minor), 0) AS \
         BIGINT) FROM after_sales a WHERE a.order_id = orders.id AND a.status = 'refunded') \
         WHERE id IN ({})",
        params(backend, 1, refunds.len())
    );
    let mut query = sqlx::query(&sql);
    for r in refunds {
        query = query.bind(r.order_id.as_str());
    }
    query
        .execute(&mut *conn)
        .await
        .map_err(refused("refund refused"))?;
    Ok(())
}

async fn insert_entries(
    conn: &mut AnyConnection,
    backend: Backend,
    entries: &[PostedEntry],
) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO ledger_entries (id, kind, reference, created_at) VALUES {}",
        value_rows(backend, entries.len(), 4)
    );
    let mut query = sqlx::query(&sql);
    for e in entries {
        query = query
            .bind(e.id.as_str())
            .bind(e.entry.kind().code())
            .bind(e.reference.as_str())
            .bind(e.at.millis());
    }
    query
        .execute(&mut *conn)
        .await
        .map_err(refused("this event is already in the ledger"))?;
    let postings: Vec<_> = entries
        .iter()
        .flat_map(|e| {
            e.entry
                .postings()
                .iter()
                .enumerate()
                .map(move |(seq, p)| (e, seq, p))
        })
        .collect();
    for chunk in postings.chunks(ROWS * 2) {
        let sql = format!(
            "INSERT INTO ledger_postings (entry_id, seq, account, amount_minor, currency) \
             VALUES {}",
            value_rows(backend, chunk.len(), 5)
        );
        let mut query = sqlx::query(&sql);
        for (entry, seq, posting) in chunk {
            query = query
                .bind(entry.id.as_str())
                .bind(*seq as i64)
                .bind(posting.account.code())
                .bind(posting.amount.minor())
                .bind(posting.amount.currency().code());
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

async fn insert_payouts(
    conn: &mut AnyConnection,
    backend: Backend,
    payouts: &[PayoutRecord],
) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO payouts (id, shop_id, run_key, amount_minor, currency, status, payee_holder, \
         payee_bank, payee_account, reference, created_at, paid_at) VALUES {}",
        value_rows(backend, payouts.len(), 12)
    );
    let mut query = sqlx::query(&sql);
    for p in payouts {
        query = query
            .bind(p.id.as_str())
            .bind(p.shop_id.as_str())
            .bind(p.run.as_str())
            .bind(p.amount.minor())
            .bind(p.amount.currency().code())
            .bind(p.status.as_str())
            .bind(p.payee.holder())
            .bind(p.payee.bank())
            .bind(p.payee.number())
            .bind(p.reference.as_str())
            .bind(p.created_at.millis())
            .bind(p.paid_at.map(Timestamp::millis));
    }
    query
        .execute(&mut *conn)
        .await
        .map_err(refused("this payout reference is taken"))?;
    Ok(())
}
