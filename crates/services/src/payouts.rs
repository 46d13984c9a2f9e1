//! Paying producers: the payee account a shop's members keep, the hub's payout run, and a
//! shop's books (balances, statement and payouts) for its earnings page.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::id::{PayoutId, PayoutRunId, PostingId, ShopId};
use farmgate_domain::ledger::EntryKind;
use farmgate_domain::payout::{shop_movement, PayeeAccount, ShopMovement, PAYOUT_MINIMUM};
use farmgate_domain::time::Timestamp;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{
    NewPayout, Page, PayableShop, PayoutOutcome, PayoutRecord, ShopBalances, ShopRecord,
};

use crate::{new_id, ServiceError, ServiceResult, Services};

/// What a payout run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutRun {
    pub run: PayoutRunId,
    /// Everything this run has paid, including on an earlier submission of the same run.
    pub paid: Vec<PayoutRecord>,
    /// Shops owed money that have no payee account: told to add one.
    pub without_payee: Vec<PayableShop>,
}

/// One line of a shop's statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    pub at: Timestamp,
    pub kind: EntryKind,
    pub reference: String,
    pub movement: ShopMovement,
}

/// A shop's earnings page: where its money stands, a page of its statement, its payouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopBooks {
    pub shop: ShopRecord,
    pub balances: ShopBalances,
    pub statement: Vec<StatementLine>,
    /// Whether the statement goes on past this page.
    pub more: bool,
    pub payouts: Vec<PayoutRecord>,
    pub payee: Option<PayeeAccount>,
}

/// Statement lines per page.
pub const STATEMENT_PAGE: i64 = 50;

impl Services {
    /// Sets where the shop's payouts go; all three parts empty removes the account.
    pub async fn set_shop_payee(
        &self,
        actor: &Actor,
        shop: &ShopId,
        holder: &str,
        bank: &str,
        number: &str,
    ) -> ServiceResult<Option<PayeeAccount>> {
        authorize(actor, &Action::ManageShopPayee(shop))?;
        let payee = PayeeAccount::parse_optional(holder, bank, number)?;
        self.store
            .set_payee(shop, payee.as_ref(), self.clock.now())
            .await?;
        Ok(payee)
    }

    /// The shops owed money, with their payee accounts, for the hub's payout page.
    pub async fn payable_shops(&self, actor: &Actor) -> ServiceResult<Vec<PayableShop>> {
        authorize(actor, &Action::RunPayouts)?;
        Ok(self.store.payable_shops().await?)
    }

    /// Pays every shop owed at least the minimum that has a payee account. `run` is the key the
    /// payout page handed out: submitting the same run twice pays each shop once.
    pub async fn run_payouts(&self, actor: &Actor, run: &str) -> ServiceResult<PayoutRun> {
        authorize(actor, &Action::RunPayouts)?;
        let run = PayoutRunId::parse(run.trim())
            .ok_or_else(|| ValidationErrors::single("run", Problem::Invalid))?;
        let mut without_payee = Vec::new();
        for shop in self.store.payable_shops().await? {
            if shop.payee.is_none() {
                without_payee.push(shop);
                continue;
            }
            let id: PayoutId = new_id();
            let payout = NewPayout {
                reference: transfer_reference(&id),
                id,
                shop: shop.shop_id.clone(),
                run: run.clone(),
                entry_id: new_id::<PostingId>().to_string(),
                at: self.clock.now(),
                minimum: PAYOUT_MINIMUM,
            };
            if let PayoutOutcome::NoPayee = self.store.pay_out(&payout).await? {
                // Removed between listing and paying.
                without_payee.push(shop);
            }
        }
        Ok(PayoutRun {
            paid: self.store.payouts_of_run(&run).await?,
            run,
            without_payee,
        })
    }

    /// What a run paid, for the page shown after it.
    pub async fn payout_run(
        &self,
        actor: &Actor,
        run: &PayoutRunId,
    ) -> ServiceResult<Vec<PayoutRecord>> {
        authorize(actor, &Action::RunPayouts)?;
        Ok(self.store.payouts_of_run(run).await?)
    }

    /// A shop's books; `page` counts statement pages from 0.
    pub async fn shop_books(
        &self,
        actor: &Actor,
        shop: &ShopId,
        page: i64,
    ) -> ServiceResult<ShopBooks> {
        authorize(actor, &Action::ManageShop(shop))?;
        let record = self.store.shop(shop).await?.ok_or(ServiceError::NotFound)?;
        let window = Page {
            limit: STATEMENT_PAGE + 1,
            offset: page.max(0).saturating_mul(STATEMENT_PAGE),
        };
        let mut entries = self.store.shop_statement(shop, window).await?;
        let more = entries.len() as i64 > STATEMENT_PAGE;
        entries.truncate(STATEMENT_PAGE as usize);
        let statement = entries
            .into_iter()
            .map(|entry| {
                let movement = shop_movement(shop, &entry.postings)
                    .map_err(|e| ServiceError::Internal(e.to_string()))?;
                Ok(StatementLine {
                    at: entry.at,
                    kind: entry.kind,
                    reference: entry.reference,
                    movement,
                })
            })
            .collect::<ServiceResult<_>>()?;
        Ok(ShopBooks {
            shop: record,
            balances: self.store.shop_balances(shop).await?,
            statement,
            more,
            payouts: self.store.payouts_of_shop(shop, Page::first(100)).await?,
            payee: self.store.payee(shop).await?,
        })
    }
}

/// What the bank transfer carries: short enough for a transfer's remark field, and the random
/// tail of the payout's id, so it is unique.
pub(crate) fn transfer_reference(id: &PayoutId) -> String {
    let hex: String = id.as_str().chars().filter(|c| *c != '-').collect();
    let tail = hex.get(hex.len().saturating_sub(12)..).unwrap_or_default();
    format!("FGP{}", tail.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfer_references_are_short_and_carry_the_ids_random_tail() {
        let id = PayoutId::new("0193a000-0000-7000-8000-00000a0b0c0d");
        assert_eq!(transfer_reference(&id), "FGP00000A0B0C0D");
    }
}
