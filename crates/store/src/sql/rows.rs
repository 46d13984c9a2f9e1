//! Rows as the database returns them, and their conversion into records. Every value that must
//! parse into a domain type is checked here; one that does not is reported as
//! `StoreError::Corrupt("table.column")` rather than trusted or unwrapped.

use farmgate_domain::application::{ApplicationStatus, DocumentFormat, DocumentKind};
use farmgate_domain::id::{AccountId, ApplicationId, DocumentId, ShopId, TokenId};
use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_domain::time::Timestamp;

use crate::{
    AccountRecord, ApiTokenRecord, ApplicationRecord, DocumentRecord, ShopRecord, StoreError,
    StoreResult,
};

/// The column lists that go with the row types below, so every query selects the same shape.
macro_rules! account_columns {
    () => {
        "id, email, display_name, password_hash, created_at"
    };
}
macro_rules! token_columns {
    () => {
        "id, account_id, name, token_hash, created_at, last_used_at, revoked_at"
    };
}
macro_rules! place_columns {
    () => {
        "code, name_zh, name_en, urban_rural, lat_e6, lon_e6"
    };
}
macro_rules! shop_columns {
    () => {
        "id, name, kind, village_code, description, created_at"
    };
}
macro_rules! application_columns {
    () => {
        "id, applicant, shop_name, kind, village_code, description, contact_phone, status, \
         reason, reviewed_by, created_at, decided_at"
    };
}
macro_rules! document_columns {
    () => {
        "id, application_id, kind, format, file_name, size_bytes, created_at"
    };
}
pub(super) use {
    account_columns, application_columns, document_columns, place_columns, shop_columns,
    token_columns,
};

fn parsed<T>(value: Option<T>, column: &'static str) -> StoreResult<T> {
    value.ok_or(StoreError::Corrupt(column))
}

pub(super) fn role(value: &str) -> StoreResult<Role> {
    parsed(Role::parse(value), "account_roles.role")
}

/// Sorted in `Role::ALL` order, so callers see roles in a stable order.
pub(super) fn sort_roles(roles: &mut Vec<Role>) {
    roles.sort_by_key(|role| Role::ALL.iter().position(|r| r == role));
    roles.dedup();
}

#[derive(sqlx::FromRow)]
pub(super) struct AccountRow {
    id: String,
    email: String,
    display_name: String,
    password_hash: String,
    created_at: i64,
}

impl AccountRow {
    pub(super) fn id(&self) -> &str {
        &self.id
    }

    pub(super) fn into_record(self, roles: Vec<Role>) -> AccountRecord {
        AccountRecord {
            id: AccountId::new(self.id),
            email: self.email,
            display_name: self.display_name,
            password_hash: self.password_hash,
            roles,
            created_at: Timestamp::from_millis(self.created_at),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct TokenRow {
    id: String,
    account_id: String,
    name: String,
    token_hash: String,
    created_at: i64,
    last_used_at: Option<i64>,
    revoked_at: Option<i64>,
}

impl From<TokenRow> for ApiTokenRecord {
    fn from(row: TokenRow) -> Self {
        ApiTokenRecord {
            id: TokenId::new(row.id),
            account_id: AccountId::new(row.account_id),
            name: row.name,
            token_hash: row.token_hash,
            created_at: Timestamp::from_millis(row.created_at),
            last_used_at: row.last_used_at.map(Timestamp::from_millis),
            revoked_at: row.revoked_at.map(Timestamp::from_millis),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct PlaceRow {
    code: String,
    name_zh: String,
    name_en: String,
    urban_rural: i64,
    lat_e6: i64,
    lon_e6: i64,
}

impl TryFrom<PlaceRow> for Place {
    type Error = StoreError;

    fn try_from(row: PlaceRow) -> StoreResult<Place> {
        let urban_rural = u16::try_from(row.urban_rural)
            .ok()
            .and_then(UrbanRuralCode::parse);
        let lat = i32::try_from(row.lat_e6).ok();
        let lon = i32::try_from(row.lon_e6).ok();
        Ok(Place {
            code: parsed(AreaCode::parse(&row.code), "places.code")?,
            name_zh: row.name_zh,
            name_en: row.name_en,
            urban_rural: parsed(urban_rural, "places.urban_rural")?,
            location: parsed(
                lat.zip(lon).and_then(|(lat, lon)| GeoPoint::new(lat, lon)),
                "places.lat_e6/lon_e6",
            )?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct ShopRow {
    id: String,
    name: String,
    kind: String,
    village_code: String,
    description: String,
    created_at: i64,
}

impl TryFrom<ShopRow> for ShopRecord {
    type Error = StoreError;

    fn try_from(row: ShopRow) -> StoreResult<ShopRecord> {
        Ok(ShopRecord {
            id: ShopId::new(row.id),
            name: row.name,
            kind: parsed(ProducerKind::parse(&row.kind), "shops.kind")?,
            village: parsed(AreaCode::parse(&row.village_code), "shops.village_code")?,
            description: row.description,
            created_at: Timestamp::from_millis(row.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct ApplicationRow {
    id: String,
    applicant: String,
    shop_name: String,
    kind: String,
    village_code: String,
    description: String,
    contact_phone: String,
    status: String,
    reason: Option<String>,
    reviewed_by: Option<String>,
    created_at: i64,
    decided_at: Option<i64>,
}

impl TryFrom<ApplicationRow> for ApplicationRecord {
    type Error = StoreError;

    fn try_from(row: ApplicationRow) -> StoreResult<ApplicationRecord> {
        Ok(ApplicationRecord {
            id: ApplicationId::new(row.id),
            applicant: AccountId::new(row.applicant),
            shop_name: row.shop_name,
            kind: parsed(ProducerKind::parse(&row.kind), "producer_applications.kind")?,
            village: parsed(
                AreaCode::parse(&row.village_code),
                "producer_applications.village_code",
            )?,
            description: row.description,
            contact_phone: row.contact_phone,
            status: parsed(
                ApplicationStatus::parse(&row.status),
                "producer_applications.status",
            )?,
            reason: row.reason,
            reviewed_by: row.reviewed_by.map(AccountId::new),
            created_at: Timestamp::from_millis(row.created_at),
            decided_at: row.decided_at.map(Timestamp::from_millis),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct DocumentRow {
    id: String,
    application_id: String,
    kind: String,
    format: String,
    file_name: String,
    size_bytes: i64,
    created_at: i64,
}

impl TryFrom<DocumentRow> for DocumentRecord {
    type Error = StoreError;

    fn try_from(row: DocumentRow) -> StoreResult<DocumentRecord> {
        Ok(DocumentRecord {
            id: DocumentId::new(row.id),
            application_id: ApplicationId::new(row.application_id),
            kind: parsed(DocumentKind::parse(&row.kind), "application_documents.kind")?,
            format: parsed(
                DocumentFormat::from_media_type(&row.format),
                "application_documents.format",
            )?,
            file_name: row.file_name,
            size_bytes: row.size_bytes,
            created_at: Timestamp::from_millis(row.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct DocumentWithContentRow {
    #[sqlx(flatten)]
    pub(super) record: DocumentRow,
    pub(super) content: Vec<u8>,
}

/// Converts every row, stopping at the first that does not parse.
pub(super) fn records<R, T>(rows: Vec<R>) -> StoreResult<Vec<T>>
where
    T: TryFrom<R, Error = StoreError>,
{
    rows.into_iter().map(T::try_from).collect()
}
