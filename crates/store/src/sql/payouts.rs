//! Payee accounts and payouts. Paying a shop locks its row, reads what it is owed and writes the
//! payout with its ledger entry, all in one transaction: a second run waits for the first and
//! then reads the payable the first left behind, so the same money is never paid twice.

use std::collections::BTreeMap;

use async_trait::async_trait;
use farmgate_domain::id::{PayoutId, PayoutRunId, ShopId};
use farmgate_domain::ledger::{payout, LedgerAccount};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::payout::{PayeeAccount, PayoutStatus};
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::errors::refused;
use super::payments::insert_entry;
use super::{bounds, placeholders, SqlStore};
use crate::{
    NewPayout, Page, PayableShop, PayoutOutcome, PayoutRecord, Payouts, StoreError, StoreResult,
};

macro_rules! payout_columns {
    () => {
        "id, shop_id, run_key, amount_minor, currency, status, payee_holder, payee_bank, \
         payee_account, reference, created_at, paid_at"
    };
}

#[derive(sqlx::FromRow)]
struct PayoutRow {
    id: String,
    shop_id: String,
    run_key: String,
    amount_minor: i64,
    currency: String,
    status: String,
    payee_holder: String,
    payee_bank: String,
    payee_account: String,
    reference: String,
    created_at: i64,
    paid_at: Option<i64>,
}

#[async_trait]
impl Payouts for SqlStore {
    async fn set_payee(
        &self,
        shop: &ShopId,
        payee: Option<&PayeeAccount>,
        at: Timestamp,
    ) -> StoreResult<()> {
        let Some(payee) = payee else {
            sqlx::query("DELETE FROM shop_payees WHERE shop_id = $1")
                .bind(shop.as_str())
                .execute(&self.writer)
                .await?;
            return Ok(());
        };
        sqlx::query(
            "INSERT INTO shop_payees (shop_id, holder, bank, account_no, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (shop_id) DO UPDATE SET \
             holder = excluded.holder, bank = excluded.bank, account_no = excluded.account_no, \
             updated_at = excluded.updated_at",
        )
        .bind(shop.as_str())
        .bind(payee.holder())
        .bind(payee.bank())
        .bind(payee.number())
        .bind(at.millis())
        .execute(&self.writer)
        .await
        .map_err(refused("payee refused"))?;
        Ok(())
    }

    async fn payee(&self, shop: &ShopId) -> StoreResult<Option<PayeeAccount>> {
        let row: Option<(String, String, String)> =
            sqlx::query_as("SELECT holder, bank, account_no FROM shop_payees WHERE shop_id = $1")
                .bind(shop.as_str())
                .fetch_optional(&self.reader)
                .await?;
        row.map(|(h, b, n)| stored_payee(&h, &b, &n)).transpose()
    }

