//! The measures' reads, each one query: a parcel's taking-in, arrival and planning steps are
//! joined from `parcel_events` by the stages its direction uses.

use async_trait::async_trait;
use farmgate_domain::id::{CarrierId, RouteRunId};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::parcel::{RunCost, Trip, Visit};
use farmgate_domain::place::AreaCode;
use farmgate_domain::route_run::RunDay;
use farmgate_domain::time::Timestamp;

use super::SqlStore;
use crate::{MeasureReads, StoreError, StoreResult};

#[async_trait]
impl MeasureReads for SqlStore {
    async fn trips_taken_in(&self, since: Timestamp, until: Timestamp) -> StoreResult<Vec<Trip>> {
        let rows: Vec<(Option<String>, Option<String>, i64, Option<i64>)> = sqlx::query_as(
            "SELECT p.carrier_id, COALESCE(p.run_id, planned.run_id), taken.at, arrived.at \
             FROM parcels p \
             JOIN parcel_events taken ON taken.parcel_id = p.id AND taken.stage = \
                 CASE p.direction WHEN 'down' THEN 'received' ELSE 'declared' END \
             LEFT JOIN parcel_events arrived ON arrived.parcel_id = p.id AND arrived.stage = \
                 CASE p.direction WHEN 'down' THEN 'at_point' ELSE 'handed_over' END \
             LEFT JOIN parcel_events planned ON planned.parcel_id = p.id \
                 AND planned.stage = 'planned' \
             WHERE taken.at >= $1 AND taken.at <= $2",
        )
        .bind(since.millis())
        .bind(until.millis())
        .fetch_all(&self.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(carrier, run, taken_in, arrived)| Trip {
                carrier: carrier.map(CarrierId::new),
                run: run.map(RouteRunId::new),
                taken_in: Some(Timestamp::from_millis(taken_in)),
                arrived: arrived.map(Timestamp::from_millis),
            })
            .collect())
    }

    async fn runs_gone_out(&self, first: RunDay, last: RunDay) -> StoreResult<Vec<RunCost>> {
        let rows: Vec<(String, i64, i64, String)> = sqlx::query_as(
            "SELECT id, distance_m, cost_minor, currency FROM route_runs \
             WHERE day >= $1 AND day <= $2 AND status IN ('out', 'done') ORDER BY id",
        )
        .bind(first.to_string())
        .bind(last.to_string())
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter()
            .map(|(id, distance_m, cost_minor, currency)| {
                let currency =
                    Currency::parse(&currency).ok_or(StoreError::Corrupt("route_runs.currency"))?;
                Ok(RunCost {
                    run: RouteRunId::new(id),
                    distance_m,
                    cost: Money::new(cost_minor, currency),
                })
            })
            .collect()
    }

    async fn visits_between(&self, since: Timestamp, until: Timestamp) -> StoreResult<Vec<Visit>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT n.village_code, s.done_at FROM run_stops s \
             JOIN network_nodes n ON n.id = s.point_id \
             WHERE s.done_at >= $1 AND s.done_at <= $2 AND n.village_code IS NOT NULL",
        )
        .bind(since.millis())
        .bind(until.millis())
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter()
            .map(|(village, at)| {
                Ok(Visit {
                    village: AreaCode::parse(&village)
                        .ok_or(StoreError::Corrupt("network_nodes.village_code"))?,
                    at: Timestamp::from_millis(at),
                })
            })
            .collect()
    }
}
