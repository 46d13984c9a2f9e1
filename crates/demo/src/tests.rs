//! Properties of a whole plan: what the services layer and a newcomer rely on.

#![allow(clippy::unwrap_used)]

use std::collections::{HashMap, HashSet};

use farmgate_domain::account::{DisplayName, Email, Phone};
use farmgate_domain::application::{DocumentFormat, DocumentKind};
use farmgate_domain::place::{AreaCode, Place, PlaceLevel};
use farmgate_domain::role::Role;
use farmgate_domain::shop::{shop_description, shop_name, ProducerKind};

use super::*;

fn valid_text(parsed: Result<String, farmgate_domain::validation::FieldError>, value: &str) {
    assert_eq!(
        parsed.as_deref(),
        Ok(value),
        "{value:?} should be valid as it is"
    );
}

#[test]
fn the_same_seed_gives_the_same_plan() {
    assert_eq!(plan(DEFAULT_SEED), plan(DEFAULT_SEED));
    assert_eq!(plan(7), plan(7));
}

#[test]
fn another_seed_gives_other_producers_on_the_same_map() {
    let (a, b) = (plan(DEFAULT_SEED), plan(DEFAULT_SEED + 1));
    assert_eq!(a.places, b.places);
    assert_ne!(a.producers, b.producers);
    let names_a: HashSet<_> = a.producers.iter().map(|p| &p.shop_name).collect();
    let shared = b
        .producers
        .iter()
        .filter(|p| names_a.contains(&p.shop_name))
        .count();
    assert!(
        shared < 40,
        "{shared} of 200 shop names are the same for both seeds"
    );
    assert_eq!(b.producers[0].owner_email, "producer@demo.farmgate.test");
}

#[test]
fn counts_are_what_the_product_brief_describes() {
    for seed in [DEFAULT_SEED, 0, 1, u64::MAX] {
        let plan = plan(seed);
        let level = |l| plan.places.iter().filter(|p| p.level() == l).count();
        assert_eq!(level(PlaceLevel::County), 1);
        assert_eq!(level(PlaceLevel::Township), 8);
        assert_eq!(level(PlaceLevel::Village), 60);
        assert_eq!(plan.producers.len(), PRODUCER_COUNT);
        assert_eq!(plan.accounts.len(), Role::ALL.len());
        assert!((3..=4).contains(&plan.applications.len()));
        let kind = |k| plan.producers.iter().filter(|p| p.kind == k).count();
        let cooperatives = kind(ProducerKind::Cooperative);
        assert!(
            (20..=40).contains(&cooperatives),
            "{cooperatives} cooperatives"
        );
        assert!((4..=15).contains(&kind(ProducerKind::Workshop)));
        assert!(kind(ProducerKind::Individual) + kind(ProducerKind::FamilyFarm) >= 140);
    }
}

#[test]
fn place_codes_are_unique_and_every_parent_exists() {
    let plan = plan(DEFAULT_SEED);
    let by_code: HashMap<&AreaCode, &Place> = plan.places.iter().map(|p| (&p.code, p)).collect();
    assert_eq!(by_code.len(), plan.places.len(), "duplicate area codes");
    for place in &plan.places {
        assert_eq!(
            AreaCode::parse(place.code.as_str()).as_ref(),
            Some(&place.code)
        );
        assert!(place.code.as_str().starts_with("632830"));
        let parent = place
            .parent()
            .map(|code| by_code.get(&code).map(|p| p.level()));
        let expected = match place.level() {
            PlaceLevel::County => None,
            PlaceLevel::Township => Some(Some(PlaceLevel::County)),
            PlaceLevel::Village => Some(Some(PlaceLevel::Township)),
        };
        assert_eq!(parent, expected, "{} ({})", place.name_zh, place.code);
        let suffix = match place.level() {
            PlaceLevel::County => ["县", "County"],
            PlaceLevel::Village => ["村", "Village"],
            PlaceLevel::Township if place.name_zh.ends_with('镇') => ["镇", "Town"],
            PlaceLevel::Township => ["乡", "Township"],
        };
        assert!(place.name_zh.ends_with(suffix[0]) && place.name_en.ends_with(suffix[1]));
        assert!(place.name_en.is_ascii());
    }
}

#[test]
fn producers_are_valid_unique_and_live_in_villages() {
    let plan = plan(DEFAULT_SEED);
    let villages: HashSet<&AreaCode> = plan
        .places
        .iter()
        .filter(|p| p.level() == PlaceLevel::Village)
        .map(|p| &p.code)
        .collect();
    for producer in &plan.producers {
        assert!(Email::parse(&producer.owner_email).is_ok());
        assert!(DisplayName::parse(&producer.owner_name).is_ok());
        valid_text(shop_name(&producer.shop_name), &producer.shop_name);
        valid_text(
            shop_description(&producer.description),
            &producer.description,
        );
        assert!(
            villages.contains(&producer.village),
            "{}",
            producer.shop_name
        );
        assert!((1..=3).contains(&producer.specialties.len()));
        assert!(producer.description.contains("海拔"));
    }
    let unique = |values: Vec<&String>| values.iter().collect::<HashSet<_>>().len();
    let emails: Vec<_> = plan.producers.iter().map(|p| &p.owner_email).collect();
    let shops: Vec<_> = plan.producers.iter().map(|p| &p.shop_name).collect();
    let owners: Vec<_> = plan.producers.iter().map(|p| &p.owner_name).collect();
    assert_eq!(unique(emails), PRODUCER_COUNT);
    assert_eq!(unique(shops), PRODUCER_COUNT);
    assert_eq!(unique(owners), PRODUCER_COUNT);
    let served: HashSet<_> = plan.producers.iter().map(|p| &p.village).collect();
    assert_eq!(served.len(), villages.len(), "every village has a producer");
}