    async fn payable_shops(&self) -> StoreResult<Vec<PayableShop>> {
        let balances: Vec<(String, i64)> = sqlx::query_as(
            "SELECT account, CAST(SUM(amount_minor) AS BIGINT) FROM ledger_postings \
             WHERE account LIKE 'producer_payable:%' OR account LIKE 'producer_debt:%' \
             GROUP BY account",
        )
        .fetch_all(&self.reader)
        .await?;
        // What each shop is owed less what it owes; both balances are debits when positive.
        let mut net: BTreeMap<ShopId, i64> = BTreeMap::new();
        for (account, balance) in balances {
            let shop = match LedgerAccount::parse(&account) {
                Some(LedgerAccount::ProducerPayable(shop) | LedgerAccount::ProducerDebt(shop)) => {
                    shop
                }
                _ => return Err(StoreError::Corrupt("ledger_postings.account")),
            };
            *net.entry(shop).or_default() -= balance;
        }
        let payable: Vec<(ShopId, i64)> = net.into_iter().filter(|(_, owed)| *owed > 0).collect();
        if payable.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT s.id, s.name, p.holder, p.bank, p.account_no FROM shops s \
             LEFT JOIN shop_payees p ON p.shop_id = s.id WHERE s.id IN ({}) ORDER BY s.name, s.id",
            placeholders(1, payable.len())
        );
        let mut query = sqlx::query_as(&sql);
        for (shop, _) in &payable {
            query = query.bind(shop.as_str());
        }
        let rows: Vec<(
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        )> = query.fetch_all(&self.reader).await?;
        rows.into_iter()
            .map(|(id, name, holder, bank, number)| {
                let shop_id = ShopId::new(id);
                let owed = payable
                    .iter()
                    .find(|(shop, _)| *shop == shop_id)
                    .map_or(0, |(_, owed)| *owed);
                let payee = match (holder, bank, number) {
                    (Some(h), Some(b), Some(n)) => Some(stored_payee(&h, &b, &n)?),
                    _ => None,
                };
                Ok(PayableShop {
                    shop_id,
                    shop_name: name,
                    payable: Money::fen(owed),
                    payee,
                })
            })
            .collect()
    }

    async fn pay_out(&self, p: &NewPayout) -> StoreResult<PayoutOutcome> {
        let mut tx = self.writer.begin().await?;
        lock_shop(&mut tx, &p.shop).await?;
        if let Some(done) = run_payout(&mut tx, &p.shop, &p.run).await? {
            return Ok(PayoutOutcome::AlreadyPaid(done));
        }
        let payee: Option<(String, String, String)> =
            sqlx::query_as("SELECT holder, bank, account_no FROM shop_payees WHERE shop_id = $1")
                .bind(p.shop.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        let Some((holder, bank, number)) = payee else {
            return Ok(PayoutOutcome::NoPayee);
        };
        let payable = balance_in(&mut tx, LedgerAccount::ProducerPayable(p.shop.clone())).await?;
        let debt = balance_in(&mut tx, LedgerAccount::ProducerDebt(p.shop.clone())).await?;
        // A debt from refunds after an earlier payout is cleared from this one first.
        let owed = Money::fen(payable.minor().saturating_sub(debt.minor()));
        if owed.minor() <= 0 || owed.minor() < p.minimum.minor() {
            return Ok(PayoutOutcome::BelowMinimum(owed));
        }
        let entry = payout(&p.shop, owed, payable, debt)
            .map_err(|_| StoreError::Conflict("the ledger refused the payout"))?;
        let record = PayoutRecord {
            id: p.id.clone(),
            shop_id: p.shop.clone(),
            run: p.run.clone(),
            amount: owed,
            status: PayoutStatus::Paid,
            payee: stored_payee(&holder, &bank, &number)?,
            reference: p.reference.clone(),
            created_at: p.at,
            paid_at: Some(p.at),
        };
        insert_payout(&mut tx, &record).await?;
        insert_entry(&mut tx, &p.entry_id, &entry, p.id.as_str(), p.at).await?;
        tx.commit().await?;
        Ok(PayoutOutcome::Paid(record))
    }

    async fn payouts_of_shop(&self, shop: &ShopId, page: Page) -> StoreResult<Vec<PayoutRecord>> {
        let (limit, offset) = bounds(page);
        let rows: Vec<PayoutRow> = sqlx::query_as(concat!(
            "SELECT ",
            payout_columns!(),
            " FROM payouts WHERE shop_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(shop.as_str())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter().map(payout_record).collect()
    }

    async fn payouts_of_run(&self, run: &PayoutRunId) -> StoreResult<Vec<PayoutRecord>> {
        let rows: Vec<PayoutRow> = sqlx::query_as(concat!(
            "SELECT ",
            payout_columns!(),
            " FROM payouts WHERE run_key = $1 ORDER BY created_at, id"
        ))
        .bind(run.as_str())
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter().map(payout_record).collect()
    }
}

/// Locks the shop's row until the transaction ends, so whatever draws its payable down (payouts,
/// and refunds after delivery) waits its turn (on SQLite the single writer already does this).
/// A write that changes nothing is the portable way to take a row lock: `SELECT … FOR UPDATE`
/// is not SQLite. Taken before anything is read, so what is read afterwards is current.
pub(super) async fn lock_shop(conn: &mut AnyConnection, shop: &ShopId) -> StoreResult<()> {
    let locked = sqlx::query("UPDATE shops SET name = name WHERE id = $1")
        .bind(shop.as_str())
        .execute(&mut *conn)
        .await?;
    match locked.rows_affected() {
        0 => Err(StoreError::NotFound),
        _ => Ok(()),
    }
}

/// An account's balance as people read it, inside the transaction (under the shop's lock).
pub(super) async fn balance_in(
    conn: &mut AnyConnection,
    account: LedgerAccount,
) -> StoreResult<Money> {
    let balance: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM ledger_postings \
         WHERE account = $1",
    )
    .bind(account.code())
    .fetch_one(&mut *conn)
    .await?;
    Ok(account.normal_balance(Money::fen(balance)))
}

async fn run_payout(
    conn: &mut AnyConnection,
    shop: &ShopId,
    run: &PayoutRunId,
) -> StoreResult<Option<PayoutRecord>> {
    let row: Option<PayoutRow> = sqlx::query_as(concat!(
        "SELECT ",
        payout_columns!(),
        " FROM payouts WHERE shop_id = $1 AND run_key = $2"
    ))
    .bind(shop.as_str())
    .bind(run.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(payout_record).transpose()
}

async fn insert_payout(conn: &mut AnyConnection, p: &PayoutRecord) -> StoreResult<()> {
    sqlx::query(concat!(
        "INSERT INTO payouts (",
        payout_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    ))
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
    .bind(p.paid_at.map(Timestamp::millis))
    .execute(&mut *conn)
    .await
    .map_err(refused("this payout reference is taken"))?;
    Ok(())
}

fn stored_payee(holder: &str, bank: &str, number: &str) -> StoreResult<PayeeAccount> {
    PayeeAccount::parse(holder, bank, number).map_err(|_| StoreError::Corrupt("shop_payees"))
}

fn payout_record(row: PayoutRow) -> StoreResult<PayoutRecord> {
    let currency = Currency::parse(&row.currency).ok_or(StoreError::Corrupt("payouts.currency"))?;
    Ok(PayoutRecord {
        id: PayoutId::new(row.id),
        shop_id: ShopId::new(row.shop_id),
        run: PayoutRunId::new(row.run_key),
        amount: Money::new(row.amount_minor, currency),
        status: PayoutStatus::parse(&row.status).ok_or(StoreError::Corrupt("payouts.status"))?,
        payee: PayeeAccount::parse(&row.payee_holder, &row.payee_bank, &row.payee_account)
            .map_err(|_| StoreError::Corrupt("payouts.payee"))?,
        reference: row.reference,
        created_at: Timestamp::from_millis(row.created_at),
        paid_at: row.paid_at.map(Timestamp::from_millis),
    })
}
