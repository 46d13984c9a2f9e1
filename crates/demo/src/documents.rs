//! The paperwork an applicant uploads: a resident identity card and, for a registered business,
//! a business licence, as small PDFs. Their numbers carry valid check characters (GB 11643 for
//! identity numbers, GB 32100 for unified social credit codes) under the fictional county's code,
//! so a reviewer sees realistic documents that can never match a real person or firm.

use farmgate_domain::application::DocumentKind;
use farmgate_domain::shop::ProducerKind;

use crate::county::{COUNTY_CODE, COUNTY_NAME_EN};
use crate::pdf;
use crate::people::Person;
use crate::places::Village;
use crate::rng::Rng;
use crate::shops::Label;
use crate::specialties::Specialty;
use crate::DemoDocument;

/// What the documents are about.
pub(crate) struct Applicant<'a> {
    pub person: &'a Person,
    pub village: &'a Village,
    pub shop: &'a Label,
    pub kind: ProducerKind,
    pub main: Specialty,
}

/// An identity card always; a business licence unless the applicant sells as a private farmer,
/// who needs no registration.
pub(crate) fn documents(rng: &mut Rng, applicant: &Applicant<'_>) -> Vec<DemoDocument> {
    let mut documents = vec![identity_card(rng, applicant)];
    if applicant.kind != ProducerKind::Individual {
        documents.push(business_licence(rng, applicant));
    }
    documents
}

fn identity_card(rng: &mut Rng, applicant: &Applicant<'_>) -> DemoDocument {
    let person = applicant.person;
    let birth = (
        rng.between(1965, 1998),
        rng.between(1, 12),
        rng.between(1, 28),
    );
    let number = identity_number(birth, rng.between(1, 999));
    let lines = [
        format!("Name: {}", person.py),
        format!("Ethnicity: {}", person.ethnicity.name_en()),
        format!(
            "Date of birth: {:04}-{:02}-{:02}",
            birth.0, birth.1, birth.2
        ),
        format!("Address: {}", applicant.village.address_en()),
        format!("Citizen identity number: {number}"),
        format!("Issued by: {COUNTY_NAME_EN} Public Security Bureau"),
    ];
    DemoDocument {
        kind: DocumentKind::IdentityCard,
        file_name: format!("identity-card-{}.pdf", slug(&person.py)),
        content: pdf::document(
            "RESIDENT IDENTITY CARD",
            &format!("Resident identity card - {}", person.py),
            &lines,
        ),
    }
}

fn business_licence(rng: &mut Rng, applicant: &Applicant<'_>) -> DemoDocument {
    let (registration, entity, holder) = match applicant.kind {
        ProducerKind::Cooperative => (
            "93",
            "Farmers' specialised cooperative",
            "Legal representative",
        ),
        ProducerKind::FamilyFarm => ("92", "Family farm (individual business)", "Operator"),
        ProducerKind::Workshop | ProducerKind::Individual => {
            ("92", "Individual business", "Operator")
        }
    };
    let code = credit_code(rng, registration);
    let product = applicant.main.name_en().to_lowercase();
    let lines = [
        format!("Unified social credit code: {code}"),
        format!("Name: {}", applicant.shop.py),
        format!("Type: {entity}"),
        format!("{holder}: {}", applicant.person.py),
        format!("Business scope: growing, processing and selling {product}"),
        format!(
            "Registered: {:04}-{:02}-{:02}",
            rng.between(2016, 2025),
            rng.between(1, 12),
            rng.between(1, 28)
        ),
        format!("Address: {}", applicant.village.address_en()),
        format!("Registration authority: {COUNTY_NAME_EN} Administration for Market Regulation"),
    ];
    DemoDocument {
        kind: DocumentKind::BusinessLicence,
        file_name: format!("business-licence-{}.pdf", slug(&applicant.shop.py)),
        content: pdf::document(
            "BUSINESS LICENCE",
            &format!("Business licence - {}", applicant.shop.py),
            &lines,
        ),
    }
}

