//! Refunds: who gives the buyer's money back. Before delivery it comes out of escrow; after,
//! from the producer and the commission in proportion, the producer's part from their payable
//! as far as it goes and from their debt beyond it.

use super::{entry, positive, Entry, EntryKind, LedgerAccount, LedgerError, Posting};
use crate::commission::commission_share;
use crate::id::ShopId;
use crate::money::Money;

/// What a refund is taken from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundBasis {
    /// Not delivered yet: the money is still in escrow, no commission was taken.
    Held { shop: ShopId, held: Money },
    /// Delivered and settled: the producer gives back their part and the platform its
    /// commission, in proportion (see [`refund`]).
    Settled {
        shop: ShopId,
        settled: Money,
        commission: Money,
        refunded_before: Money,
        commission_reversed_before: Money,
    },
}

/// A refund split by who gives the money back; its entry is written by [`Refund::entry`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    pub shop: ShopId,
    pub amount: Money,
    /// Out of escrow: the order was not delivered yet.
    pub from_escrow: Money,
    /// The producer's part of a refund after delivery.
    pub from_producer: Money,
    /// The commission given back (to be remembered for the next refund).
    pub commission_reversed: Money,
}

/// Money goes back to the buyer through the provider.
///
/// After settlement the commission is reversed in proportion to what is refunded, on the
/// running total: after refunds adding up to R of a settled amount S with commission C, the
/// commission reversed so far is `commission_share(C, R, S)` (C × R / S rounded half up to the
/// fen), and this refund reverses the difference from before. So partial refunds never drift,
/// and a full refund gives back exactly the whole commission.
pub fn refund(basis: &RefundBasis, amount: Money) -> Result<Refund, LedgerError> {
    positive(amount)?;
    let zero = Money::zero(amount.currency());
    match basis {
        RefundBasis::Held { shop, held } => {
            if held.checked_sub(amount)?.minor() < 0 {
                return Err(LedgerError::AboveRefundable);
            }
            Ok(Refund {
                shop: shop.clone(),
                amount,
                from_escrow: amount,
                from_producer: zero,
                commission_reversed: zero,
            })
        }
        RefundBasis::Settled {
            shop,
            settled,
            commission,
            refunded_before,
            commission_reversed_before,
        } => {
            let refunded_after = refunded_before.checked_add(amount)?;
            if settled.checked_sub(refunded_after)?.minor() < 0 {
                return Err(LedgerError::AboveRefundable);
            }
            let reversed_after = commission_share(*commission, refunded_after, *settled)?;
            let reversed = reversed_after.checked_sub(*commission_reversed_before)?;
            // Within [0, amount] even for a basis whose commission exceeds its sale.
            let reversed = Money::new(
                reversed.minor().clamp(0, amount.minor()),
                reversed.currency(),
            );
            Ok(Refund {
                shop: shop.clone(),
                amount,
                from_escrow: zero,
                from_producer: amount.checked_sub(reversed)?,
                commission_reversed: reversed,
            })
        }
    }
}

impl Refund {
    /// The entry, given what the producer is owed now (`payable`, read under the shop's lock
    /// when [`Refund::from_producer`] is not zero). The buyer is repaid in full regardless: the
    /// producer's part comes from their payable as far as it goes and the rest becomes their
    /// debt, so a payable never goes below zero.
    pub fn entry(&self, payable: Money) -> Result<Entry, LedgerError> {
        let covered = Money::new(
            payable.minor().clamp(0, self.from_producer.minor()),
            self.amount.currency(),
        );
        let owing = self.from_producer.checked_sub(covered)?;
        entry(
            EntryKind::Refund,
            vec![
                Posting::debit(
                    LedgerAccount::OrderEscrow(self.shop.clone()),
                    self.from_escrow,
                ),
                Posting::debit(LedgerAccount::ProducerPayable(self.shop.clone()), covered),
                Posting::debit(LedgerAccount::ProducerDebt(self.shop.clone()), owing),
                Posting::debit(LedgerAccount::CommissionRevenue, self.commission_reversed),
                Posting::credit(LedgerAccount::ProviderClearing, self.amount),
            ],
        )
    }
}

#[cfg(test)]
mod tests;
