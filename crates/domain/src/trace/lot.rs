//! Lot (AI 10) and serial (AI 21) numbers as GS1 allows them: 1 to 20 characters of the AI
//! encodable character set 82, so they print in a barcode and travel in a Digital Link URI.

use serde::{Deserialize, Serialize};

use crate::calendar::CivilDate;

/// The longest lot or serial number GS1 allows.
pub const MAX_AI_TEXT_CHARS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AiTextError {
    #[error("it is empty")]
    Empty,
    #[error("it has {chars} characters; GS1 allows at most {MAX_AI_TEXT_CHARS}")]
    TooLong { chars: usize },
    #[error("{0:?} is not in GS1's character set (letters A–Z a–z, digits and ! \" % & ' ( ) * + , - . / : ; < = > ? _)")]
    Character(char),
}

/// GS1 AI encodable character set 82.
pub fn in_character_set_82(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!\"%&'()*+,-./:;<=>?_".contains(c)
}

fn ai_text(text: &str) -> Result<String, AiTextError> {
    let text = text.trim();
    let chars = text.chars().count();
    if chars == 0 {
        return Err(AiTextError::Empty);
    }
    if chars > MAX_AI_TEXT_CHARS {
        return Err(AiTextError::TooLong { chars });
    }
    match text.chars().find(|c| !in_character_set_82(*c)) {
        Some(c) => Err(AiTextError::Character(c)),
        None => Ok(text.to_owned()),
    }
}

macro_rules! ai_text_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn parse(text: &str) -> Result<Self, AiTextError> {
                ai_text(text).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = AiTextError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

ai_text_type!(
    /// A batch's lot number (AI 10), unique per product: what a recall names.
    Lot
);
ai_text_type!(
    /// One unit's serial number (AI 21) within its lot.
    Serial
);

impl Lot {
    /// The lot the services give a batch typed without one: its harvest date and a sequence,
    /// e.g. `20260815-2` for that day's second batch of the product (at most 19 characters).
    pub fn numbered(harvested_on: CivilDate, sequence: u32) -> Lot {
        Lot(format!("{}-{sequence}", harvested_on).replacen('-', "", 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lots_take_gs1_characters_up_to_twenty() {
        assert_eq!(Lot::parse(" GJ-2026/08a ").unwrap().as_str(), "GJ-2026/08a");
        assert!(Lot::parse("ABCDEFGHIJ0123456789").is_ok());
        assert_eq!(
            Lot::parse("ABCDEFGHIJ01234567890"),
            Err(AiTextError::TooLong { chars: 21 })
        );
        assert_eq!(Lot::parse("  "), Err(AiTextError::Empty));
        assert_eq!(Lot::parse("枸杞2026"), Err(AiTextError::Character('枸')));
        assert_eq!(Lot::parse("A B"), Err(AiTextError::Character(' ')));
        assert_eq!(Serial::parse("0042#"), Err(AiTextError::Character('#')));
        assert!(Serial::parse("0042").is_ok());
    }

    #[test]
    fn numbered_lots_are_the_date_and_a_sequence() {
        let day = CivilDate::new(2026, 8, 15).unwrap();
        assert_eq!(Lot::numbered(day, 2).as_str(), "20260815-2");
        let longest = Lot::numbered(day, u32::MAX);
        assert_eq!(Lot::parse(longest.as_str()), Ok(longest));
    }

    #[test]
    fn the_character_set_is_exactly_gs1s_eighty_two() {
        let allowed = (0u8..128)
            .filter(|b| in_character_set_82(char::from(*b)))
            .count();
        assert_eq!(allowed, 82);
    }
}
