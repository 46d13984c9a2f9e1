//! The county's producers, one shop each: mostly farmers and family farms, some cooperatives, a
//! few village workshops, spread so that every village has at least two.

use farmgate_domain::shop::ProducerKind;

use crate::accounts::{email, PRODUCER_LOCAL};
use crate::county::Township;
use crate::descriptions::describe;
use crate::people::Names;
use crate::places::{County, Village};
use crate::rng::Rng;
use crate::shops::ShopNames;
use crate::specialties::Specialty;
use crate::DemoProducer;

/// About 200 producers, as the product brief describes the demo county.
pub const PRODUCER_COUNT: usize = 200;

/// Every village gets this many producers before the rest are scattered at random.
const PER_VILLAGE: usize = 2;

pub(crate) fn producers(
    rng: &mut Rng,
    county: &County,
    people: &mut Names,
    shops: &mut ShopNames,
) -> Vec<DemoProducer> {
    let kinds = kinds(rng, PRODUCER_COUNT);
    let villages = villages(rng, &county.villages, PRODUCER_COUNT);
    kinds
        .into_iter()
        .zip(villages)
        .enumerate()
        .map(|(index, (kind, village))| {
            let mut specialties = specialties(rng, kind, village.township);
            if index == 0 {
                lead_with_headline(&mut specialties);
            }
            let main = specialties.first().copied().unwrap_or(Specialty::HEADLINE);
            let owner = people.draw(rng, village.township.people);
            let shop = shops.draw(rng, kind, &owner, village, main);
            DemoProducer {
                owner_email: owner_email(index),
                owner_name: owner.zh,
                shop_name: shop.zh,
                kind,
                village: village.code.clone(),
                description: describe(rng, kind, village, &specialties),
                specialties,
            }
        })
        .collect()
}

/// The first producer is the start page's producer account; the others are numbered from 002.
fn owner_email(index: usize) -> String {
    if index == 0 {
        email(PRODUCER_LOCAL)
    } else {
        email(&format!("producer{:03}", index + 1))
    }
}

/// Kinds by fixed shares, shuffled: about 15% cooperatives, 4% workshops, 38% family farms and
/// the rest individual farmers. The first is a family farm, the demo's showcase shop.
fn kinds(rng: &mut Rng, count: usize) -> Vec<ProducerKind> {
    let cooperatives = count * 15 / 100;
    let workshops = count * 4 / 100;
    let family_farms = count * 38 / 100;
    let mut kinds: Vec<ProducerKind> = std::iter::repeat_n(ProducerKind::Cooperative, cooperatives)
        .chain(std::iter::repeat_n(ProducerKind::Workshop, workshops))
        .chain(std::iter::repeat_n(ProducerKind::FamilyFarm, family_farms))
        .chain(std::iter::repeat(ProducerKind::Individual))
        .take(count)
        .collect();
    rng.shuffle(&mut kinds);
    if let Some(farm) = kinds.iter().position(|k| *k == ProducerKind::FamilyFarm) {
        kinds.swap(0, farm);
    }
    kinds
}

/// Each village twice, the remainder anywhere, in random order; the first producer lives near
/// the county seat, where a visitor to the demo would expect the showcase farm.
fn villages<'a>(rng: &mut Rng, villages: &'a [Village], count: usize) -> Vec<&'a Village> {
    let mut chosen: Vec<&Village> = villages
        .iter()
        .cycle()
        .take((villages.len() * PER_VILLAGE).min(count))
        .collect();
    while chosen.len() < count && !villages.is_empty() {
        chosen.push(rng.pick(villages));
    }
    rng.shuffle(&mut chosen);
    if let Some(seat) = chosen.iter().position(|v| v.township.is_seat()) {
        chosen.swap(0, seat);
    }
    chosen
}

/// One main specialty from the township's mix, and sometimes one or two more.
fn specialties(rng: &mut Rng, kind: ProducerKind, township: &Township) -> Vec<Specialty> {
    let main = main_specialty(rng, kind, township);
    let extra: &[(usize, u32)] = match kind {
        ProducerKind::Individual | ProducerKind::FamilyFarm => &[(0, 50), (1, 35), (2, 15)],
        ProducerKind::Cooperative => &[(0, 70), (1, 30)],
        ProducerKind::Workshop => &[(0, 80), (1, 20)],
    };
    let wanted = 1 + *rng.weighted(extra);
    let mut list = vec![main];
    // A township may grow fewer distinct things than wanted; a bounded number of draws copes.
    for _ in 0..wanted * 8 {
        if list.len() >= wanted {
            break;
        }
        let next = *rng.weighted(township.specialties);
        if !list.contains(&next) {
            list.push(next);
        }
    }
    list
}

