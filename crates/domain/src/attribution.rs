//! Leader attribution (带货归因): a village e-commerce leader shares a product or a team with a
//! link that carries their mark. An order placed within the attribution window after the
//! buyer's last click through any leader's link earns that leader a commission, at the rate for
//! each line's category: the last click wins, and a leader buying through their own link earns
//! nothing (their own click still counts as the last, so it cannot be used to keep an earlier
//! leader's claim alive either).

use crate::catalogue::Category;
use crate::commission::{commission, CommissionSchedule};
use crate::id::AccountId;
use crate::money::{Money, MoneyError};
use crate::range::within;
use crate::time::Timestamp;
use crate::validation::FieldError;

const DAY_MILLIS: i64 = 86_400_000;

/// How long a click keeps its claim on the buyer's orders: 1–30 days, 7 unless the hub says
/// otherwise — the usual window of Chinese social-commerce platforms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributionWindow {
    days: i64,
}

impl AttributionWindow {
    pub const DEFAULT: AttributionWindow = AttributionWindow { days: 7 };

    pub fn parse(field: &'static str, days: i64) -> Result<Self, FieldError> {
        Ok(Self {
            days: within(field, days, 1, 30)?,
        })
    }

    pub const fn days(self) -> i64 {
        self.days
    }

    /// Whether a click at `clicked` still claims an order placed at `ordered`.
    pub fn covers(self, clicked: Timestamp, ordered: Timestamp) -> bool {
        let age = ordered.millis() - clicked.millis();
        (0..=self.days * DAY_MILLIS).contains(&age)
    }
}

impl Default for AttributionWindow {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A buyer's click through a leader's link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Click {
    pub id: String,
    pub leader: AccountId,
    pub at: Timestamp,
}

/// The click an order placed by `buyer` at `ordered` is attributed through, if any: the
/// buyer's latest click at or before the order, when the window still covers it and its
/// leader is not the buyer.
pub fn attributed_click<'a>(
    clicks: &'a [Click],
    buyer: &AccountId,
    ordered: Timestamp,
    window: AttributionWindow,
) -> Option<&'a Click> {
    let last = clicks
        .iter()
        .filter(|click| click.at <= ordered)
        .max_by_key(|click| click.at)?;
    let counts = window.covers(last.at, ordered) && &last.leader != buyer;
    counts.then_some(last)
}

/// A leader's commission on an order's lines (category and what the buyer paid for it, after
/// discounts), each at its category's rate and rounded as every commission is.
pub fn leader_commission(
    lines: &[(Category, Money)],
    rates: &CommissionSchedule,
) -> Result<Money, MoneyError> {
    lines
        .iter()
        .try_fold(Money::fen(0), |sum, (category, paid)| {
            sum.checked_add(commission(*paid, rates.rate_for(*category)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commission::CommissionRate;

    const T: Timestamp = Timestamp::from_millis(1_800_000_000_000);

    fn click(leader: &str, days_before: i64) -> Click {
        Click {
            id: format!("{leader}-{days_before}"),
            leader: AccountId::new(leader),
            at: T.plus_millis(-days_before * DAY_MILLIS),
        }
    }

    fn buyer() -> AccountId {
        AccountId::new("buyer")
    }

    #[test]
    fn the_last_click_within_the_window_wins() {
        let clicks = [click("zhuoma", 5), click("cairang", 2), click("ma", 9)];
        let won = attributed_click(&clicks, &buyer(), T, AttributionWindow::DEFAULT);
        assert_eq!(won.map(|c| c.id.as_str()), Some("cairang-2"));
    }

    #[test]
    fn a_click_older_than_the_window_or_after_the_order_earns_nothing() {
        let old = [click("zhuoma", 8)];
        assert_eq!(
            attributed_click(&old, &buyer(), T, AttributionWindow::DEFAULT),
            None
        );
        let ten_days = AttributionWindow::parse("window", 10).unwrap();
        assert!(attributed_click(&old, &buyer(), T, ten_days).is_some());
        let later = [click("zhuoma", -1)];
        assert_eq!(
            attributed_click(&later, &buyer(), T, AttributionWindow::DEFAULT),
            None
        );
        assert_eq!(
            attributed_click(&[], &buyer(), T, AttributionWindow::DEFAULT),
            None
        );
    }

    #[test]
    fn a_leader_buying_through_their_own_link_earns_nothing_and_ends_earlier_claims() {
        let clicks = [click("zhuoma", 3), click("buyer", 1)];
        assert_eq!(
            attributed_click(&clicks, &buyer(), T, AttributionWindow::DEFAULT),
            None
        );
    }

    #[test]
    fn windows_are_one_to_thirty_days() {
        assert!(AttributionWindow::parse("window", 0).is_err());
        assert!(AttributionWindow::parse("window", 31).is_err());
        assert_eq!(AttributionWindow::parse("window", 30).unwrap().days(), 30);
    }

    #[test]
    fn commission_is_per_line_at_its_categorys_rate() {
        let mut rates = CommissionSchedule::flat(CommissionRate::new(500).unwrap());
        rates.set(Category::Meat, CommissionRate::new(300).unwrap());
        let lines = [
            (Category::Meat, Money::fen(12_800)),
            (Category::Fruit, Money::fen(3_990)),
        ];
        // 3% of ¥128.00 is ¥3.84; 5% of ¥39.90 is 199.5 fen, rounded half up to ¥2.00.
        assert_eq!(leader_commission(&lines, &rates), Ok(Money::fen(584)));
        assert_eq!(leader_commission(&[], &rates), Ok(Money::fen(0)));
    }
}
