//! The platform's commission (佣金) on sales: a rate per category in basis points, set by the
//! hub, and the one rounding rule every commission amount follows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalogue::Category;
use crate::money::{Money, MoneyError};
use crate::range::within;
use crate::validation::FieldError;

/// A commission rate in basis points (1 bp = 0.01 %), from 0 to 30 %. Large platforms charge
/// a few percent on produce; above 30 % a county hub would be taking the producer's margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct CommissionRate(u16);

impl CommissionRate {
    pub const MAX_BP: u16 = 3_000;
    pub const ZERO: CommissionRate = CommissionRate(0);

    pub fn parse(field: &'static str, basis_points: i64) -> Result<CommissionRate, FieldError> {
        let bp = within(field, basis_points, 0, i64::from(Self::MAX_BP))?;
        Ok(CommissionRate(u16::try_from(bp).unwrap_or(Self::MAX_BP)))
    }

    pub fn new(basis_points: u16) -> Option<CommissionRate> {
        (basis_points <= Self::MAX_BP).then_some(CommissionRate(basis_points))
    }

    pub const fn basis_points(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for CommissionRate {
    type Error = String;
    fn try_from(value: u16) -> Result<Self, Self::Error> {
        CommissionRate::new(value).ok_or_else(|| format!("commission rate above 30 %: {value} bp"))
    }
}

impl From<CommissionRate> for u16 {
    fn from(rate: CommissionRate) -> u16 {
        rate.0
    }
}

/// The commission on `amount` at `rate`.
///
/// Rounding: half up to the fen, on the magnitude (¥0.50 at 1 % is 0.5 fen → 1 fen; 0.49 fen
/// → 0), with the sign of `amount` restored, so the commission on a reversal is exactly the
/// negative of the commission on the sale. The result never exceeds the amount in magnitude.
pub fn commission(amount: Money, rate: CommissionRate) -> Money {
    let magnitude = i128::from(amount.minor()).abs();
    let bp = i128::from(rate.basis_points());
    let rounded = (magnitude * bp * 2 + 10_000) / 20_000;
    let capped = rounded.min(magnitude);
    let signed = if amount.minor() < 0 { -capped } else { capped };
    // |signed| ≤ |amount|, and -i64::MIN only arises when the rate is 100 %, which is refused.
    Money::new(
        i64::try_from(signed).unwrap_or(amount.minor()),
        amount.currency(),
    )
}

/// The part of a commission that belongs to `part` of the amount `whole` it was taken on:
/// `commission × part / whole`, rounded half up to the fen on the magnitude like
/// [`commission`]. Used to give commission back in proportion when a sale is refunded.
pub fn commission_share(commission: Money, part: Money, whole: Money) -> Result<Money, MoneyError> {
    if commission.currency() != part.currency() || part.currency() != whole.currency() {
        return Err(MoneyError::CurrencyMismatch);
    }
    if whole.minor() <= 0 {
        return Err(MoneyError::NoShares);
    }
    let product = i128::from(commission.minor()) * i128::from(part.minor());
    let whole = i128::from(whole.minor());
    let rounded = product
        .abs()
        .checked_mul(2)
        .and_then(|twice| twice.checked_add(whole))
        .ok_or(MoneyError::Overflow)?
        / (whole * 2);
    let signed = if product < 0 { -rounded } else { rounded };
    let minor = i64::try_from(signed).map_err(|_| MoneyError::Overflow)?;
    Ok(Money::new(minor, commission.currency()))
}

/// What a refund after delivery takes back of a share `booked` on a `settled` amount (a
/// leader's commission, the platform's part of a campaign discount): the difference of the
/// shares of the running refunded totals, so partial refunds never drift and refunding
/// everything takes back exactly what was booked.
pub fn share_taken_back(
    booked: Money,
    settled: Money,
    refunded_before: Money,
    amount: Money,
) -> Result<Money, MoneyError> {
    let after = commission_share(booked, refunded_before.checked_add(amount)?, settled)?;
    after.checked_sub(commission_share(booked, refunded_before, settled)?)
}

/// The hub's commission rates: one default and any per-category exceptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommissionSchedule {
    default: CommissionRate,
    per_category: BTreeMap<Category, CommissionRate>,
}

impl CommissionSchedule {
    pub fn flat(rate: CommissionRate) -> CommissionSchedule {
        CommissionSchedule {
            default: rate,
            per_category: BTreeMap::new(),
        }
    }

    pub fn set(&mut self, category: Category, rate: CommissionRate) {
        self.per_category.insert(category, rate);
    }

    pub fn rate_for(&self, category: Category) -> CommissionRate {
        self.per_category
            .get(&category)
            .copied()
            .unwrap_or(self.default)
    }

    pub const fn default_rate(&self) -> CommissionRate {
        self.default
    }

    /// The categories with a rate of their own.
    pub fn exceptions(&self) -> impl Iterator<Item = (Category, CommissionRate)> + '_ {
        self.per_category.iter().map(|(c, r)| (*c, *r))
    }
}

