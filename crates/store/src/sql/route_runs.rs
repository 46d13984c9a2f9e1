//! Route runs and their stops. Replacing a day's plan withdraws the `planned` runs and their
//! parcels' `planned` steps, then writes the new plan, moving each parcel only from the stage
//! where it waits for a run.

use async_trait::async_trait;
use farmgate_domain::id::{AccountId, NetworkNodeId, ParcelId, RouteRunId, VehicleId};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::route_run::{
    RouteRun, RunDay, RunStatus, RunStop, StopLoad, Unplanned, UnplannedReason,
};
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::errors::refused;
use super::stats_network::{record_run_out, record_visit};
use super::SqlStore;
use crate::{DayPlan, RouteRuns, StoreError, StoreResult, PLAN_OUTDATED};

const RUN_COLUMNS: &str = "id, day, depot_id, vehicle_id, status, depart_minute, return_minute, \
                           distance_m, cost_minor, currency, planned_at";
const STOP_COLUMNS: &str = "run_id, point_id, arrival_minute, departure_minute, drop_grams, \
                            drop_parcels, pickup_grams, pickup_parcels, done_at";
/// The day's runs that planning may replace.
const REPLACEABLE: &str = "SELECT id FROM route_runs WHERE day = $1 AND status = 'planned'";
/// The stage a parcel waits for a run at, by direction.
const WAITING: &str = "CASE direction WHEN 'down' THEN 'received' ELSE 'declared' END";

#[derive(sqlx::FromRow)]
struct RunRow {
    id: String,
    day: String,
    depot_id: String,
    vehicle_id: String,
    status: String,
    depart_minute: i64,
    return_minute: i64,
    distance_m: i64,
    cost_minor: i64,
    currency: String,
    planned_at: i64,
}

impl RunRow {
    fn record(self, stops: Vec<RunStop>) -> StoreResult<RouteRun> {
        let currency =
            Currency::parse(&self.currency).ok_or(StoreError::Corrupt("route_runs.currency"))?;
        Ok(RouteRun {
            id: RouteRunId::new(self.id),
            day: RunDay::parse(&self.day).ok_or(StoreError::Corrupt("route_runs.day"))?,
            depot: NetworkNodeId::new(self.depot_id),
            vehicle: VehicleId::new(self.vehicle_id),
            status: RunStatus::parse(&self.status)
                .ok_or(StoreError::Corrupt("route_runs.status"))?,
            depart_minute: self.depart_minute,
            return_minute: self.return_minute,
            distance_m: self.distance_m,
            cost: Money::new(self.cost_minor, currency),
            stops,
            planned_at: Timestamp::from_millis(self.planned_at),
        })
    }
}

#[derive(sqlx::FromRow)]
struct StopRow {
    run_id: String,
    point_id: String,
    arrival_minute: i64,
    departure_minute: i64,
    drop_grams: i64,
    drop_parcels: i64,
    pickup_grams: i64,
    pickup_parcels: i64,
    done_at: Option<i64>,
}

impl StopRow {
    fn record(self) -> RunStop {
        RunStop {
            point: NetworkNodeId::new(self.point_id),
            arrival_minute: self.arrival_minute,
            departure_minute: self.departure_minute,
            drop: StopLoad {
                grams: self.drop_grams,
                parcels: self.drop_parcels,
            },
            pick_up: StopLoad {
                grams: self.pickup_grams,
                parcels: self.pickup_parcels,
            },
            done_at: self.done_at.map(Timestamp::from_millis),
        }
    }
}