#[test]
fn the_producer_account_owns_the_first_shop() {
    let plan = plan(DEFAULT_SEED);
    let first = &plan.producers[0];
    assert_eq!(first.owner_email, "producer@demo.farmgate.test");
    assert_eq!(first.kind, ProducerKind::FamilyFarm);
    let account = plan
        .accounts
        .iter()
        .find(|a| a.email == first.owner_email)
        .unwrap();
    assert_eq!(account.display_name, first.owner_name);
    assert_eq!(account.roles, [Role::Buyer, Role::Producer]);
    assert_eq!(
        plan.producers[1].owner_email,
        "producer002@demo.farmgate.test"
    );
    let owners = plan
        .producers
        .iter()
        .filter(|p| p.owner_email == first.owner_email)
        .count();
    assert_eq!(owners, 1);
}

#[test]
fn role_accounts_cover_every_role_and_parse() {
    let plan = plan(DEFAULT_SEED);
    for role in Role::ALL {
        assert!(
            plan.accounts.iter().any(|a| a.roles.contains(&role)),
            "{role}"
        );
    }
    for account in &plan.accounts {
        let email = Email::parse(&account.email).unwrap();
        assert_eq!(email.as_str(), account.email);
        assert!(account.email.ends_with("@demo.farmgate.test"));
        assert!(DisplayName::parse(&account.display_name).is_ok());
    }
    let hub = plan
        .accounts
        .iter()
        .find(|a| a.roles == [Role::HubOperator])
        .unwrap();
    assert_eq!(hub.email, "hub@demo.farmgate.test");
    assert_eq!(
        hub.purpose_en,
        "Reviews producer applications and oversees shops"
    );
}

#[test]
fn every_email_and_person_is_distinct_across_the_plan() {
    let plan = plan(DEFAULT_SEED);
    let mut emails: Vec<&str> = plan.accounts.iter().map(|a| a.email.as_str()).collect();
    emails.extend(
        plan.producers
            .iter()
            .skip(1)
            .map(|p| p.owner_email.as_str()),
    );
    emails.extend(plan.applications.iter().map(|a| a.applicant_email.as_str()));
    let total = emails.len();
    assert_eq!(emails.into_iter().collect::<HashSet<_>>().len(), total);
    let mut shops: Vec<&str> = plan
        .producers
        .iter()
        .map(|p| p.shop_name.as_str())
        .collect();
    shops.extend(plan.applications.iter().map(|a| a.shop_name.as_str()));
    let total = shops.len();
    assert_eq!(shops.into_iter().collect::<HashSet<_>>().len(), total);
}

#[test]
fn applications_are_valid_and_bring_their_documents() {
    let plan = plan(DEFAULT_SEED);
    let villages: HashSet<&AreaCode> = plan.places.iter().map(|p| &p.code).collect();
    for application in &plan.applications {
        assert!(Email::parse(&application.applicant_email).is_ok());
        assert!(DisplayName::parse(&application.applicant_name).is_ok());
        valid_text(shop_name(&application.shop_name), &application.shop_name);
        valid_text(
            shop_description(&application.description),
            &application.description,
        );
        assert!(Phone::parse("contact_phone", &application.contact_phone).is_ok());
        assert!(villages.contains(&application.village));
        assert_eq!(application.village.level(), PlaceLevel::Village);
        assert!((1..=2).contains(&application.documents.len()));
        assert_eq!(application.documents[0].kind, DocumentKind::IdentityCard);
        let licensed = application.kind != ProducerKind::Individual;
        let has_licence = application
            .documents
            .iter()
            .any(|d| d.kind == DocumentKind::BusinessLicence);
        assert_eq!(has_licence, licensed, "{}", application.shop_name);
        for document in &application.documents {
            let sniffed = DocumentFormat::sniff("documents", &document.content);
            assert_eq!(sniffed, Ok(DocumentFormat::Pdf));
            pdf::tests::assert_well_formed(&document.content);
            assert!(document.file_name.ends_with(".pdf") && document.file_name.is_ascii());
            assert!(!document.file_name.contains(['/', '\\']));
            assert!(document.content.len() < 8 * 1024);
        }
    }
}

#[test]
fn live_sessions_cover_each_state_with_valid_text_and_own_products() {
    use crate::DemoLiveState;
    use farmgate_domain::live::{shopping_bag, LiveSchedule};
    use farmgate_domain::time::Timestamp;

    let plan = plan(DEFAULT_SEED);
    let states: Vec<_> = plan.live_sessions.iter().map(|s| s.state).collect();
    for state in [
        DemoLiveState::Live,
        DemoLiveState::Scheduled,
        DemoLiveState::Ended,
    ] {
        assert!(states.contains(&state), "{state:?} is shown");
    }
    let now = Timestamp::from_millis(1_800_000_000_000);
    for session in &plan.live_sessions {
        let starts = now.plus_millis(session.starts_in_hours.max(0) * 3_600_000);
        LiveSchedule::parse(&session.title, &session.trailer, Some(starts), now).unwrap();
        assert!(session
            .bag
            .iter()
            .all(|&i| plan.products[i].producer == session.producer));
        let ids = session
            .bag
            .iter()
            .map(|i| farmgate_domain::id::ProductId::new(format!("p{i}")))
            .collect();
        assert_eq!(shopping_bag(ids).unwrap().len(), session.bag.len());
    }
}
