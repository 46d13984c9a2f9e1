//! Produce going up through the county network: what a producer declares at a village point
//! (an order, or other produce for someone named), how heavy it is, and how a parcel's people
//! are shown to anyone holding its code.

use crate::account::Phone;
use crate::parcel::MAX_WEIGHT_G;
use crate::validation::{text_length, FieldError, Problem, ValidationErrors};

/// The carrier an order's shipment names while the county network carries it; its tracking
/// number is then the parcel's code, until a carrier takes over with its own.
pub const NETWORK_CARRIER: &str = "county_network";

pub const MAX_RECIPIENT: usize = 30;
pub const MAX_DESTINATION: usize = 100;

/// What the producer types when declaring produce that is not a Farmgate order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProduceForm {
    pub recipient: String,
    pub phone: String,
    pub destination: String,
    /// Kilograms as typed ("2.5").
    pub weight_kg: String,
    /// The network carrier's id the producer wants it handed to; empty for any.
    pub carrier_wanted: String,
}

/// Who the produce goes to, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProduceRecipient {
    pub name: String,
    pub phone: Phone,
    pub destination: String,
}

pub fn validate_produce(form: &ProduceForm) -> Result<(ProduceRecipient, i64), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let name = errors.check(text_length("recipient", &form.recipient, 1, MAX_RECIPIENT));
    let phone = errors.check(Phone::parse("phone", &form.phone));
    let destination = errors.check(text_length(
        "destination",
        &form.destination,
        2,
        MAX_DESTINATION,
    ));
    let weight = errors.check(parse_weight_kg("weight", &form.weight_kg));
    match (name, phone, destination, weight) {
        (Some(name), Some(phone), Some(destination), Some(weight)) => Ok((
            ProduceRecipient {
                name,
                phone,
                destination,
            },
            weight,
        )),
        _ => Err(errors),
    }
}

/// Kilograms with up to three decimals, as grams the network takes (1 g to `MAX_WEIGHT_G`).
pub fn parse_weight_kg(field: &'static str, text: &str) -> Result<i64, FieldError> {
    let error = |problem| FieldError { field, problem };
    let text = text.trim();
    if text.is_empty() {
        return Err(error(Problem::Required));
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || fraction.len() > 3 || !digits(whole) {
        return Err(error(Problem::Invalid));
    }
    if !digits(fraction) {
        return Err(error(Problem::Invalid));
    }
    let kg: i64 = whole.parse().map_err(|_| error(Problem::Invalid))?;
    let grams_part: i64 = format!("{fraction:0<3}")
        .parse()
        .map_err(|_| error(Problem::Invalid))?;
    let grams = kg * 1_000 + grams_part;
    if !(1..=MAX_WEIGHT_G).contains(&grams) {
        return Err(error(Problem::Invalid));
    }
    Ok(grams)
}

/// An order's weight from its lines' net weights, when every line knows its own and the sum
/// is one the network takes.
pub fn order_weight_g(line_weights: impl IntoIterator<Item = i64>) -> Option<i64> {
    let mut total: i64 = 0;
    let mut any = false;
    for weight in line_weights {
        if weight <= 0 {
            return None;
        }
        total = total.checked_add(weight)?;
        any = true;
    }
    (any && total <= MAX_WEIGHT_G).then_some(total)
}

/// A name as shown to anyone with the parcel's code: its first character, then one star.
pub fn mask_name(name: &str) -> String {
    match name.trim().chars().next() {
        Some(first) => format!("{first}*"),
        None => String::new(),
    }
}

/// A phone as shown to anyone with the parcel's code: the first three and last four digits.
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().collect();
    if digits.len() < 8 {
        return "****".to_owned();
    }
    let head: String = digits[..3].iter().collect();
    let tail: String = digits[digits.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_typed_in_kilograms() {
        assert_eq!(parse_weight_kg("w", "2.5"), Ok(2_500));
        assert_eq!(parse_weight_kg("w", " 12 "), Ok(12_000));
        assert_eq!(parse_weight_kg("w", "0.001"), Ok(1));
        assert_eq!(parse_weight_kg("w", "100"), Ok(100_000));
        for bad in ["0", "100.001", "-1", "1.2345", "abc", ".5", "1e3", "1.-5"] {
            assert!(parse_weight_kg("w", bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_weight_kg("w", "").unwrap_err().problem,
            Problem::Required
        );
    }

    #[test]
    fn an_order_weighs_what_its_lines_weigh_when_all_are_known() {
        assert_eq!(order_weight_g([500, 1_500]), Some(2_000));
        assert_eq!(order_weight_g([500, 0]), None);
        assert_eq!(order_weight_g([]), None);
        assert_eq!(order_weight_g([MAX_WEIGHT_G, 1]), None);
    }

    #[test]
    fn people_are_masked_for_the_public() {
        assert_eq!(mask_name("才让"), "才*");
        assert_eq!(mask_name("Ann Lee"), "A*");
        assert_eq!(mask_name(""), "");
        assert_eq!(mask_phone("13912345678"), "139****5678");
        assert_eq!(mask_phone("123"), "****");
    }

    #[test]
    fn produce_needs_every_field() {
        let errors = validate_produce(&ProduceForm::default()).unwrap_err().0;
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["recipient", "phone", "destination", "weight"]);
        let (recipient, weight) = validate_produce(&ProduceForm {
            recipient: " 王芳 ".into(),
            phone: "138 0013 8000".into(),
            destination: "西宁市城中区".into(),
            weight_kg: "3".into(),
            carrier_wanted: String::new(),
        })
        .unwrap();
        assert_eq!((recipient.name.as_str(), weight), ("王芳", 3_000));
    }
}
