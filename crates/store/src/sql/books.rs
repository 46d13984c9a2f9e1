//! The books as people read them: a shop's balances, the ledger entries that touch the shop
//! with their postings on its accounts and the commission they charged, and per-entry totals.

use async_trait::async_trait;
use farmgate_domain::id::ShopId;
use farmgate_domain::ledger::{EntryKind, LedgerAccount, Posting};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::time::Timestamp;

use super::{bounds, SqlStore};
use crate::{
    Books, Ledger, Page, ShopBalances, ShopEarnings, StatementEntry, StoreError, StoreResult,
};

#[async_trait]
impl Books for SqlStore {
    async fn shop_balances(&self, shop: &ShopId) -> StoreResult<ShopBalances> {
        let held = LedgerAccount::OrderEscrow(shop.clone());
        let payable = LedgerAccount::ProducerPayable(shop.clone());
        let debt = LedgerAccount::ProducerDebt(shop.clone());
        let paid_out: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM payouts WHERE shop_id = $1",
        )
        .bind(shop.as_str())
        .fetch_one(&self.reader)
        .await?;
        // Commission is only ever posted in entries about one shop's sales (and their refunds).
        // The shop's entries come first (`CROSS JOIN` keeps that order on SQLite) and the
        // account test is kept off the index (`|| ''`): led by the account instead, SQLite
        // walked every commission posting of the platform, 56 ms with the demo's history.
        let commission: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(c.amount_minor), 0) AS BIGINT) \
             FROM (SELECT DISTINCT entry_id FROM ledger_postings \
                   WHERE account IN ($1, $2, $3)) shop_entries \
             CROSS JOIN ledger_postings c \
             WHERE c.entry_id = shop_entries.entry_id \
               AND c.account || '' = 'commission_revenue'",
        )
        .bind(held.code())
        .bind(payable.code())
        .bind(debt.code())
        .fetch_one(&self.reader)
        .await?;
        let earnings = self.shop_earnings(shop).await?;
        Ok(ShopBalances {
            held: earnings.held,
            payable: earnings.payable,
            paid_out: Money::fen(paid_out),
            commission: LedgerAccount::CommissionRevenue.normal_balance(Money::fen(commission)),
        })
    }

    async fn shop_earnings(&self, shop: &ShopId) -> StoreResult<ShopEarnings> {
        let held = LedgerAccount::OrderEscrow(shop.clone());
        let payable = LedgerAccount::ProducerPayable(shop.clone());
        let debt = LedgerAccount::ProducerDebt(shop.clone());
        let owed = payable.normal_balance(self.balance_of(&payable.code()).await?);
        let owing = debt.normal_balance(self.balance_of(&debt.code()).await?);
        Ok(ShopEarnings {
            held: held.normal_balance(self.balance_of(&held.code()).await?),
            payable: Money::fen(owed.minor().saturating_sub(owing.minor())),
        })
    }

    async fn shop_statement(&self, shop: &ShopId, page: Page) -> StoreResult<Vec<StatementEntry>> {
        let (limit, offset) = bounds(page);
        let rows: Vec<(String, String, String, i64, String, i64, String)> = sqlx::query_as(
            "SELECT e.id, e.kind, e.reference, e.created_at, p.account, p.amount_minor, p.currency \
             FROM (SELECT id, kind, reference, created_at FROM ledger_entries WHERE id IN \
                   (SELECT entry_id FROM ledger_postings WHERE account IN ($1, $2, $3)) \
                   ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5) e \
             JOIN ledger_postings p ON p.entry_id = e.id \
             WHERE p.account IN ($1, $2, $3, 'commission_revenue') \
             ORDER BY e.created_at DESC, e.id DESC, p.seq",
        )
        .bind(LedgerAccount::OrderEscrow(shop.clone()).code())
        .bind(LedgerAccount::ProducerPayable(shop.clone()).code())
        .bind(LedgerAccount::ProducerDebt(shop.clone()).code())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.reader)
        .await?;
        let mut entries: Vec<(String, StatementEntry)> = Vec::new();
        for (id, kind, reference, at, account, minor, currency) in rows {
            let posting = Posting {
                account: LedgerAccount::parse(&account)
                    .ok_or(StoreError::Corrupt("ledger_postings.account"))?,
                amount: Money::new(
                    minor,
                    Currency::parse(&currency)
                        .ok_or(StoreError::Corrupt("ledger_postings.currency"))?,
                ),
            };
            match entries.last_mut() {
                Some((last, entry)) if *last == id => entry.postings.push(posting),
                _ => entries.push((
                    id,
                    StatementEntry {
                        kind: EntryKind::parse(&kind)
                            .ok_or(StoreError::Corrupt("ledger_entries.kind"))?,
                        reference,
                        at: Timestamp::from_millis(at),
                        postings: vec![posting],
                    },
                )),
            }
        }
        Ok(entries.into_iter().map(|(_, entry)| entry).collect())
    }

    async fn entry_totals(&self) -> StoreResult<Vec<(EntryKind, Money)>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT e.kind, CAST(SUM(p.amount_minor) AS BIGINT) FROM ledger_entries e \
             JOIN ledger_postings p ON p.entry_id = e.id GROUP BY e.id, e.kind ORDER BY e.id",
        )
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter()
            .map(|(kind, sum)| {
                let kind =
                    EntryKind::parse(&kind).ok_or(StoreError::Corrupt("ledger_entries.kind"))?;
                Ok((kind, Money::fen(sum)))
            })
            .collect()
    }
}
