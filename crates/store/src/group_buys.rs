//! Group-buys as stored: the offer with its terms, its teams, and each team's seats. A seat is
//! one buyer's order in one team, so the order's status says whether the seat is held (awaiting
//! payment), paid, or given up; a seat is taken in the same transaction as its order, and only
//! if the team, the buyer's limit, the group-buy's cap and the SKU's stock all allow it.

use async_trait::async_trait;
use farmgate_domain::group_buy::{GroupBuyTerms, JoinRefusal, Seat, Team, TeamOutcome};
use farmgate_domain::id::TeamId;
use farmgate_domain::id::{AccountId, CheckoutId, GroupBuyId, OrderId, ProductId, ShopId, SkuId};
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::sku::{Price, Quantity};
use farmgate_domain::time::Timestamp;

use crate::{AfterSaleRecord, ExpiredOrders, NewCheckout, StoreResult};

/// Why a paid group-buy order may not ship yet.
pub const TEAM_NOT_FILLED: &str = "a group-buy order ships once its team has filled";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupBuyRecord {
    pub id: GroupBuyId,
    pub shop_id: ShopId,
    pub product_id: ProductId,
    pub sku_id: SkuId,
    pub terms: GroupBuyTerms,
    pub created_by: AccountId,
    pub created_at: Timestamp,
    /// When the organiser stopped new teams opening.
    pub closed_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamStatus {
    Open,
    Succeeded,
    Failed,
}

impl TeamStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Open, Self::Succeeded, Self::Failed]
            .into_iter()
            .find(|status| status.as_str() == value)
    }
}

/// One buyer's order in a team, with the order's status as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatRecord {
    pub order_id: OrderId,
    pub checkout_id: CheckoutId,
    pub buyer_id: AccountId,
    pub units: Quantity,
    pub taken_at: Timestamp,
    pub order_status: OrderStatus,
    /// What the order came to, shipping included.
    pub paid: Money,
}

impl SeatRecord {
    /// Held while its order awaits payment or once paid; given up when the order expired, was
    /// cancelled or was refunded.
    pub fn holds_place(&self) -> bool {
        self.order_status == OrderStatus::PendingPayment || self.order_status.is_paid()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRecord {
    pub id: TeamId,
    pub group_buy_id: GroupBuyId,
    pub opened_by: AccountId,
    pub opened_at: Timestamp,
    pub deadline: Timestamp,
    pub status: TeamStatus,
    pub ended_at: Option<Timestamp>,
    /// Paid members when it ended.
    pub members: Option<u32>,
    /// What each member paid per unit in the end, for a team that succeeded.
    pub price: Option<Price>,
    pub virtual_filled: bool,
    /// Every seat ever taken, given-up ones too, in the order taken.
    pub seats: Vec<SeatRecord>,
}

impl TeamRecord {
    /// Where the team stands at `now`: by its rules while open, as recorded once ended.
    pub fn outcome(&self, terms: &GroupBuyTerms, now: Timestamp) -> TeamOutcome {
        let members = self.members.unwrap_or(0);
        match (self.status, self.price) {
            (TeamStatus::Succeeded, Some(price)) => TeamOutcome::Succeeded {
                members,
                price,
                virtual_filled: self.virtual_filled,
            },
            (TeamStatus::Failed, _) => TeamOutcome::Failed { members },
            _ => self.team().outcome(terms, now),
        }
    }

    /// The team as its rules see it: the seats that still hold a place.
    pub fn team(&self) -> Team {
        Team {
            opened_at: self.opened_at,
            seats: self
                .seats
                .iter()
                .filter(|seat| seat.holds_place())
                .map(|seat| Seat {
                    buyer: seat.buyer_id.clone(),
                    units: seat.units,
                    paid: seat.order_status.is_paid(),
                })
                .collect(),
        }
    }
}

/// Whether a seat joins a team or opens one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamChoice {
    Join(TeamId),
    /// A new team with this id, opened by the seat's buyer.
    Open(TeamId),
}

impl TeamChoice {
    pub fn team(&self) -> &TeamId {
        match self {
            Self::Join(team) | Self::Open(team) => team,
        }
    }
}

/// A seat to take, with its checkout: one order of one line at the team price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSeat {
    pub group_buy_id: GroupBuyId,
    pub team: TeamChoice,
    pub units: Quantity,
    pub checkout: NewCheckout,
}

/// Where a seat was taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatTaken {
    pub team_id: TeamId,
    pub checkout_id: CheckoutId,
    pub order_id: OrderId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatOutcome {
    Taken(SeatTaken),
    /// This buyer already took a seat with this key: that seat, nothing written again.
    Replayed(SeatTaken),
    Refused(JoinRefusal),
}

/// How a team ended, to be recorded once: only if it is still open and its paid seats are
/// exactly `paid_orders` (nothing paid or expired since it was read). The refunds are after-sales
/// cases the platform approved, one per paid seat owed money; the members are told in-app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamEnding {
    pub team_id: TeamId,
    pub outcome: TeamOutcome,
    pub paid_orders: Vec<OrderId>,
    pub refunds: Vec<AfterSaleRecord>,
    pub notice_title: String,
    pub notice_link: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndOutcome {
    Ended,
    /// Ended before, or its seats changed since they were read: nothing written.
    Stale,
}

#[async_trait]
pub trait GroupBuys: Send + Sync {
    /// `StoreError::Conflict` and nothing written when the SKU is not the product's, the
    /// product not the shop's, or the SKU has fewer units than the group-buy's cap.
    async fn insert_group_buy(&self, record: &GroupBuyRecord) -> StoreResult<()>;
    async fn group_buy(&self, id: &GroupBuyId) -> StoreResult<Option<GroupBuyRecord>>;
    /// Newest first.
    async fn group_buys_of_shop(&self, shop: &ShopId) -> StoreResult<Vec<GroupBuyRecord>>;
    /// Running group-buys (not closed), newest first.
    async fn running_group_buys(&self, limit: i64) -> StoreResult<Vec<GroupBuyRecord>>;
    /// Stops new teams opening; open teams run on. False when already closed.
    async fn close_group_buy(&self, id: &GroupBuyId, at: Timestamp) -> StoreResult<bool>;
    async fn team(&self, id: &TeamId) -> StoreResult<Option<TeamRecord>>;
    /// The group-buy's open teams, those closest to filling first.
    async fn open_teams(&self, group_buy: &GroupBuyId, limit: i64) -> StoreResult<Vec<TeamRecord>>;
    /// The team holding the seat bought with this checkout.
    async fn team_of_checkout(&self, checkout: &CheckoutId) -> StoreResult<Option<TeamId>>;
    /// Takes the seat with its checkout, order and line, or nothing; seats taken at the same
    /// moment share one transaction, each answered only once it has committed.
    async fn take_seat(&self, seat: NewSeat) -> StoreResult<SeatOutcome>;
    /// Open teams whose deadline has passed by `now`, oldest first.
    async fn teams_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<TeamId>>;
    /// Expires the team's seats still awaiting payment at its deadline (their units go back
    /// to the SKU), so its paid seats are final; how many expired. Nothing before the deadline.
    async fn expire_team_holds(&self, team: &TeamId, now: Timestamp) -> StoreResult<ExpiredOrders>;
    async fn end_team(&self, ending: &TeamEnding) -> StoreResult<EndOutcome>;
}
