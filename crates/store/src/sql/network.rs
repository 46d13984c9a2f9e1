//! The logistics network. A node's kind-specific fields share one table (`services` for
//! stations, village and contact for village points), held consistent by `CHECK`s; saving is an
//! upsert by id, so the same statement creates and edits.

use async_trait::async_trait;
use farmgate_domain::account::Phone;
use farmgate_domain::id::{CarrierId, NetworkNodeId, VehicleId};
use farmgate_domain::money::{Currency, Money};
use farmgate_domain::network::{
    Carrier, Contact, DayWindow, MinuteOfDay, NetworkNode, NodeKind, NodeRole, OpeningHours,
    StationServices, Vehicle,
};
use farmgate_domain::place::{AreaCode, GeoPoint};
use sqlx::AnyConnection;

use super::errors::refused;
use super::SqlStore;
use crate::{
    Network, NetworkBatch, StoreError, StoreResult, CARRIER_CODE_TAKEN, NODE_CODE_TAKEN,
    PLATE_TAKEN,
};

const NODE_COLUMNS: &str = "id, code, name, kind, lat_e6, lon_e6, hours, services, village_code, \
                            contact_name, contact_phone";
const VEHICLE_COLUMNS: &str = "id, plate, depot_id, capacity_kg, capacity_parcels, \
                               shift_start_min, shift_end_min, cost_per_km_minor, currency";

#[derive(sqlx::FromRow)]
struct NodeRow {
    id: String,
    code: String,
    name: String,
    kind: String,
    lat_e6: i64,
    lon_e6: i64,
    hours: String,
    services: i64,
    village_code: Option<String>,
    contact_name: Option<String>,
    contact_phone: Option<String>,
}

impl NodeRow {
    fn record(self) -> StoreResult<NetworkNode> {
        let corrupt = |column| move || StoreError::Corrupt(column);
        let kind = NodeKind::parse(&self.kind).ok_or_else(corrupt("network_nodes.kind"))?;
        let location = i32::try_from(self.lat_e6)
            .ok()
            .zip(i32::try_from(self.lon_e6).ok())
            .and_then(|(lat, lon)| GeoPoint::new(lat, lon))
            .ok_or_else(corrupt("network_nodes.lat_e6"))?;
        let hours = OpeningHours::parse("hours", &self.hours)
            .map_err(|_| StoreError::Corrupt("network_nodes.hours"))?;
        let role = match kind {
            NodeKind::Warehouse => NodeRole::Warehouse,
            NodeKind::Station => NodeRole::Station {
                services: u8::try_from(self.services)
                    .ok()
                    .and_then(StationServices::from_bits)
                    .ok_or_else(corrupt("network_nodes.services"))?,
            },
            NodeKind::VillagePoint => {
                let village = self.village_code.as_deref().and_then(AreaCode::parse);
                let phone = self
                    .contact_phone
                    .as_deref()
                    .and_then(|phone| Phone::parse("contact_phone", phone).ok());
                match (village, self.contact_name, phone) {
                    (Some(village), Some(name), Some(phone)) => NodeRole::VillagePoint {
                        village,
                        contact: Contact { name, phone },
                    },
                    _ => return Err(StoreError::Corrupt("network_nodes.village_code")),
                }
            }
        };
        Ok(NetworkNode {
            id: NetworkNodeId::new(self.id),
            code: self.code,
            name: self.name,
            location,
            hours,
            role,
        })
    }
}

#[derive(sqlx::FromRow)]
struct VehicleRow {
    id: String,
    plate: String,
    depot_id: String,
    capacity_kg: i64,
    capacity_parcels: i64,
    shift_start_min: i64,
    shift_end_min: i64,
    cost_per_km_minor: i64,
    currency: String,
}

impl VehicleRow {
    fn record(self) -> StoreResult<Vehicle> {
        let minute = |value: i64| u16::try_from(value).ok().and_then(MinuteOfDay::new);
        let shift = minute(self.shift_start_min)
            .zip(minute(self.shift_end_min))
            .and_then(|(start, end)| DayWindow::new(start, end))
            .ok_or(StoreError::Corrupt("vehicles.shift_start_min"))?;
        let currency =
            Currency::parse(&self.currency).ok_or(StoreError::Corrupt("vehicles.currency"))?;
        Ok(Vehicle {
            id: VehicleId::new(self.id),
            plate: self.plate,
            depot: NetworkNodeId::new(self.depot_id),
            capacity_kg: self.capacity_kg,
            capacity_parcels: self.capacity_parcels,
            shift,
            cost_per_km: Money::new(self.cost_per_km_minor, currency),
        })
    }
}

#[derive(sqlx::FromRow)]
struct CarrierRow {
    id: String,
    code: String,
    name: String,
}

impl From<CarrierRow> for Carrier {
    fn from(row: CarrierRow) -> Carrier {
        Carrier {
            id: CarrierId::new(row.id),
            code: row.code,
            name: row.name,
        }
    }
}

#[async_trait]
impl Network for SqlStore {
    async fn save_node(&self, node: &NetworkNode) -> StoreResult<()> {
        let mut conn = self.writer.acquire().await?;
        save_node(&mut conn, node).await
    }

    async fn network_node(&self, id: &NetworkNodeId) -> StoreResult<Option<NetworkNode>> {
        let sql = format!("SELECT {NODE_COLUMNS} FROM network_nodes WHERE id = $1");
        let row: Option<NodeRow> = sqlx::query_as(&sql)
            .bind(id.as_str())
            .fetch_optional(&self.reader)
            .await?;
        row.map(NodeRow::record).transpose()
    }

