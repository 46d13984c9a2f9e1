//! Group-buys: created on a shop's SKU, read with their teams and seats, and each team ended
//! once, with its refunds and notices, by a guarded update that checks the seats are as they
//! were read. Seats are taken by the group commit in `seat_batch.rs`.

use std::collections::BTreeSet;

use async_trait::async_trait;
use farmgate_domain::group_buy::TeamOutcome;
use farmgate_domain::id::{CheckoutId, GroupBuyId, ShopId, TeamId};
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::after_sales::insert_case;
use super::group_buy_rows::{tiers_text, GroupBuyRow, SeatRow, TeamRow};
use super::group_buy_rows::{GROUP_BUY_COLUMNS, HOLDING, PAID, SEAT_SELECT, TEAM_COLUMNS};
use super::orders::expire_checkout;
use super::{placeholders, SqlStore};
use crate::{
    EndOutcome, ExpiredOrders, GroupBuyRecord, GroupBuys, NewSeat, SeatOutcome, StoreError,
    StoreResult, TeamEnding, TeamRecord,
};

#[async_trait]
impl GroupBuys for SqlStore {
    async fn insert_group_buy(&self, g: &GroupBuyRecord) -> StoreResult<()> {
        let t = &g.terms;
        let sql = format!(
            "INSERT INTO group_buys ({GROUP_BUY_COLUMNS}) \
             SELECT $1, p.shop_id, p.id, k.id, $5, 'CNY', $6, $7, $8, $9, $10, $11, $12, $13, $14 \
             FROM skus k JOIN products p ON p.id = k.product_id \
             WHERE k.id = $4 AND p.id = $3 AND p.shop_id = $2 AND k.stock >= $9"
        );
        let inserted = sqlx::query(&sql)
            .bind(g.id.as_str())
            .bind(g.shop_id.as_str())
            .bind(g.product_id.as_str())
            .bind(g.sku_id.as_str())
            .bind(t.team_price.money().minor())
            .bind(i64::from(t.team_size))
            .bind(tiers_text(&t.tiers))
            .bind(t.time_limit_hours)
            .bind(t.stock_limit)
            .bind(t.per_buyer_limit)
            .bind(i64::from(t.virtual_fill))
            .bind(g.created_by.as_str())
            .bind(g.created_at.millis())
            .bind(g.closed_at.map(Timestamp::millis))
            .execute(&self.writer)
            .await
            .map_err(super::errors::refused("that group-buy exists"))?;
        if inserted.rows_affected() == 0 {
            return Err(StoreError::Conflict(
                "a group-buy needs a variant of the shop's product with the units it offers",
            ));
        }
        Ok(())
    }

    async fn group_buy(&self, id: &GroupBuyId) -> StoreResult<Option<GroupBuyRecord>> {
        let sql = format!("SELECT {GROUP_BUY_COLUMNS} FROM group_buys WHERE id = $1");
        let row: Option<GroupBuyRow> = sqlx::query_as(&sql)
            .bind(id.as_str())
            .fetch_optional(&self.reader)
            .await?;
        row.map(GroupBuyRow::record).transpose()
    }

    async fn group_buys_of_shop(&self, shop: &ShopId) -> StoreResult<Vec<GroupBuyRecord>> {
        let sql = format!(
            "SELECT {GROUP_BUY_COLUMNS} FROM group_buys WHERE shop_id = $1 \
             ORDER BY created_at DESC, id"
        );
        let rows: Vec<GroupBuyRow> = sqlx::query_as(&sql)
            .bind(shop.as_str())
            .fetch_all(&self.reader)
            .await?;
        rows.into_iter().map(GroupBuyRow::record).collect()
    }

    async fn running_group_buys(&self, limit: i64) -> StoreResult<Vec<GroupBuyRecord>> {
        let sql = format!(
            "SELECT {GROUP_BUY_COLUMNS} FROM group_buys WHERE closed_at IS NULL \
             ORDER BY created_at DESC, id LIMIT $1"
        );
        let rows: Vec<GroupBuyRow> = sqlx::query_as(&sql)
            .bind(limit)
            .fetch_all(&self.reader)
            .await?;
        rows.into_iter().map(GroupBuyRow::record).collect()
    }

    async fn close_group_buy(&self, id: &GroupBuyId, at: Timestamp) -> StoreResult<bool> {
        let done =
            sqlx::query("UPDATE group_buys SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL")
                .bind(id.as_str())
                .bind(at.millis())
                .execute(&self.writer)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn team(&self, id: &TeamId) -> StoreResult<Option<TeamRecord>> {
        let sql = format!("SELECT {TEAM_COLUMNS} FROM group_buy_teams WHERE id = $1");
        let rows: Vec<TeamRow> = sqlx::query_as(&sql)
            .bind(id.as_str())
            .fetch_all(&self.reader)
            .await?;
        Ok(self.with_seats(rows).await?.pop())
    }

    async fn open_teams(&self, group_buy: &GroupBuyId, limit: i64) -> StoreResult<Vec<TeamRecord>> {
        let sql = format!(
            "SELECT {TEAM_COLUMNS} FROM group_buy_teams t WHERE group_buy_id = $1 \
             AND status = 'open' ORDER BY (SELECT COUNT(*) FROM group_buy_seats s \
             JOIN orders o ON o.id = s.order_id WHERE s.team_id = t.id AND o.status IN {PAID}) \
             DESC, deadline, id LIMIT $2"
        );
        let rows: Vec<TeamRow> = sqlx::query_as(&sql)
            .bind(group_buy.as_str())
            .bind(limit)
            .fetch_all(&self.reader)
            .await?;
        self.with_seats(rows).await
    }

    async fn team_of_checkout(&self, checkout: &CheckoutId) -> StoreResult<Option<TeamId>> {
        let team: Option<String> =
            sqlx::query_scalar("SELECT team_id FROM group_buy_seats WHERE checkout_id = $1")
                .bind(checkout.as_str())
                .fetch_optional(&self.reader)
                .await?;
        Ok(team.map(TeamId::new))
    }

    async fn take_seat(&self, seat: NewSeat) -> StoreResult<SeatOutcome> {
        self.seats.take(&self.writer, self.backend, seat).await
    }

    async fn teams_due(&self, now: Timestamp, limit: i64) -> StoreResult<Vec<TeamId>> {
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM group_buy_teams WHERE status = 'open' AND deadline <= $1 \
             ORDER BY deadline, id LIMIT $2",
        )
        .bind(now.millis())
        .bind(limit)
        .fetch_all(&self.reader)
        .await?;
        Ok(ids.into_iter().map(TeamId::new).collect())
    }

