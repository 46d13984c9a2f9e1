//! The codes people read, type and say: a parcel's label number and a villager's pickup code.
//! Randomness comes from the services; here they are made from a number and checked.

use serde::{Deserialize, Serialize};

/// Nine digits and a Luhn check digit. A driver types it on a phone when the camera cannot read
/// the label in the rain; the check digit catches any one wrong digit and most swapped pairs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ParcelCode(String);

const PARCEL_BODY_DIGITS: usize = 9;
const PARCEL_BODY_RANGE: u64 = 1_000_000_000;

impl ParcelCode {
    /// A code from any number (the generator's randomness); its last nine digits are used.
    pub fn from_number(number: u64) -> Self {
        let body = format!(
            "{:0width$}",
            number % PARCEL_BODY_RANGE,
            width = PARCEL_BODY_DIGITS
        );
        let check = luhn_check_digit(&body);
        Self(format!("{body}{check}"))
    }

    /// Accepts what a person types: spaces and dashes between digit groups are ignored.
    pub fn parse(text: &str) -> Option<Self> {
        let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let valid = digits.len() == PARCEL_BODY_DIGITS + 1
            && digits.bytes().all(|b| b.is_ascii_digit())
            && luhn_check_digit(&digits[..PARCEL_BODY_DIGITS])
                == digits.as_bytes()[PARCEL_BODY_DIGITS] - b'0';
        valid.then_some(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The digit that makes the Luhn sum of `body` followed by it a multiple of ten.
fn luhn_check_digit(body: &str) -> u8 {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let digit = u32::from(b - b'0');
            if i % 2 == 0 {
                let doubled = digit * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                digit
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

impl TryFrom<String> for ParcelCode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        ParcelCode::parse(&value).ok_or_else(|| format!("not a parcel code: {value}"))
    }
}

impl From<ParcelCode> for String {
    fn from(code: ParcelCode) -> String {
        code.0
    }
}

impl std::fmt::Display for ParcelCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Six digits sent to the villager when the parcel reaches the village point (取件码).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PickupCode(String);

impl PickupCode {
    pub fn from_number(number: u64) -> Self {
        Self(format!("{:06}", number % 1_000_000))
    }

    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        (text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit())).then(|| Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PickupCode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PickupCode::parse(&value).ok_or_else(|| format!("not a pickup code: {value}"))
    }
}

impl From<PickupCode> for String {
    fn from(code: PickupCode) -> String {
        code.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_made_code_parses_back_and_typing_separators_is_fine() {
        let code = ParcelCode::from_number(12_345_678_901);
        assert_eq!(code.as_str().len(), 10);
        assert_eq!(code.as_str(), "3456789019");
        assert_eq!(ParcelCode::parse("345 678-9019"), Some(code));
    }

    #[test]
    fn one_wrong_digit_or_a_swapped_pair_is_caught() {
        let code = ParcelCode::from_number(271_828_182).as_str().to_owned();
        for i in 0..code.len() {
            let mut typo = code.clone().into_bytes();
            typo[i] = b'0' + (typo[i] - b'0' + 3) % 10;
            assert_eq!(
                ParcelCode::parse(&String::from_utf8(typo).unwrap()),
                None,
                "{i}"
            );
        }
        let mut swapped = code.into_bytes();
        swapped.swap(0, 1);
        assert_eq!(
            ParcelCode::parse(&String::from_utf8(swapped).unwrap()),
            None
        );
        assert_eq!(ParcelCode::parse("12345"), None);
        assert_eq!(ParcelCode::parse("abcdefghij"), None);
    }

    #[test]
    fn pickup_codes_are_six_digits() {
        assert_eq!(PickupCode::from_number(42).as_str(), "000042");
        assert_eq!(
            PickupCode::parse(" 123456 ").map(|c| c.0),
            Some("123456".into())
        );
        assert_eq!(PickupCode::parse("12345"), None);
        assert_eq!(PickupCode::parse("12345a"), None);
    }
}
