//! Lucky draws. Closing is one transaction guarded by `WHERE status = 'open'`, so a second
//! close (the timer and the host at once, or a repeat) writes nothing; winners' notifications
//! are keyed by the draw, so none is written twice either.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, LiveDrawId, LiveSessionId};
use farmgate_domain::live_draw::DrawStatus;
use farmgate_domain::time::Timestamp;
use sqlx::AnyPool;

use super::errors::refused;
use super::SqlStore;
use crate::{
    DrawOutcome, DrawRecord, DrawWinner, LiveDraws, NotificationKind, StoreError, StoreResult,
};

macro_rules! draw_columns {
    () => {
        "id, session_id, keyword, prize, winners, opens_at, closes_at, status, entrants, \
         closed_at"
    };
}

type DrawRow = (
    String,
    String,
    String,
    String,
    i64,
    i64,
    i64,
    String,
    Option<i64>,
    Option<i64>,
);

#[async_trait]
impl LiveDraws for SqlStore {
    async fn insert_draw(&self, d: &DrawRecord) -> StoreResult<()> {
        sqlx::query(concat!(
            "INSERT INTO live_draws (",
            draw_columns!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        ))
        .bind(d.id.as_str())
        .bind(d.session_id.as_str())
        .bind(d.keyword.as_str())
        .bind(d.prize.as_str())
        .bind(d.winners)
        .bind(d.opens_at.millis())
        .bind(d.closes_at.millis())
        .bind(d.status.as_str())
        .bind(d.entrants)
        .bind(d.closed_at.map(Timestamp::millis))
        .execute(&self.writer)
        .await
        .map_err(refused("the session already has a draw open"))?;
        Ok(())
    }

    async fn draw(&self, id: &LiveDrawId) -> StoreResult<Option<DrawRecord>> {
        let draws = draws_where(&self.reader, "id = $1", id.as_str()).await?;
        Ok(draws.into_iter().next())
    }

    async fn draws_of(&self, session: &LiveSessionId) -> StoreResult<Vec<DrawRecord>> {
        draws_where(&self.reader, "session_id = $1", session.as_str()).await
    }

    async fn open_draws(&self) -> StoreResult<Vec<DrawRecord>> {
        draws_where(&self.reader, "status = $1", DrawStatus::Open.as_str()).await
    }

    async fn close_draw(
        &self,
        id: &LiveDrawId,
        outcome: &DrawOutcome,
        at: Timestamp,
    ) -> StoreResult<bool> {
        let (status, entrants) = match outcome {
            DrawOutcome::Drawn { entrants, .. } => (DrawStatus::Drawn, Some(*entrants)),
            DrawOutcome::Interrupted => (DrawStatus::Interrupted, None),
        };
        let mut tx = self.writer.begin().await?;
        let closed: Option<(String,)> = sqlx::query_as(
            "UPDATE live_draws SET status = $2, entrants = $3, closed_at = $4 \
             WHERE id = $1 AND status = 'open' RETURNING prize",
        )
        .bind(id.as_str())
        .bind(status.as_str())
        .bind(entrants)
        .bind(at.millis())
        .fetch_optional(&mut *tx)
        .await
        .map_err(refused("draw"))?;
        let Some((prize,)) = closed else {
            return Ok(false);
        };
        if let DrawOutcome::Drawn { won, link, .. } = outcome {
            for (position, winner) in won.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO live_draw_winners (draw_id, account_id, display_name, position) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(id.as_str())
                .bind(winner.account_id.as_str())
                .bind(winner.display_name.as_str())
                .bind(i64::try_from(position).unwrap_or(i64::MAX))
                .execute(&mut *tx)
                .await
                .map_err(refused("a winner is drawn once"))?;
                sqlx::query(
                    "INSERT INTO notifications (account_id, kind, title, link, created_at, \
                     event_key) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                )
                .bind(winner.account_id.as_str())
                .bind(NotificationKind::DrawWon.as_str())
                .bind(prize.as_str())
                .bind(link.as_str())
                .bind(at.millis())
                .bind(format!("draw:{id}"))
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn draw_excluded_accounts(&self, session: &LiveSessionId) -> StoreResult<Vec<AccountId>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT m.account_id FROM shop_members m JOIN live_sessions s ON s.shop_id = m.shop_id \
             WHERE s.id = $1 UNION SELECT host_id FROM live_sessions WHERE id = $1",
        )
        .bind(session.as_str())
        .fetch_all(&self.reader)
        .await?;
        Ok(rows.into_iter().map(|(id,)| AccountId::new(id)).collect())
    }
}

/// Draws matching one condition on one value, newest first, each with its winners.
async fn draws_where(pool: &AnyPool, condition: &str, value: &str) -> StoreResult<Vec<DrawRecord>> {
    let rows: Vec<DrawRow> = sqlx::query_as(&format!(
        "SELECT {} FROM live_draws WHERE {condition} ORDER BY opens_at DESC, id",
        draw_columns!()
    ))
    .bind(value)
    .fetch_all(pool)
    .await?;
    let mut draws = Vec::with_capacity(rows.len());
    for row in rows {
        let mut draw = draw_record(row)?;
        draw.won = winners(pool, &draw.id).await?;
        draws.push(draw);
    }
    Ok(draws)
}

async fn winners(pool: &AnyPool, draw: &LiveDrawId) -> StoreResult<Vec<DrawWinner>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT account_id, display_name FROM live_draw_winners WHERE draw_id = $1 \
         ORDER BY position",
    )
    .bind(draw.as_str())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(account, display_name)| DrawWinner {
            account_id: AccountId::new(account),
            display_name,
        })
        .collect())
}

fn draw_record(row: DrawRow) -> StoreResult<DrawRecord> {
    let (id, session, keyword, prize, winners, opens_at, closes_at, status, entrants, closed_at) =
        row;
    Ok(DrawRecord {
        id: LiveDrawId::new(id),
        session_id: LiveSessionId::new(session),
        keyword,
        prize,
        winners,
        opens_at: Timestamp::from_millis(opens_at),
        closes_at: Timestamp::from_millis(closes_at),
        status: DrawStatus::parse(&status).ok_or(StoreError::Corrupt("live_draws.status"))?,
        entrants,
        closed_at: closed_at.map(Timestamp::from_millis),
        won: Vec::new(),
    })
}
