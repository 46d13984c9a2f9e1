//! A down parcel as it enters the network: one line of a carrier's manifest, typed at the
//! warehouse counter, sent as a CSV file or through the carrier's intake API. All three are
//! checked here by the same rules, field by field; where it goes is named by a village point's
//! code or by the village's area code, and resolved against the network by the services.

use crate::account::Phone;
use crate::place::AreaCode;
use crate::range::whole_number;
use crate::validation::{text_length, ValidationErrors};

use super::{Villager, MAX_WEIGHT_G};

/// A carrier's waybill numbers run to about 20 characters; 40 leaves room for prefixes.
pub const MAX_TRACKING_CHARS: usize = 40;
pub const MAX_VILLAGER_NAME_CHARS: usize = 40;

/// One parcel as typed or as listed in a manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntakeForm {
    /// The carrier's waybill number.
    pub tracking: String,
    /// A village point's code ("VP-0101") or a village's area code ("632830101203").
    pub destination: String,
    pub villager_name: String,
    pub villager_phone: String,
    pub weight_g: String,
}

/// Where a parcel is to go, as the manifest names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Point(String),
    Village(AreaCode),
}

impl Destination {
    /// Twelve digits are a village's area code; anything else is a point's code.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        Some(match AreaCode::parse(text) {
            Some(code) => Destination::Village(code),
            None => Destination::Point(text.to_owned()),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeDraft {
    pub tracking: String,
    pub destination: Destination,
    pub villager: Villager,
    pub weight_g: i64,
}

pub fn validate_intake(form: &IntakeForm) -> Result<IntakeDraft, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let tracking = errors.check(text_length(
        "tracking",
        &form.tracking,
        1,
        MAX_TRACKING_CHARS,
    ));
    let destination = Destination::parse(&form.destination);
    if destination.is_none() {
        errors.push("destination", crate::validation::Problem::Required);
    }
    let name = errors.check(text_length(
        "villager_name",
        &form.villager_name,
        1,
        MAX_VILLAGER_NAME_CHARS,
    ));
    let phone = errors.check(Phone::parse("villager_phone", &form.villager_phone));
    let weight_g = errors.check(whole_number("weight_g", &form.weight_g, 1, MAX_WEIGHT_G));
    match (tracking, destination, name, phone, weight_g) {
        (Some(tracking), Some(destination), Some(name), Some(phone), Some(weight_g))
            if errors.is_empty() =>
        {
            Ok(IntakeDraft {
                tracking,
                destination,
                villager: Villager { name, phone },
                weight_g,
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Problem;

    fn form() -> IntakeForm {
        IntakeForm {
            tracking: " SF1234567890 ".into(),
            destination: "VP-0101".into(),
            villager_name: "卓玛".into(),
            villager_phone: "139 1234 5678".into(),
            weight_g: "2500".into(),
        }
    }

    #[test]
    fn a_good_line_becomes_a_draft() {
        let draft = validate_intake(&form()).unwrap();
        assert_eq!(draft.tracking, "SF1234567890");
        assert_eq!(draft.destination, Destination::Point("VP-0101".into()));
        assert_eq!(draft.villager.phone.as_str(), "13912345678");
        assert_eq!(draft.weight_g, 2500);
    }

    #[test]
    fn twelve_digits_name_a_village() {
        assert_eq!(
            Destination::parse("632830101203"),
            Some(Destination::Village(
                AreaCode::parse("632830101203").unwrap()
            ))
        );
        assert_eq!(Destination::parse("  "), None);
    }

    #[test]
    fn weight_runs_from_a_gram_to_a_hundred_kilos() {
        for (weight, ok) in [
            ("1", true),
            ("100000", true),
            ("0", false),
            ("100001", false),
        ] {
            let form = IntakeForm {
                weight_g: weight.into(),
                ..form()
            };
            assert_eq!(validate_intake(&form).is_ok(), ok, "{weight}");
        }
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let form = IntakeForm {
            tracking: "x".repeat(41),
            destination: String::new(),
            villager_name: String::new(),
            villager_phone: "12345".into(),
            weight_g: "heavy".into(),
        };
        let errors = validate_intake(&form).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            fields,
            vec![
                ("tracking", Problem::TooLong { max: 40 }),
                ("destination", Problem::Required),
                ("villager_name", Problem::Required),
                ("villager_phone", Problem::Invalid),
                ("weight_g", Problem::Invalid),
            ]
        );
    }
}
