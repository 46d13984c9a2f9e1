//! Growth between a period and its base (the same period last year, the quarter before):
//! a percentage a person can trust, or — when the base is nothing or next to nothing — a
//! plain statement of that, never an absurd "+48,900%".

use serde::Serialize;

/// A base under ¥1,000 is too small to grow from: a village's first sales would otherwise
/// show as thousands of percent.
pub const MIN_BASE_FEN: i64 = 100_000;

/// How a figure changed against its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Growth {
    /// The change in basis points of the base (2,310 is +23.1%), rounded half away from zero.
    Percent { basis_points: i64 },
    /// Nothing in the base period: new, not grown.
    NoBase,
    /// A base above zero but under the minimum: the change is not stated as a percentage.
    SmallBase,
}

impl Growth {
    /// The growth of `current` over `base`, both in the same unit; `min_base` is the smallest
    /// base a percentage is stated for (`MIN_BASE_FEN` for money, 1 for counts).
    pub fn of(current: i64, base: i64, min_base: i64) -> Growth {
        if base <= 0 {
            return Growth::NoBase;
        }
        if base < min_base.max(1) {
            return Growth::SmallBase;
        }
        let change = i128::from(current) - i128::from(base);
        let scaled = change * 10_000;
        let base = i128::from(base);
        let rounded = (scaled.abs() * 2 + base) / (base * 2);
        let basis_points = i64::try_from(scaled.signum() * rounded).unwrap_or(i64::MAX);
        Growth::Percent { basis_points }
    }

    /// `+23.1%`, `-4.0%`, `0.0%`; `None` when there is no percentage to show.
    pub fn percent_text(self) -> Option<String> {
        let Growth::Percent { basis_points } = self else {
            return None;
        };
        // Tenths of a percent, rounded half away from zero.
        let tenths = (basis_points.abs() + 5) / 10;
        let sign = match basis_points.signum() {
            1 if tenths > 0 => "+",
            -1 if tenths > 0 => "-",
            _ => "",
        };
        Some(format!("{sign}{}.{}%", tenths / 10, tenths % 10))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bp(current: i64, base: i64) -> i64 {
        match Growth::of(current, base, 1) {
            Growth::Percent { basis_points } => basis_points,
            other => panic!("expected a percentage, got {other:?}"),
        }
    }

    #[test]
    fn growth_is_stated_in_basis_points_of_the_base() {
        // 1.279 billion yuan up 23.1% on 1.039 billion.
        assert_eq!(bp(127_900, 103_900), 2_310);
        assert_eq!(bp(100, 100), 0);
        assert_eq!(bp(50, 100), -5_000);
        assert_eq!(bp(0, 100), -10_000);
        assert_eq!(bp(189, 100), 8_900);
    }

    #[test]
    fn rounding_is_half_away_from_zero_both_ways() {
        assert_eq!(bp(20_001, 20_000), 1); // 0.5 bp
        assert_eq!(bp(19_999, 20_000), -1);
        assert_eq!(bp(30_001, 30_000), 0); // 0.33 bp
    }

    #[test]
    fn a_zero_or_small_base_is_said_not_computed() {
        assert_eq!(Growth::of(500_000, 0, MIN_BASE_FEN), Growth::NoBase);
        assert_eq!(Growth::of(500_000, -10, MIN_BASE_FEN), Growth::NoBase);
        assert_eq!(Growth::of(500_000, 1_000, MIN_BASE_FEN), Growth::SmallBase);
        assert!(matches!(
            Growth::of(500_000, MIN_BASE_FEN, MIN_BASE_FEN),
            Growth::Percent {
                basis_points: 40_000
            }
        ));
        assert_eq!(Growth::of(0, 0, 1), Growth::NoBase);
    }

    #[test]
    fn huge_figures_do_not_overflow() {
        assert_eq!(bp(i64::MAX, 1), i64::MAX);
        assert_eq!(bp(0, i64::MAX), -10_000);
    }

    #[test]
    fn percentages_read_with_one_decimal_and_a_sign() {
        let text = |basis_points| Growth::Percent { basis_points }.percent_text().unwrap();
        assert_eq!(text(2_310), "+23.1%");
        assert_eq!(text(8_900), "+89.0%");
        assert_eq!(text(-400), "-4.0%");
        assert_eq!(text(4), "0.0%");
        assert_eq!(text(5), "+0.1%");
        assert_eq!(text(-5), "-0.1%");
        assert_eq!(Growth::NoBase.percent_text(), None);
        assert_eq!(Growth::SmallBase.percent_text(), None);
    }
}