/// Whether `specialty` can be the main line of a producer of `kind`: a workshop needs something
/// to process, a family farm something it grows or raises (not lake salt or wild cordyceps).
pub(crate) fn can_lead(kind: ProducerKind, specialty: Specialty) -> bool {
    match kind {
        ProducerKind::Workshop => specialty.text().workshop.is_some(),
        ProducerKind::FamilyFarm => specialty.text().farmed,
        ProducerKind::Individual | ProducerKind::Cooperative => true,
    }
}

/// A main specialty from the township's mix among those that suit the kind, or from the whole
/// county's list if the township has none.
pub(crate) fn main_specialty(rng: &mut Rng, kind: ProducerKind, township: &Township) -> Specialty {
    let local: Vec<(Specialty, u32)> = township
        .specialties
        .iter()
        .copied()
        .filter(|(s, _)| can_lead(kind, *s))
        .collect();
    if !local.is_empty() {
        return *rng.weighted(&local);
    }
    let any: Vec<(Specialty, u32)> = Specialty::ALL
        .into_iter()
        .filter(|s| can_lead(kind, *s))
        .map(|s| (s, 1))
        .collect();
    if any.is_empty() {
        Specialty::HEADLINE
    } else {
        *rng.weighted(&any)
    }
}

/// The showcase farm grows the county's headline specialty, whatever the seed, so the producer
/// account always has goji to show.
fn lead_with_headline(list: &mut Vec<Specialty>) {
    list.retain(|s| *s != Specialty::HEADLINE);
    list.insert(0, Specialty::HEADLINE);
    list.truncate(3);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::county::TOWNSHIPS;

    #[test]
    fn kinds_follow_their_shares_and_start_with_a_family_farm() {
        let kinds = kinds(&mut Rng::new(4), PRODUCER_COUNT);
        let count = |kind| kinds.iter().filter(|k| **k == kind).count();
        assert_eq!(kinds.len(), PRODUCER_COUNT);
        assert_eq!(kinds[0], ProducerKind::FamilyFarm);
        assert_eq!(count(ProducerKind::Cooperative), 30);
        assert_eq!(count(ProducerKind::Workshop), 8);
        assert_eq!(count(ProducerKind::FamilyFarm), 76);
        assert_eq!(count(ProducerKind::Individual), 86);
    }

    #[test]
    fn workshops_process_something_and_lists_have_no_repeats() {
        let mut rng = Rng::new(8);
        for township in TOWNSHIPS {
            for kind in ProducerKind::ALL {
                for _ in 0..50 {
                    let list = specialties(&mut rng, kind, township);
                    assert!((1..=3).contains(&list.len()));
                    let mut unique = list.clone();
                    unique.sort_unstable();
                    unique.dedup();
                    assert_eq!(unique.len(), list.len());
                    assert!(can_lead(kind, list[0]), "{kind:?} {list:?}");
                }
            }
        }
    }

    #[test]
    fn the_showcase_farm_leads_with_goji() {
        let mut list = vec![Specialty::Honey, Specialty::Goji, Specialty::Quinoa];
        lead_with_headline(&mut list);
        assert_eq!(list, [Specialty::Goji, Specialty::Honey, Specialty::Quinoa]);
        let mut list = vec![Specialty::Honey, Specialty::Quinoa, Specialty::Cordyceps];
        lead_with_headline(&mut list);
        assert_eq!(list, [Specialty::Goji, Specialty::Honey, Specialty::Quinoa]);
    }

    #[test]
    fn every_village_gets_at_least_two_and_the_first_is_near_the_seat() {
        let county = crate::places::county();
        let chosen = villages(&mut Rng::new(6), &county.villages, PRODUCER_COUNT);
        assert_eq!(chosen.len(), PRODUCER_COUNT);
        assert!(chosen[0].township.is_seat());
        for village in &county.villages {
            let n = chosen.iter().filter(|v| v.code == village.code).count();
            assert!(n >= PER_VILLAGE, "{} has {n}", village.name.0);
        }
    }
}
