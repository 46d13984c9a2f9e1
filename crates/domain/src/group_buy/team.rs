//! One team of a group-buy. A buyer takes a seat when they start paying and the seat is
//! confirmed when the payment succeeds; an unpaid seat holds its place, so a team can never
//! take more buyers than it has seats however many pay at once. Only paid seats count when the
//! team ends: a payment still pending at the deadline does not keep the team open, and is
//! refunded when it arrives. So a team that expires while its last joiner pays ends one way.

use crate::id::AccountId;
use crate::money::Money;
use crate::sku::{Price, Quantity};
use crate::time::Timestamp;

use super::GroupBuyTerms;

/// A buyer's place in a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    pub buyer: AccountId,
    pub units: Quantity,
    pub paid: bool,
}

/// A team as stored: when it opened (its first seat) and its seats in the order taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub opened_at: Timestamp,
    pub seats: Vec<Seat>,
}

/// Why a buyer may not take a seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinRefusal {
    /// The time limit has passed, or the team already succeeded.
    Ended,
    /// Every seat is taken, some perhaps by buyers still paying.
    Full,
    /// The buyer already has a seat in this team.
    AlreadyMember,
    /// The units would take the buyer past the group-buy's per-buyer limit.
    OverBuyerLimit,
    /// The group-buy has fewer units left than asked for.
    OutOfStock,
}

/// How a team stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamOutcome {
    /// Filling: `needed` more paid members make it a team.
    Open { members: u32, needed: u32 },
    /// A team: every member pays `price` per unit. `virtual_filled` when the platform
    /// completed it one buyer short, as the terms allowed.
    Succeeded {
        members: u32,
        price: Price,
        virtual_filled: bool,
    },
    /// Not filled in time: every member is refunded in full.
    Failed { members: u32 },
}

impl Team {
    /// Whether `buyer` may take a seat for `units` at `now`, having bought `bought_before`
    /// units of this group-buy already (in any team) with `stock_left` units left in it.
    pub fn admit(
        &self,
        terms: &GroupBuyTerms,
        buyer: &AccountId,
        units: Quantity,
        bought_before: i64,
        stock_left: i64,
        now: Timestamp,
    ) -> Result<(), JoinRefusal> {
        let units = i64::from(units.get());
        if !matches!(self.outcome(terms, now), TeamOutcome::Open { .. }) {
            Err(JoinRefusal::Ended)
        } else if self.seats.iter().any(|seat| &seat.buyer == buyer) {
            Err(JoinRefusal::AlreadyMember)
        } else if self.seats.len() >= seat_count(terms.capacity()) {
            Err(JoinRefusal::Full)
        } else if bought_before + units > terms.per_buyer_limit {
            Err(JoinRefusal::OverBuyerLimit)
        } else if units > stock_left {
            Err(JoinRefusal::OutOfStock)
        } else {
            Ok(())
        }
    }

    /// Where the team stands at `now`. With every seat paid it succeeds at once; otherwise
    /// it waits for its deadline (a team with tiers keeps filling for a lower price) and then
    /// succeeds if it has `team_size` paid members, or one fewer when virtual fill is on.
    pub fn outcome(&self, terms: &GroupBuyTerms, now: Timestamp) -> TeamOutcome {
        let members = self.paid_members();
        let succeeded = |virtual_filled| TeamOutcome::Succeeded {
            members,
            price: terms.price_for(members),
            virtual_filled,
        };
        if members >= terms.capacity() {
            succeeded(false)
        } else if now < terms.deadline(self.opened_at) {
            TeamOutcome::Open {
                members,
                needed: terms.team_size.saturating_sub(members),
            }
        } else if members >= terms.team_size {
            succeeded(false)
        } else if terms.virtual_fill && members >= 1 && members + 1 == terms.team_size {
            succeeded(true)
        } else {
            TeamOutcome::Failed { members }
        }
    }

    fn paid_members(&self) -> u32 {
        let paid = self.seats.iter().filter(|seat| seat.paid).count();
        u32::try_from(paid).unwrap_or(u32::MAX)
    }
}

impl TeamOutcome {
    /// What a member whose order came to `paid` for `units` gets back: all of it (shipping
    /// too) when the team failed, the tier's saving on each unit when it filled to a cheaper
    /// tier, nothing otherwise.
    pub fn refund(&self, terms: &GroupBuyTerms, units: Quantity, paid: Money) -> Money {
        match self {
            TeamOutcome::Open { .. } => Money::fen(0),
            TeamOutcome::Succeeded { price, .. } => {
                let saving = terms.team_price.money().minor() - price.money().minor();
                let saving = saving.saturating_mul(i64::from(units.get()));
                Money::fen(saving.min(paid.minor()))
            }
            TeamOutcome::Failed { .. } => paid,
        }
    }
}

fn seat_count(capacity: u32) -> usize {
    usize::try_from(capacity).unwrap_or(usize::MAX)
}
