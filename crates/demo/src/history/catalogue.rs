//! What history buyers choose from: each demo product with how popular it is and, per month,
//! how likely it is to be bought — a cumulative table per month, so picking one of 600
//! products is a binary search.

use crate::rng::Rng;
use crate::DemoProduct;

use super::season::month_weight;

/// Products by month: `cumulative[m][i]` is the summed weight of products `0..=i` in month
/// `m + 1`.
pub(crate) struct Shelf {
    cumulative: [Vec<u64>; 12],
    /// Each month's total weight relative to the average month, per mille.
    level: [i64; 12],
}

impl Shelf {
    pub(crate) fn new(rng: &mut Rng, products: &[DemoProduct]) -> Shelf {
        // A few products sell far more than the rest, as on every shop floor; the showcase
        // farm (producer 0) is one of the county's best known.
        let popularity: Vec<u64> = products
            .iter()
            .map(|product| {
                let draw = rng.between(1, 20);
                let base = u64::from(draw * draw * draw / 40 + 2);
                if product.producer == 0 {
                    base + 200
                } else {
                    base
                }
            })
            .collect();
        let mut cumulative: [Vec<u64>; 12] = Default::default();
        let mut totals = [0_i64; 12];
        for (month, table) in cumulative.iter_mut().enumerate() {
            let number = u8::try_from(month + 1).unwrap_or(1);
            let mut sum = 0_u64;
            for (product, popular) in products.iter().zip(&popularity) {
                let in_season =
                    product.season_months.is_empty() || product.season_months.contains(&number);
                let weight = if in_season {
                    let seasonal = u64::try_from(month_weight(product.specialty, number));
                    popular * seasonal.unwrap_or(100)
                } else {
                    0
                };
                sum += weight;
                table.push(sum);
            }
            totals[month] = i64::try_from(sum).unwrap_or(i64::MAX);
        }
        let mean = (totals.iter().sum::<i64>() / 12).max(1);
        let level = totals.map(|total| total * 1_000 / mean);
        Shelf { cumulative, level }
    }

    /// How much the month sells compared with the average month, per mille.
    pub(crate) fn level(&self, month: u8) -> i64 {
        self.level[usize::from(month.clamp(1, 12) - 1)]
    }

    /// A product index for a purchase in `month`, as likely as its weight then.
    pub(crate) fn pick(&self, rng: &mut Rng, month: u8) -> usize {
        let table = &self.cumulative[usize::from(month.clamp(1, 12) - 1)];
        let total = table.last().copied().unwrap_or(0);
        if total == 0 {
            return 0;
        }
        let roll = rng.next_u64() % total;
        table.partition_point(|&sum| sum <= roll)
    }
}
