//! How a group-buy and its teams are drawn: the offer's head (prices, team size, tiers, rules)
//! and a team's card (places paid, held and free; what is still needed; time left), shared by
//! the group-buy page, the team page and the share poster.

use farmgate_domain::group_buy::{GroupBuyTerms, TeamOutcome};
use farmgate_domain::time::Timestamp;
use farmgate_services::group_buys::{GroupBuyView, TeamView};
use farmgate_store::{TeamRecord, TeamStatus};

use super::PageContext;
use crate::state::AppState;
use crate::texts::Texts;

/// The offer as the top of both pages shows it.
pub struct GroupBuyHead {
    pub id: String,
    pub product_id: String,
    pub title: String,
    pub cover: Option<String>,
    pub sku_name: String,
    pub team_price: String,
    pub regular_price: String,
    /// "Teams of 3".
    pub team_of: String,
    pub tiers: Vec<String>,
    pub rules: String,
    pub per_buyer: String,
    pub per_buyer_limit: i64,
    pub virtual_fill: bool,
    pub closed: bool,
}

impl GroupBuyHead {
    pub fn new(view: &GroupBuyView, t: &Texts) -> Self {
        let g = &view.group_buy;
        let terms = &g.terms;
        let gt = t.group_buy;
        let sku = view.product.skus.iter().find(|sku| sku.id == g.sku_id);
        Self {
            id: g.id.to_string(),
            product_id: g.product_id.to_string(),
            title: view.product.product.title.clone(),
            cover: view
                .product
                .photos
                .first()
                .map(|photo| photo.file_id.clone()),
            sku_name: sku.map(|sku| sku.name.clone()).unwrap_or_default(),
            team_price: terms.team_price.money().to_string(),
            regular_price: sku.map(|sku| sku.price.to_string()).unwrap_or_default(),
            team_of: gt.team_of.replace("{n}", &terms.team_size.to_string()),
            tiers: terms
                .tiers
                .iter()
                .map(|tier| {
                    gt.tier_line
                        .replace("{n}", &tier.size.to_string())
                        .replace("{price}", &tier.price.money().to_string())
                })
                .collect(),
            rules: gt.rules.replace("{h}", &terms.time_limit_hours.to_string()),
            per_buyer: gt
                .per_buyer
                .replace("{n}", &terms.per_buyer_limit.to_string()),
            per_buyer_limit: terms.per_buyer_limit,
            virtual_fill: terms.virtual_fill,
            closed: g.closed_at.is_some(),
        }
    }
}

/// One place in a team, as a circle: `paid`, `paid leader`, `paying` or `free`.
pub struct Place {
    pub class: &'static str,
}

/// A team as its card shows it.
pub struct TeamCard {
    pub id: String,
    pub open: bool,
    pub status: &'static str,
    pub status_class: &'static str,
    pub virtual_filled: bool,
    /// "2 of 3 paid".
    pub progress: String,
    /// "1 more needed"; empty once it has ended.
    pub needed: String,
    /// "5 h 20 min left"; empty once it has ended.
    pub time_left: String,
    pub ends: String,
    pub places: Vec<Place>,
    /// Places a buyer can still take.
    pub places_left: u32,
}

impl TeamCard {
    pub fn new(view: &TeamView, team_size: u32, state: &AppState, page: &PageContext) -> Self {
        let gt = page.t.group_buy;
        let team = &view.team;
        let (members, needed) = match view.standing {
            TeamOutcome::Open { members, needed } => (members, needed),
            TeamOutcome::Succeeded { members, .. } | TeamOutcome::Failed { members } => {
                (members, 0)
            }
        };
        let open = team.status == TeamStatus::Open;
        let (status, status_class) = match team.status {
            TeamStatus::Open => (gt.status_open, "pending"),
            TeamStatus::Succeeded => (gt.status_succeeded, "approved"),
            TeamStatus::Failed => (gt.status_failed, "rejected"),
        };
        let now = state.services.clock.now();
        Self {
            id: team.id.to_string(),
            open,
            status,
            status_class,
            virtual_filled: team.virtual_filled,
            progress: gt
                .progress
                .replace("{members}", &members.to_string())
                .replace("{size}", &team_size.max(members).to_string()),
            needed: if open && needed > 0 {
                gt.needed.replace("{n}", &needed.to_string())
            } else {
                String::new()
            },
            time_left: if open {
                time_left(page.t, now, team.deadline)
            } else {
                String::new()
            },
            ends: gt
                .ends
                .replace("{time}", &state.site.local_time(team.deadline)),
            places: places(team, team_size),
            places_left: if open { view.places_left } else { 0 },
        }
    }
}

/// The seats still holding a place, in the order taken, then the free places up to the size.
fn places(team: &TeamRecord, team_size: u32) -> Vec<Place> {
    let held = team.seats.iter().filter(|seat| seat.holds_place());
    let mut places: Vec<Place> = held
        .map(|seat| Place {
            class: match (seat.order_status.is_paid(), seat.buyer_id == team.opened_by) {
                (true, true) => "paid leader",
                (true, false) => "paid",
                (false, _) => "paying",
            },
        })
        .collect();
    let free = usize::try_from(team_size)
        .unwrap_or(0)
        .saturating_sub(places.len());
    places.extend((0..free).map(|_| Place { class: "free" }));
    places
}

/// "¥19.90 each in a team of 3".
pub fn offer_text(t: &Texts, terms: &GroupBuyTerms) -> String {
    t.group_buy
        .offer
        .replace("{price}", &terms.team_price.money().to_string())
        .replace("{n}", &terms.team_size.to_string())
}

/// "5 h 20 min left", never below zero.
pub fn time_left(t: &Texts, now: Timestamp, deadline: Timestamp) -> String {
    let minutes = (deadline.millis() - now.millis()).max(0) / 60_000;
    let span = t
        .group_buy
        .hours_minutes
        .replace("{h}", &(minutes / 60).to_string())
        .replace("{m}", &(minutes % 60).to_string());
    t.group_buy.time_left.replace("{time}", &span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::texts::{EN, ZH};

    #[test]
    fn time_left_counts_down_in_hours_and_minutes_and_stops_at_zero() {
        let now = Timestamp::from_millis(0);
        let later = Timestamp::from_millis((5 * 60 + 20) * 60_000 + 59_000);
        assert_eq!(time_left(&EN, now, later), "5 h 20 min left");
        assert_eq!(time_left(&ZH, now, later), "剩余5小时20分");
        assert_eq!(time_left(&EN, later, now), "0 h 0 min left");
    }
}