/// A file-name-safe form of a pinyin name: lower case, words joined by hyphens.
fn slug(pinyin: &str) -> String {
    pinyin
        .split_whitespace()
        .map(|word| {
            word.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// An 18-character citizen identity number (GB 11643): the county code, the birth date, a
/// sequence number and an ISO 7064 MOD 11-2 check character.
fn identity_number((year, month, day): (u32, u32, u32), sequence: u32) -> String {
    let body = format!("{COUNTY_CODE}{year:04}{month:02}{day:02}{sequence:03}");
    let check = identity_check(&body);
    format!("{body}{check}")
}

fn identity_check(body: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = body
        .chars()
        .zip(WEIGHTS)
        .map(|(c, weight)| c.to_digit(10).unwrap_or(0) * weight)
        .sum();
    char::from(CHECK[(sum % 11) as usize])
}

/// The characters of a unified social credit code: digits and capitals without I, O, S, V, Z.
const CREDIT_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// An 18-character unified social credit code (GB 32100): registration authority and entity
/// type, the county code, a 9-character organisation code with its GB 11714 check, and a final
/// check character. New registrations' organisation codes start with "MA".
fn credit_code(rng: &mut Rng, registration: &str) -> String {
    let mut organisation = String::from("MA");
    for _ in 0..6 {
        organisation.push(char::from(*rng.pick(CREDIT_ALPHABET)));
    }
    organisation.push(organisation_check(&organisation));
    let body = format!("{registration}{COUNTY_CODE}{organisation}");
    let check = credit_check(&body);
    format!("{body}{check}")
}

/// GB 11714: digits count as themselves and letters as 10–35, weighted 3 7 9 10 5 8 4 2.
fn organisation_check(body: &str) -> char {
    const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(WEIGHTS)
        .map(|(c, weight)| c.to_digit(36).unwrap_or(0) * weight)
        .sum();
    match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        digit => char::from_digit(digit, 10).unwrap_or('0'),
    }
}

/// GB 32100: each character's index in the alphabet weighted by 3^i mod 31.
fn credit_check(body: &str) -> char {
    let mut weight = 1;
    let mut sum = 0;
    for byte in body.bytes() {
        let value = CREDIT_ALPHABET.iter().position(|c| *c == byte).unwrap_or(0);
        sum += value * weight;
        weight = weight * 3 % 31;
    }
    char::from(CREDIT_ALPHABET[(31 - sum % 31) % 31])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::Ethnicity;
    use crate::places::county;

    #[test]
    fn check_characters_match_the_standards_own_examples() {
        // GB 11643's example number and GB 32100's example code.
        assert_eq!(identity_check("11010519491231002"), 'X');
        assert_eq!(organisation_check("M000100Y"), '4');
        assert_eq!(credit_check("91350100M000100Y4"), '3');
    }

    #[test]
    fn generated_numbers_are_well_formed() {
        let mut rng = Rng::new(12);
        let id = identity_number((1980, 2, 9), 17);
        assert!(id.starts_with("63283019800209017") && id.len() == 18);
        for _ in 0..100 {
            let code = credit_code(&mut rng, "93");
            assert_eq!(code.len(), 18);
            assert!(code.starts_with("93632830MA"));
            assert!(code.bytes().all(|b| CREDIT_ALPHABET.contains(&b)), "{code}");
        }
    }

    #[test]
    fn businesses_bring_a_licence_and_farmers_only_an_identity_card() {
        let county = county();
        let person = Person {
            zh: "才让卓玛".into(),
            py: "Cairang Zhuoma".into(),
            surname: None,
            ethnicity: Ethnicity::Tibetan,
        };
        let shop = Label {
            zh: "才让卓玛家庭牧场".into(),
            py: "Cairang Zhuoma Jiating Muchang".into(),
        };
        let mut applicant = Applicant {
            person: &person,
            village: &county.villages[0],
            shop: &shop,
            kind: ProducerKind::FamilyFarm,
            main: Specialty::YakMeat,
        };
        let mut rng = Rng::new(1);
        let docs = documents(&mut rng, &applicant);
        let kinds: Vec<_> = docs.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            [DocumentKind::IdentityCard, DocumentKind::BusinessLicence]
        );
        assert_eq!(
            docs[1].file_name,
            "business-licence-cairang-zhuoma-jiating-muchang.pdf"
        );
        let licence = String::from_utf8_lossy(&docs[1].content).into_owned();
        assert!(licence.contains("(Business licence - Cairang Zhuoma Jiating Muchang) Tj"));
        for doc in &docs {
            crate::pdf::tests::assert_well_formed(&doc.content);
        }
        applicant.kind = ProducerKind::Individual;
        assert_eq!(documents(&mut rng, &applicant).len(), 1);
    }
}
