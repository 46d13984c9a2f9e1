//! Group-buy, team and seat rows as read from the database, and the tiers' text form.

use farmgate_domain::group_buy::{GroupBuyTerms, Tier};
use farmgate_domain::id::TeamId;
use farmgate_domain::id::{AccountId, CheckoutId, GroupBuyId, OrderId, ProductId, ShopId, SkuId};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::order::OrderStatus;
use farmgate_domain::sku::{Price, Quantity};
use farmgate_domain::time::Timestamp;

use crate::{GroupBuyRecord, SeatRecord, StoreError, StoreResult, TeamRecord, TeamStatus};

pub(super) const GROUP_BUY_COLUMNS: &str = "id, shop_id, product_id, sku_id, team_price_minor, \
     currency, team_size, tiers, time_limit_hours, stock_limit, per_buyer_limit, virtual_fill, \
     created_by, created_at, closed_at";

pub(super) const TEAM_COLUMNS: &str = "id, group_buy_id, opened_by, opened_at, deadline, status, \
     ended_at, members, price_minor, virtual_filled";

/// A seat with its order's status and total.
pub(super) const SEAT_SELECT: &str = "SELECT s.team_id, s.order_id, s.checkout_id, s.buyer_id, \
     s.units, s.taken_at, o.status, o.total_minor FROM group_buy_seats s \
     JOIN orders o ON o.id = s.order_id";

/// An order may ship unless it is a seat in a team that has not (yet) succeeded.
pub(super) const SHIPPABLE: &str = "NOT EXISTS (SELECT 1 FROM group_buy_seats s \
     JOIN group_buy_teams t ON t.id = s.team_id WHERE s.order_id = orders.id \
     AND t.status <> 'succeeded')";

/// The order statuses of a seat that holds its place.
pub(super) const HOLDING: &str = "('pending_payment', 'paid', 'shipped', 'delivered', 'completed')";

/// The order statuses of a paid seat.
pub(super) const PAID: &str = "('paid', 'shipped', 'delivered', 'completed')";

#[derive(sqlx::FromRow)]
pub(super) struct GroupBuyRow {
    id: String,
    shop_id: String,
    product_id: String,
    sku_id: String,
    team_price_minor: i64,
    currency: String,
    team_size: i64,
    tiers: String,
    time_limit_hours: i64,
    stock_limit: i64,
    per_buyer_limit: i64,
    virtual_fill: i64,
    created_by: String,
    created_at: i64,
    closed_at: Option<i64>,
}

fn corrupt(column: &'static str) -> impl Fn() -> StoreError {
    move || StoreError::Corrupt(column)
}

impl GroupBuyRow {
    pub(super) fn record(self) -> StoreResult<GroupBuyRecord> {
        Currency::parse(&self.currency).ok_or_else(corrupt("group_buys.currency"))?;
        let team_price = Price::fen("team_price", self.team_price_minor)
            .map_err(|_| StoreError::Corrupt("group_buys.team_price_minor"))?;
        let team_size = u32::try_from(self.team_size)
            .map_err(|_| StoreError::Corrupt("group_buys.team_size"))?;
        let terms = GroupBuyTerms {
            team_price,
            team_size,
            tiers: parse_tiers(&self.tiers).ok_or_else(corrupt("group_buys.tiers"))?,
            time_limit_hours: self.time_limit_hours,
            stock_limit: self.stock_limit,
            per_buyer_limit: self.per_buyer_limit,
            virtual_fill: self.virtual_fill != 0,
        };
        Ok(GroupBuyRecord {
            id: GroupBuyId::new(self.id),
            shop_id: ShopId::new(self.shop_id),
            product_id: ProductId::new(self.product_id),
            sku_id: SkuId::new(self.sku_id),
            terms,
            created_by: AccountId::new(self.created_by),
            created_at: Timestamp::from_millis(self.created_at),
            closed_at: self.closed_at.map(Timestamp::from_millis),
        })
    }
}

/// Tiers as stored: "size:price_minor" items, comma-separated.
pub(super) fn tiers_text(tiers: &[Tier]) -> String {
    tiers
        .iter()
        .map(|tier| format!("{}:{}", tier.size, tier.price.money().minor()))
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_tiers(text: &str) -> Option<Vec<Tier>> {
    text.split(',')
        .filter(|item| !item.is_empty())
        .map(|item| {
            let (size, price) = item.split_once(':')?;
            Some(Tier {
                size: size.parse().ok()?,
                price: Price::fen("tiers", price.parse().ok()?).ok()?,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
pub(super) struct TeamRow {
    id: String,
    group_buy_id: String,
    opened_by: String,
    opened_at: i64,
    deadline: i64,
    status: String,
    ended_at: Option<i64>,
    members: Option<i64>,
    price_minor: Option<i64>,
    virtual_filled: i64,
}

impl TeamRow {
    pub(super) fn id(&self) -> &str {
        &self.id
    }

    /// The team with `seats`, its own among them picked out.
    pub(super) fn record(self, seats: &[SeatRow]) -> StoreResult<TeamRecord> {
        let seats = seats
            .iter()
            .filter(|seat| seat.team_id == self.id)
            .map(SeatRow::record)
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(TeamRecord {
            status: TeamStatus::parse(&self.status)
                .ok_or_else(corrupt("group_buy_teams.status"))?,
            id: TeamId::new(self.id),
            group_buy_id: GroupBuyId::new(self.group_buy_id),
            opened_by: AccountId::new(self.opened_by),
            opened_at: Timestamp::from_millis(self.opened_at),
            deadline: Timestamp::from_millis(self.deadline),
            ended_at: self.ended_at.map(Timestamp::from_millis),
            members: self
                .members
                .map(u32::try_from)
                .transpose()
                .map_err(|_| StoreError::Corrupt("group_buy_teams.members"))?,
            price: self
                .price_minor
                .map(|fen| Price::fen("price", fen))
                .transpose()
                .map_err(|_| StoreError::Corrupt("group_buy_teams.price_minor"))?,
            virtual_filled: self.virtual_filled != 0,
            seats,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct SeatRow {
    team_id: String,
    order_id: String,
    checkout_id: String,
    buyer_id: String,
    units: i64,
    taken_at: i64,
    status: String,
    total_minor: i64,
}

impl SeatRow {
    fn record(&self) -> StoreResult<SeatRecord> {
        let units = u32::try_from(self.units)
            .ok()
            .and_then(Quantity::new)
            .ok_or_else(corrupt("group_buy_seats.units"))?;
        Ok(SeatRecord {
            order_id: OrderId::new(self.order_id.clone()),
            checkout_id: CheckoutId::new(self.checkout_id.clone()),
            buyer_id: AccountId::new(self.buyer_id.clone()),
            units,
            taken_at: Timestamp::from_millis(self.taken_at),
            order_status: OrderStatus::parse(&self.status).ok_or_else(corrupt("orders.status"))?,
            paid: Money::fen(self.total_minor),
        })
    }
}
