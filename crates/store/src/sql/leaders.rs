//! Leaders' clicks (written in groups, `click_batch.rs`) and attributed orders. Attribution is written once per order
//! (`ON CONFLICT DO NOTHING`), so a payment callback delivered twice attributes once.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, OrderId};
use farmgate_domain::ledger::{Entry, LedgerAccount};
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;

use super::payments::insert_entry;
use super::SqlStore;
use crate::{ClickRecord, LeaderFigures, LeaderRank, Leaders, OrderAttribution, StoreResult};

/// A leader's own clicks are kept (they end earlier leaders' claims) but not counted.
const NOT_OWN: &str = "(buyer_id IS NULL OR buyer_id <> leader_id)";

type ClickRow = (String, String, String, Option<String>, i64);

fn click(row: ClickRow) -> ClickRecord {
    let (id, leader, shared, buyer, at) = row;
    ClickRecord {
        id,
        leader: AccountId::new(leader),
        shared,
        buyer: buyer.map(AccountId::new),
        at: Timestamp::from_millis(at),
    }
}

#[async_trait]
impl Leaders for SqlStore {
    async fn record_click(&self, c: &ClickRecord) -> StoreResult<()> {
        self.clicks.record(&self.writer, c.clone()).await
    }

    async fn claim_click(&self, click: &str, buyer: &AccountId) -> StoreResult<bool> {
        sqlx::query("UPDATE leader_clicks SET buyer_id = $2 WHERE id = $1 AND buyer_id IS NULL")
            .bind(click)
            .bind(buyer.as_str())
            .execute(&self.writer)
            .await?;
        let owner: Option<Option<String>> =
            sqlx::query_scalar("SELECT buyer_id FROM leader_clicks WHERE id = $1")
                .bind(click)
                .fetch_optional(&self.writer)
                .await?;
        Ok(owner.flatten().as_deref() == Some(buyer.as_str()))
    }

    async fn clicks_of_buyer(
        &self,
        buyer: &AccountId,
        from: Timestamp,
        to: Timestamp,
    ) -> StoreResult<Vec<ClickRecord>> {
        let rows: Vec<ClickRow> = sqlx::query_as(
            "SELECT id, leader_id, shared, buyer_id, clicked_at FROM leader_clicks \
             WHERE buyer_id = $1 AND clicked_at BETWEEN $2 AND $3 ORDER BY clicked_at, id",
        )
        .bind(buyer.as_str())
        .bind(from.millis())
        .bind(to.millis())
        .fetch_all(&self.writer)
        .await?;
        Ok(rows.into_iter().map(click).collect())
    }

    async fn attribute_orders(&self, attributions: &[OrderAttribution]) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        for a in attributions {
            sqlx::query(
                "INSERT INTO order_attributions \
                 (order_id, leader_id, click_id, commission_minor, attributed_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(a.order.as_str())
            .bind(a.leader.as_str())
            .bind(a.click.as_str())
            .bind(a.commission.minor())
            .bind(a.at.millis())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn attribution_of(&self, order: &OrderId) -> StoreResult<Option<OrderAttribution>> {
        let row: Option<(String, String, i64, i64)> = sqlx::query_as(
            "SELECT leader_id, click_id, commission_minor, attributed_at \
             FROM order_attributions WHERE order_id = $1",
        )
        .bind(order.as_str())
        .fetch_optional(&self.writer)
        .await?;
        Ok(row.map(|(leader, click, commission, at)| OrderAttribution {
            order: order.clone(),
            leader: AccountId::new(leader),
            click,
            commission: Money::fen(commission),
            at: Timestamp::from_millis(at),
        }))
    }

    async fn leader_figures(&self, leader: &AccountId) -> StoreResult<LeaderFigures> {
        let (clicks,): (i64,) = sqlx::query_as(&format!(
            "SELECT COUNT(*) FROM leader_clicks WHERE leader_id = $1 AND {NOT_OWN}"
        ))
        .bind(leader.as_str())
        .fetch_one(&self.reader)
        .await?;
        let (orders, buyers, pending): (i64, i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(DISTINCT o.buyer_id), CAST(COALESCE(SUM(CASE WHEN \
             o.status IN ('paid', 'shipped') THEN a.commission_minor ELSE 0 END), 0) AS BIGINT) \
             FROM order_attributions a JOIN orders o ON o.id = a.order_id WHERE a.leader_id = $1",
        )
        .bind(leader.as_str())
        .fetch_one(&self.reader)
        .await?;
        let (earned, paid): (i64, i64) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(CASE WHEN e.kind <> 'payout' THEN -p.amount_minor ELSE 0 \
             END), 0) AS BIGINT), CAST(COALESCE(SUM(CASE WHEN e.kind = 'payout' \
             THEN p.amount_minor ELSE 0 END), 0) AS BIGINT) \
             FROM ledger_postings p JOIN ledger_entries e ON e.id = p.entry_id \
             WHERE p.account = $1",
        )
        .bind(LedgerAccount::LeaderPayable(leader.clone()).code())
        .fetch_one(&self.reader)
        .await?;
        Ok(LeaderFigures {
            clicks,
            buyers,
            orders,
            pending: Money::fen(pending),
            earned: Money::fen(earned),
            paid: Money::fen(paid),
        })
    }

    async fn pay_leader(
        &self,
        id: &str,
        entry: &Entry,
        reference: &str,
        at: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        insert_entry(&mut tx, id, entry, reference, at).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn leader_ranking(&self, since: Timestamp, limit: i64) -> StoreResult<Vec<LeaderRank>> {
        let rows: Vec<(String, String, i64, i64, i64, i64)> = sqlx::query_as(&format!(
            "SELECT a.id, a.display_name, \
             (SELECT COUNT(*) FROM leader_clicks WHERE leader_id = a.id \
              AND clicked_at >= $1 AND {NOT_OWN}), \
             COUNT(o.id), CAST(COALESCE(SUM(o.total_minor), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN o.status <> 'refunded' THEN t.commission_minor \
              ELSE 0 END), 0) AS BIGINT) AS commission \
             FROM accounts a JOIN account_roles r ON r.account_id = a.id AND r.role = 'leader' \
             LEFT JOIN order_attributions t ON t.leader_id = a.id AND t.attributed_at >= $1 \
             LEFT JOIN orders o ON o.id = t.order_id \
             GROUP BY a.id, a.display_name ORDER BY commission DESC, a.display_name, a.id \
             LIMIT $2"
        ))
        .bind(since.millis())
        .bind(limit.max(0))
        .fetch_all(&self.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, clicks, orders, sales, commission)| LeaderRank {
                leader: AccountId::new(id),
                name,
                clicks,
                orders,
                sales: Money::fen(sales),
                commission: Money::fen(commission),
            })
            .collect())
    }
}
