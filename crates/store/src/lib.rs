//! Storage for Farmgate: the interfaces the services depend on, one per area, and the SQL
//! adapter that implements them on SQLite (embedded default) and PostgreSQL (scale-out).
//! Records here are plain data; rules stay in the domain and the services.

mod after_sales;
mod batches;
mod campaign_coupons;
mod campaigns;
mod catalogue;
mod coupons;
mod down;
mod error;
mod flash_sales;
mod follows;
mod group_buys;
mod gs1_codes;
mod history;
mod leaders;
mod live;
mod live_draws;
mod live_figures;
mod measures;
mod network;
mod orders;
mod parcels;
mod payouts;
mod quality;
mod recalls;
mod records;
mod route_runs;
mod short_videos;
pub mod sql;
mod stats;
mod up_parcels;

use async_trait::async_trait;
use farmgate_domain::application::ApplicationStatus;
use farmgate_domain::id::{AccountId, ApplicationId, DocumentId, ShopId, TokenId};
use farmgate_domain::place::{AreaCode, Place};
use farmgate_domain::role::Role;
use farmgate_domain::time::Timestamp;

pub use after_sales::*;
pub use batches::*;
pub use campaign_coupons::*;
pub use campaigns::*;
pub use catalogue::*;
pub use coupons::*;
pub use down::*;
pub use error::StoreError;
pub use flash_sales::*;
pub use follows::*;
pub use group_buys::*;
pub use gs1_codes::*;
pub use history::*;
pub use leaders::*;
pub use live::*;
pub use live_draws::*;
pub use live_figures::*;
pub use measures::*;
pub use network::*;
pub use orders::*;
pub use parcels::*;
pub use payouts::*;
pub use quality::*;
pub use recalls::*;
pub use records::*;
pub use route_runs::*;
pub use short_videos::*;
pub use stats::*;
pub use up_parcels::*;

pub type StoreResult<T> = Result<T, StoreError>;

#[async_trait]
pub trait Accounts: Send + Sync {
    /// Fails with `StoreError::Conflict` when the e-mail address is taken.
    async fn insert_account(&self, account: &AccountRecord) -> StoreResult<()>;
    async fn account(&self, id: &AccountId) -> StoreResult<Option<AccountRecord>>;
    async fn account_by_email(&self, email: &str) -> StoreResult<Option<AccountRecord>>;
    /// The account with its roles and shops, for authorising a request.
    async fn member(&self, id: &AccountId) -> StoreResult<Option<Member>>;
    /// Replaces the account's roles; `StoreError::NotFound` when there is no such account.
    async fn set_roles(&self, id: &AccountId, roles: &[Role]) -> StoreResult<()>;
    /// Newest first.
    async fn list_accounts(&self, page: Page) -> StoreResult<Vec<AccountRecord>>;
    /// Accounts holding `role`, by name.
    async fn accounts_with_role(&self, role: Role, page: Page) -> StoreResult<Vec<AccountRecord>>;
    async fn count_accounts(&self) -> StoreResult<i64>;
}

#[async_trait]
pub trait Sessions: Send + Sync {
    async fn insert_session(&self, session: &SessionRecord) -> StoreResult<()>;
    /// The account behind a session with this token hash, if the session is live at `now`.
    async fn session_member(&self, token_hash: &str, now: Timestamp)
        -> StoreResult<Option<Member>>;
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    /// Removes sessions that expired before `now`; returns how many.
    async fn delete_expired_sessions(&self, now: Timestamp) -> StoreResult<u64>;
}

#[async_trait]
pub trait ApiTokens: Send + Sync {
    async fn insert_token(&self, token: &ApiTokenRecord) -> StoreResult<()>;
    /// The token with this hash, if it has not been revoked.
    async fn active_token(&self, token_hash: &str) -> StoreResult<Option<ApiTokenRecord>>;
    /// Newest first, revoked ones included.
    async fn tokens_of(&self, account: &AccountId) -> StoreResult<Vec<ApiTokenRecord>>;
    /// Revokes one of the account's own active tokens; `false` when there was none to revoke.
    async fn revoke_token(
        &self,
        account: &AccountId,
        id: &TokenId,
        at: Timestamp,
    ) -> StoreResult<bool>;
    async fn touch_token(&self, id: &TokenId, at: Timestamp) -> StoreResult<()>;
}