    async fn expire_team_holds(&self, team: &TeamId, now: Timestamp) -> StoreResult<ExpiredOrders> {
        let held: Vec<String> = sqlx::query_scalar(
            "SELECT s.checkout_id FROM group_buy_seats s \
             JOIN group_buy_teams t ON t.id = s.team_id JOIN orders o ON o.id = s.order_id \
             WHERE s.team_id = $1 AND t.deadline <= $2 AND o.status = 'pending_payment'",
        )
        .bind(team.as_str())
        .bind(now.millis())
        .fetch_all(&self.writer)
        .await?;
        let mut expired = ExpiredOrders::default();
        for checkout in held {
            expire_checkout(&self.writer, &checkout, now, &mut expired).await?;
        }
        Ok(expired)
    }

    async fn end_team(&self, ending: &TeamEnding) -> StoreResult<EndOutcome> {
        let mut tx = self.writer.begin().await?;
        // Lock the team (a no-op update) so two endings, or an ending and a seat, take turns.
        let open = sqlx::query(
            "UPDATE group_buy_teams SET status = status WHERE id = $1 AND status = 'open'",
        )
        .bind(ending.team_id.as_str())
        .execute(&mut *tx)
        .await?;
        if open.rows_affected() == 0 || !seats_as_read(&mut tx, ending).await? {
            return Ok(EndOutcome::Stale);
        }
        let (status, members, price, virtual_filled) = match ending.outcome {
            TeamOutcome::Open { .. } => return Ok(EndOutcome::Stale),
            TeamOutcome::Succeeded {
                members,
                price,
                virtual_filled,
            } => (
                "succeeded",
                members,
                Some(price.money().minor()),
                virtual_filled,
            ),
            TeamOutcome::Failed { members } => ("failed", members, None, false),
        };
        sqlx::query(
            "UPDATE group_buy_teams SET status = $2, ended_at = $3, members = $4, \
             price_minor = $5, virtual_filled = $6 WHERE id = $1",
        )
        .bind(ending.team_id.as_str())
        .bind(status)
        .bind(ending.at.millis())
        .bind(i64::from(members))
        .bind(price)
        .bind(i64::from(virtual_filled))
        .execute(&mut *tx)
        .await?;
        for refund in &ending.refunds {
            insert_case(&mut tx, refund).await?;
        }
        let notify = format!(
            "INSERT INTO notifications (account_id, kind, title, link, created_at, event_key) \
             SELECT DISTINCT s.buyer_id, 'group_buy', $2, $3, $4, $5 FROM group_buy_seats s \
             JOIN orders o ON o.id = s.order_id WHERE s.team_id = $1 AND o.status IN {PAID} \
             ON CONFLICT DO NOTHING"
        );
        sqlx::query(&notify)
            .bind(ending.team_id.as_str())
            .bind(ending.notice_title.as_str())
            .bind(ending.notice_link.as_str())
            .bind(ending.at.millis())
            .bind(format!("team:{}", ending.team_id))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(EndOutcome::Ended)
    }
}

/// Whether the team's paid seats are exactly the ending's, with none still awaiting payment.
async fn seats_as_read(tx: &mut AnyConnection, ending: &TeamEnding) -> StoreResult<bool> {
    let sql = format!(
        "SELECT s.order_id, o.status FROM group_buy_seats s \
         JOIN orders o ON o.id = s.order_id \
         WHERE s.team_id = $1 AND o.status IN {HOLDING}"
    );
    let holding: Vec<(String, String)> = sqlx::query_as(&sql)
        .bind(ending.team_id.as_str())
        .fetch_all(&mut *tx)
        .await?;
    if holding
        .iter()
        .any(|(_, status)| status == "pending_payment")
    {
        return Ok(false);
    }
    let paid: BTreeSet<&str> = holding.iter().map(|(order, _)| order.as_str()).collect();
    let read: BTreeSet<&str> = ending.paid_orders.iter().map(|o| o.as_str()).collect();
    Ok(paid == read)
}

impl SqlStore {
    /// The teams with their seats, read in one more query.
    async fn with_seats(&self, rows: Vec<TeamRow>) -> StoreResult<Vec<TeamRecord>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "{SEAT_SELECT} WHERE s.team_id IN ({}) ORDER BY s.taken_at, s.order_id",
            placeholders(1, rows.len())
        );
        let mut query = sqlx::query_as::<_, SeatRow>(&sql);
        for row in &rows {
            query = query.bind(row.id());
        }
        let seats = query.fetch_all(&self.reader).await?;
        rows.into_iter().map(|row| row.record(&seats)).collect()
    }
}
