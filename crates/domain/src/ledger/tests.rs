use super::*;
use crate::commission::{commission, CommissionRate};

pub(super) fn shop(n: u8) -> ShopId {
    ShopId::new(format!("0193a000-0000-7000-8000-0000000000{n:02}"))
}

pub(super) fn fen(minor: i64) -> Money {
    Money::fen(minor)
}

pub(super) fn sum_all(balances: &BTreeMap<LedgerAccount, Money>) -> i128 {
    balances.values().map(|m| i128::from(m.minor())).sum()
}

#[test]
fn entries_must_balance() {
    use LedgerAccount::*;
    assert_eq!(
        Entry::new(EntryKind::Payout, vec![]),
        Err(Unbalanced::TooFewPostings)
    );
    assert_eq!(
        Entry::new(EntryKind::Payout, vec![Posting::debit(Bank, fen(1))]),
        Err(Unbalanced::TooFewPostings)
    );
    assert_eq!(
        Entry::new(
            EntryKind::Payout,
            vec![
                Posting::debit(Bank, fen(5)),
                Posting::credit(ProviderClearing, fen(4))
            ]
        ),
        Err(Unbalanced::DoesNotBalance(1))
    );
    assert_eq!(
        Entry::new(
            EntryKind::Payout,
            vec![
                Posting::debit(Bank, fen(5)),
                Posting::credit(ProviderClearing, fen(5)),
                Posting::debit(CommissionRevenue, fen(0)),
            ]
        ),
        Err(Unbalanced::ZeroPosting)
    );
    let extreme = Entry::new(
        EntryKind::Payout,
        vec![
            Posting::debit(Bank, fen(i64::MAX)),
            Posting::debit(Bank, fen(i64::MAX)),
            Posting::credit(ProviderClearing, fen(i64::MAX)),
        ],
    );
    assert_eq!(
        extreme,
        Err(Unbalanced::DoesNotBalance(i128::from(i64::MAX)))
    );
}

#[test]
fn account_codes_round_trip() {
    for account in [
        LedgerAccount::ProviderClearing,
        LedgerAccount::Bank,
        LedgerAccount::OrderEscrow(shop(1)),
        LedgerAccount::ProducerPayable(shop(2)),
        LedgerAccount::ProducerDebt(shop(3)),
        LedgerAccount::CommissionRevenue,
        LedgerAccount::LeaderPayable(AccountId::new("0193a000-0000-7000-8000-00000000aaaa")),
        LedgerAccount::LeaderCommission,
    ] {
        assert_eq!(LedgerAccount::parse(&account.code()), Some(account));
    }
    assert_eq!(LedgerAccount::parse("producer_payable:not-a-shop"), None);
    assert_eq!(LedgerAccount::parse("cash"), None);
    assert_eq!(LedgerAccount::parse("leader_payable:someone"), None);
    assert_eq!(LedgerAccount::parse("bank:x"), None);
}

#[test]
fn a_payment_is_held_in_escrow_per_shop() {
    let entry =
        payment_captured(fen(10_000), &[(shop(1), fen(6_000)), (shop(2), fen(4_000))]).unwrap();
    let b = balances([&entry]).unwrap();
    assert_eq!(b[&LedgerAccount::ProviderClearing], fen(10_000));
    assert_eq!(b[&LedgerAccount::OrderEscrow(shop(1))], fen(-6_000));
    assert_eq!(sum_all(&b), 0);
    assert_eq!(
        payment_captured(fen(10_000), &[(shop(1), fen(6_000))]),
        Err(LedgerError::PartsDoNotAddUp)
    );
    assert_eq!(
        payment_captured(fen(0), &[(shop(1), fen(0))]),
        Err(LedgerError::NotPositive)
    );
    assert_eq!(
        payment_captured(fen(1), &[(shop(1), fen(2)), (shop(2), fen(-1))]),
        Err(LedgerError::NotPositive)
    );
}

