//! Double-entry bookkeeping for the money that passes through the platform. Buyers' money is
//! held in escrow (担保交易) until delivery, then becomes the producer's, less commission;
//! refunds and payouts draw it down. Every entry balances, so the whole ledger sums to zero.
//!
//! Sign convention: a posting's amount is positive for a debit and negative for a credit.
//! Assets (money the platform holds) carry debit balances; liabilities (money it owes) and
//! revenue carry credit balances, so their balances read negative until shown with
//! [`LedgerAccount::normal_balance`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::id::{AccountId, ShopId};
use crate::money::{Currency, Money, MoneyError};

mod campaign;
mod leader;
mod refund;
pub use leader::leader_payout;
pub use refund::{refund, Refund, RefundBasis};

/// The chart of accounts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "account", content = "shop", rename_all = "snake_case")]
pub enum LedgerAccount {
    /// Asset: buyers' payments held at the payment provider, not yet settled to the bank.
    ProviderClearing,
    /// Asset: the platform's bank account that the provider settles to and payouts leave from.
    Bank,
    /// Liability: paid for a shop's orders that have not been delivered; owed to the buyer
    /// (by refund) or to the producer (on delivery).
    OrderEscrow(ShopId),
    /// Liability: earned by the producer and not yet paid out.
    ProducerPayable(ShopId),
    /// Asset: owed by the producer to the platform — the part of refunds after delivery that
    /// their payable no longer held (it had been paid out). Taken from their next payout.
    ProducerDebt(ShopId),
    /// Revenue: the platform's commission on delivered sales.
    CommissionRevenue,
    /// Liability: commission earned by a village e-commerce leader on delivered sales they
    /// brought, not yet paid to them.
    LeaderPayable(AccountId),
    /// Expense: what the platform pays leaders. The county pays it out of its own commission,
    /// so a leader's share never lowers what the producer is paid.
    LeaderCommission,
    /// Expense: the platform's declared share of campaign discounts, paid to producers on
    /// delivery so a campaign lowers their settlement only by their own share.
    CampaignSubsidy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    Asset,
    Liability,
    Revenue,
    Expense,
}

impl LedgerAccount {
    pub const fn kind(&self) -> AccountKind {
        match self {
            Self::ProviderClearing | Self::Bank | Self::ProducerDebt(_) => AccountKind::Asset,
            Self::OrderEscrow(_) | Self::ProducerPayable(_) | Self::LeaderPayable(_) => {
                AccountKind::Liability
            }
            Self::CommissionRevenue => AccountKind::Revenue,
            Self::LeaderCommission | Self::CampaignSubsidy => AccountKind::Expense,
        }
    }

    /// The text stored in a database column: `producer_payable:<shop id>`.
    pub fn code(&self) -> String {
        match self {
            Self::ProviderClearing => "provider_clearing".into(),
            Self::Bank => "bank".into(),
            Self::OrderEscrow(shop) => format!("order_escrow:{shop}"),
            Self::ProducerPayable(shop) => format!("producer_payable:{shop}"),
            Self::ProducerDebt(shop) => format!("producer_debt:{shop}"),
            Self::CommissionRevenue => "commission_revenue".into(),
            Self::LeaderPayable(leader) => format!("leader_payable:{leader}"),
            Self::LeaderCommission => "leader_commission".into(),
            Self::CampaignSubsidy => "campaign_subsidy".into(),
        }
    }

    pub fn parse(code: &str) -> Option<LedgerAccount> {
        match code.split_once(':') {
            None => match code {
                "provider_clearing" => Some(Self::ProviderClearing),
                "bank" => Some(Self::Bank),
                "commission_revenue" => Some(Self::CommissionRevenue),
                "leader_commission" => Some(Self::LeaderCommission),
                "campaign_subsidy" => Some(Self::CampaignSubsidy),
                _ => None,
            },
            Some(("order_escrow", shop)) => ShopId::parse(shop).map(Self::OrderEscrow),
            Some(("producer_payable", shop)) => ShopId::parse(shop).map(Self::ProducerPayable),
            Some(("producer_debt", shop)) => ShopId::parse(shop).map(Self::ProducerDebt),
            Some(("leader_payable", leader)) => AccountId::parse(leader).map(Self::LeaderPayable),
            Some(_) => None,
        }
    }

