//! Refunds before and after delivery, partial ones, and refunds beyond what a producer is owed.

use crate::commission::{commission, CommissionRate};
use crate::ledger::tests::{fen, shop, sum_all};
use crate::ledger::*;

#[test]
fn a_refund_before_delivery_comes_out_of_escrow() {
    let basis = RefundBasis::Held {
        shop: shop(1),
        held: fen(5_000),
    };
    let refunded = refund(&basis, fen(5_000)).unwrap();
    assert_eq!(refunded.commission_reversed, fen(0));
    assert_eq!(
        refunded.entry(fen(0)).unwrap().postings(),
        [
            Posting::debit(LedgerAccount::OrderEscrow(shop(1)), fen(5_000)),
            Posting::credit(LedgerAccount::ProviderClearing, fen(5_000)),
        ]
    );
    assert_eq!(
        refund(&basis, fen(5_001)),
        Err(LedgerError::AboveRefundable)
    );
    assert_eq!(refund(&basis, fen(0)), Err(LedgerError::NotPositive));
}

#[test]
fn partial_refunds_reverse_commission_in_proportion_and_exactly_in_total() {
    // ¥100.01 settled with 3 % commission = ¥3.00; refunded in three parts.
    let settled = fen(10_001);
    let charged = commission(settled, CommissionRate::new(300).unwrap());
    assert_eq!(charged, fen(300));
    let mut refunded = fen(0);
    let mut reversed = fen(0);
    let mut reversals = Vec::new();
    for part in [3_333, 3_333, 3_335] {
        let basis = RefundBasis::Settled {
            shop: shop(1),
            settled,
            commission: charged,
            refunded_before: refunded,
            commission_reversed_before: reversed,
        };
        let result = refund(&basis, fen(part)).unwrap();
        reversals.push(result.commission_reversed.minor());
        refunded = refunded.checked_add(fen(part)).unwrap();
        reversed = reversed.checked_add(result.commission_reversed).unwrap();
    }
    // 300 × 3333/10001 = 99.98 → 100; 300 × 6666/10001 = 199.96 → 200; all → 300.
    assert_eq!(reversals, [100, 100, 100]);
    assert_eq!(reversed, charged);
    let over = RefundBasis::Settled {
        shop: shop(1),
        settled,
        commission: charged,
        refunded_before: refunded,
        commission_reversed_before: reversed,
    };
    assert_eq!(refund(&over, fen(1)), Err(LedgerError::AboveRefundable));
}

/// Paid out, then refunded after delivery: the buyer gets everything back, the producer's
/// payable stops at zero and the rest is their debt, cleared from their next payout.
#[test]
fn a_refund_beyond_the_payable_becomes_the_producers_debt() {
    let paid = payment_captured(fen(20_000), &[(shop(1), fen(20_000))]).unwrap();
    let first = sale_settled(&shop(1), fen(10_000), fen(1_000)).unwrap();
    let out = payout(&shop(1), fen(9_000), fen(9_000), fen(0)).unwrap();
    let basis = RefundBasis::Settled {
        shop: shop(1),
        settled: fen(10_000),
        commission: fen(1_000),
        refunded_before: fen(0),
        commission_reversed_before: fen(0),
    };
    let refunded = refund(&basis, fen(5_000)).unwrap();
    assert_eq!(
        (refunded.from_producer, refunded.commission_reversed),
        (fen(4_500), fen(500))
    );
    // Part of it is still owed to the producer when the refund lands.
    let second = sale_settled(&shop(1), fen(1_000), fen(0)).unwrap();
    let entry = refunded.entry(fen(1_000)).unwrap();
    assert_eq!(
        entry.postings(),
        [
            Posting::debit(LedgerAccount::ProducerPayable(shop(1)), fen(1_000)),
            Posting::debit(LedgerAccount::ProducerDebt(shop(1)), fen(3_500)),
            Posting::debit(LedgerAccount::CommissionRevenue, fen(500)),
            Posting::credit(LedgerAccount::ProviderClearing, fen(5_000)),
        ]
    );
    let mut b = balances([&paid, &first, &out, &second, &entry]).unwrap();
    assert_eq!(producer_payable(&b, &shop(1)), fen(0));
    assert_eq!(producer_debt(&b, &shop(1)), fen(3_500));
    assert_eq!(sum_all(&b), 0);
    // Nothing owed at all: all of the producer's part is debt.
    let owing = refunded.entry(fen(-1)).unwrap();
    assert_eq!(
        owing.postings()[0],
        Posting::debit(LedgerAccount::ProducerDebt(shop(1)), fen(4_500))
    );

    // ¥90 more earned: the next payout clears the ¥35 debt and pays ¥55.
    let third = sale_settled(&shop(1), fen(9_000), fen(0)).unwrap();
    b = balances([&paid, &first, &out, &second, &entry, &third]).unwrap();
    let owed = producer_payable(&b, &shop(1));
    let debt = producer_debt(&b, &shop(1));
    let net = owed.checked_sub(debt).unwrap();
    assert_eq!(net, fen(5_500));
    let cleared = payout(&shop(1), net, owed, debt).unwrap();
    b = balances([&paid, &first, &out, &second, &entry, &third, &cleared]).unwrap();
    assert_eq!(producer_payable(&b, &shop(1)), fen(0));
    assert_eq!(producer_debt(&b, &shop(1)), fen(0));
    assert_eq!(b[&LedgerAccount::Bank], fen(-9_000 - 5_500));
}
