//! Group-buys (拼团): a hub operator or producer offers one SKU at a team price to teams of at
//! least `team_size` buyers who all pay within a time limit. Optional tiers lower the price
//! for bigger teams, up to the largest tier's size; whether the platform may complete a team
//! one buyer short ("virtual fill") is the organiser's choice, off by default. These are the
//! terms and their checking; how a team fills and ends is in `team.rs`.

mod team;
#[cfg(test)]
mod tests;

pub use team::{JoinRefusal, Seat, Team, TeamOutcome};

use crate::flash_sale::SkuOffer;
use crate::money::{Currency, Money};
use crate::range::{whole_number, within_u32};
use crate::sku::Price;
use crate::time::Timestamp;
use crate::validation::{Problem, ValidationErrors};

/// Team sizes a group-buy may ask for.
pub const TEAM_SIZE: (u32, u32) = (2, 50);
/// How long a team has to fill: 1 hour to 3 days.
pub const TIME_LIMIT_HOURS: (i64, i64) = (1, 72);
/// Units one group-buy may offer at most.
pub const MAX_STOCK_LIMIT: i64 = 100_000;
/// Units one buyer may take from one group-buy at most, whatever the organiser sets.
pub const MAX_PER_BUYER: i64 = 99;
/// Price tiers beyond the team price.
pub const MAX_TIERS: usize = 3;

/// What an organiser typed, before any checking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GroupBuyInput<'a> {
    /// In yuan, as typed: "29.9".
    pub team_price: &'a str,
    pub team_size: &'a str,
    pub time_limit_hours: &'a str,
    pub stock_limit: &'a str,
    pub per_buyer_limit: &'a str,
    /// One tier per line, team size then price in yuan: "10 27.5". Empty for none.
    pub tiers: &'a str,
    pub virtual_fill: bool,
}

/// A lower price for a team that reaches `size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tier {
    pub size: u32,
    pub price: Price,
}

/// Valid terms: a team price below the SKU's, tiers that grow in size and fall in price,
/// stock for at least one full team, and a per-buyer limit within it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupBuyTerms {
    pub team_price: Price,
    pub team_size: u32,
    pub tiers: Vec<Tier>,
    pub time_limit_hours: i64,
    pub stock_limit: i64,
    pub per_buyer_limit: i64,
    pub virtual_fill: bool,
}

impl GroupBuyTerms {
    /// Checks every field at once and reports each problem against its field.
    pub fn parse(input: &GroupBuyInput<'_>, sku: SkuOffer) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let team_price = errors.check(Price::typed_below(
            "team_price",
            input.team_price,
            sku.price,
        ));
        let team_size = errors.check(
            whole_number("team_size", input.team_size, 0, i64::MAX)
                .and_then(|n| within_u32("team_size", n, TEAM_SIZE.0, TEAM_SIZE.1)),
        );
        let (min, max) = TIME_LIMIT_HOURS;
        let hours = errors.check(whole_number(
            "time_limit_hours",
            input.time_limit_hours,
            min,
            max,
        ));
        let stock_limit = errors.check(whole_number(
            "stock_limit",
            input.stock_limit,
            1,
            MAX_STOCK_LIMIT.min(sku.stock),
        ));
        let per_buyer_limit = errors.check(whole_number(
            "per_buyer_limit",
            input.per_buyer_limit,
            1,
            MAX_PER_BUYER,
        ));
        if let (Some(stock), Some(size)) = (stock_limit, team_size) {
            if stock < i64::from(size) {
                errors.push("stock_limit", Problem::Invalid);
            }
        }
        if let (Some(stock), Some(per_buyer)) = (stock_limit, per_buyer_limit) {
            if per_buyer > stock {
                errors.push("per_buyer_limit", Problem::Invalid);
            }
        }
        let tiers = match (team_price, team_size) {
            (Some(price), Some(size)) => parse_tiers(&mut errors, input.tiers, size, price),
            _ => None,
        };
        match (
            team_price,
            team_size,
            tiers,
            hours,
            stock_limit,
            per_buyer_limit,
        ) {
            (
                Some(team_price),
                Some(team_size),
                Some(tiers),
                Some(time_limit_hours),
                Some(stock_limit),
                Some(per_buyer_limit),
            ) if errors.is_empty() => Ok(Self {
                team_price,
                team_size,
                tiers,
                time_limit_hours,
                stock_limit,
                per_buyer_limit,
                virtual_fill: input.virtual_fill,
            }),
            _ => Err(errors),
        }
    }

    /// The most members a team may have: the largest tier's size, or the team size.
    pub fn capacity(&self) -> u32 {
        self.tiers.last().map_or(self.team_size, |tier| tier.size)
    }

    /// What each member pays for a team of `members`: the lowest price its size reached.
    pub fn price_for(&self, members: u32) -> Price {
        self.tiers
            .iter()
            .rev()
            .find(|tier| members >= tier.size)
            .map_or(self.team_price, |tier| tier.price)
    }

    /// When a team opened at `opened_at` must have filled.
    pub fn deadline(&self, opened_at: Timestamp) -> Timestamp {
        opened_at.plus_millis(self.time_limit_hours * 3_600_000)
    }
}

/// Tiers one per line, each bigger than the last (and than the team) and cheaper than the last
/// (and than the team price); `None` after reporting any problem against `tiers`.
fn parse_tiers(
    errors: &mut ValidationErrors,
    text: &str,
    team_size: u32,
    team_price: Price,
) -> Option<Vec<Tier>> {
    let mut tiers: Vec<Tier> = Vec::new();
    let (mut size_above, mut price_below) = (team_size, team_price.money());
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let mut parts = line.split_whitespace();
        let size = parts.next().and_then(|s| s.parse::<u32>().ok());
        let price = parts
            .next()
            .and_then(|p| Money::parse_major(p, Currency::Cny))
            .filter(|p| p.minor() > 0 && p.minor() < price_below.minor());
        match (size, price, parts.next()) {
            (Some(size), Some(price), None)
                if size > size_above && size <= TEAM_SIZE.1 && tiers.len() < MAX_TIERS =>
            {
                let price = errors.check(Price::parse("tiers", price))?;
                tiers.push(Tier { size, price });
                (size_above, price_below) = (size, price.money());
            }
            _ => {
                errors.push("tiers", Problem::Invalid);
                return None;
            }
        }
    }
    Some(tiers)
}