    /// A balance as people read it: what an asset holds, what a liability owes, what revenue
    /// earned, each positive in the normal case.
    pub fn normal_balance(&self, balance: Money) -> Money {
        match self.kind() {
            AccountKind::Asset | AccountKind::Expense => balance,
            AccountKind::Liability | AccountKind::Revenue => {
                Money::new(balance.minor().saturating_neg(), balance.currency())
            }
        }
    }
}

/// One line of an entry: debit when positive, credit when negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    pub account: LedgerAccount,
    pub amount: Money,
}

impl Posting {
    pub fn debit(account: LedgerAccount, amount: Money) -> Posting {
        Posting { account, amount }
    }

    pub fn credit(account: LedgerAccount, amount: Money) -> Posting {
        let minor = amount.minor().saturating_neg();
        Posting {
            account,
            amount: Money::new(minor, amount.currency()),
        }
    }
}

/// Which business event an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    PaymentCaptured,
    SaleSettled,
    Refund,
    ProviderSettled,
    Payout,
}

impl EntryKind {
    pub const ALL: [EntryKind; 5] = [
        EntryKind::PaymentCaptured,
        EntryKind::SaleSettled,
        EntryKind::Refund,
        EntryKind::ProviderSettled,
        EntryKind::Payout,
    ];

    /// The text stored in `ledger_entries.kind`.
    pub const fn code(self) -> &'static str {
        match self {
            EntryKind::PaymentCaptured => "payment_captured",
            EntryKind::SaleSettled => "sale_settled",
            EntryKind::Refund => "refund",
            EntryKind::ProviderSettled => "provider_settled",
            EntryKind::Payout => "payout",
        }
    }

    pub fn parse(code: &str) -> Option<EntryKind> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// A balanced set of postings. There is no way to build one that does not balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    kind: EntryKind,
    postings: Vec<Posting>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Unbalanced {
    #[error("an entry needs at least two postings")]
    TooFewPostings,
    #[error("a posting of zero records nothing")]
    ZeroPosting,
    #[error("postings are in different currencies")]
    MixedCurrency,
    #[error("debits and credits differ by {0} minor units")]
    DoesNotBalance(i128),
}

impl Entry {
    pub fn new(kind: EntryKind, postings: Vec<Posting>) -> Result<Entry, Unbalanced> {
        let Some(first) = postings.first() else {
            return Err(Unbalanced::TooFewPostings);
        };
        if postings.len() < 2 {
            return Err(Unbalanced::TooFewPostings);
        }
        let currency = first.amount.currency();
        let mut sum: i128 = 0;
        for posting in &postings {
            if posting.amount.currency() != currency {
                return Err(Unbalanced::MixedCurrency);
            }
            if posting.amount.minor() == 0 {
                return Err(Unbalanced::ZeroPosting);
            }
            sum += i128::from(posting.amount.minor());
        }
        if sum != 0 {
            return Err(Unbalanced::DoesNotBalance(sum));
        }
        Ok(Entry { kind, postings })
    }

    pub const fn kind(&self) -> EntryKind {
        self.kind
    }