impl Default for CommissionSchedule {
    /// Nothing until the hub decides: a new county starts without taking a cut.
    fn default() -> Self {
        CommissionSchedule::flat(CommissionRate::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(bp: u16) -> CommissionRate {
        CommissionRate::new(bp).unwrap()
    }

    #[test]
    fn rates_are_0_to_3000_basis_points() {
        assert!(CommissionRate::parse("rate", 0).is_ok());
        assert_eq!(
            CommissionRate::parse("rate", 3_000).map(|r| r.basis_points()),
            Ok(3_000)
        );
        assert!(CommissionRate::parse("rate", 3_001).is_err());
        assert!(CommissionRate::parse("rate", -1).is_err());
        assert_eq!(CommissionRate::new(3_001), None);
        assert!(CommissionRate::try_from(60_000u16).is_err());
    }

    #[test]
    fn commission_rounds_half_up_to_the_fen() {
        // 5 % of ¥100.00 is exactly ¥5.00.
        assert_eq!(commission(Money::fen(10_000), rate(500)), Money::fen(500));
        // 1 % of ¥0.50 is half a fen: up. 1 % of ¥0.49 is 0.49 fen: down.
        assert_eq!(commission(Money::fen(50), rate(100)), Money::fen(1));
        assert_eq!(commission(Money::fen(49), rate(100)), Money::fen(0));
        // 3 % of ¥33.33 is 99.99 fen → 100.
        assert_eq!(commission(Money::fen(3_333), rate(300)), Money::fen(100));
        // 2.5 % of ¥0.99 is 2.475 fen → 2.
        assert_eq!(commission(Money::fen(99), rate(250)), Money::fen(2));
        assert_eq!(commission(Money::fen(0), rate(3_000)), Money::fen(0));
        assert_eq!(
            commission(Money::fen(12_345), CommissionRate::ZERO),
            Money::fen(0)
        );
    }

    #[test]
    fn a_reversal_is_the_exact_negative() {
        for fen in [1, 49, 50, 51, 99, 3_333, 1_000_001] {
            for bp in [1, 100, 250, 300, 1_234, 3_000] {
                let sale = commission(Money::fen(fen), rate(bp));
                let reversal = commission(Money::fen(-fen), rate(bp));
                assert_eq!(reversal.minor(), -sale.minor());
            }
        }
    }

    #[test]
    fn commission_never_exceeds_the_amount_and_never_panics() {
        for fen in [i64::MAX, i64::MIN, i64::MIN + 1, 1, -1] {
            let c = commission(Money::fen(fen), rate(3_000));
            assert!(c.minor().unsigned_abs() <= fen.unsigned_abs());
        }
        assert_eq!(commission(Money::fen(1), rate(3_000)), Money::fen(0));
        assert_eq!(commission(Money::fen(2), rate(3_000)), Money::fen(1));
    }

    #[test]
    fn commission_shares_are_proportional_and_round_half_up() {
        let c = Money::fen(300);
        assert_eq!(
            commission_share(c, Money::fen(5_000), Money::fen(10_000)),
            Ok(Money::fen(150))
        );
        assert_eq!(
            commission_share(c, Money::fen(10_000), Money::fen(10_000)),
            Ok(c)
        );
        assert_eq!(
            commission_share(c, Money::fen(0), Money::fen(10_000)),
            Ok(Money::fen(0))
        );
        // 3 fen × 1/2 = 1.5 → 2; 3 fen × 1/3 = 1; 1 fen × 1/3 = 0.33 → 0.
        assert_eq!(
            commission_share(Money::fen(3), Money::fen(1), Money::fen(2)),
            Ok(Money::fen(2))
        );
        assert_eq!(
            commission_share(Money::fen(3), Money::fen(1), Money::fen(3)),
            Ok(Money::fen(1))
        );
        assert_eq!(
            commission_share(Money::fen(1), Money::fen(1), Money::fen(3)),
            Ok(Money::fen(0))
        );
        assert_eq!(
            commission_share(c, Money::fen(1), Money::fen(0)),
            Err(MoneyError::NoShares)
        );
        assert_eq!(
            commission_share(Money::fen(i64::MAX), Money::fen(i64::MAX), Money::fen(1)),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            commission_share(
                Money::fen(i64::MIN),
                Money::fen(i64::MIN),
                Money::fen(i64::MAX)
            ),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn schedules_fall_back_to_the_default() {
        let mut schedule = CommissionSchedule::flat(rate(300));
        schedule.set(Category::Herbs, rate(800));
        assert_eq!(schedule.rate_for(Category::Herbs), rate(800));
        assert_eq!(schedule.rate_for(Category::Fruit), rate(300));
        assert_eq!(
            CommissionSchedule::default().rate_for(Category::Fruit),
            CommissionRate::ZERO
        );
    }

    #[test]
    fn refunds_take_back_the_booked_commission_in_proportion_and_exactly_in_total() {
        let fen = Money::fen;
        // ¥3.84 on a ¥100.00 order of which ¥20.00 was refunded before delivery.
        let booked = commission_share(fen(384), fen(8_000), fen(10_000)).unwrap();
        assert_eq!(booked, fen(307));
        let parts = [fen(3_333), fen(3_333), fen(1_334)];
        let mut before = fen(0);
        let mut taken = fen(0);
        for part in parts {
            let back = share_taken_back(booked, fen(8_000), before, part).unwrap();
            taken = taken.checked_add(back).unwrap();
            before = before.checked_add(part).unwrap();
        }
        assert_eq!(taken, booked);
    }
}