    async fn network_nodes(&self) -> StoreResult<Vec<NetworkNode>> {
        let sql = format!("SELECT {NODE_COLUMNS} FROM network_nodes ORDER BY code");
        let rows: Vec<NodeRow> = sqlx::query_as(&sql).fetch_all(&self.reader).await?;
        rows.into_iter().map(NodeRow::record).collect()
    }

    async fn save_carrier(&self, carrier: &Carrier) -> StoreResult<()> {
        let mut conn = self.writer.acquire().await?;
        save_carrier(&mut conn, carrier).await
    }

    async fn carrier(&self, id: &CarrierId) -> StoreResult<Option<Carrier>> {
        let row: Option<CarrierRow> =
            sqlx::query_as("SELECT id, code, name FROM carriers WHERE id = $1")
                .bind(id.as_str())
                .fetch_optional(&self.reader)
                .await?;
        Ok(row.map(Carrier::from))
    }

    async fn carriers(&self) -> StoreResult<Vec<Carrier>> {
        let rows: Vec<CarrierRow> =
            sqlx::query_as("SELECT id, code, name FROM carriers ORDER BY code")
                .fetch_all(&self.reader)
                .await?;
        Ok(rows.into_iter().map(Carrier::from).collect())
    }

    async fn save_vehicle(&self, vehicle: &Vehicle) -> StoreResult<()> {
        let mut conn = self.writer.acquire().await?;
        save_vehicle(&mut conn, vehicle).await
    }

    async fn vehicle(&self, id: &VehicleId) -> StoreResult<Option<Vehicle>> {
        let sql = format!("SELECT {VEHICLE_COLUMNS} FROM vehicles WHERE id = $1");
        let row: Option<VehicleRow> = sqlx::query_as(&sql)
            .bind(id.as_str())
            .fetch_optional(&self.reader)
            .await?;
        row.map(VehicleRow::record).transpose()
    }

    async fn vehicles(&self) -> StoreResult<Vec<Vehicle>> {
        let sql = format!("SELECT {VEHICLE_COLUMNS} FROM vehicles ORDER BY plate");
        let rows: Vec<VehicleRow> = sqlx::query_as(&sql).fetch_all(&self.reader).await?;
        rows.into_iter().map(VehicleRow::record).collect()
    }

    async fn save_network(&self, batch: &NetworkBatch) -> StoreResult<()> {
        let mut tx = self.writer.begin().await?;
        for node in &batch.nodes {
            save_node(&mut tx, node).await?;
        }
        for carrier in &batch.carriers {
            save_carrier(&mut tx, carrier).await?;
        }
        for vehicle in &batch.vehicles {
            save_vehicle(&mut tx, vehicle).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

async fn save_node(conn: &mut AnyConnection, node: &NetworkNode) -> StoreResult<()> {
    let (village, contact_name, contact_phone) = match &node.role {
        NodeRole::VillagePoint { village, contact } => (
            Some(village.as_str()),
            Some(contact.name.as_str()),
            Some(contact.phone.as_str()),
        ),
        _ => (None, None, None),
    };
    let sql = format!(
        "INSERT INTO network_nodes ({NODE_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, \
         kind = excluded.kind, lat_e6 = excluded.lat_e6, lon_e6 = excluded.lon_e6, \
         hours = excluded.hours, services = excluded.services, \
         village_code = excluded.village_code, contact_name = excluded.contact_name, \
         contact_phone = excluded.contact_phone"
    );
    sqlx::query(&sql)
        .bind(node.id.as_str())
        .bind(node.code.as_str())
        .bind(node.name.as_str())
        .bind(node.kind().as_str())
        .bind(i64::from(node.location.lat_e6))
        .bind(i64::from(node.location.lon_e6))
        .bind(node.hours.to_string())
        .bind(i64::from(node.services().bits()))
        .bind(village)
        .bind(contact_name)
        .bind(contact_phone)
        .execute(conn)
        .await
        .map_err(refused(NODE_CODE_TAKEN))?;
    Ok(())
}

async fn save_carrier(conn: &mut AnyConnection, carrier: &Carrier) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO carriers (id, code, name) VALUES ($1, $2, $3) \
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name",
    )
    .bind(carrier.id.as_str())
    .bind(carrier.code.as_str())
    .bind(carrier.name.as_str())
    .execute(conn)
    .await
    .map_err(refused(CARRIER_CODE_TAKEN))?;
    Ok(())
}

async fn save_vehicle(conn: &mut AnyConnection, v: &Vehicle) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO vehicles ({VEHICLE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (id) DO UPDATE SET plate = excluded.plate, depot_id = excluded.depot_id, \
         capacity_kg = excluded.capacity_kg, capacity_parcels = excluded.capacity_parcels, \
         shift_start_min = excluded.shift_start_min, shift_end_min = excluded.shift_end_min, \
         cost_per_km_minor = excluded.cost_per_km_minor, currency = excluded.currency"
    );
    sqlx::query(&sql)
        .bind(v.id.as_str())
        .bind(v.plate.as_str())
        .bind(v.depot.as_str())
        .bind(v.capacity_kg)
        .bind(v.capacity_parcels)
        .bind(i64::from(v.shift.start.minutes()))
        .bind(i64::from(v.shift.end.minutes()))
        .bind(v.cost_per_km.minor())
        .bind(v.cost_per_km.currency().code())
        .execute(conn)
        .await
        .map_err(refused(PLATE_TAKEN))?;
    Ok(())
}
