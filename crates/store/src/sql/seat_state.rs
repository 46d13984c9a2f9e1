//! What a batch of seats is decided against: its group-buys and teams (locked, in id order, on
//! PostgreSQL; SQLite has one writer), the teams' seats, each buyer's units held and the SKUs'
//! stock, read with a few statements for the whole batch. Each seat is then decided in turn
//! against that state as the seats before it left it, so a batch decides as seats taken one
//! by one would.

use std::collections::{BTreeSet, HashMap};

use farmgate_domain::group_buy::{JoinRefusal, Seat, Team};
use farmgate_domain::time::Timestamp;
use sqlx::any::AnyRow;
use sqlx::AnyConnection;

use super::group_buy_rows::{GroupBuyRow, SeatRow, TeamRow};
use super::group_buy_rows::{GROUP_BUY_COLUMNS, HOLDING, SEAT_SELECT, TEAM_COLUMNS};
use super::stock::{lines, read_stock, BatchStock};
use super::{for_update, params, value_rows};
use crate::{
    Backend, GroupBuyRecord, NewCheckout, NewSeat, OrderLineRecord, StoreResult, TeamChoice,
    TeamStatus,
};

/// How one seat was decided.
pub(super) enum Decision {
    /// No such group-buy for the seat's SKU, or no such team in that group-buy.
    NotFound,
    Refused(JoinRefusal),
    /// Seated; `opened` holds the new team's deadline when the seat opened it.
    Taken {
        opened: Option<Timestamp>,
    },
}

/// A group-buy with the units its seats have ever taken (a bound above what they hold, since
/// given-up seats only lower it) and the units this batch's seats took.
struct GroupBuyState {
    record: GroupBuyRecord,
    units_taken: i64,
    taken_here: i64,
}

/// A team's group-buy, and the team if it is still open.
struct TeamState {
    group_buy_id: String,
    team: Result<Team, JoinRefusal>,
}

#[derive(sqlx::FromRow)]
struct LockedGroupBuy {
    #[sqlx(flatten)]
    row: GroupBuyRow,
    units_taken: i64,
}

#[derive(Default)]
pub(super) struct SeatState {
    group_buys: HashMap<String, GroupBuyState>,
    teams: HashMap<String, TeamState>,
    /// Units held per group-buy and buyer.
    bought: HashMap<(String, String), i64>,
    pub(super) stock: BatchStock,
}

impl SeatState {
    /// Reads what deciding `seats` needs.
    pub(super) async fn read(
        conn: &mut AnyConnection,
        backend: Backend,
        seats: &[&NewSeat],
    ) -> StoreResult<SeatState> {
        if seats.is_empty() {
            return Ok(SeatState::default());
        }
        let group_ids: BTreeSet<&str> = seats.iter().map(|s| s.group_buy_id.as_str()).collect();
        let team_ids: BTreeSet<&str> = seats
            .iter()
            .filter_map(|s| match &s.team {
                TeamChoice::Join(team) => Some(team.as_str()),
                TeamChoice::Open(_) => None,
            })
            .collect();
        let pairs: BTreeSet<(&str, &str)> = seats
            .iter()
            .map(|s| (s.group_buy_id.as_str(), s.checkout.buyer.as_str()))
            .collect();
        let checkouts: Vec<&NewCheckout> = seats.iter().map(|s| &s.checkout).collect();
        Ok(SeatState {
            group_buys: read_group_buys(conn, backend, &group_ids).await?,
            teams: read_teams(conn, backend, &team_ids).await?,
            bought: read_bought(conn, backend, &pairs).await?,
            stock: read_stock(conn, backend, &checkouts).await?,
        })
    }

    /// Decides `seat`, whose checkout's one line is `line`, and keeps what it took.
    pub(super) async fn decide(
        &mut self,
        conn: &mut AnyConnection,
        seat: &NewSeat,
        line: &OrderLineRecord,
    ) -> StoreResult<Decision> {
        let group_buy_id = seat.group_buy_id.as_str();
        let Some(group) = self
            .group_buys
            .get(group_buy_id)
            .filter(|group| group.record.sku_id == line.sku_id)
        else {
            return Ok(Decision::NotFound);
        };
        let checkout = &seat.checkout;
        let now = checkout.created_at;
        let terms = group.record.terms.clone();
        let team = match &seat.team {
            TeamChoice::Open(_) if group.record.closed_at.is_some() => Err(JoinRefusal::Ended),
            TeamChoice::Open(_) => Ok(Team {
                opened_at: now,
                seats: Vec::new(),
            }),
            TeamChoice::Join(team) => match self.teams.get(team.as_str()) {
                Some(found) if found.group_buy_id == group_buy_id => found.team.clone(),
                _ => return Ok(Decision::NotFound),
            },
        };
        let units = i64::from(seat.units.get());
        let taken_here = group.taken_here;
        let ever = group.units_taken + taken_here;
        let held = if ever + units <= terms.stock_limit {
            ever
        } else {
            units_held(conn, group_buy_id).await? + taken_here
        };
        let key = (group_buy_id.to_owned(), checkout.buyer.as_str().to_owned());
        let bought = self.bought.get(&key).copied().unwrap_or(0);
        let stock_left = terms.stock_limit - held;
        let mut team = match team.and_then(|team| {
            team.admit(&terms, &checkout.buyer, seat.units, bought, stock_left, now)?;
            Ok(team)
        }) {
            Ok(team) => team,
            Err(why) => return Ok(Decision::Refused(why)),
        };
        if !self.stock.take(lines(checkout)) {
            return Ok(Decision::Refused(JoinRefusal::OutOfStock));
        }
        team.seats.push(Seat {
            buyer: checkout.buyer.clone(),
            units: seat.units,
            paid: false,
        });
        let team_state = TeamState {
            group_buy_id: group_buy_id.to_owned(),
            team: Ok(team),
        };
        self.teams
            .insert(seat.team.team().as_str().to_owned(), team_state);
        if let Some(group) = self.group_buys.get_mut(group_buy_id) {
            group.taken_here += units;
        }
        *self.bought.entry(key).or_default() += units;
        let opened = matches!(seat.team, TeamChoice::Open(_)).then(|| terms.deadline(now));
        Ok(Decision::Taken { opened })
    }
}

