//! Splitting an amount across parts so the parts add up to the fen: a coupon across the lines
//! it covers, one payment across the orders it pays, a refund across lines. Two rules, one for
//! equal shares and one for shares in proportion; both are exact and deterministic.

use crate::money::{Money, MoneyError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AllocationError {
    #[error("nothing to allocate over")]
    NoParts,
    #[error("weights must not be negative")]
    NegativeWeight,
    #[error("weights add up to zero")]
    ZeroWeights,
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// Equal shares; leftover fen go to the first shares (the product rule for splits).
pub fn split_equally(total: Money, parts: usize) -> Result<Vec<Money>, AllocationError> {
    if parts == 0 {
        return Err(AllocationError::NoParts);
    }
    Ok(total.split(parts)?)
}

/// Shares of `total` in proportion to `weights` (e.g. each line's amount), by the largest
/// remainder method: every part gets the fen its exact share rounds down to, and the fen left
/// over go one each to the parts whose exact share had the largest remainder, ties to the
/// earlier part (so, as with equal splits, to the first shares).
///
/// The parts always add up to `total` exactly, a zero weight always gets zero, and when
/// `total` is no more than the sum of the weights no part exceeds its weight (a coupon never
/// makes a line negative). A negative total is allocated by magnitude and the signs restored.
pub fn allocate(total: Money, weights: &[Money]) -> Result<Vec<Money>, AllocationError> {
    if weights.is_empty() {
        return Err(AllocationError::NoParts);
    }
    let mut weight_sum: i128 = 0;
    for weight in weights {
        if weight.currency() != total.currency() {
            return Err(MoneyError::CurrencyMismatch.into());
        }
        if weight.minor() < 0 {
            return Err(AllocationError::NegativeWeight);
        }
        weight_sum += i128::from(weight.minor());
    }
    if weight_sum == 0 {
        return Err(AllocationError::ZeroWeights);
    }
    let magnitude = i128::from(total.minor()).abs();
    let mut floors = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (index, weight) in weights.iter().enumerate() {
        let exact = magnitude * i128::from(weight.minor());
        floors.push(exact / weight_sum);
        remainders.push((exact % weight_sum, index));
    }
    let leftover = magnitude - floors.iter().sum::<i128>();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, index) in remainders
        .iter()
        .take(usize::try_from(leftover).unwrap_or(0))
    {
        if let Some(floor) = floors.get_mut(*index) {
            *floor += 1;
        }
    }
    let sign = if total.minor() < 0 { -1 } else { 1 };
    floors
        .into_iter()
        .map(|part| {
            i64::try_from(part * sign)
                .map(|minor| Money::new(minor, total.currency()))
                .map_err(|_| AllocationError::Money(MoneyError::Overflow))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fen(values: &[i64]) -> Vec<Money> {
        values.iter().map(|v| Money::fen(*v)).collect()
    }

    fn sum(parts: &[Money]) -> i64 {
        parts.iter().map(|m| m.minor()).sum()
    }

    #[test]
    fn a_coupon_is_shared_in_proportion_to_the_lines() {
        // ¥10 off lines of ¥30, ¥50 and ¥20.
        assert_eq!(
            allocate(Money::fen(1_000), &fen(&[3_000, 5_000, 2_000])),
            Ok(fen(&[300, 500, 200]))
        );
        // ¥1 off three equal lines: 33.33 each, the leftover fen to the first.
        assert_eq!(
            allocate(Money::fen(100), &fen(&[1_000, 1_000, 1_000])),
            Ok(fen(&[34, 33, 33]))
        );
        // Remainders 0.5, 0.25, 0.25 of 1 fen: the largest remainder wins it.
        assert_eq!(
            allocate(Money::fen(1), &fen(&[2, 1, 1])),
            Ok(fen(&[1, 0, 0]))
        );
        assert_eq!(
            allocate(Money::fen(1), &fen(&[1, 2, 1])),
            Ok(fen(&[0, 1, 0]))
        );
    }

    #[test]
    fn zero_weights_get_nothing_and_negative_totals_keep_their_sign() {
        assert_eq!(
            allocate(Money::fen(7), &fen(&[0, 5, 0, 5])),
            Ok(fen(&[0, 4, 0, 3]))
        );
        assert_eq!(allocate(Money::fen(-7), &fen(&[5, 5])), Ok(fen(&[-4, -3])));
    }

    #[test]
    fn refusals() {
        assert_eq!(allocate(Money::fen(1), &[]), Err(AllocationError::NoParts));
        assert_eq!(
            allocate(Money::fen(1), &fen(&[0, 0])),
            Err(AllocationError::ZeroWeights)
        );
        assert_eq!(
            allocate(Money::fen(1), &fen(&[3, -1])),
            Err(AllocationError::NegativeWeight)
        );
        assert_eq!(
            split_equally(Money::fen(1), 0),
            Err(AllocationError::NoParts)
        );
        assert_eq!(split_equally(Money::fen(5), 2), Ok(fen(&[3, 2])));
    }

    #[test]
    fn parts_always_sum_exactly_and_stay_within_their_weights() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |bound: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % bound
        };
        for _ in 0..2_000 {
            let count = 1 + next(8) as usize;
            let weights: Vec<Money> = (0..count)
                .map(|_| Money::fen(next(50_000) as i64))
                .collect();
            if sum(&weights) == 0 {
                continue;
            }
            let total = Money::fen(next(sum(&weights) as u64 + 1) as i64);
            let parts = allocate(total, &weights).unwrap();
            assert_eq!(sum(&parts), total.minor());
            for (part, weight) in parts.iter().zip(&weights) {
                assert!(part.minor() >= 0 && part.minor() <= weight.minor());
            }
        }
    }

    #[test]
    fn extreme_amounts_do_not_overflow() {
        let parts = allocate(Money::fen(i64::MAX), &fen(&[i64::MAX, i64::MAX, 1])).unwrap();
        assert_eq!(
            parts.iter().map(|m| i128::from(m.minor())).sum::<i128>(),
            i128::from(i64::MAX)
        );
        let parts = allocate(Money::fen(i64::MIN), &fen(&[1, 1])).unwrap();
        assert_eq!(parts, fen(&[i64::MIN / 2, i64::MIN / 2]));
    }
}
