//! Paying producers what they have earned: the bank account a shop is paid into, the smallest
//! amount worth a transfer, and how a shop's ledger lines read on its statement.

use crate::id::ShopId;
use crate::ledger::{LedgerAccount, Posting};
use crate::money::{Money, MoneyError};
use crate::validation::{text_length, FieldError, Problem, ValidationErrors};

/// A payout run skips shops owed less than this (¥1.00): a transfer would cost more than it moves.
pub const PAYOUT_MINIMUM: Money = Money::fen(100);

/// The bank account a shop's payouts go to (收款账户): whose it is, which bank and branch, and
/// the account or card number as digits only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayeeAccount {
    holder: String,
    bank: String,
    number: String,
}

impl PayeeAccount {
    /// Checks all three parts and reports every problem at once. Spaces and hyphens in the
    /// number are how people copy it from a card; they are dropped.
    pub fn parse(holder: &str, bank: &str, number: &str) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let holder = errors.check(text_length("payee_holder", holder, 2, 40));
        let bank = errors.check(text_length("payee_bank", bank, 2, 60));
        let number = errors.check(account_number(number));
        match (holder, bank, number) {
            (Some(holder), Some(bank), Some(number)) => Ok(Self {
                holder,
                bank,
                number,
            }),
            _ => Err(errors),
        }
    }

    /// A form where all three parts are empty removes the account rather than failing.
    pub fn parse_optional(
        holder: &str,
        bank: &str,
        number: &str,
    ) -> Result<Option<Self>, ValidationErrors> {
        if [holder, bank, number]
            .iter()
            .all(|part| part.trim().is_empty())
        {
            return Ok(None);
        }
        Self::parse(holder, bank, number).map(Some)
    }

    pub fn holder(&self) -> &str {
        &self.holder
    }

    pub fn bank(&self) -> &str {
        &self.bank
    }

    pub fn number(&self) -> &str {
        &self.number
    }

    /// The number as shown on pages: only its last four digits.
    pub fn masked_number(&self) -> String {
        let tail = self.number.len().saturating_sub(4);
        format!("**** {}", self.number.get(tail..).unwrap_or_default())
    }
}

/// Mainland bank accounts and UnionPay cards have 10 to 30 digits.
fn account_number(value: &str) -> Result<String, FieldError> {
    let digits: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let problem = if digits.is_empty() {
        Problem::Required
    } else if !digits.chars().all(|c| c.is_ascii_digit()) || !(10..=30).contains(&digits.len()) {
        Problem::Invalid
    } else {
        return Ok(digits);
    };
    Err(FieldError {
        field: "payee_account",
        problem,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayoutStatus {
    /// The run recorded the transfer; the payable was drawn down in the same transaction.
    Paid,
}

impl PayoutStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            PayoutStatus::Paid => "paid",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        (value == "paid").then_some(PayoutStatus::Paid)
    }
}

/// What one ledger entry did to a shop, as its statement shows it: each amount positive when
/// the producer gains (money held for them, money owed to them, commission charged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShopMovement {
    pub held: Money,
    pub payable: Money,
    pub commission: Money,
}

/// Reads an entry's postings for `shop`. Liabilities and revenue are credits, so their stored
/// amounts are negated; postings on other shops' or the platform's other accounts are ignored.
/// Commission appears only in entries about this shop's sales, so it is this shop's. The
/// producer's debt counts against their payable: the statement shows what they are owed net.
pub fn shop_movement(shop: &ShopId, postings: &[Posting]) -> Result<ShopMovement, MoneyError> {
    let mut movement = ShopMovement {
        held: Money::fen(0),
        payable: Money::fen(0),
        commission: Money::fen(0),
    };
    for posting in postings {
        let slot = match &posting.account {
            LedgerAccount::OrderEscrow(s) if s == shop => &mut movement.held,
            LedgerAccount::ProducerPayable(s) | LedgerAccount::ProducerDebt(s) if s == shop => {
                &mut movement.payable
            }
            LedgerAccount::CommissionRevenue => &mut movement.commission,
            _ => continue,
        };
        *slot = slot.checked_sub(posting.amount)?;
    }
    Ok(movement)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{payment_captured, payout, refund, sale_settled, RefundBasis};

    fn shop(n: u8) -> ShopId {
        ShopId::new(format!("0193a000-0000-7000-8000-0000000000{n:02}"))
    }

    #[test]
    fn a_payee_account_needs_all_three_parts_and_keeps_digits_only() {
        let account = PayeeAccount::parse(
            " 卓玛 ",
            "中国农业银行 都兰县支行",
            "6228 4800-1234 5678 901",
        )
        .unwrap();
        assert_eq!(account.holder(), "卓玛");
        assert_eq!(account.number(), "6228480012345678901");
        assert_eq!(account.masked_number(), "**** 8901");

        let errors = PayeeAccount::parse("", "农行", "12345").unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            fields,
            vec![
                ("payee_holder", Problem::Required),
                ("payee_account", Problem::Invalid)
            ]
        );
        for bad in ["6228abc480012345678", "1".repeat(31).as_str(), "123456789"] {
            assert!(PayeeAccount::parse("卓玛", "农行", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_empty_form_removes_the_account_but_half_a_form_is_refused() {
        assert_eq!(PayeeAccount::parse_optional(" ", "", "").unwrap(), None);
        let errors = PayeeAccount::parse_optional("卓玛", "", "").unwrap_err();
        assert_eq!(errors.0.len(), 2);
    }

    #[test]
    fn statuses_round_trip() {
        assert_eq!(
            PayoutStatus::parse(PayoutStatus::Paid.as_str()),
            Some(PayoutStatus::Paid)
        );
        assert_eq!(PayoutStatus::parse("lost"), None);
    }

    #[test]
    fn movements_read_from_the_producers_side() {
        let (mine, theirs) = (shop(1), shop(2));
        let captured = payment_captured(
            Money::fen(15_000),
            &[
                (mine.clone(), Money::fen(10_000)),
                (theirs, Money::fen(5_000)),
            ],
        )
        .unwrap();
        let paid = shop_movement(&mine, captured.postings()).unwrap();
        assert_eq!(paid.held, Money::fen(10_000));
        assert_eq!(
            (paid.payable, paid.commission),
            (Money::fen(0), Money::fen(0))
        );

        let settled = sale_settled(&mine, Money::fen(10_000), Money::fen(500)).unwrap();
        let delivered = shop_movement(&mine, settled.postings()).unwrap();
        assert_eq!(
            (delivered.held, delivered.payable, delivered.commission),
            (Money::fen(-10_000), Money::fen(9_500), Money::fen(500))
        );

        let out = payout(&mine, Money::fen(9_500), Money::fen(9_500), Money::fen(0)).unwrap();
        assert_eq!(
            shop_movement(&mine, out.postings()).unwrap().payable,
            Money::fen(-9_500)
        );

        // Refunded after the payout: the producer's whole part reads as owed less, though
        // it is booked as their debt.
        let basis = RefundBasis::Settled {
            shop: mine.clone(),
            settled: Money::fen(10_000),
            commission: Money::fen(500),
            refunded_before: Money::fen(0),
            commission_reversed_before: Money::fen(0),
        };
        let back = refund(&basis, Money::fen(2_000)).unwrap();
        let debt = shop_movement(&mine, back.entry(Money::fen(0)).unwrap().postings()).unwrap();
        assert_eq!(
            (debt.payable, debt.commission),
            (Money::fen(-1_900), Money::fen(-100))
        );
    }
}
