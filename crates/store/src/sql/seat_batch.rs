//! Group commit (`group_commit.rs`) for group-buy seats. Each seat, in the order it came, is
//! taken with its checkout or refused with nothing of it written. A batch reads what its seats
//! need once (`seat_state.rs`: the group-buys' rows are locked first on PostgreSQL, then the
//! teams', so seats of one group-buy take turns however many nodes take them), decides each
//! seat against that state as the seats before it left it, and writes what was taken with a
//! few multi-row statements: a team never seats more buyers than it has places, and the
//! group-buy never sells more units than its cap.

use std::collections::{BTreeMap, HashSet};

use async_trait::async_trait;
use farmgate_domain::id::{CheckoutId, OrderId, TeamId};
use farmgate_domain::time::Timestamp;
use sqlx::{AnyConnection, AnyPool};

use super::checkout_batch::{delete_checkouts, insert_checkouts, insert_orders_with_lines};
use super::group_commit::{Batch, GroupCommit};
use super::seat_state::{Decision, SeatState};
use super::stock::{by_id, write_stock};
use super::value_rows;
use crate::{
    Backend, NewCheckout, NewSeat, OrderDetail, OrderLineRecord, SeatOutcome, SeatTaken,
    StoreError, StoreResult,
};

/// Rows per multi-row `INSERT` of teams and of seats.
const ROWS_PER_INSERT: usize = 64;

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
        let outcomes = take_batch(&mut tx, self.backend, seats).await?;
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

async fn take_batch(
    tx: &mut AnyConnection,
    backend: Backend,
    seats: &[NewSeat],
) -> StoreResult<Vec<StoreResult<SeatOutcome>>> {
    let lines: Vec<_> = seats.iter().map(|seat| only_line(&seat.checkout)).collect();
    let well_formed: Vec<&NewCheckout> = seats
        .iter()
        .zip(&lines)
        .filter(|(_, line)| line.is_some())
        .map(|(seat, _)| &seat.checkout)
        .collect();
    let inserted = insert_checkouts(&mut *tx, backend, &well_formed).await?;
    let new: Vec<&NewSeat> = seats
        .iter()
        .filter(|seat| inserted.contains(seat.checkout.id.as_str()))
        .collect();
    let mut state = SeatState::read(&mut *tx, backend, &new).await?;
    let mut writes = SeatWrites::default();
    let mut answers = Vec::with_capacity(seats.len());
    for (seat, line) in seats.iter().zip(&lines) {
        let Some((order, line)) = line else {
            answers.push(Some(Answer::NotOneLine));
            continue;
        };
        if !inserted.contains(seat.checkout.id.as_str()) {
            answers.push(None);
            continue;
        }
        answers.push(Some(match state.decide(&mut *tx, seat, line).await? {
            Decision::NotFound => {
                writes.refused.push(seat.checkout.id.as_str());
                Answer::NotFound
            }
            Decision::Refused(why) => {
                writes.refused.push(seat.checkout.id.as_str());
                Answer::Seat(SeatOutcome::Refused(why))
            }
            Decision::Taken { opened } => {
                writes.taken(seat, order, opened);
                Answer::Seat(SeatOutcome::Taken(seat_taken(seat, order)))
            }
        }));
    }
    write_stock(&mut *tx, backend, &state.stock).await?;
    writes.write(&mut *tx, backend).await?;
    let mut outcomes = Vec::with_capacity(seats.len());
    for (index, seat) in seats.iter().enumerate() {
        outcomes.push(match &answers[index] {
            Some(answer) => answer.clone().result(),
            None => match first_with_key(seats, &answers, &inserted, index) {
                Some(first) => first.clone().replayed().result(),
                None => replayed(&mut *tx, seat).await?,
            },
        });
    }
    Ok(outcomes)
}

/// How a seat was answered, kept so that the same seat sent twice in one batch gets the first
/// one's answer.
#[derive(Clone)]
enum Answer {
    Seat(SeatOutcome),
    NotFound,
    NotOneLine,
}

impl Answer {
    /// The answer to the same seat sent again: a seat taken is replayed, a refusal repeated.
    fn replayed(self) -> Answer {
        match self {
            Answer::Seat(SeatOutcome::Taken(taken)) => Answer::Seat(SeatOutcome::Replayed(taken)),
            other => other,
        }
    }

    fn result(self) -> StoreResult<SeatOutcome> {
        match self {
            Answer::Seat(outcome) => Ok(outcome),
            Answer::NotFound => Err(StoreError::NotFound),
            Answer::NotOneLine => Err(StoreError::Conflict("a seat's checkout has one line")),
        }
    }
}

