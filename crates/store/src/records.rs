//! Plain records as stored: what goes in and comes out of the storage interfaces.

use farmgate_domain::application::{ApplicationStatus, DocumentFormat, DocumentKind};
use farmgate_domain::id::{AccountId, ApplicationId, DocumentId, ShopId, TokenId};
use farmgate_domain::place::AreaCode;
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_domain::time::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: i64,
    pub offset: i64,
}

impl Page {
    pub const fn first(limit: i64) -> Self {
        Self { limit, offset: 0 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecord {
    pub id: AccountId,
    /// Lower-cased; unique.
    pub email: String,
    pub display_name: String,
    /// PHC string (argon2id).
    pub password_hash: String,
    pub roles: Vec<Role>,
    pub created_at: Timestamp,
}

/// An account with the shops it works in: everything authorisation needs, read in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub account: AccountRecord,
    pub shops: Vec<ShopId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// SHA-256 of the cookie's secret, hex: a stolen database holds no usable session.
    pub token_hash: String,
    pub account_id: AccountId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: TokenId,
    pub account_id: AccountId,
    pub name: String,
    /// SHA-256 of the secret, hex; the secret itself is shown once and never stored.
    pub token_hash: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopRecord {
    pub id: ShopId,
    pub name: String,
    pub kind: ProducerKind,
    pub village: AreaCode,
    pub description: String,
    pub created_at: Timestamp,
}

/// The parts of a shop its members edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopProfile {
    pub name: String,
    pub description: String,
}

/// Narrows a shop listing; an empty filter lists every shop.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShopFilter {
    /// A county, township or village code: shops located in or under that place.
    pub place: Option<AreaCode>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRecord {
    pub id: ApplicationId,
    pub applicant: AccountId,
    pub shop_name: String,
    pub kind: ProducerKind,
    pub village: AreaCode,
    pub description: String,
    pub contact_phone: String,
    pub status: ApplicationStatus,
    pub reason: Option<String>,
    pub reviewed_by: Option<AccountId>,
    pub created_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationDecision {
    pub application: ApplicationId,
    pub outcome: ApplicationStatus,
    pub reason: Option<String>,
    pub reviewer: AccountId,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    pub id: DocumentId,
    pub application_id: ApplicationId,
    pub kind: DocumentKind,
    pub format: DocumentFormat,
    /// The name the applicant's file had, cleaned for display.
    pub file_name: String,
    pub size_bytes: i64,
    pub created_at: Timestamp,
}

/// A document with its content, as uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    pub record: DocumentRecord,
    pub content: Vec<u8>,
}
