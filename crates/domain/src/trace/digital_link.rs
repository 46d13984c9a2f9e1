//! GS1 Digital Link URIs, the web address a batch's QR code holds:
//! `https://<host>[/<prefix>]/01/<GTIN-14>[/10/<lot>][/21/<serial>][?<query>]`. Key qualifiers
//! follow the primary key in GS1's order (lot before serial); values are percent-encoded.
//! The query (other attributes, link types) is not part of the identity and is ignored.

use super::gtin::{Gtin, GtinError};
use super::lot::{AiTextError, Lot, Serial};

/// What a Digital Link names: a product, one of its batches, or one unit of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DigitalLink {
    pub gtin: Gtin,
    pub lot: Option<Lot>,
    pub serial: Option<Serial>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DigitalLinkError {
    #[error("a Digital Link starts with http:// or https://")]
    NotWeb,
    #[error("no /01/<GTIN> in the path")]
    NoGtin,
    #[error("the GTIN is wrong: {0}")]
    Gtin(GtinError),
    #[error("the lot (AI 10) is wrong: {0}")]
    Lot(AiTextError),
    #[error("the serial (AI 21) is wrong: {0}")]
    Serial(AiTextError),
    #[error("AI {0} is not a key qualifier of a GTIN here (only 10 and 21)")]
    UnknownAi(String),
    #[error("AI {ai} comes too late: GS1's order is 01, 10, 21, each once")]
    Order { ai: &'static str },
    #[error("AI {0} has no value")]
    MissingValue(&'static str),
    #[error("a % is not followed by two hexadecimal digits, or the bytes are not UTF-8")]
    PercentEncoding,
}

const GTIN_AI: &str = "01";
const LOT_AI: &str = "10";
const SERIAL_AI: &str = "21";

impl DigitalLink {
    pub fn batch(gtin: Gtin, lot: Lot) -> DigitalLink {
        DigitalLink {
            gtin,
            lot: Some(lot),
            serial: None,
        }
    }

    /// Reads a whole URI, e.g. what a phone camera read from a label.
    pub fn parse(uri: &str) -> Result<DigitalLink, DigitalLinkError> {
        let rest = uri
            .trim()
            .strip_prefix("https://")
            .or_else(|| uri.trim().strip_prefix("http://"))
            .ok_or(DigitalLinkError::NotWeb)?;
        let path = rest.find('/').map_or("", |slash| &rest[slash..]);
        Self::parse_path(path)
    }

    /// Reads the path (and any query or fragment) of a Digital Link on this host.
    pub fn parse_path(path: &str) -> Result<DigitalLink, DigitalLinkError> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        // A host may put its own prefix before the primary key; the key starts at the first
        // `01` that leaves whole (AI, value) pairs after it.
        let start = (0..segments.len())
            .find(|&i| segments[i] == GTIN_AI && (segments.len() - i).is_multiple_of(2))
            .ok_or(DigitalLinkError::NoGtin)?;
        let mut pairs = segments[start..].chunks(2);
        let gtin = match pairs.next() {
            Some([_, value]) => Gtin::parse(&decode(value)?).map_err(DigitalLinkError::Gtin)?,
            _ => return Err(DigitalLinkError::NoGtin),
        };
        let mut link = DigitalLink {
            gtin,
            lot: None,
            serial: None,
        };
        for pair in pairs {
            let [ai, value] = pair else {
                return Err(DigitalLinkError::NoGtin);
            };
            let value = decode(value)?;
            match *ai {
                LOT_AI if link.lot.is_some() || link.serial.is_some() => {
                    return Err(DigitalLinkError::Order { ai: LOT_AI })
                }
                LOT_AI => link.lot = Some(Lot::parse(&value).map_err(DigitalLinkError::Lot)?),
                SERIAL_AI if link.serial.is_some() => {
                    return Err(DigitalLinkError::Order { ai: SERIAL_AI })
                }
                SERIAL_AI => {
                    link.serial = Some(Serial::parse(&value).map_err(DigitalLinkError::Serial)?)
                }
                GTIN_AI => return Err(DigitalLinkError::Order { ai: GTIN_AI }),
                other => return Err(DigitalLinkError::UnknownAi(other.to_owned())),
            }
        }
        Ok(link)
    }

    /// The path, from `/01/`: what follows the host in the URI.
    pub fn path(&self) -> String {
        let mut path = format!("/{GTIN_AI}/{}", self.gtin);
        if let Some(lot) = &self.lot {
            path.push_str(&format!("/{LOT_AI}/{}", encode(lot.as_str())));
        }
        if let Some(serial) = &self.serial {
            path.push_str(&format!("/{SERIAL_AI}/{}", encode(serial.as_str())));
        }
        path
    }

    /// The whole URI on `origin` (e.g. `https://trace.example.cn`, no trailing slash needed).
    pub fn uri(&self, origin: &str) -> String {
        format!("{}{}", origin.trim_end_matches('/'), self.path())
    }
}

/// Percent-encodes all but RFC 3986's unreserved characters, as GS1 Digital Link asks for
/// values (a `/` in a lot would otherwise split the path).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn decode(value: &str) -> Result<String, DigitalLinkError> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = value
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .ok_or(DigitalLinkError::PercentEncoding)?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| DigitalLinkError::PercentEncoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gtin() -> Gtin {
        Gtin::parse("09520123456788").unwrap()
    }

    #[test]
    fn gs1s_own_example_reads_and_writes_back() {
        let uri = "https://id.gs1.org/01/09520123456788/10/ABC123/21/12345";
        let link = DigitalLink::parse(uri).unwrap();
        assert_eq!(link.gtin, gtin());
        assert_eq!(link.lot.as_ref().unwrap().as_str(), "ABC123");
        assert_eq!(link.serial.as_ref().unwrap().as_str(), "12345");
        assert_eq!(link.uri("https://id.gs1.org"), uri);
    }

    #[test]
    fn lots_with_reserved_characters_round_trip_percent_encoded() {
        let link = DigitalLink::batch(gtin(), Lot::parse("GJ/2026%'A'").unwrap());
        let uri = link.uri("https://farmgate.example.cn/");
        assert_eq!(
            uri,
            "https://farmgate.example.cn/01/09520123456788/10/GJ%2F2026%25%27A%27"
        );
        assert_eq!(DigitalLink::parse(&uri), Ok(link));
        for lot in ["A!", "x(1)*+,", "a:b;c<d=e>f?", "\"q\"&_.-"] {
            let link = DigitalLink::batch(gtin(), Lot::parse(lot).unwrap());
            assert_eq!(DigitalLink::parse(&link.uri("http://h")), Ok(link), "{lot}");
        }
    }

    #[test]
    fn shorter_gtins_a_path_prefix_and_a_query_are_accepted() {
        let link =
            DigitalLink::parse("https://h/trace/01/9520123456788/10/L1?17=261231&linkType=all")
                .unwrap();
        assert_eq!(link.gtin, gtin());
        assert_eq!(link.lot.unwrap().as_str(), "L1");
        let product = DigitalLink::parse_path("/01/09520123456788").unwrap();
        assert_eq!((product.lot, product.serial), (None, None));
        let unit = DigitalLink::parse_path("/01/09520123456788/21/7").unwrap();
        assert_eq!(unit.serial.unwrap().as_str(), "7");
    }

    #[test]
    fn malformed_links_say_what_is_wrong() {
        let parse = DigitalLink::parse;
        assert_eq!(
            parse("https://h/01/09520123456789/10/A"),
            Err(DigitalLinkError::Gtin(GtinError::CheckDigit {
                expected: 8,
                found: 9
            }))
        );
        assert_eq!(
            parse("https://h/01/09520123456788/21/7/10/A"),
            Err(DigitalLinkError::Order { ai: "10" })
        );
        assert_eq!(
            parse("https://h/01/09520123456788/10/A/10/B"),
            Err(DigitalLinkError::Order { ai: "10" })
        );
        assert_eq!(
            parse("https://h/01/09520123456788/10/ABCDEFGHIJ0123456789X"),
            Err(DigitalLinkError::Lot(AiTextError::TooLong { chars: 21 }))
        );
        assert_eq!(
            parse("https://h/01/09520123456788/10/A%2"),
            Err(DigitalLinkError::PercentEncoding)
        );
        assert_eq!(
            parse("https://h/01/09520123456788/10/%E6%9E"),
            Err(DigitalLinkError::PercentEncoding)
        );
        assert_eq!(
            parse("https://h/01/09520123456788/10/%E6%9E%B8"),
            Err(DigitalLinkError::Lot(AiTextError::Character('枸')))
        );
        assert_eq!(
            parse("https://h/01/09520123456788/17/261231"),
            Err(DigitalLinkError::UnknownAi("17".into()))
        );
        assert_eq!(
            parse("https://h/01/09520123456788/10"),
            Err(DigitalLinkError::NoGtin)
        );
        assert_eq!(
            parse("https://h/products/42"),
            Err(DigitalLinkError::NoGtin)
        );
        assert_eq!(
            parse("ftp://h/01/09520123456788"),
            Err(DigitalLinkError::NotWeb)
        );
    }
}
