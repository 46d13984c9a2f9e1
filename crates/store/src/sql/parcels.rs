//! Parcels and their tracking events. Stage moves are compare-and-set on the stage column, and
//! each step is one row keyed by (parcel, stage), so a repeated scan inserts nothing.

use async_trait::async_trait;
use farmgate_domain::account::Phone;
use farmgate_domain::id::{AccountId, CarrierId, NetworkNodeId, OrderId, ParcelId, RouteRunId};
use farmgate_domain::parcel::{
    Direction, Parcel, ParcelCode, ParcelEvent, ParcelStage, PickupCode, Villager,
};
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::errors::refused;
use super::SqlStore;
use crate::{
    ParcelFilter, Parcels, StoreError, StoreResult, CARRIER_TRACKING_TAKEN, PARCEL_CODE_TAKEN,
};

const PARCEL_COLUMNS: &str = "id, code, direction, carrier_id, carrier_tracking, point_id, \
                              villager_name, villager_phone, weight_g, order_id, stage, run_id, \
                              pickup_code, wrong_pickup_codes, created_at";
const EVENT_COLUMNS: &str = "parcel_id, stage, at, node_id, run_id, by_account, recorded_at";

#[derive(sqlx::FromRow)]
struct ParcelRow {
    id: String,
    code: String,
    direction: String,
    carrier_id: Option<String>,
    carrier_tracking: Option<String>,
    point_id: String,
    villager_name: String,
    villager_phone: String,
    weight_g: i64,
    order_id: Option<String>,
    stage: String,
    run_id: Option<String>,
    pickup_code: Option<String>,
    wrong_pickup_codes: i64,
    created_at: i64,
}