/// The answer of the seat earlier in the batch that went in with the same buyer and key.
fn first_with_key<'a>(
    seats: &[NewSeat],
    answers: &'a [Option<Answer>],
    inserted: &HashSet<String>,
    index: usize,
) -> Option<&'a Answer> {
    let checkout = &seats[index].checkout;
    seats[..index]
        .iter()
        .zip(answers)
        .find(|(earlier, _)| {
            inserted.contains(earlier.checkout.id.as_str())
                && earlier.checkout.buyer == checkout.buyer
                && earlier.checkout.idempotency_key == checkout.idempotency_key
        })
        .and_then(|(_, answer)| answer.as_ref())
}

fn seat_taken(seat: &NewSeat, order: &OrderDetail) -> SeatTaken {
    SeatTaken {
        team_id: seat.team.team().clone(),
        checkout_id: seat.checkout.id.clone(),
        order_id: order.order.id.clone(),
    }
}

fn only_line(checkout: &NewCheckout) -> Option<(&OrderDetail, &OrderLineRecord)> {
    match checkout.orders.as_slice() {
        [order] => match order.lines.as_slice() {
            [line] => Some((order, line)),
            _ => None,
        },
        _ => None,
    }
}

/// What a batch writes once every seat is decided.
#[derive(Default)]
struct SeatWrites<'a> {
    /// Checkouts of refused seats, to delete.
    refused: Vec<&'a str>,
    /// Teams opened, with their deadlines.
    opened: Vec<(&'a NewSeat, Timestamp)>,
    seats: Vec<(&'a NewSeat, &'a OrderDetail)>,
    /// Units taken per group-buy.
    units: BTreeMap<&'a str, i64>,
}

impl<'a> SeatWrites<'a> {
    fn taken(&mut self, seat: &'a NewSeat, order: &'a OrderDetail, opened: Option<Timestamp>) {
        if let Some(deadline) = opened {
            self.opened.push((seat, deadline));
        }
        self.seats.push((seat, order));
        *self.units.entry(seat.group_buy_id.as_str()).or_default() += i64::from(seat.units.get());
    }

    async fn write(&self, tx: &mut AnyConnection, backend: Backend) -> StoreResult<()> {
        delete_checkouts(&mut *tx, &self.refused).await?;
        for chunk in self.opened.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO group_buy_teams (id, group_buy_id, opened_by, opened_at, deadline, \
                 status) VALUES {}",
                value_rows(backend, chunk.len(), 6)
            );
            let mut query = sqlx::query(&sql);
            for (seat, deadline) in chunk {
                query = query
                    .bind(seat.team.team().as_str())
                    .bind(seat.group_buy_id.as_str())
                    .bind(seat.checkout.buyer.as_str())
                    .bind(seat.checkout.created_at.millis())
                    .bind(deadline.millis())
                    .bind("open");
            }
            query.execute(&mut *tx).await?;
        }
        let orders: Vec<&OrderDetail> = self.seats.iter().map(|(_, order)| *order).collect();
        insert_orders_with_lines(&mut *tx, backend, &orders).await?;
        self.add_units_taken(&mut *tx, backend).await?;
        for chunk in self.seats.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO group_buy_seats (order_id, team_id, group_buy_id, buyer_id, \
                 checkout_id, units, taken_at) VALUES {}",
                value_rows(backend, chunk.len(), 7)
            );
            let mut query = sqlx::query(&sql);
            for (seat, order) in chunk {
                query = query
                    .bind(order.order.id.as_str())
                    .bind(seat.team.team().as_str())
                    .bind(seat.group_buy_id.as_str())
                    .bind(seat.checkout.buyer.as_str())
                    .bind(seat.checkout.id.as_str())
                    .bind(i64::from(seat.units.get()))
                    .bind(seat.checkout.created_at.millis());
            }
            query.execute(&mut *tx).await?;
        }
        Ok(())
    }

    /// Adds each group-buy's units taken in one statement.
    async fn add_units_taken(&self, tx: &mut AnyConnection, backend: Backend) -> StoreResult<()> {
        let n = self.units.len();
        if n == 0 {
            return Ok(());
        }
        let sql = format!(
            "UPDATE group_buys SET units_taken = units_taken + {}",
            by_id(backend, n)
        );
        let mut query = sqlx::query(&sql);
        for (group_buy, units) in &self.units {
            query = query.bind(*group_buy).bind(*units);
        }
        for group_buy in self.units.keys() {
            query = query.bind(*group_buy);
        }
        query.execute(&mut *tx).await?;
        Ok(())
    }
}

/// A seat whose key this buyer used before this batch: that seat, or a refusal if the key went
/// to another purchase.
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