#[async_trait]
pub trait Places: Send + Sync {
    /// Inserts or replaces places by code, all in one transaction.
    async fn upsert_places(&self, places: &[Place]) -> StoreResult<()>;
    /// Ordered by code, so a county comes before its townships and each township before its villages.
    async fn places(&self) -> StoreResult<Vec<Place>>;
    async fn place(&self, code: &AreaCode) -> StoreResult<Option<Place>>;
}

#[async_trait]
pub trait Shops: Send + Sync {
    /// Creates a shop with its owner as first member and gives the owner the producer role,
    /// in one transaction.
    async fn insert_shop_with_owner(&self, shop: &ShopRecord, owner: &AccountId)
        -> StoreResult<()>;
    async fn shop(&self, id: &ShopId) -> StoreResult<Option<ShopRecord>>;
    /// Ordered by name.
    async fn list_shops(&self, filter: &ShopFilter, page: Page) -> StoreResult<Vec<ShopRecord>>;
    async fn count_shops(&self, filter: &ShopFilter) -> StoreResult<i64>;
    async fn shops_of(&self, account: &AccountId) -> StoreResult<Vec<ShopRecord>>;
    /// `StoreError::NotFound` when there is no such shop.
    async fn update_shop_profile(&self, id: &ShopId, profile: &ShopProfile) -> StoreResult<()>;
}

#[async_trait]
pub trait Applications: Send + Sync {
    /// Stores the application and all its documents together, or nothing.
    async fn insert_application(
        &self,
        application: &ApplicationRecord,
        documents: &[NewDocument],
    ) -> StoreResult<()>;
    async fn application(&self, id: &ApplicationId) -> StoreResult<Option<ApplicationRecord>>;
    /// Oldest first, so the hub reviews in the order people applied.
    async fn applications(
        &self,
        status: Option<ApplicationStatus>,
        page: Page,
    ) -> StoreResult<Vec<ApplicationRecord>>;
    async fn applications_of(&self, applicant: &AccountId) -> StoreResult<Vec<ApplicationRecord>>;
    async fn documents_of(&self, application: &ApplicationId) -> StoreResult<Vec<DocumentRecord>>;
    async fn document_content(
        &self,
        id: &DocumentId,
    ) -> StoreResult<Option<(DocumentRecord, Vec<u8>)>>;
    /// Records the decision only if the application is still pending (`StoreError::Conflict`
    /// otherwise); on approval also opens `shop` with the applicant as owner. One transaction.
    async fn decide_application(
        &self,
        decision: &ApplicationDecision,
        shop: Option<&ShopRecord>,
    ) -> StoreResult<()>;
}

#[async_trait]
pub trait Meta: Send + Sync {
    async fn meta(&self, key: &str) -> StoreResult<Option<String>>;
    async fn set_meta(&self, key: &str, value: &str) -> StoreResult<()>;
    /// Sets `key` unless it has a value, and answers the value it has now: of nodes racing to
    /// make the same secret, all end up with the first one stored.
    async fn meta_or_insert(&self, key: &str, value: &str) -> StoreResult<String>;
}

/// Everything the services need from storage, as one object.
#[async_trait]
pub trait Store:
    Accounts
    + Sessions
    + ApiTokens
    + Places
    + Shops
    + Applications
    + Meta
    + Catalogue
    + Orders
    + Payments
    + Ledger
    + Carts
    + AfterSales
    + Payouts
    + Books
    + LiveSessions
    + Follows
    + FlashSales
    + GroupBuys
    + Leaders
    + Campaigns
    + CampaignCoupons
    + ShortVideos
    + Coupons
    + LiveDraws
    + LiveFigures
    + Network
    + Parcels
    + UpParcels
    + DownFlow
    + RouteRuns
    + MeasureReads
    + Batches
    + Recalls
    + Gs1Codes
    + Quality
    + Rollups
    + History
{
    fn backend(&self) -> Backend;
    /// Answers whether the database is reachable (for `/readyz`).
    async fn ping(&self) -> StoreResult<()>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub const fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}
