//! The county – township – village tree. Places carry the national 12-digit statistical area
//! code and the 3-digit urban–rural classification code, so "rural" means what official
//! statistics mean by it (codes starting with 2).

use serde::{Deserialize, Serialize};

/// A 12-digit statistical area code: province(2) city(2) county(2) township(3) village(3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AreaCode(String);

impl AreaCode {
    pub fn parse(value: &str) -> Option<Self> {
        (value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()))
            .then(|| Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The level a code names, read from which of its trailing groups are zero.
    pub fn level(&self) -> PlaceLevel {
        if &self.0[6..] == "000000" {
            PlaceLevel::County
        } else if &self.0[9..] == "000" {
            PlaceLevel::Township
        } else {
            PlaceLevel::Village
        }
    }

    /// The code of the place this one lies in; a county has none within Farmgate.
    pub fn parent(&self) -> Option<AreaCode> {
        match self.level() {
            PlaceLevel::County => None,
            PlaceLevel::Township => Some(Self(format!("{}000000", &self.0[..6]))),
            PlaceLevel::Village => Some(Self(format!("{}000", &self.0[..9]))),
        }
    }
}

impl AreaCode {
    /// Whether this place is `other` or lies inside it, read from the code without allocating.
    pub fn lies_in(&self, other: &AreaCode) -> bool {
        self.0.starts_with(other.prefix())
    }

    /// The digits every code inside this place starts with: 6 for a county, 9 for a township.
    pub fn prefix(&self) -> &str {
        let digits = match self.level() {
            PlaceLevel::County => 6,
            PlaceLevel::Township => 9,
            PlaceLevel::Village => 12,
        };
        &self.0[..digits]
    }
}

impl TryFrom<String> for AreaCode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        AreaCode::parse(&value).ok_or_else(|| format!("not a 12-digit area code: {value}"))
    }
}

impl From<AreaCode> for String {
    fn from(code: AreaCode) -> String {
        code.0
    }
}

impl std::fmt::Display for AreaCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceLevel {
    County,
    Township,
    Village,
}

impl PlaceLevel {
    pub const fn as_str(self) -> &'static str {
        match self {
            PlaceLevel::County => "county",
            PlaceLevel::Township => "township",
            PlaceLevel::Village => "village",
        }
    }
}

/// The official urban–rural classification code (城乡分类代码): 111 main urban area, 112
/// urban–rural fringe, 121 town centre, 122 town–rural fringe, 123 special area, 210 township
/// centre, 220 village.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct UrbanRuralCode(u16);

impl UrbanRuralCode {
    pub const VILLAGE: UrbanRuralCode = UrbanRuralCode(220);
    pub const TOWNSHIP_CENTRE: UrbanRuralCode = UrbanRuralCode(210);
    pub const TOWN_CENTRE: UrbanRuralCode = UrbanRuralCode(121);

    pub fn parse(value: u16) -> Option<Self> {
        matches!(value, 111 | 112 | 121 | 122 | 123 | 210 | 220).then_some(Self(value))
    }

    pub const fn value(self) -> u16 {
        self.0
    }

    pub const fn is_rural(self) -> bool {
        self.0 >= 200
    }
}

impl TryFrom<u16> for UrbanRuralCode {
    type Error = String;
    fn try_from(value: u16) -> Result<Self, Self::Error> {
        UrbanRuralCode::parse(value).ok_or_else(|| format!("not an urban-rural code: {value}"))
    }
}

impl From<UrbanRuralCode> for u16 {
    fn from(code: UrbanRuralCode) -> u16 {
        code.0
    }
}

/// A point in integer micro-degrees (WGS 84): exact to about 10 cm and comparable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GeoPoint {
    pub lat_e6: i32,
    pub lon_e6: i32,
}

impl GeoPoint {
    pub fn new(lat_e6: i32, lon_e6: i32) -> Option<Self> {
        ((-90_000_000..=90_000_000).contains(&lat_e6)
            && (-180_000_000..=180_000_000).contains(&lon_e6))
        .then_some(Self { lat_e6, lon_e6 })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub code: AreaCode,
    pub name_zh: String,
    pub name_en: String,
    pub urban_rural: UrbanRuralCode,
    pub location: GeoPoint,
}

impl Place {
    pub fn level(&self) -> PlaceLevel {
        self.code.level()
    }

    pub fn parent(&self) -> Option<AreaCode> {
        self.code.parent()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_and_parent_follow_the_code() {
        let county = AreaCode::parse("632830000000").unwrap();
        let township = AreaCode::parse("632830101000").unwrap();
        let village = AreaCode::parse("632830101203").unwrap();
        assert_eq!(county.level(), PlaceLevel::County);
        assert_eq!(township.level(), PlaceLevel::Township);
        assert_eq!(village.level(), PlaceLevel::Village);
        assert_eq!(village.parent(), Some(township.clone()));
        assert_eq!(township.parent(), Some(county.clone()));
        assert_eq!(county.parent(), None);
        assert!(
            village.lies_in(&township) && village.lies_in(&county) && village.lies_in(&village)
        );
        assert!(!township.lies_in(&village));
        assert!(!village.lies_in(&AreaCode::parse("632830102000").unwrap()));
    }

    #[test]
    fn rejects_malformed_codes() {
        assert!(AreaCode::parse("63283010120").is_none());
        assert!(AreaCode::parse("63283010120x").is_none());
        assert!(UrbanRuralCode::parse(230).is_none());
        assert!(GeoPoint::new(91_000_000, 0).is_none());
    }

    #[test]
    fn rural_means_codes_starting_with_two() {
        assert!(UrbanRuralCode::VILLAGE.is_rural());
        assert!(UrbanRuralCode::TOWNSHIP_CENTRE.is_rural());
        assert!(!UrbanRuralCode::TOWN_CENTRE.is_rural());
    }
}
