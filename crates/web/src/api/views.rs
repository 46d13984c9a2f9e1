//! What the API returns: stable JSON shapes, separate from storage records so a schema change
//! underneath does not change the API.

use farmgate_domain::place::Place;
use farmgate_services::accounts::Signed;
use farmgate_services::onboarding::ApplicationDetail;
use farmgate_store::{
    AccountRecord, ApiTokenRecord, ApplicationRecord, DocumentRecord, ShopRecord,
};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct AccountView {
    pub id: String,
    pub email: String,
    pub display_name: String,
    /// buyer, producer, hub_operator, live_host, moderator, logistics, quality_officer, analyst, admin
    pub roles: Vec<String>,
    /// Milliseconds since the Unix epoch, UTC.
    pub created_at: i64,
}

impl From<&AccountRecord> for AccountView {
    fn from(a: &AccountRecord) -> Self {
        Self {
            id: a.id.to_string(),
            email: a.email.clone(),
            display_name: a.display_name.clone(),
            roles: a.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            created_at: a.created_at.millis(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MeView {
    pub account: AccountView,
    /// Ids of the shops this account works in.
    pub shops: Vec<String>,
}

impl From<&Signed> for MeView {
    fn from(user: &Signed) -> Self {
        Self {
            account: AccountView::from(&user.account),
            shops: user.actor.shops.iter().map(|s| s.to_string()).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PlaceView {
    /// 12-digit statistical area code.
    pub code: String,
    pub level: String,
    pub parent: Option<String>,
    pub name_zh: String,
    pub name_en: String,
    /// 3-digit urban–rural code; 2xx is rural.
    pub urban_rural: u16,
    pub lat_e6: i32,
    pub lon_e6: i32,
}

impl From<&Place> for PlaceView {
    fn from(p: &Place) -> Self {
        Self {
            code: p.code.to_string(),
            level: p.level().as_str().to_owned(),
            parent: p.parent().map(|c| c.to_string()),
            name_zh: p.name_zh.clone(),
            name_en: p.name_en.clone(),
            urban_rural: p.urban_rural.value(),
            lat_e6: p.location.lat_e6,
            lon_e6: p.location.lon_e6,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ShopView {
    pub id: String,
    pub name: String,
    /// individual, family_farm, cooperative, workshop
    pub kind: String,
    pub village: String,
    pub description: String,
    pub created_at: i64,
}

impl From<&ShopRecord> for ShopView {
    fn from(s: &ShopRecord) -> Self {
        Self {
            id: s.id.to_string(),
            name: s.name.clone(),
            kind: s.kind.as_str().to_owned(),
            village: s.village.to_string(),
            description: s.description.clone(),
            created_at: s.created_at.millis(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ShopList {
    pub shops: Vec<ShopView>,
    pub total: i64,
}

#[derive(Serialize, ToSchema)]
pub struct TokenView {
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl From<&ApiTokenRecord> for TokenView {
    fn from(t: &ApiTokenRecord) -> Self {
        Self {
            id: t.id.to_string(),
            name: t.name.clone(),
            created_at: t.created_at.millis(),
            last_used_at: t.last_used_at.map(|at| at.millis()),
            revoked_at: t.revoked_at.map(|at| at.millis()),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CreatedTokenView {
    pub token: TokenView,
    /// The bearer secret. Shown only in this response; store it now.
    pub secret: String,
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationView {
    pub id: String,
    pub applicant: String,
    pub shop_name: String,
    pub kind: String,
    pub village: String,
    pub description: String,
    pub contact_phone: String,
    /// pending, approved, rejected
    pub status: String,
    pub reason: Option<String>,
    pub created_at: i64,
    pub decided_at: Option<i64>,
}

impl From<&ApplicationRecord> for ApplicationView {
    fn from(a: &ApplicationRecord) -> Self {
        Self {
            id: a.id.to_string(),
            applicant: a.applicant.to_string(),
            shop_name: a.shop_name.clone(),
            kind: a.kind.as_str().to_owned(),
            village: a.village.to_string(),
            description: a.description.clone(),
            contact_phone: a.contact_phone.clone(),
            status: a.status.as_str().to_owned(),
            reason: a.reason.clone(),
            created_at: a.created_at.millis(),
            decided_at: a.decided_at.map(|at| at.millis()),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DocumentView {
    pub id: String,
    pub kind: String,
    pub media_type: String,
    pub file_name: String,
    pub size_bytes: i64,
    /// Where the file can be fetched (same credentials).
    pub url: String,
}

impl From<&DocumentRecord> for DocumentView {
    fn from(d: &DocumentRecord) -> Self {
        Self {
            id: d.id.to_string(),
            kind: d.kind.as_str().to_owned(),
            media_type: d.format.media_type().to_owned(),
            file_name: d.file_name.clone(),
            size_bytes: d.size_bytes,
            url: format!("/applications/documents/{}", d.id),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationDetailView {
    pub application: ApplicationView,
    pub applicant_name: String,
    pub documents: Vec<DocumentView>,
}

impl From<&ApplicationDetail> for ApplicationDetailView {
    fn from(d: &ApplicationDetail) -> Self {
        Self {
            application: ApplicationView::from(&d.application),
            applicant_name: d.applicant_name.clone(),
            documents: d.documents.iter().map(DocumentView::from).collect(),
        }
    }
}
