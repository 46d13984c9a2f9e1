//! The demo's group-buys: two offers, one from each of the first two producers, with teams in
//! every state a newcomer should meet — one a member short with an hour left (the buyer role
//! account can fill it from its share link), one about to expire and be refunded, one that
//! filled yesterday and ships, one a member short that the platform will complete, and one the
//! buyer role account opened an hour ago. Team members are neighbours with homes of their own.

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::time::Timestamp;

use crate::accounts::email;
use crate::history::buyer;
use crate::rng::Rng;
use crate::{DemoBuyer, DemoPlan, DemoProduct};

const MEMBER_STREAM: u64 = 40;
const NEIGHBOURS: usize = 8;
/// The buyer role account, as team plans name it: the member after the neighbours.
const BUYER: usize = NEIGHBOURS;

/// Everything the demo's group-buys need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoGroupBuys {
    /// Who opens and joins teams, each with a home to deliver to: neighbours with accounts
    /// of their own, then the buyer role account.
    pub members: Vec<DemoBuyer>,
    pub offers: Vec<DemoGroupBuy>,
}

/// A group-buy as its producer would set it up, with the teams it has had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoGroupBuy {
    /// Index into [`DemoPlan::products`].
    pub product: usize,
    /// Index into the product's variants.
    pub sku: usize,
    pub team_price_fen: i64,
    pub team_size: u32,
    pub time_limit_hours: i64,
    pub stock_limit: i64,
    pub per_buyer_limit: i64,
    /// (team size, price in fen), sizes rising and prices falling.
    pub tiers: Vec<(u32, i64)>,
    pub virtual_fill: bool,
    pub teams: Vec<DemoTeam>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoTeam {
    /// Minutes before the demo is made that the opener paid.
    pub opened_minutes_ago: i64,
    /// Indexes into [`DemoGroupBuys::members`], the opener first; each joins
    /// and pays a few minutes after the one before.
    pub members: Vec<usize>,
}

/// The demo's group-buys for `plan`, at `now`.
pub fn group_buys(plan: &DemoPlan, seed: u64, now: Timestamp) -> DemoGroupBuys {
    let mut rng = Rng::stream(seed, MEMBER_STREAM);
    let today = CivilDate::in_china(now);
    let mut members: Vec<DemoBuyer> = (0..NEIGHBOURS)
        .map(|i| buyer(&mut rng, email(&format!("neighbour{:02}", i + 1)), today))
        .collect();
    let mut role_buyer = buyer(&mut rng, email("buyer"), today);
    if let Some(account) = plan.accounts.iter().find(|a| a.email == role_buyer.email) {
        role_buyer.display_name = account.display_name.clone();
    }
    members.push(role_buyer);
    let team = |minutes: i64, members: &[usize]| DemoTeam {
        opened_minutes_ago: minutes,
        members: members.to_vec(),
    };
    let offers = [
        (
            0,
            3,
            24,
            85,
            None,
            false,
            vec![
                team(23 * 60, &[0, 1]),
                team(22 * 60 + 30, &[2]),
                team(30 * 60, &[3, 4, 5]),
            ],
        ),
        (
            1,
            5,
            48,
            80,
            Some((8, 72)),
            true,
            vec![team(40 * 60, &[6, 7, 0, 1]), team(50, &[BUYER])],
        ),
    ];
    let offers = offers
        .into_iter()
        .filter_map(
            |(producer, size, hours, percent, tier, virtual_fill, teams)| {
                let (product, sku, price, stock) = offered_variant(plan, producer)?;
                Some(DemoGroupBuy {
                    product,
                    sku,
                    team_price_fen: price_point(price * percent / 100),
                    team_size: size,
                    time_limit_hours: hours,
                    stock_limit: stock.min(60),
                    per_buyer_limit: 2,
                    tiers: tier
                        .map(|(size, percent)| (size, price_point(price * percent / 100)))
                        .into_iter()
                        .collect(),
                    virtual_fill,
                    teams,
                })
            },
        )
        .collect();
    DemoGroupBuys { members, offers }
}

/// The producer's product sold all year with the most units of one variant (at least 40):
/// (product, variant, price in fen, stock).
fn offered_variant(plan: &DemoPlan, producer: usize) -> Option<(usize, usize, i64, i64)> {
    plan.products
        .iter()
        .enumerate()
        .filter(|(_, p)| p.producer == producer && all_year(p))
        .flat_map(|(i, p)| {
            p.skus
                .iter()
                .enumerate()
                .map(move |(s, sku)| (i, s, sku.price_fen, sku.stock))
        })
        .filter(|&(.., stock)| stock >= 40)
        .max_by_key(|&(i, s, _, stock)| (stock, std::cmp::Reverse((i, s))))
}

pub(crate) fn all_year(product: &DemoProduct) -> bool {
    product.season_months.is_empty() && !product.presale
}

/// Down to a price shops use: the ninety fen at or below it ("¥24.90").
fn price_point(fen: i64) -> i64 {
    (((fen + 10) / 100) * 100 - 10).max(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_offer_is_below_its_price_with_teams_that_fit() {
        let plan = crate::plan(crate::DEFAULT_SEED);
        let demo = group_buys(
            &plan,
            crate::DEFAULT_SEED,
            Timestamp::from_millis(1_795_000_000_000),
        );
        assert_eq!(demo.offers.len(), 2);
        assert_eq!(demo.members.len(), NEIGHBOURS + 1);
        assert_eq!(demo.members[BUYER].display_name, "林晓雨");
        for offer in &demo.offers {
            let sku = &plan.products[offer.product].skus[offer.sku];
            assert!(offer.team_price_fen > 0 && offer.team_price_fen < sku.price_fen);
            assert!(offer.stock_limit <= sku.stock);
            for (_, price) in &offer.tiers {
                assert!(*price < offer.team_price_fen);
            }
            for team in &offer.teams {
                assert!(team.members.len() <= offer.team_size as usize);
                assert!(team.opened_minutes_ago < 2 * offer.time_limit_hours * 60);
            }
        }
    }

    #[test]
    fn prices_land_on_price_points() {
        assert_eq!(price_point(2_541), 2_490);
        assert_eq!(price_point(2_595), 2_590);
        assert_eq!(price_point(2_590), 2_590);
        assert_eq!(price_point(12_345), 12_290);
    }
}