#[test]
fn delivery_moves_escrow_to_the_producer_less_commission() {
    let paid = payment_captured(fen(10_000), &[(shop(1), fen(10_000))]).unwrap();
    let settled = sale_settled(&shop(1), fen(10_000), fen(300)).unwrap();
    let b = balances([&paid, &settled]).unwrap();
    assert_eq!(producer_payable(&b, &shop(1)), fen(9_700));
    assert_eq!(b[&LedgerAccount::CommissionRevenue], fen(-300));
    assert_eq!(b[&LedgerAccount::OrderEscrow(shop(1))], fen(0));
    // A zero commission is not booked at all.
    let free = sale_settled(&shop(1), fen(100), fen(0)).unwrap();
    assert_eq!(free.postings().len(), 2);
    assert_eq!(
        sale_settled(&shop(1), fen(100), fen(101)),
        Err(LedgerError::CommissionAboveAmount)
    );
    assert_eq!(
        sale_settled(&shop(1), fen(100), fen(-1)),
        Err(LedgerError::CommissionAboveAmount)
    );
}

#[test]
fn payouts_never_exceed_what_is_owed() {
    assert!(payout(&shop(1), fen(9_700), fen(9_700), fen(0)).is_ok());
    assert_eq!(
        payout(&shop(1), fen(9_701), fen(9_700), fen(0)),
        Err(LedgerError::AbovePayable)
    );
    assert_eq!(
        payout(&shop(1), fen(9_000), fen(9_700), fen(701)),
        Err(LedgerError::AbovePayable),
        "the debt is cleared first"
    );
    assert_eq!(
        payout(&shop(1), fen(0), fen(9_700), fen(0)),
        Err(LedgerError::NotPositive)
    );
    assert_eq!(provider_settled(fen(-1)), Err(LedgerError::NotPositive));
}

/// One shop order as the simulation tracks it, independently of the ledger.
struct SimOrder {
    shop: usize,
    rate: CommissionRate,
    held: i64,
    settled: Option<(i64, i64)>,
    refunded_after: i64,
    reversed: i64,
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound.max(1)
    }
}

