//! Counting buyers. A buyer counts once in each month, quarter and year in which they paid for
//! an order, and as a repeat buyer in each in which they paid for two or more; so buyer counts
//! cannot be summed from days. What a buyer did in a year fits in two sets of months, and every
//! month's, quarter's and year's count follows from them: one row per buyer and year is all a
//! payment has to change.

use super::BuyerPeriod;
use crate::calendar::CivilDate;

/// The months of one calendar year in which a buyer paid for an order (`paid`) and for two or
/// more (`repeat`): bit `m - 1` stands for month `m`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct BuyerMonths {
    pub paid: u16,
    pub repeat: u16,
}

/// How many buyers a period gained, and how many repeat buyers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuyersGained {
    pub buyers: i64,
    pub repeat_buyers: i64,
}

const YEAR: u16 = 0b1111_1111_1111;

impl BuyerMonths {
    /// One order paid on `day`: its year and month.
    pub fn paid_on(day: CivilDate) -> (i64, BuyerMonths) {
        let month = BuyerMonths {
            paid: 1u16 << (day.month.number() - 1),
            repeat: 0,
        };
        (day.year, month)
    }

    /// Both sets of orders together: a month is a repeat month if either had two orders in it
    /// or both had one. The stores compute the same with `|` and `&`.
    pub fn merge(self, other: BuyerMonths) -> BuyerMonths {
        BuyerMonths {
            paid: self.paid | other.paid,
            repeat: self.repeat | other.repeat | (self.paid & other.paid),
        }
    }

    /// Whether the buyer paid in the months of `mask`, and whether twice or more.
    fn counts_in(self, mask: u16) -> (bool, bool) {
        let paid = self.paid & mask;
        (paid != 0, self.repeat & mask != 0 || paid.count_ones() >= 2)
    }

    /// What going from `before` to `after` in `year` adds to each period's counts; periods
    /// that gained nothing are left out.
    pub fn gained(
        year: i64,
        before: BuyerMonths,
        after: BuyerMonths,
    ) -> Vec<(BuyerPeriod, BuyersGained)> {
        let months = (1..=12).map(|m| (BuyerPeriod::Month(year * 100 + m), 1u16 << (m - 1)));
        let quarters = (1..=4).map(|q| {
            (
                BuyerPeriod::Quarter(year * 10 + q),
                0b111u16 << (3 * (q - 1)),
            )
        });
        months
            .chain(quarters)
            .chain([(BuyerPeriod::Year(year), YEAR)])
            .filter_map(|(period, mask)| {
                let (was, was_repeat) = before.counts_in(mask);
                let (is, is_repeat) = after.counts_in(mask);
                let gained = BuyersGained {
                    buyers: i64::from(is && !was),
                    repeat_buyers: i64::from(is_repeat && !was_repeat),
                };
                (gained != BuyersGained::default()).then_some((period, gained))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(text: &str) -> BuyerMonths {
        BuyerMonths::paid_on(CivilDate::parse(text).unwrap()).1
    }

    #[test]
    fn a_first_order_counts_the_buyer_in_its_month_quarter_and_year() {
        let gained = BuyerMonths::gained(2026, BuyerMonths::default(), on("2026-11-11"));
        let periods: Vec<BuyerPeriod> = gained.iter().map(|(p, _)| *p).collect();
        assert_eq!(
            periods,
            [
                BuyerPeriod::Month(202_611),
                BuyerPeriod::Quarter(20_264),
                BuyerPeriod::Year(2026)
            ]
        );
        assert!(gained
            .iter()
            .all(|(_, g)| g.buyers == 1 && g.repeat_buyers == 0));
    }

    #[test]
    fn a_second_order_in_the_same_month_makes_a_repeat_buyer_everywhere() {
        let before = on("2026-11-11");
        let after = before.merge(on("2026-11-20"));
        assert_eq!(after.repeat, 1 << 10);
        let gained = BuyerMonths::gained(2026, before, after);
        assert_eq!(gained.len(), 3);
        assert!(gained
            .iter()
            .all(|(_, g)| g.buyers == 0 && g.repeat_buyers == 1));
        // A third order changes nothing.
        let third = after.merge(on("2026-11-30"));
        assert!(BuyerMonths::gained(2026, after, third).is_empty());
    }

    #[test]
    fn orders_in_two_months_of_a_quarter_repeat_in_the_quarter_not_the_months() {
        let before = on("2026-10-01");
        let after = before.merge(on("2026-12-31"));
        assert_eq!(after.repeat, 0);
        let gained = BuyerMonths::gained(2026, before, after);
        let find = |period| gained.iter().find(|(p, _)| *p == period).map(|(_, g)| *g);
        let december = find(BuyerPeriod::Month(202_612)).unwrap();
        assert_eq!((december.buyers, december.repeat_buyers), (1, 0));
        let quarter = find(BuyerPeriod::Quarter(20_264)).unwrap();
        assert_eq!((quarter.buyers, quarter.repeat_buyers), (0, 1));
        assert!(find(BuyerPeriod::Month(202_610)).is_none());
    }

    #[test]
    fn merging_is_the_same_in_any_order() {
        let orders = [
            on("2026-01-05"),
            on("2026-01-09"),
            on("2026-03-01"),
            on("2026-07-04"),
        ];
        let forward = orders
            .iter()
            .fold(BuyerMonths::default(), |a, b| a.merge(*b));
        let backward = orders
            .iter()
            .rev()
            .fold(BuyerMonths::default(), |a, b| a.merge(*b));
        assert_eq!(forward, backward);
        assert_eq!((forward.paid, forward.repeat), (0b100_0101, 0b1));
    }
}
