//! The parts of a demo plan that existed before products stay as they were for every seed:
//! adding products, or a later role account, must not move a producer or an application.

use super::*;

/// FNV-1a over the parts of a plan that existed before products, written out field by field
/// from the crate's own strings and numbers, so a change in a domain type's `Debug` output
/// cannot move it but any change to the places, producers or applications a seed gives does.
fn fingerprint(plan: &DemoPlan) -> u64 {
    let mut hash: u64 = 0xCBF2_9CE4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for byte in bytes.iter().chain([0xFF].iter()) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01B3);
        }
    };
    for place in &plan.places {
        feed(place.code.as_str().as_bytes());
        feed(place.name_zh.as_bytes());
        feed(place.name_en.as_bytes());
        feed(&place.urban_rural.value().to_le_bytes());
        feed(&place.location.lat_e6.to_le_bytes());
        feed(&place.location.lon_e6.to_le_bytes());
    }
    for producer in &plan.producers {
        for text in [
            &producer.owner_email,
            &producer.owner_name,
            &producer.shop_name,
            &producer.description,
        ] {
            feed(text.as_bytes());
        }
        feed(producer.kind.as_str().as_bytes());
        feed(producer.village.as_str().as_bytes());
        for specialty in &producer.specialties {
            feed(specialty.slug().as_bytes());
        }
    }
    // The leader's role account came after these fingerprints; leaving it out shows that adding
    // it moved nothing else.
    for account in plan
        .accounts
        .iter()
        .filter(|a| !a.email.starts_with("leader@"))
    {
        feed(account.email.as_bytes());
        feed(account.display_name.as_bytes());
    }
    for application in &plan.applications {
        for text in [
            &application.applicant_email,
            &application.applicant_name,
            &application.shop_name,
            &application.description,
            &application.contact_phone,
        ] {
            feed(text.as_bytes());
        }
        feed(application.kind.as_str().as_bytes());
        feed(application.village.as_str().as_bytes());
        for document in &application.documents {
            feed(document.kind.as_str().as_bytes());
            feed(document.file_name.as_bytes());
            feed(&document.content);
        }
    }
    hash
}

/// Fingerprints of plans taken before products existed: adding products must not move them.
const BEFORE_PRODUCTS: [(u64, u64); 4] = [
    (DEFAULT_SEED, 0x90B5_1E3D_84AE_CA9A),
    (0, 0xF9AE_A449_263C_5DE4),
    (7, 0xF59B_1C8C_1B7F_46B1),
    (u64::MAX, 0x2FDB_0C5E_AA23_EC83),
];

#[test]
fn products_leave_the_rest_of_the_plan_as_it_was() {
    for (seed, expected) in BEFORE_PRODUCTS {
        let plan = plan(seed);
        assert_eq!(fingerprint(&plan), expected, "seed {seed}");
    }
}
