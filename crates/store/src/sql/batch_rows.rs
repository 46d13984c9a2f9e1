//! Rows of the batch tables and their conversion to domain records.

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::catalogue::Grade;
use farmgate_domain::id::{
    AccountId, BatchEventId, BatchId, NetworkNodeId, OrderId, ParcelId, ProductId, ShopId,
};
use farmgate_domain::place::{AreaCode, GeoPoint};
use farmgate_domain::time::Timestamp;
use farmgate_domain::trace::{
    Batch, BatchEvent, BatchStatus, BatchTie, BizStep, Disposition, EventAction, EventKind,
    EventPlace, EventSubject, Lot, QualityStatus,
};

use crate::StoreError;

pub(super) const BATCH_COLUMNS: &str = "id, product_id, shop_id, lot, harvested_on, village, \
     field_lat_e6, field_lon_e6, units, grade, notes, status, quality, created_by, created_at";
pub(super) const EVENT_COLUMNS: &str = "id, batch_id, kind, action, biz_step, disposition, \
     subject, at, zone_offset_minutes, read_point, biz_location, units, parcel_id, by_account, \
     recorded_at";

#[derive(sqlx::FromRow)]
pub(super) struct BatchRow {
    id: String,
    product_id: String,
    shop_id: String,
    lot: String,
    harvested_on: String,
    village: String,
    field_lat_e6: Option<i64>,
    field_lon_e6: Option<i64>,
    units: i64,
    grade: String,
    notes: String,
    status: String,
    quality: String,
    created_by: String,
    created_at: i64,
}

impl BatchRow {
    pub(super) fn record(self) -> Result<Batch, StoreError> {
        let field = match (self.field_lat_e6, self.field_lon_e6) {
            (Some(lat), Some(lon)) => Some(
                i32::try_from(lat)
                    .ok()
                    .zip(i32::try_from(lon).ok())
                    .and_then(|(lat, lon)| GeoPoint::new(lat, lon))
                    .ok_or(StoreError::Corrupt("batches.field"))?,
            ),
            _ => None,
        };
        Ok(Batch {
            id: BatchId::new(self.id),
            product: ProductId::new(self.product_id),
            shop: ShopId::new(self.shop_id),
            lot: Lot::parse(&self.lot).map_err(|_| StoreError::Corrupt("batches.lot"))?,
            harvested_on: CivilDate::parse(&self.harvested_on)
                .ok_or(StoreError::Corrupt("batches.harvested_on"))?,
            village: AreaCode::parse(&self.village)
                .ok_or(StoreError::Corrupt("batches.village"))?,
            field,
            units: self.units,
            grade: Grade::parse(&self.grade).map_err(|_| StoreError::Corrupt("batches.grade"))?,
            notes: self.notes,
            status: BatchStatus::parse(&self.status)
                .ok_or(StoreError::Corrupt("batches.status"))?,
            quality: QualityStatus::parse(&self.quality)
                .ok_or(StoreError::Corrupt("batches.quality"))?,
            created_by: AccountId::new(self.created_by),
            created_at: Timestamp::from_millis(self.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct EventRow {
    id: String,
    batch_id: String,
    kind: String,
    action: String,
    biz_step: String,
    disposition: String,
    subject: String,
    at: i64,
    zone_offset_minutes: i64,
    read_point: Option<String>,
    biz_location: Option<String>,
    units: Option<i64>,
    parcel_id: Option<String>,
    by_account: Option<String>,
    recorded_at: i64,
}

impl EventRow {
    pub(super) fn record(self) -> Result<BatchEvent, StoreError> {
        let place = |text: Option<String>, column| {
            text.map(|text| place_from_text(&text).ok_or(StoreError::Corrupt(column)))
                .transpose()
        };
        Ok(BatchEvent {
            id: BatchEventId::new(self.id),
            batch: BatchId::new(self.batch_id),
            kind: EventKind::parse(&self.kind).ok_or(StoreError::Corrupt("batch_events.kind"))?,
            action: EventAction::parse(&self.action)
                .ok_or(StoreError::Corrupt("batch_events.action"))?,
            biz_step: BizStep::parse(&self.biz_step)
                .ok_or(StoreError::Corrupt("batch_events.biz_step"))?,
            disposition: Disposition::parse(&self.disposition)
                .ok_or(StoreError::Corrupt("batch_events.disposition"))?,
            subject: EventSubject::from_key(&self.subject)
                .ok_or(StoreError::Corrupt("batch_events.subject"))?,
            at: Timestamp::from_millis(self.at),
            zone_offset_minutes: i32::try_from(self.zone_offset_minutes)
                .map_err(|_| StoreError::Corrupt("batch_events.zone_offset_minutes"))?,
            read_point: place(self.read_point, "batch_events.read_point")?,
            biz_location: place(self.biz_location, "batch_events.biz_location")?,
            units: self.units,
            parcel: self.parcel_id.map(ParcelId::new),
            by: self.by_account.map(AccountId::new),
            recorded_at: Timestamp::from_millis(self.recorded_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct TieRow {
    order_id: String,
    line_no: i64,
    batch_id: String,
    units: i64,
}

impl TieRow {
    pub(super) fn record(self) -> BatchTie {
        BatchTie {
            order: OrderId::new(self.order_id),
            line_no: self.line_no,
            batch: BatchId::new(self.batch_id),
            units: self.units,
        }
    }
}

/// `village:<area code>` or `node:<network node id>`.
pub(super) fn place_text(place: &EventPlace) -> String {
    match place {
        EventPlace::Village(code) => format!("village:{}", code.as_str()),
        EventPlace::Node(id) => format!("node:{id}"),
    }
}

fn place_from_text(text: &str) -> Option<EventPlace> {
    match text.split_once(':')? {
        ("village", code) => AreaCode::parse(code).map(EventPlace::Village),
        ("node", id) => Some(EventPlace::Node(NetworkNodeId::new(id))),
        _ => None,
    }
}
