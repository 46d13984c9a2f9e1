//! Applications waiting for the county hub, so that its review queue is not empty on the first
//! visit: one of each kind of producer, each with the documents that kind must bring.

use farmgate_domain::shop::ProducerKind;

use crate::accounts::email;
use crate::descriptions::describe;
use crate::documents::{documents, Applicant};
use crate::people::Names;
use crate::places::County;
use crate::producers::main_specialty;
use crate::rng::Rng;
use crate::shops::ShopNames;
use crate::DemoApplication;

/// The kinds applying, in the order the hub sees them.
const KINDS: [ProducerKind; 4] = [
    ProducerKind::Cooperative,
    ProducerKind::FamilyFarm,
    ProducerKind::Individual,
    ProducerKind::Workshop,
];

/// Mobile number blocks of the operators serving Qinghai.
const PHONE_PREFIXES: &[&str] = &[
    "133", "135", "138", "139", "150", "151", "157", "177", "180", "181", "187", "189", "199",
];

pub(crate) fn applications(
    rng: &mut Rng,
    county: &County,
    people: &mut Names,
    shops: &mut ShopNames,
) -> Vec<DemoApplication> {
    (1..)
        .zip(KINDS)
        .filter_map(|(number, kind)| {
            let village = (!county.villages.is_empty()).then(|| rng.pick(&county.villages))?;
            let township = village.township;
            let main = main_specialty(rng, kind, township);
            let person = people.draw(rng, township.people);
            let shop = shops.draw(rng, kind, &person, village, main);
            let applicant = Applicant {
                person: &person,
                village,
                shop: &shop,
                kind,
                main,
            };
            Some(DemoApplication {
                applicant_email: email(&format!("applicant{number:02}")),
                documents: documents(rng, &applicant),
                description: describe(rng, kind, village, &[main]),
                contact_phone: phone(rng),
                applicant_name: person.zh,
                shop_name: shop.zh,
                kind,
                village: village.code.clone(),
            })
        })
        .collect()
}

/// An 11-digit mainland mobile number, written as people type it: 139 0979 4821.
fn phone(rng: &mut Rng) -> String {
    let prefix = rng.pick(PHONE_PREFIXES);
    let area = rng.between(0, 9999);
    let line = rng.between(0, 9999);
    format!("{prefix} {area:04} {line:04}")
}

#[cfg(test)]
mod tests {
    use farmgate_domain::account::Phone;

    use super::*;

    #[test]
    fn phones_parse_as_mainland_mobiles() {
        let mut rng = Rng::new(21);
        for _ in 0..500 {
            let phone = phone(&mut rng);
            assert!(Phone::parse("contact_phone", &phone).is_ok(), "{phone}");
        }
    }
}