    pub fn postings(&self) -> &[Posting] {
        &self.postings
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("amounts must be more than zero")]
    NotPositive,
    #[error("the parts do not add up to the total")]
    PartsDoNotAddUp,
    #[error("commission cannot exceed the amount it is taken on")]
    CommissionAboveAmount,
    #[error("refund exceeds what is left to refund")]
    AboveRefundable,
    #[error("payout exceeds what the producer is owed")]
    AbovePayable,
    #[error(transparent)]
    Unbalanced(#[from] Unbalanced),
    #[error(transparent)]
    Money(#[from] MoneyError),
}

fn positive(amount: Money) -> Result<Money, LedgerError> {
    if amount.minor() > 0 {
        Ok(amount)
    } else {
        Err(LedgerError::NotPositive)
    }
}

/// Postings without the zero ones (a zero commission is simply not booked).
fn entry(kind: EntryKind, postings: Vec<Posting>) -> Result<Entry, LedgerError> {
    let postings = postings
        .into_iter()
        .filter(|p| p.amount.minor() != 0)
        .collect();
    Ok(Entry::new(kind, postings)?)
}

/// The provider took one payment for a checkout: it is held in escrow per shop until delivery.
pub fn payment_captured(total: Money, per_shop: &[(ShopId, Money)]) -> Result<Entry, LedgerError> {
    positive(total)?;
    let mut sum = Money::zero(total.currency());
    let mut postings = vec![Posting::debit(LedgerAccount::ProviderClearing, total)];
    for (shop, amount) in per_shop {
        sum = sum.checked_add(positive(*amount)?)?;
        postings.push(Posting::credit(
            LedgerAccount::OrderEscrow(shop.clone()),
            *amount,
        ));
    }
    if sum != total {
        return Err(LedgerError::PartsDoNotAddUp);
    }
    entry(EntryKind::PaymentCaptured, postings)
}

/// An order was delivered: what is still held for it becomes the producer's, less commission.
pub fn sale_settled(shop: &ShopId, amount: Money, commission: Money) -> Result<Entry, LedgerError> {
    positive(amount)?;
    let net = amount.checked_sub(commission)?;
    if commission.minor() < 0 || net.minor() < 0 {
        return Err(LedgerError::CommissionAboveAmount);
    }
    entry(
        EntryKind::SaleSettled,
        vec![
            Posting::debit(LedgerAccount::OrderEscrow(shop.clone()), amount),
            Posting::credit(LedgerAccount::ProducerPayable(shop.clone()), net),
            Posting::credit(LedgerAccount::CommissionRevenue, commission),
        ],
    )
}

/// The provider settled funds to the platform's bank account.
pub fn provider_settled(amount: Money) -> Result<Entry, LedgerError> {
    positive(amount)?;
    entry(
        EntryKind::ProviderSettled,
        vec![
            Posting::debit(LedgerAccount::Bank, amount),
            Posting::credit(LedgerAccount::ProviderClearing, amount),
        ],
    )
}

/// Money paid from the bank to a producer: `amount` out of what they are owed (`payable`, as
/// [`producer_payable`] reads it), after their `debt` is cleared from it first. Never more than
/// the payable less the debt.
pub fn payout(
    shop: &ShopId,
    amount: Money,
    payable: Money,
    debt: Money,
) -> Result<Entry, LedgerError> {
    positive(amount)?;
    let drawn = amount.checked_add(debt)?;
    if debt.minor() < 0 || payable.checked_sub(drawn)?.minor() < 0 {
        return Err(LedgerError::AbovePayable);
    }
    entry(
        EntryKind::Payout,
        vec![
            Posting::debit(LedgerAccount::ProducerPayable(shop.clone()), drawn),
            Posting::credit(LedgerAccount::ProducerDebt(shop.clone()), debt),
            Posting::credit(LedgerAccount::Bank, amount),
        ],
    )
}

/// Each account's balance (debits positive) over `entries`.
pub fn balances<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
) -> Result<BTreeMap<LedgerAccount, Money>, MoneyError> {
    let mut balances: BTreeMap<LedgerAccount, Money> = BTreeMap::new();
    for entry in entries {
        for posting in &entry.postings {
            let slot = balances
                .entry(posting.account.clone())
                .or_insert(Money::zero(posting.amount.currency()));
            *slot = slot.checked_add(posting.amount)?;
        }
    }
    Ok(balances)
}

/// What a producer is owed now, as a positive amount.
pub fn producer_payable(balances: &BTreeMap<LedgerAccount, Money>, shop: &ShopId) -> Money {
    normal_balance(balances, LedgerAccount::ProducerPayable(shop.clone()))
}

/// What a producer owes the platform now, as a positive amount.
pub fn producer_debt(balances: &BTreeMap<LedgerAccount, Money>, shop: &ShopId) -> Money {
    normal_balance(balances, LedgerAccount::ProducerDebt(shop.clone()))
}

fn normal_balance(balances: &BTreeMap<LedgerAccount, Money>, account: LedgerAccount) -> Money {
    balances
        .get(&account)
        .map_or(Money::zero(Currency::Cny), |b| account.normal_balance(*b))
}

#[cfg(test)]
mod tests;
