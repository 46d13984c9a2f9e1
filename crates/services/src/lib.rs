//! Farmgate's use cases. Each loads what it needs through the storage interfaces, asks the
//! domain's rules (including `authorize`, once per use case), and saves. Nothing here knows
//! HTTP or HTML.

pub mod accounts;
pub mod after_sales;
pub mod api_tokens;
mod caches;
pub mod campaigns;
pub mod cart;
pub mod catalogue;
pub mod checkout;
mod clock;
pub mod coupons;
pub mod demo;
mod demo_campaigns;
mod demo_group_buys;
pub mod demo_history;
mod demo_history_books;
mod demo_history_live;
mod demo_leader_sales;
pub mod demo_live;
mod demo_photos;
pub mod demo_short_videos;
mod demo_trace;
mod demo_up;
mod demo_yesterday;
pub mod directory;
pub mod down;
mod error;
pub mod feed;
pub mod flash_sale;
mod follows;
pub mod fulfilment;
pub mod group_buys;
mod ids;
pub mod import;
mod leader_commission;
pub mod leaders;
pub mod live;
pub mod live_broadcast;
pub mod live_buy;
pub mod live_cover;
pub mod live_dashboard;
pub mod live_draws;
pub mod live_room;
pub mod measures;
pub mod network;
pub mod onboarding;
pub mod parcels;
mod passwords;
pub mod payments;
pub mod payouts;
pub mod photos;
mod product_edits;
mod refunds;
pub mod roles;
pub mod route_runs;
pub mod search;
mod secrets;
pub mod settings;
pub mod share_links;
pub mod shops;
pub mod short_videos;
pub mod stats;
pub mod trace;
pub mod up_parcels;

use std::sync::Arc;

use farmgate_store::Store;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{ServiceError, ServiceResult};
pub use ids::new_id;
pub use passwords::PasswordHasher;

/// The handles every use case needs, cheap to clone into each request.
#[derive(Clone)]
pub struct Services {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub passwords: PasswordHasher,
    pub directory: Arc<directory::Directory>,
    /// How payments are taken; set by `with_payments`.
    pub payments: Option<Arc<payments::PaymentSetup>>,
    /// Where product photos are kept; set by `with_photos`.
    pub photos: Option<photos::Photos>,
    /// The product search index; set by `with_search`.
    pub search: Option<Arc<search::Search>>,
    caches: Arc<caches::Caches>,
    /// The live rooms, which use cases post to (`rooms.post(session, RoomEvent::…)`).
    pub rooms: farmgate_live::RoomHub,
    /// Flash-sale gates and their writer.
    flash: Arc<flash_sale::FlashEngine>,
    /// Pushes per live session, for the reconnect grace.
    broadcasts: Arc<live_broadcast::Broadcasts>,
}

impl Services {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            clock: Arc::new(SystemClock),
            passwords: PasswordHasher,
            directory: Arc::default(),
            payments: None,
            photos: None,
            search: None,
            caches: Arc::default(),
            rooms: farmgate_live::RoomHub::new(),
            flash: Arc::default(),
            broadcasts: Arc::default(),
        }
    }
}
