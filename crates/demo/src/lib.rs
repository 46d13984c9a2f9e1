//! The demo county that `farmgate serve --demo` shows a newcomer: 雪源县 (Xueyuan County), a
//! fictional plateau county of the Qaidam basin, with its townships and villages, about 200
//! producers and their shops with about 600 products, an account for every role, and
//! applications awaiting review.
//!
//! A plan is computed from a seed by a self-contained SplitMix64 generator, so the same seed
//! gives the same county, value for value, on every machine. The crate is pure — no I/O, clock or
//! async; the services layer stores what it plans.

mod accounts;
mod applications;
mod catalog;
mod county;
mod descriptions;
mod documents;
mod down_parcels;
mod group_buys;
mod history;
mod leader_sales;
mod live;
mod names;
mod network;
mod pdf;
mod people;
mod places;
mod prices;
mod producers;
mod product_text;
mod products;
mod rng;
mod shops;
mod specialties;

use farmgate_domain::application::DocumentKind;
use farmgate_domain::catalogue::{Category, Grade};
use farmgate_domain::network::{CarrierForm, NodeForm, VehicleForm};
use farmgate_domain::place::{AreaCode, Place};
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_domain::unit::SellingUnit;

pub use accounts::EMAIL_DOMAIN;
pub use down_parcels::{DemoDownParcel, DemoDownStage};
pub use group_buys::{group_buys, DemoGroupBuy, DemoGroupBuys, DemoTeam};
pub use history::{
    history, DemoBuyer, DemoHistory, DemoOrder, DemoOrderLine, DemoRefund, PastLiveSession,
    HISTORY_MONTHS,
};
pub use leader_sales::{leader_sales, DemoLeaderSale, DemoLeaderSales, SaleFate};
pub use producers::PRODUCER_COUNT;
pub use specialties::Specialty;

/// The seed `--demo` uses unless told otherwise.
pub const DEFAULT_SEED: u64 = 20_261_122;

/// The password of every demo account, printed on the start page.
pub const DEMO_PASSWORD: &str = "farmgate-demo";

/// Everything the demo county starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPlan {
    /// The county, then each township followed by its villages; parents come before children.
    pub places: Vec<Place>,
    /// One shop each. The first is owned by the producer role account.
    pub producers: Vec<DemoProducer>,
    /// One account per role, for the start page.
    pub accounts: Vec<DemoAccount>,
    /// Pending applications for the hub to review.
    pub applications: Vec<DemoApplication>,
    /// About three per producer, in producer order; the first producer's come first.
    pub products: Vec<DemoProduct>,
    /// One live session in each state a viewer meets: on air, announced, over with a replay.
    pub live_sessions: Vec<DemoLiveSession>,
    pub network: DemoNetwork,
    /// Today's down parcels, in no particular order.
    pub down_parcels: Vec<DemoDownParcel>,
}

/// The county's logistics network as the hub would type it: every form passes the network's
/// validators, and vehicles name their depots by code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoNetwork {
    /// The warehouse, then the stations, then the village points.
    pub nodes: Vec<NodeForm>,
    pub carriers: Vec<CarrierForm>,
    pub vehicles: Vec<VehicleForm>,
}

/// A live session of a demo shop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLiveSession {
    /// Index into [`DemoPlan::producers`].
    pub producer: usize,
    pub title: String,
    pub trailer: String,
    /// Start time relative to when the demo is made; negative is in the past.
    pub starts_in_hours: i64,
    pub state: DemoLiveState,
    /// Indexes into [`DemoPlan::products`], all the producer's own.
    pub bag: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoLiveState {
    Scheduled,
    Live,
    Ended,
}

/// A role account listed on the start page. All share [`DEMO_PASSWORD`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// What signing in as this account lets a newcomer try.
    pub purpose_en: &'static str,
    pub purpose_zh: &'static str,
}

/// A producer and the shop they own. An owner whose email is not among the role accounts needs
/// an account of their own (a buyer; the shop makes them a producer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoProducer {
    pub owner_email: String,
    pub owner_name: String,
    pub shop_name: String,
    pub kind: ProducerKind,
    pub village: AreaCode,
    pub description: String,
    /// One to three, the main one first.
    pub specialties: Vec<Specialty>,
}

