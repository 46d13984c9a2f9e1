//! Taking a seat: opening a team or joining one is a checkout of one order at the team price,
//! in the group-buy channel, whose time to pay ends by the team's deadline. The seat is held
//! while the buyer pays (so a team never seats more than it has places) and counts once paid.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::group_buy::{JoinRefusal, MAX_PER_BUYER};
use farmgate_domain::id::{CheckoutId, GroupBuyId, OrderId, TeamId};
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderPolicy;
use farmgate_domain::range::within;
use farmgate_domain::sku::Quantity;
use farmgate_domain::stats::Channel;
use farmgate_domain::time::Timestamp;
use farmgate_domain::validation::{text_length, ValidationErrors};
use farmgate_store::{GroupBuyRecord, NewSeat, SeatOutcome, SeatTaken, TeamChoice};

use crate::checkout::{parse_address, AddressForm, OfferLine};
use crate::{new_id, ServiceError, ServiceResult, Services};

/// Why a seat was refused, as the conflict says it.
pub const GROUP_BUY_ENDED: &str = "this group-buy has ended";
pub const TEAM_ENDED: &str = "this team has ended";
pub const TEAM_FULL: &str = "this team is full";
pub const ALREADY_IN_TEAM: &str = "you are already in this team";
pub const OVER_BUYER_LIMIT: &str = "that is more than one buyer may take from this group-buy";
pub const NO_UNITS_LEFT: &str = "this group-buy has no units left";

#[derive(Debug, Clone)]
pub struct SeatRequest {
    pub units: i64,
    pub address: AddressForm,
    /// Chosen by the client once per seat; resending it cannot take two.
    pub idempotency_key: String,
}

/// A seat taken: its order awaits payment until `pay_by`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatBought {
    pub team: TeamId,
    pub checkout: CheckoutId,
    pub order: OrderId,
    pub total: Money,
    pub pay_by: Timestamp,
}

impl Services {
    /// Opens a new team of the group-buy with the buyer's seat in it.
    pub async fn open_team(
        &self,
        actor: &Actor,
        group_buy: &GroupBuyId,
        request: &SeatRequest,
    ) -> ServiceResult<SeatBought> {
        let record = self.group_buy_record(group_buy).await?;
        let now = self.clock.now();
        let deadline = record.terms.deadline(now);
        self.take_seat(
            actor,
            &record,
            TeamChoice::Open(new_id()),
            deadline,
            request,
        )
        .await
    }

    /// Joins a team through its share link.
    pub async fn join_team(
        &self,
        actor: &Actor,
        team: &TeamId,
        request: &SeatRequest,
    ) -> ServiceResult<SeatBought> {
        let found = self.store.team(team).await?.ok_or(ServiceError::NotFound)?;
        let record = self.group_buy_record(&found.group_buy_id).await?;
        // A team already full as read is told so without queueing for the writer, which a
        // popular team's crowd would otherwise fill with refusals. Anyone who ever sat in it
        // still goes through, so a resent request replays their seat; a place given up
        // meanwhile is found by the next request, and the writer stays the authority.
        let holding = found.seats.iter().filter(|seat| seat.holds_place());
        let member = found
            .seats
            .iter()
            .any(|seat| seat.buyer_id == actor.account_id);
        let capacity = usize::try_from(record.terms.capacity()).unwrap_or(usize::MAX);
        if !member && holding.count() >= capacity {
            authorize(actor, &Action::ManageOwnAccount)?;
            return Err(ServiceError::Conflict(TEAM_FULL));
        }
        let choice = TeamChoice::Join(team.clone());
        self.take_seat(actor, &record, choice, found.deadline, request)
            .await
    }

    async fn take_seat(
        &self,
        actor: &Actor,
        record: &GroupBuyRecord,
        team: TeamChoice,
        deadline: Timestamp,
        request: &SeatRequest,
    ) -> ServiceResult<SeatBought> {
        authorize(actor, &Action::ManageOwnAccount)?;
        let (key, units) = checked(request)?;
        let address = parse_address(&request.address)?;
        let detail = self.visible_product(&record.product_id).await?;
        self.check_batches_allow_sale(&record.product_id).await?;
        let now = self.clock.now();
        let offer = OfferLine {
            detail: &detail,
            sku: &record.sku_id,
            unit_price: record.terms.team_price,
            quantity: i64::from(units.get()),
        };
        let key = format!("team:{}:{key}", record.id);
        let mut checkout = self
            .one_line_checkout(&actor.account_id, key, offer, &address, now)
            .await?;
        for detail in &mut checkout.orders {
            detail.order.channel = Channel::GroupBuy.as_str().to_owned();
            detail.order.pay_by = seat_pay_by(now, deadline);
        }
        // What the new order comes to, known before it is written; a replay reads its own.
        let written = checkout
            .orders
            .first()
            .map(|detail| (detail.order.total, detail.order.pay_by));
        let seat = NewSeat {
            group_buy_id: record.id.clone(),
            team: team.clone(),
            units,
            checkout,
        };
        let outcome = self.store.take_seat(seat).await?;
        if matches!(outcome, SeatOutcome::Taken(_)) {
            // Stock went down: the product may have sold out.
            self.search_stale([record.product_id.clone()]);
        }
        match (outcome, written) {
            (SeatOutcome::Taken(taken), Some((total, pay_by))) => Ok(SeatBought {
                team: taken.team_id,
                checkout: taken.checkout_id,
                order: taken.order_id,
                total,
                pay_by,
            }),
            (SeatOutcome::Taken(taken) | SeatOutcome::Replayed(taken), _) => {
                self.seat_bought(taken).await
            }
            (SeatOutcome::Refused(why), _) => Err(refused(why, &team)),
        }
    }

    /// A seat taken earlier, as its order was written.
    async fn seat_bought(&self, taken: SeatTaken) -> ServiceResult<SeatBought> {
        let order = self
            .store
            .order(&taken.order_id)
            .await?
            .ok_or(ServiceError::NotFound)?
            .order;
        Ok(SeatBought {
            team: taken.team_id,
            checkout: taken.checkout_id,
            order: taken.order_id,
            total: order.total,
            pay_by: order.pay_by,
        })
    }
}

/// A seat is paid for within the usual payment window, and never after its team's deadline.
pub fn seat_pay_by(taken_at: Timestamp, deadline: Timestamp) -> Timestamp {
    OrderPolicy::default().payment_due(taken_at).min(deadline)
}

/// The key and the units, every problem reported at once.
fn checked(request: &SeatRequest) -> Result<(String, Quantity), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let key = errors.check(text_length(
        "idempotency_key",
        &request.idempotency_key,
        8,
        100,
    ));
    let units = errors
        .check(within("units", request.units, 1, MAX_PER_BUYER))
        .and_then(|units| u32::try_from(units).ok())
        .and_then(Quantity::new);
    match (key, units) {
        (Some(key), Some(units)) if errors.is_empty() => Ok((key, units)),
        _ => Err(errors),
    }
}

fn refused(why: JoinRefusal, team: &TeamChoice) -> ServiceError {
    ServiceError::Conflict(match (why, team) {
        (JoinRefusal::Ended, TeamChoice::Open(_)) => GROUP_BUY_ENDED,
        (JoinRefusal::Ended, TeamChoice::Join(_)) => TEAM_ENDED,
        (JoinRefusal::Full, _) => TEAM_FULL,
        (JoinRefusal::AlreadyMember, _) => ALREADY_IN_TEAM,
        (JoinRefusal::OverBuyerLimit, _) => OVER_BUYER_LIMIT,
        (JoinRefusal::OutOfStock, _) => NO_UNITS_LEFT,
    })
}
