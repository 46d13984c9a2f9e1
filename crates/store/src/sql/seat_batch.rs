//! Group commit (`group_commit.rs`) for group-buy seats. Each seat, in the order it came, is
//! taken with its checkout or refused with nothing of it written. The group-buy's row is locked
//! first (on PostgreSQL; SQLite has one writer), then the team's, so seats of one group-buy
//! take turns however many nodes take them: a team never seats more buyers than it has places,
//! and the group-buy never sells more units than its cap.

use async_trait::async_trait;
use farmgate_domain::group_buy::{JoinRefusal, Team};
use farmgate_domain::id::{CheckoutId, OrderId, TeamId};
use sqlx::{AnyConnection, AnyPool};

use super::checkout_batch::{delete_checkouts, insert_checkouts, insert_orders_with_lines};
use super::group_buy_rows::{GroupBuyRow, SeatRow, TeamRow};
use super::group_buy_rows::{GROUP_BUY_COLUMNS, HOLDING, SEAT_SELECT, TEAM_COLUMNS};
use super::group_commit::{Batch, GroupCommit};
use crate::{
    Backend, GroupBuyRecord, NewCheckout, NewSeat, OrderDetail, OrderLineRecord, SeatOutcome,
    SeatTaken, StoreError, StoreResult, TeamChoice, TeamStatus,
};

/// Hands seats to the batching task.
pub(super) type SeatQueue = GroupCommit<Seats>;

pub(super) struct Seats {
    pool: AnyPool,
    backend: Backend,
}

#[async_trait]
impl Batch for Seats {
    type Job = NewSeat;
    type Outcome = SeatOutcome;
    const MAX: usize = 128;

    async fn apply(&self, seats: &[NewSeat]) -> StoreResult<Vec<StoreResult<SeatOutcome>>> {
        let mut tx = self.pool.begin().await?;
        let mut outcomes = Vec::with_capacity(seats.len());
        for seat in seats {
            outcomes.push(take_one(&mut tx, self.backend, seat).await?);
        }
        tx.commit().await?;
        Ok(outcomes)
    }
}

impl SeatQueue {
    pub(super) async fn take(
        &self,
        pool: &AnyPool,
        backend: Backend,
        seat: NewSeat,
    ) -> StoreResult<SeatOutcome> {
        self.submit(seat, || Seats {
            pool: pool.clone(),
            backend,
        })
        .await
    }
}

/// One seat: the outer error fails the batch, the inner one only this seat.
async fn take_one(
    tx: &mut AnyConnection,
    backend: Backend,
    seat: &NewSeat,
) -> StoreResult<StoreResult<SeatOutcome>> {
    let checkout = &seat.checkout;
    let Some((order, line)) = only_line(checkout) else {
        return Ok(Err(StoreError::Conflict("a seat's checkout has one line")));
    };
    if insert_checkouts(&mut *tx, backend, &[checkout])
        .await?
        .is_empty()
    {
        return replayed(tx, seat).await;
    }
    let refused = |why: JoinRefusal| Ok(Ok(SeatOutcome::Refused(why)));
    let group = locked_group_buy(tx, backend, seat).await?;
    let Some(group) = group.filter(|group| group.sku_id == line.sku_id) else {
        delete_checkouts(&mut *tx, &[checkout.id.as_str()]).await?;
        return Ok(Err(StoreError::NotFound));
    };
    let now = checkout.created_at;
    let team = match &seat.team {
        TeamChoice::Open(_) if group.closed_at.is_some() => Err(JoinRefusal::Ended),
        TeamChoice::Open(_) => Ok(Team {
            opened_at: now,
            seats: Vec::new(),
        }),
        TeamChoice::Join(_) => match locked_team(tx, backend, seat).await? {
            None => {
                delete_checkouts(&mut *tx, &[checkout.id.as_str()]).await?;
                return Ok(Err(StoreError::NotFound));
            }
            Some(team) => team,
        },
    };
    let (taken, bought) = units_held(tx, seat, group.terms.stock_limit).await?;
    let stock_left = group.terms.stock_limit - taken;
    let admitted = team.and_then(|team| {
        team.admit(
            &group.terms,
            &checkout.buyer,
            seat.units,
            bought,
            stock_left,
            now,
        )
    });
    let admitted = match admitted {
        Ok(()) => take_stock(tx, line).await?,
        Err(why) => Err(why),
    };
    if let Err(why) = admitted {
        delete_checkouts(&mut *tx, &[checkout.id.as_str()]).await?;
        return refused(why);
    }
    if let TeamChoice::Open(id) = &seat.team {
        sqlx::query(
            "INSERT INTO group_buy_teams (id, group_buy_id, opened_by, opened_at, deadline, \
             status) VALUES ($1, $2, $3, $4, $5, 'open')",
        )
        .bind(id.as_str())
        .bind(group.id.as_str())
        .bind(checkout.buyer.as_str())
        .bind(now.millis())
        .bind(group.terms.deadline(now).millis())
        .execute(&mut *tx)
        .await?;
    }
    insert_orders_with_lines(&mut *tx, backend, &[order]).await?;
    sqlx::query("UPDATE group_buys SET units_taken = units_taken + $2 WHERE id = $1")
        .bind(group.id.as_str())
        .bind(i64::from(seat.units.get()))
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO group_buy_seats (order_id, team_id, group_buy_id, buyer_id, checkout_id, \
         units, taken_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(order.order.id.as_str())
    .bind(seat.team.team().as_str())
    .bind(group.id.as_str())
    .bind(checkout.buyer.as_str())
    .bind(checkout.id.as_str())
    .bind(i64::from(seat.units.get()))
    .bind(now.millis())
    .execute(&mut *tx)
    .await?;
    Ok(Ok(SeatOutcome::Taken(SeatTaken {
        team_id: seat.team.team().clone(),
        checkout_id: checkout.id.clone(),
        order_id: order.order.id.clone(),
    })))
}

/// The checkout's order and its line, when it has exactly one of each.
fn only_line(checkout: &NewCheckout) -> Option<(&OrderDetail, &OrderLineRecord)> {
    match checkout.orders.as_slice() {
        [order] => match order.lines.as_slice() {
            [line] => Some((order, line)),
            _ => None,
        },
        _ => None,
    }
}

fn for_update(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    }
}

