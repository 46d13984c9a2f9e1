//! County campaigns (shopping festivals: 年货节, 丰收节, 双十一): a time window, the products
//! taking part, one price rule, and who bears its discount. What a campaign's rule does to a
//! line or a checkout, and how it stacks with every other discount, is `campaign/stacking.rs`
//! (documented in `docs/campaigns.md`); its coupons are `campaign/coupon.rs`.

pub mod coupon;
#[cfg(test)]
mod coupon_tests;
#[cfg(test)]
mod spend_save_tests;
mod stacking;
#[cfg(test)]
mod tests;

pub use stacking::{
    apply_spend_save, best_item_price, covered_goods, share_saving, spend_save_discount, LineFacts,
    LineSource, SavingError,
};

use crate::catalogue::Category;
use crate::id::{ProductId, ShopId};
use crate::money::Money;
use crate::range::{whole_number, yuan_amount};
use crate::time::Timestamp;
use crate::validation::{text_length, Problem, ValidationErrors};

/// Name length in characters: a banner's headline.
pub const NAME_CHARS: (usize, usize) = (2, 40);
/// The longest a campaign may run.
pub const MAX_DAYS: i64 = 31;
/// The deepest percentage a campaign may take off: beyond this a typing slip sells at a loss.
pub const MAX_PERCENT_OFF: i64 = 90;
/// The most a spend-save rule may take off a checkout: ¥1,000.
pub const MAX_SAVE_FEN: i64 = 100_000;
/// The highest threshold a spend-save rule may ask for: ¥100,000.
pub const MAX_THRESHOLD_FEN: i64 = 10_000_000;

/// Which products take part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every product on sale.
    Everything,
    Categories(Vec<Category>),
    /// Every product of these producers' shops.
    Shops(Vec<ShopId>),
    /// Products chosen one by one.
    Products(Vec<ProductId>),
}

impl Scope {
    pub fn covers(&self, product: &ProductId, shop: &ShopId, category: Category) -> bool {
        match self {
            Scope::Everything => true,
            Scope::Categories(categories) => categories.contains(&category),
            Scope::Shops(shops) => shops.contains(shop),
            Scope::Products(products) => products.contains(product),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Scope::Everything => false,
            Scope::Categories(c) => c.is_empty(),
            Scope::Shops(s) => s.is_empty(),
            Scope::Products(p) => p.is_empty(),
        }
    }
}

/// A campaign's one price rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceRule {
    /// Each participating unit costs this much less, in percent (1–90).
    PercentOff { percent: i64 },
    /// Each participating unit costs at most this.
    FixedPrice { price: Money },
    /// Once the checkout's participating goods (across shops) reach `threshold`, `off` comes
    /// off them, once.
    SpendSave { threshold: Money, off: Money },
}

/// What a hub operator typed, before any checking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CampaignInput<'a> {
    pub name: &'a str,
    /// `percent_off`, `fixed_price` or `spend_save`.
    pub rule: &'a str,
    pub percent_off: &'a str,
    /// In yuan, as typed.
    pub fixed_price: &'a str,
    pub threshold: &'a str,
    pub amount_off: &'a str,
    /// The platform's share of every discount, in percent; the producers bear the rest.
    pub platform_share: &'a str,
}

/// Valid terms: a window of at most 31 days that has not ended, participants, and a rule that
/// can never sell below a fen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignTerms {
    pub name: String,
    pub starts: Timestamp,
    pub ends: Timestamp,
    pub scope: Scope,
    pub rule: PriceRule,
    /// 0–100: the platform's share of each discount.
    pub platform_percent: i64,
}

impl CampaignTerms {
    /// Checks every field at once and reports each problem against its field. The window is
    /// read by the caller (dates in the county's time zone); `None` when it could not be.
    pub fn parse(
        input: &CampaignInput<'_>,
        window: (Option<Timestamp>, Option<Timestamp>),
        scope: Scope,
        now: Timestamp,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let (min, max) = NAME_CHARS;
        let name = errors.check(text_length("name", input.name, min, max));
        let (starts, ends) = window;
        if starts.is_none() {
            errors.push("starts", Problem::Required);
        }
        match (starts, ends) {
            (_, None) => errors.push("ends", Problem::Required),
            (Some(starts), Some(ends))
                if ends <= starts || ends <= now || ends > starts.plus_days(MAX_DAYS) =>
            {
                errors.push("ends", Problem::Invalid)
            }
            _ => {}
        }
        if scope.is_empty() {
            errors.push("scope", Problem::Required);
        }
        let rule = parse_rule(input, &mut errors);
        let platform_percent =
            errors.check(whole_number("platform_share", input.platform_share, 0, 100));
        match (name, starts, ends, rule, platform_percent) {
            (Some(name), Some(starts), Some(ends), Some(rule), Some(platform_percent))
                if errors.is_empty() =>
            {
                Ok(Self {
                    name,
                    starts,
                    ends,
                    scope,
                    rule,
                    platform_percent,
                })
            }
            _ => Err(errors),
        }
    }

    /// Whether the campaign runs at `now`: from its start, until (not at) its end.
    pub fn is_running(&self, now: Timestamp) -> bool {
        self.starts <= now && now < self.ends
    }

    /// The platform's part of `discount`, to the fen (half a fen goes to the platform); the
    /// producer bears the rest.
    pub fn platform_part(&self, discount: Money) -> Money {
        let fen = (discount.minor() * self.platform_percent + 50) / 100;
        Money::new(fen, discount.currency())
    }
}

fn parse_rule(input: &CampaignInput<'_>, errors: &mut ValidationErrors) -> Option<PriceRule> {
    let mut money = |field, text: &str, max| errors.check(yuan_amount(field, text, max));
    match input.rule {
        "percent_off" => errors
            .check(whole_number(
                "percent_off",
                input.percent_off,
                1,
                MAX_PERCENT_OFF,
            ))
            .map(|percent| PriceRule::PercentOff { percent }),
        "fixed_price" => money("fixed_price", input.fixed_price, MAX_THRESHOLD_FEN)
            .map(|price| PriceRule::FixedPrice { price }),
        "spend_save" => {
            let threshold = money("threshold", input.threshold, MAX_THRESHOLD_FEN);
            let off = money("amount_off", input.amount_off, MAX_SAVE_FEN);
            match (threshold, off) {
                // Saving the whole spend would give goods away.
                (Some(threshold), Some(off)) if off.minor() >= threshold.minor() => {
                    errors.push("amount_off", Problem::Invalid);
                    None
                }
                (Some(threshold), Some(off)) => Some(PriceRule::SpendSave { threshold, off }),
                _ => None,
            }
        }
        _ => {
            errors.push("rule", Problem::Required);
            None
        }
    }
}
