//! The demo county that `farmgate serve --demo` shows a newcomer: 雪源县 (Xueyuan County), a
//! fictional plateau county of the Qaidam basin, with its townships and villages, about 200
//! producers and their shops, an account for every role, and applications awaiting review.
//!
//! A plan is computed from a seed by a self-contained SplitMix64 generator, so the same seed
//! gives the same county, value for value, on every machine. The crate is pure — no I/O, clock or
//! async; the services layer stores what it plans.

mod accounts;
mod applications;
mod county;
mod descriptions;
mod documents;
mod names;
mod pdf;
mod people;
mod places;
mod producers;
mod rng;
mod shops;
mod specialties;

use farmgate_domain::application::DocumentKind;
use farmgate_domain::place::{AreaCode, Place};
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;

pub use accounts::EMAIL_DOMAIN;
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

/// The demo county for `seed`. The map is the same for every seed; the people, shops and
/// applications differ.
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
    let producer_name = producers.first().map_or("卓玛", |p| p.owner_name.as_str());
    let accounts = accounts::role_accounts(producer_name);
    DemoPlan {
        places: county.places,
        producers,
        accounts,
        applications,
    }
}

#[cfg(test)]
mod tests;
