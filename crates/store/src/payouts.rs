//! Paying producers, and the books as people read them: the payee account, payouts, a shop's
//! balances and statement of ledger lines, and per-entry totals for audits.

use async_trait::async_trait;
use farmgate_domain::id::{PayoutId, PayoutRunId, ShopId};
use farmgate_domain::ledger::{EntryKind, Posting};
use farmgate_domain::money::Money;
use farmgate_domain::payout::{PayeeAccount, PayoutStatus};
use farmgate_domain::time::Timestamp;

use crate::{Page, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutRecord {
    pub id: PayoutId,
    pub shop_id: ShopId,
    pub run: PayoutRunId,
    pub amount: Money,
    pub status: PayoutStatus,
    /// The account paid into, as it was at the time.
    pub payee: PayeeAccount,
    /// What the bank transfer carries, so the producer can match it on their statement.
    pub reference: String,
    pub created_at: Timestamp,
    pub paid_at: Option<Timestamp>,
}

/// A shop paying out is worth considering: it is owed something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayableShop {
    pub shop_id: ShopId,
    pub shop_name: String,
    pub payable: Money,
    pub payee: Option<PayeeAccount>,
}

/// One payout to attempt. The amount is not in it: the store reads what the shop is owed inside
/// the transaction that pays it, so two runs at once cannot both pay the same money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayout {
    pub id: PayoutId,
    pub shop: ShopId,
    pub run: PayoutRunId,
    pub reference: String,
    /// The id of the ledger entry to write.
    pub entry_id: String,
    pub at: Timestamp,
    /// Owed less than this, the shop is not paid.
    pub minimum: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayoutOutcome {
    /// Paid everything the shop was owed.
    Paid(PayoutRecord),
    /// This run had already paid this shop: nothing more was paid.
    AlreadyPaid(PayoutRecord),
    /// Owed less than the minimum (the amount owed, possibly zero or negative).
    BelowMinimum(Money),
    /// The shop has no payee account to pay into.
    NoPayee,
}

/// What a producer's console shows: read from the shop's own accounts alone, so it costs the
/// same however much the shop has sold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShopEarnings {
    /// Paid by buyers for orders not yet delivered.
    pub held: Money,
    /// Earned and not yet paid out, less the shop's debt; below zero while it owes.
    pub payable: Money,
}

/// A shop's balances, each as the producer reads it (positive in the normal case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShopBalances {
    /// Paid by buyers for orders not yet delivered.
    pub held: Money,
    /// Earned and not yet paid out, less the shop's debt (refunds after delivery that came
    /// after its payable was paid out); below zero while the shop owes the platform.
    pub payable: Money,
    pub paid_out: Money,
    /// Taken on delivered sales, less what refunds gave back.
    pub commission: Money,
}

/// A ledger entry that touches a shop, with its postings on the shop's accounts and the
/// commission it charged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementEntry {
    pub kind: EntryKind,
    /// A payment for `payment_captured`, an order for `sale_settled`, a payout for `payout`.
    pub reference: String,
    pub at: Timestamp,
    pub postings: Vec<Posting>,
}

#[async_trait]
pub trait Payouts: Send + Sync {
    /// Sets or (with `None`) removes where the shop's payouts go.
    async fn set_payee(
        &self,
        shop: &ShopId,
        payee: Option<&PayeeAccount>,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn payee(&self, shop: &ShopId) -> StoreResult<Option<PayeeAccount>>;
    /// Shops owed more than nothing (their payable less their debt), by name.
    async fn payable_shops(&self) -> StoreResult<Vec<PayableShop>>;
    /// Pays the shop all it is owed (its payable less its debt, which the payout clears), if
    /// at least the minimum, in one transaction with the `payout` ledger entry; once per
    /// (shop, run). `StoreError::NotFound` for an unknown shop.
    async fn pay_out(&self, payout: &NewPayout) -> StoreResult<PayoutOutcome>;
    /// Newest first.
    async fn payouts_of_shop(&self, shop: &ShopId, page: Page) -> StoreResult<Vec<PayoutRecord>>;
    /// In the order they were paid.
    async fn payouts_of_run(&self, run: &PayoutRunId) -> StoreResult<Vec<PayoutRecord>>;
}

/// Reading the ledger for people: a shop's balances and statement, and each entry's total for
/// audits.
#[async_trait]
pub trait Books: Send + Sync {
    async fn shop_balances(&self, shop: &ShopId) -> StoreResult<ShopBalances>;
    /// The held and payable of `shop_balances`, without its commission (which walks every
    /// entry of the shop).
    async fn shop_earnings(&self, shop: &ShopId) -> StoreResult<ShopEarnings>;
    /// The entries that touch the shop's accounts, newest first.
    async fn shop_statement(&self, shop: &ShopId, page: Page) -> StoreResult<Vec<StatementEntry>>;
    /// Every entry's kind and the sum of its postings (zero when the books are sound).
    async fn entry_totals(&self) -> StoreResult<Vec<(EntryKind, Money)>>;
}
