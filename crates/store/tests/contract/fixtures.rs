//! Builders for test data: a small county with two townships, and accounts, shops and
//! applications with fresh ids.

use farmgate_domain::application::{ApplicationStatus, DocumentFormat, DocumentKind};
use farmgate_domain::id::{AccountId, ApplicationId, DocumentId, ShopId};
use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::{
    AccountRecord, Accounts, ApplicationDecision, ApplicationRecord, DocumentRecord, NewDocument,
    Places, ShopRecord,
};

pub const T0: Timestamp = Timestamp::from_millis(1_735_689_600_000);

pub const COUNTY: &str = "632830000000";
pub const TOWNSHIP_A: &str = "632830101000";
pub const VILLAGE_A1: &str = "632830101203";
pub const VILLAGE_A2: &str = "632830101204";
pub const TOWNSHIP_B: &str = "632830102000";
pub const VILLAGE_B1: &str = "632830102201";
/// A village of a neighbouring county, which no filter on `COUNTY` may match.
pub const OTHER_VILLAGE: &str = "632821100201";

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub fn code(value: &str) -> AreaCode {
    AreaCode::parse(value).unwrap()
}

pub fn place(code_text: &str, name: &str) -> Place {
    let urban_rural = match code(code_text).level() {
        farmgate_domain::place::PlaceLevel::Village => UrbanRuralCode::VILLAGE,
        _ => UrbanRuralCode::TOWNSHIP_CENTRE,
    };
    Place {
        code: code(code_text),
        name_zh: format!("{name}村"),
        name_en: name.to_owned(),
        urban_rural,
        location: GeoPoint::new(36_300_000, 99_020_000).unwrap(),
    }
}

pub async fn add_places(store: &SqlStore) {
    let places = [
        place(VILLAGE_B1, "B1"),
        place(COUNTY, "County"),
        place(TOWNSHIP_A, "A"),
        place(VILLAGE_A1, "A1"),
        place(VILLAGE_A2, "A2"),
        place(TOWNSHIP_B, "B"),
        place(OTHER_VILLAGE, "Elsewhere"),
    ];
    store.upsert_places(&places).await.unwrap();
}

pub fn account(email: &str, created_at: Timestamp) -> AccountRecord {
    AccountRecord {
        id: AccountId::new(new_id()),
        email: email.to_owned(),
        display_name: format!("Name of {email}"),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
        roles: vec![Role::Buyer],
        created_at,
    }
}

pub async fn add_account(store: &SqlStore, email: &str) -> AccountRecord {
    let account = account(email, T0);
    store.insert_account(&account).await.unwrap();
    account
}

pub fn shop(name: &str, village: &str) -> ShopRecord {
    ShopRecord {
        id: ShopId::new(new_id()),
        name: name.to_owned(),
        kind: ProducerKind::Cooperative,
        village: code(village),
        description: format!("{name}: yak butter and goji"),
        created_at: T0,
    }
}

pub fn application(applicant: &AccountId, created_at: Timestamp) -> ApplicationRecord {
    ApplicationRecord {
        id: ApplicationId::new(new_id()),
        applicant: applicant.clone(),
        shop_name: "卓玛家庭农场".to_owned(),
        kind: ProducerKind::FamilyFarm,
        village: code(VILLAGE_A1),
        description: "Highland barley and goji".to_owned(),
        contact_phone: "13800138000".to_owned(),
        status: ApplicationStatus::Pending,
        reason: None,
        reviewed_by: None,
        created_at,
        decided_at: None,
    }
}

pub fn document(application: &ApplicationId, kind: DocumentKind, content: Vec<u8>) -> NewDocument {
    NewDocument {
        record: DocumentRecord {
            id: DocumentId::new(new_id()),
            application_id: application.clone(),
            kind,
            format: DocumentFormat::Pdf,
            file_name: "licence.pdf".to_owned(),
            size_bytes: i64::try_from(content.len()).unwrap(),
            created_at: T0,
        },
        content,
    }
}

pub fn approval(application: &ApplicationId, reviewer: &AccountId) -> ApplicationDecision {
    ApplicationDecision {
        application: application.clone(),
        outcome: ApplicationStatus::Approved,
        reason: None,
        reviewer: reviewer.clone(),
        at: T0.plus_days(1),
    }
}

pub fn rejection(
    application: &ApplicationId,
    reviewer: &AccountId,
    reason: &str,
) -> ApplicationDecision {
    ApplicationDecision {
        application: application.clone(),
        outcome: ApplicationStatus::Rejected,
        reason: Some(reason.to_owned()),
        reviewer: reviewer.clone(),
        at: T0.plus_days(1),
    }
}

/// An applicant, a reviewer, the places, and one pending application of the applicant's.
pub struct Pending {
    pub applicant: AccountRecord,
    pub reviewer: AccountRecord,
    pub application: ApplicationRecord,
}

pub async fn pending_application(store: &SqlStore) -> Pending {
    use farmgate_store::Applications;
    add_places(store).await;
    let applicant = add_account(store, "zhuoma@example.cn").await;
    let reviewer = add_account(store, "hub@example.cn").await;
    let application = application(&applicant.id, T0);
    store.insert_application(&application, &[]).await.unwrap();
    Pending {
        applicant,
        reviewer,
        application,
    }
}