#[test]
fn random_streams_keep_the_ledger_at_zero_and_every_payable_explained() {
    const SHOPS: usize = 3;
    let shops: Vec<ShopId> = (0..SHOPS).map(|i| shop(i as u8)).collect();
    let mut rng = Rng(20_260_101);
    let mut entries: Vec<Entry> = Vec::new();
    let mut orders: Vec<SimOrder> = Vec::new();
    // Per shop: delivered sales, commission kept, refunds after delivery (net of commission
    // given back), payouts.
    let mut expected = [(0i64, 0i64, 0i64, 0i64); SHOPS];
    let mut b: BTreeMap<LedgerAccount, Money> = BTreeMap::new();
    let mut owed_debt = false;
    for _ in 0..5_000 {
        let before = entries.len();
        match rng.below(6) {
            0 | 1 => {
                let mut parts = Vec::new();
                for _ in 0..=rng.below(3) {
                    let s = rng.below(SHOPS as u64) as usize;
                    let amount = 1 + rng.below(50_000) as i64;
                    let rate = CommissionRate::new(rng.below(3_001) as u16).unwrap();
                    orders.push(SimOrder {
                        shop: s,
                        rate,
                        held: amount,
                        settled: None,
                        refunded_after: 0,
                        reversed: 0,
                    });
                    parts.push((shops[s].clone(), fen(amount)));
                }
                let total = parts.iter().map(|p| p.1.minor()).sum();
                entries.push(payment_captured(fen(total), &parts).unwrap());
            }
            2 if !orders.is_empty() => {
                let pick = rng.below(orders.len() as u64) as usize;
                let o = &mut orders[pick];
                if o.settled.is_none() && o.held > 0 {
                    let charged = commission(fen(o.held), o.rate).minor();
                    entries.push(sale_settled(&shops[o.shop], fen(o.held), fen(charged)).unwrap());
                    expected[o.shop].0 += o.held;
                    expected[o.shop].1 += charged;
                    o.settled = Some((o.held, charged));
                    o.held = 0;
                }
            }
            3 if !orders.is_empty() => {
                let pick = rng.below(orders.len() as u64) as usize;
                let o = &mut orders[pick];
                let shop = shops[o.shop].clone();
                match o.settled {
                    None if o.held > 0 => {
                        let amount = 1 + rng.below(o.held as u64) as i64;
                        let basis = RefundBasis::Held {
                            shop,
                            held: fen(o.held),
                        };
                        let refunded = refund(&basis, fen(amount)).unwrap();
                        entries.push(refunded.entry(fen(0)).unwrap());
                        o.held -= amount;
                    }
                    Some((settled, charged)) if o.refunded_after < settled => {
                        let left = settled - o.refunded_after;
                        let amount = if rng.below(2) == 0 {
                            left
                        } else {
                            1 + rng.below(left as u64) as i64
                        };
                        let basis = RefundBasis::Settled {
                            shop,
                            settled: fen(settled),
                            commission: fen(charged),
                            refunded_before: fen(o.refunded_after),
                            commission_reversed_before: fen(o.reversed),
                        };
                        let result = refund(&basis, fen(amount)).unwrap();
                        let back = result.commission_reversed.minor();
                        entries.push(result.entry(producer_payable(&b, &shops[o.shop])).unwrap());
                        o.refunded_after += amount;
                        o.reversed += back;
                        expected[o.shop].2 += amount - back;
                        if o.refunded_after == settled {
                            assert_eq!(
                                o.reversed, charged,
                                "a full refund gives all commission back"
                            );
                        }
                    }
                    _ => {}
                }
            }
            4 => {
                let clearing = b
                    .get(&LedgerAccount::ProviderClearing)
                    .map_or(0, |m| m.minor());
                if clearing > 0 {
                    entries.push(
                        provider_settled(fen(1 + rng.below(clearing as u64) as i64)).unwrap(),
                    );
                }
            }
            _ => {
                let s = rng.below(SHOPS as u64) as usize;
                let owed = producer_payable(&b, &shops[s]);
                let debt = producer_debt(&b, &shops[s]);
                let net = owed.minor() - debt.minor();
                if net > 0 {
                    let amount = 1 + rng.below(net as u64) as i64;
                    entries.push(payout(&shops[s], fen(amount), owed, debt).unwrap());
                    expected[s].3 += amount;
                }
            }
        }
        for (account, change) in balances(&entries[before..]).unwrap() {
            let slot = b.entry(account).or_insert(fen(0));
            *slot = slot.checked_add(change).unwrap();
        }
        assert_eq!(sum_all(&b), 0, "the ledger always sums to zero");
        for (s, shop) in shops.iter().enumerate() {
            let (sales, charged, refunds, payouts) = expected[s];
            let (owed, debt) = (producer_payable(&b, shop), producer_debt(&b, shop));
            assert!(owed.minor() >= 0 && debt.minor() >= 0);
            owed_debt |= debt.minor() > 0;
            assert_eq!(
                owed.minor() - debt.minor(),
                sales - charged - refunds - payouts,
                "payable − debt = delivered sales − commission − refunds − payouts"
            );
            let held: i64 = orders.iter().filter(|o| o.shop == s).map(|o| o.held).sum();
            let escrow = LedgerAccount::OrderEscrow(shop.clone());
            assert_eq!(
                b.get(&escrow)
                    .map_or(0, |m| escrow.normal_balance(*m).minor()),
                held
            );
        }
        let kept: i64 = orders
            .iter()
            .map(|o| o.settled.map_or(0, |(_, c)| c) - o.reversed)
            .sum();
        let revenue = LedgerAccount::CommissionRevenue;
        assert_eq!(
            b.get(&revenue)
                .map_or(0, |m| revenue.normal_balance(*m).minor()),
            kept
        );
    }
    assert!(entries.len() > 2_000);
    assert!(owed_debt, "some refund came after its payable was paid out");
    assert_eq!(
        balances(&entries).unwrap(),
        b,
        "running and recomputed balances agree"
    );
    for kind in [
        EntryKind::PaymentCaptured,
        EntryKind::SaleSettled,
        EntryKind::Refund,
        EntryKind::ProviderSettled,
        EntryKind::Payout,
    ] {
        assert!(
            entries.iter().any(|e| e.kind() == kind),
            "{kind:?} was exercised"
        );
    }
}

#[test]
fn entry_kinds_round_trip_through_their_stored_codes() {
    for kind in EntryKind::ALL {
        assert_eq!(EntryKind::parse(kind.code()), Some(kind));
    }
    assert_eq!(EntryKind::parse("gift"), None);
}
