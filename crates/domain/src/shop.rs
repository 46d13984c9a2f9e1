//! Producers sell through shops: an individual farmer, a family farm, a cooperative or a village
//! workshop, located in a village of the county.

use serde::{Deserialize, Serialize};

use crate::validation::{text_length, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProducerKind {
    Individual,
    FamilyFarm,
    Cooperative,
    Workshop,
}

impl ProducerKind {
    pub const ALL: [ProducerKind; 4] = [
        ProducerKind::Individual,
        ProducerKind::FamilyFarm,
        ProducerKind::Cooperative,
        ProducerKind::Workshop,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ProducerKind::Individual => "individual",
            ProducerKind::FamilyFarm => "family_farm",
            ProducerKind::Cooperative => "cooperative",
            ProducerKind::Workshop => "workshop",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }
}

/// A shop's name: 2–40 characters.
pub fn shop_name(value: &str) -> Result<String, FieldError> {
    text_length("shop_name", value, 2, 40)
}

/// A shop's description: up to 2,000 characters, may be empty.
pub fn shop_description(value: &str) -> Result<String, FieldError> {
    text_length("description", value, 0, 2_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for kind in ProducerKind::ALL {
            assert_eq!(ProducerKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ProducerKind::parse("corporation"), None);
    }

    #[test]
    fn shop_names_are_bounded() {
        assert_eq!(shop_name(" 卓玛家庭农场 ").unwrap(), "卓玛家庭农场");
        assert!(shop_name("a").is_err());
        assert!(shop_description("").is_ok());
    }
}