async fn read_group_buys(
    conn: &mut AnyConnection,
    backend: Backend,
    ids: &BTreeSet<&str>,
) -> StoreResult<HashMap<String, GroupBuyState>> {
    let select = format!("SELECT {GROUP_BUY_COLUMNS}, units_taken FROM group_buys");
    let rows: Vec<LockedGroupBuy> = locked_by_id(conn, backend, &select, ids).await?;
    let mut found = HashMap::with_capacity(ids.len());
    for locked in rows {
        let record = locked.row.record()?;
        let state = GroupBuyState {
            record,
            units_taken: locked.units_taken,
            taken_here: 0,
        };
        found.insert(state.record.id.as_str().to_owned(), state);
    }
    Ok(found)
}

async fn read_teams(
    conn: &mut AnyConnection,
    backend: Backend,
    ids: &BTreeSet<&str>,
) -> StoreResult<HashMap<String, TeamState>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let select = format!("SELECT {TEAM_COLUMNS} FROM group_buy_teams");
    let rows: Vec<TeamRow> = locked_by_id(conn, backend, &select, ids).await?;
    let sql = format!(
        "{SEAT_SELECT} WHERE s.team_id IN ({}) ORDER BY s.taken_at, s.order_id",
        params(backend, 1, ids.len())
    );
    let seats = ids
        .iter()
        .fold(sqlx::query_as::<_, SeatRow>(&sql), |query, id| {
            query.bind(*id)
        })
        .fetch_all(&mut *conn)
        .await?;
    let mut found = HashMap::with_capacity(rows.len());
    for row in rows {
        let record = row.record(&seats)?;
        let team = match record.status {
            TeamStatus::Open => Ok(record.team()),
            TeamStatus::Succeeded | TeamStatus::Failed => Err(JoinRefusal::Ended),
        };
        let state = TeamState {
            group_buy_id: record.group_buy_id.as_str().to_owned(),
            team,
        };
        found.insert(record.id.as_str().to_owned(), state);
    }
    Ok(found)
}

/// The rows of `select` whose `id` is one of `ids`, in id order, locked on PostgreSQL.
async fn locked_by_id<R>(
    conn: &mut AnyConnection,
    backend: Backend,
    select: &str,
    ids: &BTreeSet<&str>,
) -> StoreResult<Vec<R>>
where
    R: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin,
{
    let sql = format!(
        "{select} WHERE id IN ({}) ORDER BY id{}",
        params(backend, 1, ids.len()),
        for_update(backend)
    );
    Ok(ids
        .iter()
        .fold(sqlx::query_as::<_, R>(&sql), |query, id| query.bind(*id))
        .fetch_all(&mut *conn)
        .await?)
}

/// The units each buyer holds in each group-buy, by seats whose order still holds its place.
/// The pairs come first as a `VALUES` list, joined in that order (`CROSS JOIN` fixes it on
/// SQLite), so each pair is one search of the seats' index: an `OR` per pair, or a row-value
/// `IN`, let SQLite's planner walk every order awaiting payment instead.
async fn read_bought(
    conn: &mut AnyConnection,
    backend: Backend,
    pairs: &BTreeSet<(&str, &str)>,
) -> StoreResult<HashMap<(String, String), i64>> {
    let sql = format!(
        "WITH wanted (group_buy_id, buyer_id) AS (VALUES {}) \
         SELECT s.group_buy_id, s.buyer_id, CAST(SUM(s.units) AS BIGINT) \
         FROM wanted w CROSS JOIN group_buy_seats s CROSS JOIN orders o \
         WHERE s.group_buy_id = w.group_buy_id AND s.buyer_id = w.buyer_id \
         AND o.id = s.order_id AND o.status IN {HOLDING} \
         GROUP BY s.group_buy_id, s.buyer_id",
        value_rows(backend, pairs.len(), 2)
    );
    let mut query = sqlx::query_as::<_, (String, String, i64)>(&sql);
    for (group_buy, buyer) in pairs {
        query = query.bind(*group_buy).bind(*buyer);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(group_buy, buyer, units)| ((group_buy, buyer), units))
        .collect())
}

/// The units a group-buy's seats hold exactly, counted only when the bound reaches the cap.
async fn units_held(conn: &mut AnyConnection, group_buy_id: &str) -> StoreResult<i64> {
    let (held,): (i64,) = sqlx::query_as(&format!(
        "SELECT CAST(COALESCE(SUM(s.units), 0) AS BIGINT) FROM group_buy_seats s \
         JOIN orders o ON o.id = s.order_id \
         WHERE s.group_buy_id = $1 AND o.status IN {HOLDING}"
    ))
    .bind(group_buy_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(held)
}