#[async_trait]
impl RouteRuns for SqlStore {
    async fn replace_day_plan(&self, plan: &DayPlan) -> StoreResult<()> {
        let day = plan.day.to_string();
        let mut tx = self.writer.begin().await?;
        withdraw_day(&mut tx, &day).await?;
        for run in &plan.runs {
            insert_run(&mut tx, run).await?;
        }
        for event in &plan.planned {
            let run = event
                .run
                .as_ref()
                .ok_or(StoreError::Conflict(PLAN_OUTDATED))?;
            let moved = sqlx::query(&format!(
                "UPDATE parcels SET stage = 'planned', run_id = $1 \
                 WHERE id = $2 AND stage = {WAITING}"
            ))
            .bind(run.as_str())
            .bind(event.parcel.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if moved != 1 {
                return Err(StoreError::Conflict(PLAN_OUTDATED));
            }
            insert_planned_event(&mut tx, event).await?;
        }
        for unplanned in &plan.unplanned {
            sqlx::query(
                "INSERT INTO unplanned_parcels (day, parcel_id, reason) VALUES ($1, $2, $3)",
            )
            .bind(day.as_str())
            .bind(unplanned.parcel.as_str())
            .bind(unplanned.reason.as_str())
            .execute(&mut *tx)
            .await
            .map_err(refused("a parcel is left behind twice"))?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn runs_of_day(&self, day: RunDay) -> StoreResult<Vec<RouteRun>> {
        let rows: Vec<RunRow> = sqlx::query_as(&format!(
            "SELECT {RUN_COLUMNS} FROM route_runs WHERE day = $1 ORDER BY depart_minute, id"
        ))
        .bind(day.to_string())
        .fetch_all(&self.reader)
        .await?;
        let stops: Vec<StopRow> = sqlx::query_as(&format!(
            "SELECT {STOP_COLUMNS} FROM run_stops WHERE run_id IN \
             (SELECT id FROM route_runs WHERE day = $1) ORDER BY run_id, seq"
        ))
        .bind(day.to_string())
        .fetch_all(&self.reader)
        .await?;
        let mut by_run = std::collections::HashMap::<String, Vec<RunStop>>::new();
        for stop in stops {
            by_run
                .entry(stop.run_id.clone())
                .or_default()
                .push(stop.record());
        }
        rows.into_iter()
            .map(|row| {
                let stops = by_run.remove(&row.id).unwrap_or_default();
                row.record(stops)
            })
            .collect()
    }

    async fn route_run(&self, id: &RouteRunId) -> StoreResult<Option<RouteRun>> {
        let row: Option<RunRow> = sqlx::query_as(&format!(
            "SELECT {RUN_COLUMNS} FROM route_runs WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let stops: Vec<StopRow> = sqlx::query_as(&format!(
            "SELECT {STOP_COLUMNS} FROM run_stops WHERE run_id = $1 ORDER BY seq"
        ))
        .bind(id.as_str())
        .fetch_all(&self.reader)
        .await?;
        row.record(stops.into_iter().map(StopRow::record).collect())
            .map(Some)
    }

    async fn unplanned_of_day(&self, day: RunDay) -> StoreResult<Vec<Unplanned>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT parcel_id, reason FROM unplanned_parcels WHERE day = $1 ORDER BY parcel_id",
        )
        .bind(day.to_string())
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter()
            .map(|(parcel, reason)| {
                Ok(Unplanned {
                    parcel: ParcelId::new(parcel),
                    reason: UnplannedReason::parse(&reason)
                        .ok_or(StoreError::Corrupt("unplanned_parcels.reason"))?,
                })
            })
            .collect()
    }

    /// A run going out is counted in the network's rollups in the same transaction.
    async fn set_run_status(
        &self,
        id: &RouteRunId,
        from: RunStatus,
        to: RunStatus,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let changed =
            sqlx::query("UPDATE route_runs SET status = $1 WHERE id = $2 AND status = $3")
                .bind(to.as_str())
                .bind(id.as_str())
                .bind(from.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if changed == 1 && from == RunStatus::Planned {
            record_run_out(&mut tx, self.backend, id).await?;
        }
        tx.commit().await?;
        Ok(changed == 1)
    }

    /// A stop done marks its village reached in the network's rollups, in the same
    /// transaction.
    async fn mark_stop_done(
        &self,
        id: &RouteRunId,
        position: usize,
        at: Timestamp,
    ) -> StoreResult<bool> {
        let seq = i64::try_from(position).map_err(|_| StoreError::NotFound)?;
        let mut tx = self.writer.begin().await?;
        let changed = sqlx::query(
            "UPDATE run_stops SET done_at = $1 WHERE run_id = $2 AND seq = $3 AND done_at IS NULL",
        )
        .bind(at.millis())
        .bind(id.as_str())
        .bind(seq)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 1 {
            record_visit(&mut tx, self.backend, id, seq, at).await?;
        }
        tx.commit().await?;
        Ok(changed == 1)
    }
}

/// Takes the day's not-started runs off: their parcels wait again, their `planned` steps go.
/// A parcel on one of them already scanned further means the run has in fact started.
async fn withdraw_day(conn: &mut AnyConnection, day: &str) -> StoreResult<()> {
    let started: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM parcels WHERE run_id IN ({REPLACEABLE}) AND stage <> 'planned'"
    ))
    .bind(day)
    .fetch_one(&mut *conn)
    .await?;
    if started > 0 {
        return Err(StoreError::Conflict(PLAN_OUTDATED));
    }
    let statements = [
        format!(
            "DELETE FROM parcel_events WHERE stage = 'planned' AND parcel_id IN \
             (SELECT id FROM parcels WHERE run_id IN ({REPLACEABLE}))"
        ),
        format!(
            "UPDATE parcels SET stage = {WAITING}, run_id = NULL WHERE run_id IN ({REPLACEABLE})"
        ),
        format!("DELETE FROM run_stops WHERE run_id IN ({REPLACEABLE})"),
        "DELETE FROM route_runs WHERE day = $1 AND status = 'planned'".to_owned(),
        "DELETE FROM unplanned_parcels WHERE day = $1".to_owned(),
    ];
    for statement in statements {
        sqlx::query(&statement)
            .bind(day)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn insert_run(conn: &mut AnyConnection, run: &RouteRun) -> StoreResult<()> {
    sqlx::query(&format!(
        "INSERT INTO route_runs ({RUN_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    ))
    .bind(run.id.as_str())
    .bind(run.day.to_string())
    .bind(run.depot.as_str())
    .bind(run.vehicle.as_str())
    .bind(run.status.as_str())
    .bind(run.depart_minute)
    .bind(run.return_minute)
    .bind(run.distance_m)
    .bind(run.cost.minor())
    .bind(run.cost.currency().code())
    .bind(run.planned_at.millis())
    .execute(&mut *conn)
    .await
    .map_err(refused("run id taken"))?;
    for (seq, stop) in run.stops.iter().enumerate() {
        sqlx::query(&format!(
            "INSERT INTO run_stops (seq, {STOP_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        ))
        .bind(i64::try_from(seq).unwrap_or(i64::MAX))
        .bind(run.id.as_str())
        .bind(stop.point.as_str())
        .bind(stop.arrival_minute)
        .bind(stop.departure_minute)
        .bind(stop.drop.grams)
        .bind(stop.drop.parcels)
        .bind(stop.pick_up.grams)
        .bind(stop.pick_up.parcels)
        .bind(stop.done_at.map(Timestamp::millis))
        .execute(&mut *conn)
        .await
        .map_err(refused("a run visits one position twice"))?;
    }
    Ok(())
}

/// A parcel re-planned keeps one `planned` step: the latest plan's.
async fn insert_planned_event(
    conn: &mut AnyConnection,
    event: &farmgate_domain::parcel::ParcelEvent,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO parcel_events (parcel_id, stage, at, node_id, run_id, by_account, \
         recorded_at) VALUES ($1, 'planned', $2, $3, $4, $5, $6) \
         ON CONFLICT (parcel_id, stage) DO UPDATE SET at = excluded.at, node_id = \
         excluded.node_id, run_id = excluded.run_id, by_account = excluded.by_account, \
         recorded_at = excluded.recorded_at",
    )
    .bind(event.parcel.as_str())
    .bind(event.at.millis())
    .bind(event.node.as_ref().map(NetworkNodeId::as_str))
    .bind(event.run.as_ref().map(RouteRunId::as_str))
    .bind(event.by.as_ref().map(AccountId::as_str))
    .bind(event.recorded_at.millis())
    .execute(conn)
    .await
    .map_err(refused("parcel event already recorded"))?;
    Ok(())
}