impl ParcelRow {
    fn record(self) -> StoreResult<Parcel> {
        let code = ParcelCode::parse(&self.code).ok_or(StoreError::Corrupt("parcels.code"))?;
        let direction =
            Direction::parse(&self.direction).ok_or(StoreError::Corrupt("parcels.direction"))?;
        let stage = ParcelStage::parse(&self.stage).ok_or(StoreError::Corrupt("parcels.stage"))?;
        let phone = Phone::parse("villager_phone", &self.villager_phone)
            .map_err(|_| StoreError::Corrupt("parcels.villager_phone"))?;
        let pickup_code = self
            .pickup_code
            .map(|text| PickupCode::parse(&text).ok_or(StoreError::Corrupt("parcels.pickup_code")))
            .transpose()?;
        Ok(Parcel {
            id: ParcelId::new(self.id),
            code,
            direction,
            carrier: self.carrier_id.map(CarrierId::new),
            carrier_tracking: self.carrier_tracking,
            point: NetworkNodeId::new(self.point_id),
            villager: Villager {
                name: self.villager_name,
                phone,
            },
            weight_g: self.weight_g,
            order: self.order_id.map(OrderId::new),
            stage,
            run: self.run_id.map(RouteRunId::new),
            pickup_code,
            wrong_pickup_codes: self.wrong_pickup_codes,
            created_at: Timestamp::from_millis(self.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
struct EventRow {
    parcel_id: String,
    stage: String,
    at: i64,
    node_id: Option<String>,
    run_id: Option<String>,
    by_account: Option<String>,
    recorded_at: i64,
}

impl EventRow {
    fn record(self) -> StoreResult<ParcelEvent> {
        Ok(ParcelEvent {
            parcel: ParcelId::new(self.parcel_id),
            stage: ParcelStage::parse(&self.stage)
                .ok_or(StoreError::Corrupt("parcel_events.stage"))?,
            at: Timestamp::from_millis(self.at),
            node: self.node_id.map(NetworkNodeId::new),
            run: self.run_id.map(RouteRunId::new),
            by: self.by_account.map(AccountId::new),
            recorded_at: Timestamp::from_millis(self.recorded_at),
        })
    }
}

#[async_trait]
impl Parcels for SqlStore {
    async fn add_parcels(&self, parcels: &[(Parcel, ParcelEvent)]) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        for (parcel, event) in parcels {
            insert_parcel(&mut tx, parcel).await?;
            insert_event(&mut tx, event).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn parcel(&self, id: &ParcelId) -> StoreResult<Option<Parcel>> {
        self.one_parcel("id = $1", id.as_str()).await
    }

    async fn parcel_by_code(&self, code: &ParcelCode) -> StoreResult<Option<Parcel>> {
        self.one_parcel("code = $1", code.as_str()).await
    }

    async fn parcel_by_tracking(
        &self,
        carrier: &CarrierId,
        tracking: &str,
    ) -> StoreResult<Option<Parcel>> {
        let sql = format!(
            "SELECT {PARCEL_COLUMNS} FROM parcels WHERE carrier_id = $1 AND carrier_tracking = $2"
        );
        let row: Option<ParcelRow> = sqlx::query_as(&sql)
            .bind(carrier.as_str())
            .bind(tracking)
            .fetch_optional(&self.reader)
            .await?;
        row.map(ParcelRow::record).transpose()
    }

    async fn parcels(&self, filter: &ParcelFilter) -> StoreResult<Vec<Parcel>> {
        let mut conditions = vec![
            "($1 IS NULL OR direction = $1)".to_owned(),
            "($2 IS NULL OR point_id = $2)".to_owned(),
            "($3 IS NULL OR run_id = $3)".to_owned(),
            "($4 IS NULL OR order_id = $4)".to_owned(),
        ];
        if !filter.stages.is_empty() {
            let stages: Vec<String> = filter
                .stages
                .iter()
                .map(|stage| format!("'{}'", stage.as_str()))
                .collect();
            conditions.push(format!("stage IN ({})", stages.join(", ")));
        }
        let sql = format!(
            "SELECT {PARCEL_COLUMNS} FROM parcels WHERE {} ORDER BY created_at, code",
            conditions.join(" AND ")
        );
        let rows: Vec<ParcelRow> = sqlx::query_as(&sql)
            .bind(filter.direction.map(Direction::as_str))
            .bind(filter.point.as_ref().map(NetworkNodeId::as_str))
            .bind(filter.run.as_ref().map(RouteRunId::as_str))
            .bind(filter.order.as_ref().map(OrderId::as_str))
            .fetch_all(&self.reader)
            .await?;
        rows.into_iter().map(ParcelRow::record).collect()
    }

    async fn advance_parcel(
        &self,
        parcel: &Parcel,
        from: ParcelStage,
        event: &ParcelEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await?;
        let moved = sqlx::query(
            "UPDATE parcels SET stage = $1, run_id = $2, pickup_code = $3, carrier_id = $4, \
             carrier_tracking = $5 WHERE id = $6 AND stage = $7",
        )
        .bind(parcel.stage.as_str())
        .bind(parcel.run.as_ref().map(RouteRunId::as_str))
        .bind(parcel.pickup_code.as_ref().map(PickupCode::as_str))
        .bind(parcel.carrier.as_ref().map(CarrierId::as_str))
        .bind(parcel.carrier_tracking.as_deref())
        .bind(parcel.id.as_str())
        .bind(from.as_str())
        .execute(&mut *tx)
        .await
        .map_err(refused(CARRIER_TRACKING_TAKEN))?
        .rows_affected()
            == 1;
        if moved {
            insert_event(&mut tx, event).await?;
            tx.commit().await?;
        }
        Ok(moved)
    }

    async fn record_parcel_event(&self, event: &ParcelEvent) -> StoreResult<()> {
        let mut conn = self.writer.acquire().await?;
        insert_event(&mut conn, event).await
    }

    async fn parcel_events(&self, parcel: &ParcelId) -> StoreResult<Vec<ParcelEvent>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM parcel_events WHERE parcel_id = $1 \
             ORDER BY at, recorded_at"
        );
        let rows: Vec<EventRow> = sqlx::query_as(&sql)
            .bind(parcel.as_str())
            .fetch_all(&self.reader)
            .await?;
        rows.into_iter().map(EventRow::record).collect()
    }

    async fn count_wrong_pickup_code(&self, parcel: &ParcelId) -> StoreResult<i64> {
        let count: Option<i64> = sqlx::query_scalar(
            "UPDATE parcels SET wrong_pickup_codes = wrong_pickup_codes + 1 WHERE id = $1 \
             RETURNING wrong_pickup_codes",
        )
        .bind(parcel.as_str())
        .fetch_optional(&self.writer)
        .await?;
        count.ok_or(StoreError::NotFound)
    }
}

impl SqlStore {
    async fn one_parcel(&self, condition: &str, value: &str) -> StoreResult<Option<Parcel>> {
        let sql = format!("SELECT {PARCEL_COLUMNS} FROM parcels WHERE {condition}");
        let row: Option<ParcelRow> = sqlx::query_as(&sql)
            .bind(value)
            .fetch_optional(&self.reader)
            .await?;
        row.map(ParcelRow::record).transpose()
    }
}

pub(super) async fn insert_parcel(conn: &mut AnyConnection, parcel: &Parcel) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO parcels ({PARCEL_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
    );
    sqlx::query(&sql)
        .bind(parcel.id.as_str())
        .bind(parcel.code.as_str())
        .bind(parcel.direction.as_str())
        .bind(parcel.carrier.as_ref().map(CarrierId::as_str))
        .bind(parcel.carrier_tracking.as_deref())
        .bind(parcel.point.as_str())
        .bind(parcel.villager.name.as_str())
        .bind(parcel.villager.phone.as_str())
        .bind(parcel.weight_g)
        .bind(parcel.order.as_ref().map(OrderId::as_str))
        .bind(parcel.stage.as_str())
        .bind(parcel.run.as_ref().map(RouteRunId::as_str))
        .bind(parcel.pickup_code.as_ref().map(PickupCode::as_str))
        .bind(parcel.wrong_pickup_codes)
        .bind(parcel.created_at.millis())
        .execute(conn)
        .await
        .map_err(|err| {
            let tracking = err.to_string().contains("carrier_tracking");
            refused(if tracking {
                CARRIER_TRACKING_TAKEN
            } else {
                PARCEL_CODE_TAKEN
            })(err)
        })?;
    Ok(())
}

pub(super) async fn insert_event(conn: &mut AnyConnection, event: &ParcelEvent) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO parcel_events ({EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (parcel_id, stage) DO NOTHING"
    );
    sqlx::query(&sql)
        .bind(event.parcel.as_str())
        .bind(event.stage.as_str())
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