async fn locked_group_buy(
    tx: &mut AnyConnection,
    backend: Backend,
    seat: &NewSeat,
) -> StoreResult<Option<GroupBuyRecord>> {
    let sql = format!(
        "SELECT {GROUP_BUY_COLUMNS} FROM group_buys WHERE id = $1{}",
        for_update(backend)
    );
    let row: Option<GroupBuyRow> = sqlx::query_as(&sql)
        .bind(seat.group_buy_id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    row.map(GroupBuyRow::record).transpose()
}

/// The team joined, locked, as its rules see it; `Err(Ended)` once it has ended.
async fn locked_team(
    tx: &mut AnyConnection,
    backend: Backend,
    seat: &NewSeat,
) -> StoreResult<Option<Result<Team, JoinRefusal>>> {
    let sql = format!(
        "SELECT {TEAM_COLUMNS} FROM group_buy_teams WHERE id = $1 AND group_buy_id = $2{}",
        for_update(backend)
    );
    let row: Option<TeamRow> = sqlx::query_as(&sql)
        .bind(seat.team.team().as_str())
        .bind(seat.group_buy_id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let seats: Vec<SeatRow> = sqlx::query_as(&format!(
        "{SEAT_SELECT} WHERE s.team_id = $1 ORDER BY s.taken_at, s.order_id"
    ))
    .bind(seat.team.team().as_str())
    .fetch_all(&mut *tx)
    .await?;
    let team = row.record(&seats)?;
    Ok(Some(match team.status {
        TeamStatus::Open => Ok(team.team()),
        TeamStatus::Succeeded | TeamStatus::Failed => Err(JoinRefusal::Ended),
    }))
}

/// Units of the group-buy held by its seats (or a bound above that, while the bound is within
/// `cap`), and by this seat's buyer. Counting every seat of a popular group-buy on each join
/// would grow with its sales; the units ever taken bound what is held, and are read from one row.
async fn units_held(tx: &mut AnyConnection, seat: &NewSeat, cap: i64) -> StoreResult<(i64, i64)> {
    let group_buy = seat.group_buy_id.as_str();
    let buyer = seat.checkout.buyer.as_str();
    let (ever,): (i64,) = sqlx::query_as("SELECT units_taken FROM group_buys WHERE id = $1")
        .bind(group_buy)
        .fetch_one(&mut *tx)
        .await?;
    let sum = |whose: &str| {
        format!(
            "SELECT CAST(COALESCE(SUM(s.units), 0) AS BIGINT) FROM group_buy_seats s \
             JOIN orders o ON o.id = s.order_id \
             WHERE s.group_buy_id = $1 AND o.status IN {HOLDING}{whose}"
        )
    };
    let (bought,): (i64,) = sqlx::query_as(&sum(" AND s.buyer_id = $2"))
        .bind(group_buy)
        .bind(buyer)
        .fetch_one(&mut *tx)
        .await?;
    if ever + i64::from(seat.units.get()) <= cap {
        return Ok((ever, bought));
    }
    let (held,): (i64,) = sqlx::query_as(&sum(""))
        .bind(group_buy)
        .fetch_one(&mut *tx)
        .await?;
    Ok((held, bought))
}

/// Takes the line's units from its SKU; `OutOfStock` when the SKU has fewer.
async fn take_stock(
    tx: &mut AnyConnection,
    line: &OrderLineRecord,
) -> StoreResult<Result<(), JoinRefusal>> {
    let done = sqlx::query("UPDATE skus SET stock = stock - $2 WHERE id = $1 AND stock >= $2")
        .bind(line.sku_id.as_str())
        .bind(line.quantity)
        .execute(&mut *tx)
        .await?;
    Ok(match done.rows_affected() {
        0 => Err(JoinRefusal::OutOfStock),
        _ => Ok(()),
    })
}

/// The seat an earlier request with the same key took.
async fn replayed(tx: &mut AnyConnection, seat: &NewSeat) -> StoreResult<StoreResult<SeatOutcome>> {
    let found: Option<(String, String, String)> = sqlx::query_as(
        "SELECT s.team_id, s.checkout_id, s.order_id FROM group_buy_seats s \
         JOIN checkouts c ON c.id = s.checkout_id \
         WHERE c.buyer_id = $1 AND c.idempotency_key = $2",
    )
    .bind(seat.checkout.buyer.as_str())
    .bind(seat.checkout.idempotency_key.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    Ok(match found {
        Some((team, checkout, order)) => Ok(SeatOutcome::Replayed(SeatTaken {
            team_id: TeamId::new(team),
            checkout_id: CheckoutId::new(checkout),
            order_id: OrderId::new(order),
        })),
        None => Err(StoreError::Conflict(
            "that key was used for another purchase",
        )),
    })
}