/// A product as its producer would list it. Every value passes the catalogue's validators
/// (`ProductTitle`, `ProductDescription`, `Grade`, `Season`, `SkuSpec`), and titles are unique
/// within a shop, so the seeder can store them without second-guessing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoProduct {
    /// Index into [`DemoPlan::producers`].
    pub producer: usize,
    /// "柴达木黑枸杞 特级 250g罐装": origin, product word, style, grade, and the pack when
    /// there is only one.
    pub title: String,
    /// "Qaidam black goji, special grade, 250 g jar"; at most 80 characters.
    pub title_en: String,
    /// Two to four Chinese sentences: the village and its altitude, harvest and making,
    /// grade, shipping.
    pub description: String,
    pub category: Category,
    pub grade: Grade,
    /// Which specialty it is made from, for the photo drawing and search synonyms. Wool and
    /// salt crafts carry the animal or the lake they come from.
    pub specialty: Specialty,
    /// The months it can be bought (fresh meat, fresh goji, cordyceps); empty for all year.
    pub season_months: Vec<u8>,
    /// A pre-sale of the coming harvest; the seeder picks the ship-from date. Only seasonal
    /// products are pre-sales.
    pub presale: bool,
    /// One to three, smallest pack first.
    pub skus: Vec<DemoSku>,
}

/// A variant of a product, with the numbers `SkuSpec::parse` checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSku {
    /// As the buyer picks it: "250g 罐装", "1斤 冷链装", "整只 约15kg".
    pub name: String,
    pub unit: SellingUnit,
    /// Required for weight units; pieces may have one (a jug of oil) or not (a scarf).
    pub net_weight_g: Option<i64>,
    /// With packaging; never below the net weight.
    pub shipping_weight_g: Option<i64>,
    /// 2026 retail, on a price point shops use (¥12.90, ¥128, ¥1,680).
    pub price_fen: i64,
    /// 0–500; about 5% are sold out and 4% down to their last few.
    pub stock: i64,
}

/// An application to open a shop, submitted by a person with no shop yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoApplication {
    pub applicant_email: String,
    pub applicant_name: String,
    pub shop_name: String,
    pub kind: ProducerKind,
    pub village: AreaCode,
    pub description: String,
    /// As a person would type it, with spaces; `Phone::parse` accepts it.
    pub contact_phone: String,
    pub documents: Vec<DemoDocument>,
}

/// An uploaded document: a small one-page PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoDocument {
    pub kind: DocumentKind,
    pub file_name: String,
    pub content: Vec<u8>,
}

/// Stream numbers for the parts of the plan, so each part's draws are independent of the others.
const PRODUCER_STREAM: u64 = 1;
const APPLICATION_STREAM: u64 = 2;
const PRODUCT_STREAM: u64 = 3;
const NETWORK_STREAM: u64 = 4;
const DOWN_PARCEL_STREAM: u64 = 5;

/// The demo county for `seed`. The map is the same for every seed; the people, shops,
/// applications and products differ. Products draw from a stream of their own, so adding them
/// left every earlier part of the plan as it was for the same seed.
pub fn plan(seed: u64) -> DemoPlan {
    let county = places::county();
    let mut people = people::Names::default();
    for name in accounts::reserved_names() {
        people.reserve(name);
    }
    let mut shops = shops::ShopNames::default();
    let producers = producers::producers(
        &mut rng::Rng::stream(seed, PRODUCER_STREAM),
        &county,
        &mut people,
        &mut shops,
    );
    let applications = applications::applications(
        &mut rng::Rng::stream(seed, APPLICATION_STREAM),
        &county,
        &mut people,
        &mut shops,
    );
    let products = products::products(
        &mut rng::Rng::stream(seed, PRODUCT_STREAM),
        &county,
        &producers,
    );
    let producer_name = producers.first().map_or("卓玛", |p| p.owner_name.as_str());
    let accounts = accounts::role_accounts(producer_name);
    let live_sessions = live::sessions(&products);
    let network = network::network(&mut rng::Rng::stream(seed, NETWORK_STREAM), &county.places);
    let down_parcels =
        down_parcels::down_parcels(&mut rng::Rng::stream(seed, DOWN_PARCEL_STREAM), &network);
    DemoPlan {
        places: county.places,
        producers,
        accounts,
        applications,
        products,
        live_sessions,
        network,
        down_parcels,
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod product_tests;

#[cfg(test)]
mod plan_fingerprint_tests;
