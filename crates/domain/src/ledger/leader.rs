//! A village e-commerce leader's commission in the books: owed to them when a sale they brought
//! is delivered, taken back in proportion when it is refunded, and paid from the bank.

use super::{entry, positive, Entry, EntryKind, LedgerAccount, LedgerError, Posting};
use crate::id::AccountId;
use crate::money::Money;

impl Entry {
    /// The entry with a leader's commission booked in it too: on a sale's settlement the
    /// platform owes the leader `amount`; on a refund (`reversed`) it takes back that much.
    /// Booked in the same entry, so the commission lands and is undone with the sale itself.
    pub fn with_leader_commission(
        self,
        leader: &AccountId,
        amount: Money,
        reversed: bool,
    ) -> Result<Entry, LedgerError> {
        self.with_expense(
            LedgerAccount::LeaderCommission,
            LedgerAccount::LeaderPayable(leader.clone()),
            amount,
            reversed,
        )
    }

    /// The entry with `amount` of `expense` owed to `owed` booked in it too (taken back when
    /// `reversed`): a zero amount books nothing.
    pub(super) fn with_expense(
        self,
        expense: LedgerAccount,
        owed: LedgerAccount,
        amount: Money,
        reversed: bool,
    ) -> Result<Entry, LedgerError> {
        if amount.minor() < 0 {
            return Err(LedgerError::NotPositive);
        }
        let pair = if reversed {
            [
                Posting::debit(owed, amount),
                Posting::credit(expense, amount),
            ]
        } else {
            [
                Posting::debit(expense, amount),
                Posting::credit(owed, amount),
            ]
        };
        let mut postings = self.postings;
        postings.extend(pair);
        entry(self.kind, postings)
    }
}

/// Money paid from the bank to a leader: `amount` out of the commission they are owed.
pub fn leader_payout(leader: &AccountId, amount: Money, owed: Money) -> Result<Entry, LedgerError> {
    positive(amount)?;
    if owed.checked_sub(amount)?.minor() < 0 {
        return Err(LedgerError::AbovePayable);
    }
    entry(
        EntryKind::Payout,
        vec![
            Posting::debit(LedgerAccount::LeaderPayable(leader.clone()), amount),
            Posting::credit(LedgerAccount::Bank, amount),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::tests::{fen, shop, sum_all};
    use crate::ledger::{balances, payment_captured, refund, sale_settled, RefundBasis};

    fn leader() -> AccountId {
        AccountId::new("0193a000-0000-7000-8000-00000000aaaa")
    }

    #[test]
    fn a_leaders_commission_is_owed_on_delivery_and_given_back_on_refund() {
        let paid = payment_captured(fen(10_000), &[(shop(1), fen(10_000))]).unwrap();
        let settled = sale_settled(&shop(1), fen(10_000), fen(500))
            .unwrap()
            .with_leader_commission(&leader(), fen(300), false)
            .unwrap();
        let b = balances([&paid, &settled]).unwrap();
        let owed = LedgerAccount::LeaderPayable(leader());
        assert_eq!(owed.normal_balance(b[&owed]), fen(300));
        assert_eq!(b[&LedgerAccount::LeaderCommission], fen(300));
        // The producer is paid as without a leader: the county bears the commission.
        assert_eq!(b[&LedgerAccount::ProducerPayable(shop(1))], fen(-9_500));
        let basis = RefundBasis::Settled {
            shop: shop(1),
            settled: fen(10_000),
            commission: fen(500),
            refunded_before: fen(0),
            commission_reversed_before: fen(0),
        };
        let back = refund(&basis, fen(10_000))
            .unwrap()
            .entry(fen(9_500))
            .unwrap()
            .with_leader_commission(&leader(), fen(300), true)
            .unwrap();
        let b = balances([&paid, &settled, &back]).unwrap();
        assert_eq!(b[&owed], fen(0));
        assert_eq!(b[&LedgerAccount::LeaderCommission], fen(0));
        assert_eq!(sum_all(&b), 0);
    }

    #[test]
    fn a_zero_commission_books_nothing_and_a_negative_one_is_refused() {
        let settled = sale_settled(&shop(1), fen(100), fen(5)).unwrap();
        let same = settled
            .clone()
            .with_leader_commission(&leader(), fen(0), false)
            .unwrap();
        assert_eq!(same, settled);
        assert_eq!(
            settled.with_leader_commission(&leader(), fen(-1), false),
            Err(LedgerError::NotPositive)
        );
    }

    #[test]
    fn a_leader_is_paid_no_more_than_they_are_owed() {
        let entry = leader_payout(&leader(), fen(300), fen(300)).unwrap();
        assert_eq!(entry.kind(), EntryKind::Payout);
        assert_eq!(
            leader_payout(&leader(), fen(301), fen(300)),
            Err(LedgerError::AbovePayable)
        );
        assert_eq!(
            leader_payout(&leader(), fen(0), fen(300)),
            Err(LedgerError::NotPositive)
        );
    }
}
