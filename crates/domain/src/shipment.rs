//! A parcel handed to a carrier: which carrier and its tracking number (运单号). Used when a
//! producer ships an order and when a buyer sends a return back.

use serde::{Deserialize, Serialize};

use crate::validation::{text_length, FieldError, Problem, ValidationErrors};

/// The national express carriers a county's producers use, and any other by name (a regional
/// line, the county's own delivery).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Carrier {
    ChinaPost,
    Sf,
    Zto,
    Yto,
    Sto,
    Yunda,
    Jd,
    Jt,
    Deppon,
    Other(String),
}

const KNOWN: [(Carrier, &str, &str, &[&str]); 9] = [
    (
        Carrier::ChinaPost,
        "china_post",
        "中国邮政/EMS",
        &["ems", "中国邮政", "邮政", "EMS"],
    ),
    (Carrier::Sf, "sf", "顺丰速运", &["顺丰", "sf express"]),
    (Carrier::Zto, "zto", "中通快递", &["中通"]),
    (Carrier::Yto, "yto", "圆通速递", &["圆通"]),
    (Carrier::Sto, "sto", "申通快递", &["申通"]),
    (Carrier::Yunda, "yunda", "韵达快递", &["韵达"]),
    (Carrier::Jd, "jd", "京东物流", &["京东"]),
    (Carrier::Jt, "jt", "极兔速递", &["极兔", "j&t"]),
    (Carrier::Deppon, "deppon", "德邦快递", &["德邦"]),
];

impl Carrier {
    /// A known carrier by code or name (Chinese or English, any case); anything else of 2–20
    /// characters as another carrier's name.
    pub fn parse(value: &str) -> Result<Carrier, FieldError> {
        let trimmed = value.trim();
        let lower = trimmed.to_lowercase();
        let known = KNOWN.iter().find(|(_, code, zh, aliases)| {
            *code == lower || *zh == trimmed || aliases.iter().any(|a| a.to_lowercase() == lower)
        });
        match known {
            Some((carrier, ..)) => Ok(carrier.clone()),
            None => text_length("carrier", trimmed, 2, 20).map(Carrier::Other),
        }
    }

    /// The stored text: a known carrier's code (`sf`), or another carrier's name.
    pub fn code(&self) -> &str {
        match self {
            Carrier::Other(name) => name,
            known => KNOWN
                .iter()
                .find(|(carrier, ..)| carrier == known)
                .map_or("", |(_, code, _, _)| code),
        }
    }

    pub fn name_zh(&self) -> &str {
        match self {
            Carrier::Other(name) => name,
            known => KNOWN
                .iter()
                .find(|(carrier, ..)| carrier == known)
                .map_or("", |(_, _, zh, _)| zh),
        }
    }
}

impl TryFrom<String> for Carrier {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Carrier::parse(&value).map_err(|_| format!("not a valid carrier: {value}"))
    }
}

impl From<Carrier> for String {
    fn from(carrier: Carrier) -> String {
        carrier.code().to_owned()
    }
}

/// A tracking number: 8–32 letters and digits, kept upper-case without the spaces and dashes
/// people type, so a scan and a typed number match. National carriers use 10–15 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TrackingNumber(String);

impl TrackingNumber {
    pub const MIN_CHARS: usize = 8;
    pub const MAX_CHARS: usize = 32;

    pub fn parse(value: &str) -> Result<TrackingNumber, FieldError> {
        let error = |problem| FieldError {
            field: "tracking_number",
            problem,
        };
        let compact: String = value
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.is_empty() {
            return Err(error(Problem::Required));
        }
        if !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(error(Problem::Invalid));
        }
        let len = compact.len();
        if len < Self::MIN_CHARS {
            return Err(error(Problem::TooShort {
                min: Self::MIN_CHARS,
            }));
        }
        if len > Self::MAX_CHARS {
            return Err(error(Problem::TooLong {
                max: Self::MAX_CHARS,
            }));
        }
        Ok(TrackingNumber(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TrackingNumber {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        TrackingNumber::parse(&value).map_err(|_| format!("not a valid tracking number: {value}"))
    }
}

impl From<TrackingNumber> for String {
    fn from(value: TrackingNumber) -> String {
        value.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Shipment {
    pub carrier: Carrier,
    pub tracking: TrackingNumber,
}

impl Shipment {
    pub fn parse(carrier: &str, tracking: &str) -> Result<Shipment, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let carrier = errors.check(Carrier::parse(carrier));
        let tracking = errors.check(TrackingNumber::parse(tracking));
        match (carrier, tracking) {
            (Some(carrier), Some(tracking)) => Ok(Shipment { carrier, tracking }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_carriers_by_code_or_name() {
        assert_eq!(Carrier::parse("顺丰"), Ok(Carrier::Sf));
        assert_eq!(Carrier::parse(" SF "), Ok(Carrier::Sf));
        assert_eq!(Carrier::parse("ems"), Ok(Carrier::ChinaPost));
        assert_eq!(Carrier::parse("J&T"), Ok(Carrier::Jt));
        assert_eq!(Carrier::parse("中通快递"), Ok(Carrier::Zto));
        for (carrier, code, zh, _) in &KNOWN {
            assert_eq!(Carrier::parse(code).as_ref(), Ok(carrier));
            assert_eq!(carrier.name_zh(), *zh);
        }
    }

    #[test]
    fn other_carriers_by_name() {
        let local = Carrier::parse("海东县域共配").unwrap();
        assert_eq!(local, Carrier::Other("海东县域共配".into()));
        assert_eq!(local.name_zh(), "海东县域共配");
        assert!(Carrier::parse("x").is_err());
        assert!(Carrier::parse("").is_err());
        assert!(Carrier::parse(&"快".repeat(21)).is_err());
    }

    #[test]
    fn tracking_numbers_are_compacted_and_checked() {
        assert_eq!(
            TrackingNumber::parse(" sf 1234-5678-9012 ")
                .unwrap()
                .as_str(),
            "SF123456789012"
        );
        assert!(TrackingNumber::parse("EA123456789CN").is_ok());
        assert_eq!(
            TrackingNumber::parse("1234567").unwrap_err().problem,
            Problem::TooShort { min: 8 }
        );
        assert!(TrackingNumber::parse(&"9".repeat(32)).is_ok());
        assert!(TrackingNumber::parse(&"9".repeat(33)).is_err());
        assert_eq!(
            TrackingNumber::parse("运单12345678").unwrap_err().problem,
            Problem::Invalid
        );
        assert_eq!(
            TrackingNumber::parse(" - ").unwrap_err().problem,
            Problem::Required
        );
        assert!(TrackingNumber::parse("SF1234<script>").is_err());
    }

    #[test]
    fn a_shipment_reports_both_fields() {
        let errors = Shipment::parse("", "123").unwrap_err().0;
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["carrier", "tracking_number"]);
        let ok = Shipment::parse("圆通", "YT1234567890123").unwrap();
        assert_eq!(ok.carrier, Carrier::Yto);
    }

    #[test]
    fn carriers_are_stored_by_code_or_name() {
        for carrier in [
            Carrier::Sf,
            Carrier::ChinaPost,
            Carrier::Other("乡村快线".into()),
        ] {
            assert_eq!(
                Carrier::try_from(String::from(carrier.clone())),
                Ok(carrier)
            );
        }
        assert_eq!(Carrier::Jt.code(), "jt");
        assert!(TrackingNumber::try_from("123".to_owned()).is_err());
        assert_eq!(
            String::from(TrackingNumber::try_from("sf123456789".to_owned()).unwrap()),
            "SF123456789"
        );
    }
}
