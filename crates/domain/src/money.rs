//! Money in integer minor units (fen for CNY) with its currency. Never a float: sums, splits
//! and refunds must come out to the fen, and converting happens only at a provider's boundary.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    #[serde(rename = "CNY")]
    Cny,
}

impl Currency {
    pub const fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
        }
    }

    pub const fn symbol(self) -> &'static str {
        match self {
            Currency::Cny => "¥",
        }
    }

    /// Minor units in one major unit (100 fen in a yuan).
    pub const fn minor_per_major(self) -> i64 {
        match self {
            Currency::Cny => 100,
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "CNY" => Some(Currency::Cny),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("amounts in different currencies cannot be combined")]
    CurrencyMismatch,
    #[error("amount out of range")]
    Overflow,
    #[error("cannot split into zero shares")]
    NoShares,
}

impl Money {
    pub const fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    pub const fn fen(minor: i64) -> Self {
        Self::new(minor, Currency::Cny)
    }

    pub const fn zero(currency: Currency) -> Self {
        Self::new(0, currency)
    }

    pub const fn minor(self) -> i64 {
        self.minor
    }

    pub const fn currency(self) -> Currency {
        self.currency
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let minor = self
            .minor
            .checked_add(other.minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(minor, self.currency))
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let minor = self
            .minor
            .checked_sub(other.minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(minor, self.currency))
    }

    pub fn checked_mul(self, times: i64) -> Result<Money, MoneyError> {
        let minor = self.minor.checked_mul(times).ok_or(MoneyError::Overflow)?;
        Ok(Money::new(minor, self.currency))
    }

    /// Splits into `shares` parts that add up exactly; leftover fen go to the first shares.
    pub fn split(self, shares: usize) -> Result<Vec<Money>, MoneyError> {
        let count = i64::try_from(shares).map_err(|_| MoneyError::Overflow)?;
        if count == 0 {
            return Err(MoneyError::NoShares);
        }
        let base = self.minor.div_euclid(count);
        let leftover = self.minor.rem_euclid(count);
        Ok((0..count)
            .map(|i| Money::new(base + i64::from(i < leftover), self.currency))
            .collect())
    }

    /// Reads an amount typed in major units — "68", "68.5", "68.50", "¥1,280.00" — exactly,
    /// without floats. At most two decimals; no sign (prices are typed positive).
    pub fn parse_major(text: &str, currency: Currency) -> Option<Money> {
        let cleaned: String = text
            .trim()
            .trim_start_matches(['¥', '￥'])
            .chars()
            .filter(|c| *c != ',')
            .collect();
        let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 2 {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
        let minor = whole
            .checked_mul(currency.minor_per_major())?
            .checked_add(fraction)?;
        Some(Money::new(minor, currency))
    }

    fn same_currency(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch)
        }
    }
}

/// `¥12.34`, `-¥0.05`: the way a price tag reads.
impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let per = self.currency.minor_per_major();
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let per = per.unsigned_abs();
        write!(
            f,
            "{sign}{}{}.{:02}",
            self.currency.symbol(),
            abs / per,
            abs % per
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_sums_exactly_and_gives_leftover_to_first_shares() {
        let parts = Money::fen(100).split(3).unwrap();
        assert_eq!(parts, vec![Money::fen(34), Money::fen(33), Money::fen(33)]);
        for total in [-7, 0, 1, 99, 1_000_001] {
            for shares in 1..=7 {
                let parts = Money::fen(total).split(shares).unwrap();
                let sum: i64 = parts.iter().map(|m| m.minor()).sum();
                assert_eq!(sum, total);
                assert_eq!(parts.len(), shares);
            }
        }
        assert_eq!(Money::fen(5).split(0), Err(MoneyError::NoShares));
    }

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(
            Money::fen(i64::MAX).checked_add(Money::fen(1)),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::fen(250).checked_sub(Money::fen(50)),
            Ok(Money::fen(200))
        );
        assert_eq!(Money::fen(3).checked_mul(4), Ok(Money::fen(12)));
    }

    #[test]
    fn typed_prices_are_read_exactly() {
        let yuan = |text| Money::parse_major(text, Currency::Cny).map(Money::minor);
        assert_eq!(yuan("68"), Some(6_800));
        assert_eq!(yuan(" 68.5 "), Some(6_850));
        assert_eq!(yuan("¥1,280.05"), Some(128_005));
        assert_eq!(yuan("0.1"), Some(10));
        for bad in [
            "",
            ".5",
            "1.234",
            "-3",
            "1e3",
            "abc",
            "1.2.3",
            "99999999999999999999",
        ] {
            assert_eq!(yuan(bad), None, "{bad}");
        }
    }

    #[test]
    fn displays_as_a_price_tag() {
        assert_eq!(Money::fen(1234).to_string(), "¥12.34");
        assert_eq!(Money::fen(-5).to_string(), "-¥0.05");
        assert_eq!(Money::fen(0).to_string(), "¥0.00");
        assert_eq!(Money::fen(i64::MIN).to_string(), "-¥92233720368547758.08");
    }
}
