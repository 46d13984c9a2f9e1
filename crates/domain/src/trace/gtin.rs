//! GS1 trade item numbers. Every GTIN that comes in is checked: a mistyped digit on a label
//! would send a buyer's scan to another product, so a wrong check digit is refused with the
//! digit it should have been.

use serde::{Deserialize, Serialize};

/// A GTIN-14 (AI 01). Shorter GTINs (8, 12, 13 digits) are padded with leading zeros, as
/// GS1 Digital Link writes them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Gtin(String);

const GTIN_DIGITS: usize = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GtinError {
    #[error("a GTIN has only digits")]
    NotDigits,
    #[error("a GTIN has 8, 12, 13 or 14 digits, not {digits}")]
    Length { digits: usize },
    #[error("the check digit should be {expected}, not {found}")]
    CheckDigit { expected: u8, found: u8 },
}

impl Gtin {
    /// Reads a GTIN as printed or typed; spaces are ignored.
    pub fn parse(text: &str) -> Result<Gtin, GtinError> {
        let digits: String = text.chars().filter(|c| *c != ' ').collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(GtinError::NotDigits);
        }
        if !matches!(digits.len(), 8 | 12 | 13 | 14) {
            return Err(GtinError::Length {
                digits: digits.len(),
            });
        }
        let padded = format!("{digits:0>GTIN_DIGITS$}");
        let (body, last) = padded.split_at(GTIN_DIGITS - 1);
        let expected = gs1_check_digit(body);
        let found = last.as_bytes()[0] - b'0';
        if expected != found {
            return Err(GtinError::CheckDigit { expected, found });
        }
        Ok(Gtin(padded))
    }

    /// The GTIN for item `reference` under a company prefix (indicator digit 0), when the
    /// reference fits the digits the prefix leaves.
    pub fn from_prefix(prefix: &CompanyPrefix, reference: u64) -> Option<Gtin> {
        (reference < prefix.item_references()).then(|| {
            let width = 12 - prefix.0.len();
            let body = format!("0{}{reference:0width$}", prefix.0);
            let check = gs1_check_digit(&body);
            Gtin(format!("{body}{check}"))
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Gtin {
    type Error = GtinError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Gtin::parse(&value)
    }
}

impl From<Gtin> for String {
    fn from(gtin: Gtin) -> String {
        gtin.0
    }
}

impl std::fmt::Display for Gtin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A GS1 company prefix, 6 to 12 digits, licensed to the county hub (China's start 690–699).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CompanyPrefix(String);

impl CompanyPrefix {
    pub fn parse(text: &str) -> Option<CompanyPrefix> {
        let digits = text.trim();
        ((6..=12).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| CompanyPrefix(digits.to_owned()))
    }

    /// How many item references the prefix leaves: a 7-digit prefix numbers 100,000 products.
    pub fn item_references(&self) -> u64 {
        10u64.pow(12 - self.0.len() as u32)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The item reference of a GTIN made under this prefix (indicator digit 0).
    pub fn item_reference(&self, gtin: &Gtin) -> Option<u64> {
        let digits = gtin
            .as_str()
            .strip_prefix('0')?
            .strip_prefix(self.as_str())?;
        digits.get(..digits.len().checked_sub(1)?)?.parse().ok()
    }
}

impl TryFrom<String> for CompanyPrefix {
    type Error = &'static str;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        CompanyPrefix::parse(&value).ok_or("a GS1 company prefix has 6 to 12 digits")
    }
}

impl From<CompanyPrefix> for String {
    fn from(prefix: CompanyPrefix) -> String {
        prefix.0
    }
}

/// GS1's mod-10 check digit: weights 3 and 1 alternate from the rightmost digit of `body`.
pub fn gs1_check_digit(body: &str) -> u8 {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_gtins_pass_and_are_padded_to_fourteen_digits() {
        // GS1's own examples: GTIN-13 of a Chinese product and GS1 Digital Link's GTIN-14.
        assert_eq!(
            Gtin::parse("6901234567892").unwrap().as_str(),
            "06901234567892"
        );
        assert!(Gtin::parse("09520123456788").is_ok());
        assert_eq!(Gtin::parse("9638 5074").unwrap().as_str(), "00000096385074");
        assert!(Gtin::parse("036000291452").is_ok(), "a UPC-A");
    }

    #[test]
    fn a_wrong_check_digit_names_the_right_one() {
        assert_eq!(
            Gtin::parse("09520123456789"),
            Err(GtinError::CheckDigit {
                expected: 8,
                found: 9
            })
        );
    }

    #[test]
    fn other_shapes_are_refused() {
        assert_eq!(
            Gtin::parse("0952012345678"),
            Err(GtinError::CheckDigit {
                expected: 2,
                found: 8
            })
        );
        assert_eq!(
            Gtin::parse("95201234567"),
            Err(GtinError::Length { digits: 11 })
        );
        assert_eq!(
            Gtin::parse("095201234567888"),
            Err(GtinError::Length { digits: 15 })
        );
        assert_eq!(Gtin::parse("0952O123456788"), Err(GtinError::NotDigits));
        assert_eq!(Gtin::parse(""), Err(GtinError::Length { digits: 0 }));
    }

    #[test]
    fn a_company_prefix_numbers_its_items_with_valid_gtins() {
        let prefix = CompanyPrefix::parse("6901234").unwrap();
        assert_eq!(prefix.item_references(), 100_000);
        let first = Gtin::from_prefix(&prefix, 1).unwrap();
        assert_eq!(first.as_str(), "06901234000016");
        assert_eq!(Gtin::parse(first.as_str()), Ok(first.clone()));
        assert!(Gtin::from_prefix(&prefix, 99_999).is_some());
        assert!(Gtin::from_prefix(&prefix, 100_000).is_none());
        assert_eq!(prefix.item_reference(&first), Some(1));
        let elsewhere = Gtin::parse("06909999000906").unwrap();
        assert_eq!(prefix.item_reference(&elsewhere), None);
        assert!(CompanyPrefix::parse("69012").is_none());
        assert!(CompanyPrefix::parse("6901234567890").is_none());
        assert!(CompanyPrefix::parse("69O1234").is_none());
    }
}
