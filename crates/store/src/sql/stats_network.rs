//! The network's rollups: a run counted on its day when it goes out, with what it carries
//! (`RunFigures::of_run`), and a village marked reached on the day a stop there is done, both in
//! the transaction of that step. A rebuild replays every run that went out and every stop done.

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::{CarrierId, RouteRunId};
use farmgate_domain::place::AreaCode;
use farmgate_domain::route_run::RunDay;
use farmgate_domain::stats::{day_key, month_key, RunFigures};
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::stats_filter::Filter;
use super::stats_writes::ROWS_PER_STATEMENT;
use super::{value_rows, SqlStore};
use crate::{Backend, NetworkRollup, RollupScope, StoreError, StoreResult};

/// Counts a run that has just gone out.
pub(super) async fn record_run_out(
    conn: &mut AnyConnection,
    backend: Backend,
    run: &RouteRunId,
) -> StoreResult<()> {
    let (day, distance_m): (String, i64) =
        sqlx::query_as("SELECT day, distance_m FROM route_runs WHERE id = $1")
            .bind(run.as_str())
            .fetch_one(&mut *conn)
            .await?;
    let day = RunDay::parse(&day).ok_or(StoreError::Corrupt("route_runs.day"))?;
    let carriers: Vec<Option<String>> =
        sqlx::query_scalar("SELECT carrier_id FROM parcels WHERE run_id = $1")
            .bind(run.as_str())
            .fetch_all(&mut *conn)
            .await?;
    let carriers: Vec<Option<CarrierId>> = carriers
        .into_iter()
        .map(|carrier| carrier.map(CarrierId::new))
        .collect();
    let figures = RunFigures::of_run(carriers.iter().map(Option::as_ref), distance_m);
    add_runs(conn, backend, &[(day.date(), figures)]).await
}

/// Marks the village of a run's stop reached, on the day the stop was done.
pub(super) async fn record_visit(
    conn: &mut AnyConnection,
    backend: Backend,
    run: &RouteRunId,
    seq: i64,
    at: Timestamp,
) -> StoreResult<()> {
    let village: Option<Option<String>> = sqlx::query_scalar(
        "SELECT n.village_code FROM run_stops s JOIN network_nodes n ON n.id = s.point_id \
         WHERE s.run_id = $1 AND s.seq = $2",
    )
    .bind(run.as_str())
    .bind(seq)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(village) = village.flatten() else {
        return Ok(());
    };
    let village =
        AreaCode::parse(&village).ok_or(StoreError::Corrupt("network_nodes.village_code"))?;
    add_villages(conn, backend, &[(CivilDate::in_china(at), village)]).await
}

/// Recomputes the network's rollups from the runs that went out and the stops done.
pub(super) async fn rebuild_network(conn: &mut AnyConnection, backend: Backend) -> StoreResult<()> {
    for table in ["stats_runs", "stats_villages_reached"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut *conn)
            .await?;
    }
    let runs: Vec<String> =
        sqlx::query_scalar("SELECT id FROM route_runs WHERE status IN ('out', 'done') ORDER BY id")
            .fetch_all(&mut *conn)
            .await?;
    for run in runs {
        record_run_out(conn, backend, &RouteRunId::new(run)).await?;
    }
    let visits: Vec<(i64, String)> = sqlx::query_as(
        "SELECT s.done_at, n.village_code FROM run_stops s \
         JOIN network_nodes n ON n.id = s.point_id \
         WHERE s.done_at IS NOT NULL AND n.village_code IS NOT NULL",
    )
    .fetch_all(&mut *conn)
    .await?;
    let visits = visits
        .into_iter()
        .map(|(at, village)| {
            let village = AreaCode::parse(&village)
                .ok_or(StoreError::Corrupt("network_nodes.village_code"))?;
            Ok((CivilDate::in_china(Timestamp::from_millis(at)), village))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    add_villages(conn, backend, &visits).await
}

async fn add_runs(
    conn: &mut AnyConnection,
    backend: Backend,
    runs: &[(CivilDate, RunFigures)],
) -> StoreResult<()> {
    for (day, f) in runs {
        let sql = format!(
            "INSERT INTO stats_runs (grain, period, runs, carried, co_distributed, distance_m) \
             VALUES {} ON CONFLICT (grain, period) DO UPDATE SET \
             runs = stats_runs.runs + excluded.runs, \
             carried = stats_runs.carried + excluded.carried, \
             co_distributed = stats_runs.co_distributed + excluded.co_distributed, \
             distance_m = stats_runs.distance_m + excluded.distance_m",
            value_rows(backend, 2, 6),
        );
        let mut query = sqlx::query(&sql);
        for (grain, period) in [("d", day_key(*day)), ("m", month_key(*day))] {
            query = query
                .bind(grain)
                .bind(period)
                .bind(f.runs)
                .bind(f.carried)
                .bind(f.co_distributed)
                .bind(f.distance_m);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

async fn add_villages(
    conn: &mut AnyConnection,
    backend: Backend,
    visits: &[(CivilDate, AreaCode)],
) -> StoreResult<()> {
    let mut rows: Vec<(&str, i64, &str)> = visits
        .iter()
        .flat_map(|(day, village)| {
            [
                ("d", day_key(*day), village.as_str()),
                ("m", month_key(*day), village.as_str()),
            ]
        })
        .collect();
    rows.sort_unstable();
    rows.dedup();
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO stats_villages_reached (grain, period, village_code) VALUES {} \
             ON CONFLICT (grain, period, village_code) DO NOTHING",
            value_rows(backend, chunk.len(), 3),
        );
        let mut query = sqlx::query(&sql);
        for (grain, period, village) in chunk {
            query = query.bind(*grain).bind(*period).bind(*village);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

impl SqlStore {
    pub(super) async fn read_network_rollup(
        &self,
        from: CivilDate,
        to: CivilDate,
    ) -> StoreResult<NetworkRollup> {
        let mut filter = Filter::new(self.backend);
        filter.days(&RollupScope::days(from, to), false);
        let sql = format!(
            "SELECT CAST(COALESCE(SUM(runs), 0) AS BIGINT), \
             CAST(COALESCE(SUM(carried), 0) AS BIGINT), \
             CAST(COALESCE(SUM(co_distributed), 0) AS BIGINT), \
             CAST(COALESCE(SUM(distance_m), 0) AS BIGINT) FROM stats_runs WHERE {}",
            filter.sql()
        );
        let (runs, carried, co_distributed, distance_m) = filter
            .bind_all(sqlx::query_as::<_, (i64, i64, i64, i64)>(&sql))
            .fetch_one(&self.reader)
            .await?;
        let sql = format!(
            "SELECT DISTINCT village_code FROM stats_villages_reached WHERE {} \
             ORDER BY village_code",
            filter.sql()
        );
        let villages = filter
            .bind_all(sqlx::query_as::<_, (String,)>(&sql))
            .fetch_all(&self.reader)
            .await?;
        Ok(NetworkRollup {
            runs: RunFigures {
                runs,
                carried,
                co_distributed,
                distance_m,
            },
            villages_reached: villages
                .into_iter()
                .map(|(code,)| {
                    AreaCode::parse(&code)
                        .ok_or(StoreError::Corrupt("stats_villages_reached.village_code"))
                })
                .collect::<StoreResult<_>>()?,
        })
    }
}
