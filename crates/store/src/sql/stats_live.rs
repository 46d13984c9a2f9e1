//! The live sessions' rollup: each session's sales whenever they were paid or refunded, and
//! the set of its paying buyers, written with the order events like the other rollups
//! (`stats_writes.rs`); read by the session's go-live day with the room's saved viewers.

use std::collections::BTreeMap;

use farmgate_domain::id::{AccountId, LiveSessionId, ShopId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::stats::{LiveCell, RollupFigures};
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::stats_filter::{Bound, Filter};
use super::stats_writes::ROWS_PER_STATEMENT;
use super::{value_rows, SqlStore};
use crate::{Backend, LiveSessionSales, LiveSessionsSales, RollupScope, StoreError, StoreResult};

/// Adds each session's cell: its buyers first, so the sales row counts only buyers new to it.
pub(super) async fn add_live(
    conn: &mut AnyConnection,
    backend: Backend,
    live: &BTreeMap<LiveSessionId, LiveCell>,
) -> StoreResult<()> {
    let pairs: Vec<(&LiveSessionId, &AccountId)> = live
        .iter()
        .flat_map(|(session, cell)| cell.buyers.iter().map(move |buyer| (session, buyer)))
        .collect();
    let mut gained: BTreeMap<String, i64> = BTreeMap::new();
    for chunk in pairs.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO stats_live_buyers (session_id, buyer_id) VALUES {} \
             ON CONFLICT (session_id, buyer_id) DO NOTHING RETURNING session_id",
            value_rows(backend, chunk.len(), 2),
        );
        let mut query = sqlx::query_scalar::<_, String>(&sql);
        for (session, buyer) in chunk {
            query = query.bind(session.as_str()).bind(buyer.as_str());
        }
        for session in query.fetch_all(&mut *conn).await? {
            *gained.entry(session).or_default() += 1;
        }
    }
    let cells: Vec<_> = live.iter().collect();
    for chunk in cells.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO stats_live_sales (session_id, paid_minor, refunded_minor, orders, \
             units, buyers) VALUES {} ON CONFLICT (session_id) DO UPDATE SET \
             paid_minor = stats_live_sales.paid_minor + excluded.paid_minor, \
             refunded_minor = stats_live_sales.refunded_minor + excluded.refunded_minor, \
             orders = stats_live_sales.orders + excluded.orders, \
             units = stats_live_sales.units + excluded.units, \
             buyers = stats_live_sales.buyers + excluded.buyers",
            value_rows(backend, chunk.len(), 6),
        );
        let mut query = sqlx::query(&sql);
        for (session, cell) in chunk {
            let f = &cell.figures;
            query = query
                .bind(session.as_str())
                .bind(f.paid_minor)
                .bind(f.refunded_minor)
                .bind(f.orders)
                .bind(f.units)
                .bind(gained.get(session.as_str()).copied().unwrap_or(0));
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// A session's row: id, title, shop, shop name, status, went live at, viewers, then the
/// rollup's paid, refunded, orders, units and buyers.
type SessionRow = (
    String,
    String,
    String,
    String,
    String,
    i64,
    Option<i64>,
    i64,
    i64,
    i64,
    i64,
    i64,
);

const SESSION_COLUMNS: &str = "s.id, s.title, s.shop_id, sh.name, s.status, s.went_live_at, \
     f.unique_viewers, COALESCE(r.paid_minor, 0), COALESCE(r.refunded_minor, 0), \
     COALESCE(r.orders, 0), COALESCE(r.units, 0), COALESCE(r.buyers, 0)";

const SESSIONS_FROM: &str = "FROM live_sessions s JOIN shops sh ON sh.id = s.shop_id \
     LEFT JOIN live_session_figures f ON f.session_id = s.id \
     LEFT JOIN stats_live_sales r ON r.session_id = s.id";

type TotalsRow = (i64, i64, i64, i64, i64, i64, i64, i64);

impl SqlStore {
    pub(super) async fn read_live_sessions_sales(
        &self,
        scope: &RollupScope,
        limit: i64,
    ) -> StoreResult<LiveSessionsSales> {
        let filter = self.sessions_of(scope);
        let top_sql = format!(
            "SELECT {SESSION_COLUMNS} {SESSIONS_FROM} WHERE {} \
             ORDER BY COALESCE(r.paid_minor, 0) - COALESCE(r.refunded_minor, 0) DESC, \
             s.went_live_at, s.id LIMIT {}",
            filter.sql(),
            limit.max(0)
        );
        let totals_sql = format!(
            "SELECT COUNT(*), CAST(COALESCE(SUM(r.paid_minor), 0) AS BIGINT), \
             CAST(COALESCE(SUM(r.refunded_minor), 0) AS BIGINT), \
             CAST(COALESCE(SUM(r.orders), 0) AS BIGINT), \
             CAST(COALESCE(SUM(r.units), 0) AS BIGINT), \
             CAST(COALESCE(SUM(r.buyers), 0) AS BIGINT), \
             CAST(COALESCE(SUM(f.unique_viewers), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN f.unique_viewers IS NULL THEN 0 ELSE r.buyers END), 0) \
             AS BIGINT) {SESSIONS_FROM} WHERE {}",
            filter.sql()
        );
        let (sessions, paid_minor, refunded_minor, orders, units, buyers, viewers, viewed_buyers) =
            filter
                .bind_all(sqlx::query_as::<_, TotalsRow>(&totals_sql))
                .fetch_one(&self.reader)
                .await?;
        let top = filter
            .bind_all(sqlx::query_as::<_, SessionRow>(&top_sql))
            .fetch_all(&self.reader)
            .await?;
        Ok(LiveSessionsSales {
            top: top
                .into_iter()
                .map(session_sales)
                .collect::<StoreResult<_>>()?,
            sessions,
            figures: RollupFigures {
                paid_minor,
                refunded_minor,
                orders,
                units,
            },
            buyers,
            viewers,
            viewed_buyers,
        })
    }

    /// The sessions of the scope: gone live in its days, of its shop, where its place is.
    fn sessions_of(&self, scope: &RollupScope) -> Filter {
        let mut filter = Filter::new(self.backend);
        let from = filter.next(Bound::Number(scope.from.start_in_china().millis()));
        let to = filter.next(Bound::Number(
            scope.to.plus_days(1).start_in_china().millis(),
        ));
        filter.clause(format!(
            "s.went_live_at >= {from} AND s.went_live_at < {to}"
        ));
        if let Some(shop) = &scope.shop {
            filter.equals("s.shop_id", shop.to_string());
        }
        if let Some(place) = &scope.place {
            let prefix = place.prefix();
            filter.equals(
                &format!("substr(sh.village_code, 1, {})", prefix.len()),
                prefix.to_owned(),
            );
        }
        filter
    }
}

fn session_sales(row: SessionRow) -> StoreResult<LiveSessionSales> {
    let (id, title, shop, shop_name, status, went_live_at, viewers, paid, refunded, orders) = (
        row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9,
    );
    Ok(LiveSessionSales {
        session_id: LiveSessionId::new(id),
        title,
        shop_id: ShopId::new(shop),
        shop_name,
        status: LiveStatus::parse(&status).ok_or(StoreError::Corrupt("live_sessions.status"))?,
        went_live_at: Timestamp::from_millis(went_live_at),
        unique_viewers: viewers,
        figures: RollupFigures {
            paid_minor: paid,
            refunded_minor: refunded,
            orders,
            units: row.10,
        },
        buyers: row.11,
    })
}
