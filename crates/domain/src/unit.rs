//! Selling units and weights. Produce is sold by the gram, kilogram or jin (市斤, 500 g) and
//! also by the piece or box; weights are whole grams, never floats, because shipping fees and
//! "price per 500 g" must come out the same on every machine.

use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::range::within_u32;
use crate::validation::{FieldError, Problem, ValidationErrors};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SellingUnit {
    #[serde(rename = "g")]
    Gram,
    #[serde(rename = "kg")]
    Kilogram,
    /// 市斤: half a kilogram, the unit Chinese buyers think in for produce.
    #[serde(rename = "jin")]
    Jin,
    #[serde(rename = "piece")]
    Piece,
    #[serde(rename = "box")]
    Box,
}

impl SellingUnit {
    pub const ALL: [SellingUnit; 5] = [
        SellingUnit::Gram,
        SellingUnit::Kilogram,
        SellingUnit::Jin,
        SellingUnit::Piece,
        SellingUnit::Box,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            SellingUnit::Gram => "g",
            SellingUnit::Kilogram => "kg",
            SellingUnit::Jin => "jin",
            SellingUnit::Piece => "piece",
            SellingUnit::Box => "box",
        }
    }

    pub const fn symbol_zh(self) -> &'static str {
        match self {
            SellingUnit::Gram => "克",
            SellingUnit::Kilogram => "千克",
            SellingUnit::Jin => "斤",
            SellingUnit::Piece => "个",
            SellingUnit::Box => "盒",
        }
    }

    /// Accepts the stored text and the ways producers write units in an import file.
    pub fn parse(value: &str) -> Option<SellingUnit> {
        match value.trim().to_lowercase().as_str() {
            "g" | "gram" | "grams" | "克" => Some(SellingUnit::Gram),
            "kg" | "kilogram" | "kilograms" | "千克" | "公斤" => Some(SellingUnit::Kilogram),
            "jin" | "斤" | "市斤" => Some(SellingUnit::Jin),
            "piece" | "pc" | "pcs" | "个" | "件" | "只" => Some(SellingUnit::Piece),
            "box" | "盒" | "箱" => Some(SellingUnit::Box),
            _ => None,
        }
    }

    /// Grams in one unit, for the units that are weights.
    pub const fn grams(self) -> Option<u32> {
        match self {
            SellingUnit::Gram => Some(1),
            SellingUnit::Kilogram => Some(1_000),
            SellingUnit::Jin => Some(500),
            SellingUnit::Piece | SellingUnit::Box => None,
        }
    }

    pub const fn is_weight(self) -> bool {
        self.grams().is_some()
    }
}

/// A weight in whole grams, 1 g to 50 kg: the most one parcel of one SKU may weigh with the
/// express carriers a county works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Grams(u32);

impl Grams {
    pub const MAX: u32 = 50_000;

    pub fn parse(field: &'static str, value: i64) -> Result<Grams, FieldError> {
        within_u32(field, value, 1, Self::MAX).map(Grams)
    }

    pub const fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Grams {
    type Error = String;
    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Grams::parse("grams", i64::from(value)).map_err(|_| format!("weight out of range: {value}"))
    }
}

impl From<Grams> for u32 {
    fn from(grams: Grams) -> u32 {
        grams.0
    }
}

/// What one SKU holds and weighs. A weight-unit SKU must state its net weight (it is what the
/// buyer pays for); a piece or box may. The shipping weight (with packaging) is what shipping
/// fees are charged on; it defaults to the net weight and can never be less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PackSizeFields", into = "PackSizeFields")]
pub struct PackSize {
    unit: SellingUnit,
    net_weight: Option<Grams>,
    shipping_weight: Grams,
}

impl PackSize {
    pub fn new(
        unit: SellingUnit,
        net_weight_g: Option<i64>,
        shipping_weight_g: Option<i64>,
    ) -> Result<PackSize, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let net = net_weight_g.and_then(|g| errors.check(Grams::parse("net_weight_g", g)));
        let shipping =
            shipping_weight_g.and_then(|g| errors.check(Grams::parse("shipping_weight_g", g)));
        if unit.is_weight() && net_weight_g.is_none() {
            errors.push("net_weight_g", Problem::Required);
        }
        if net_weight_g.is_none() && shipping_weight_g.is_none() && !unit.is_weight() {
            errors.push("shipping_weight_g", Problem::Required);
        }
        if let (Some(net), Some(shipping)) = (net, shipping) {
            if shipping < net {
                errors.push("shipping_weight_g", Problem::Invalid);
            }
        }
        errors.into_result()?;
        match shipping.or(net) {
            Some(shipping_weight) => Ok(PackSize {
                unit,
                net_weight: net,
                shipping_weight,
            }),
            None => Err(ValidationErrors::single(
                "shipping_weight_g",
                Problem::Required,
            )),
        }
    }

    pub const fn unit(&self) -> SellingUnit {
        self.unit
    }

    pub const fn net_weight(&self) -> Option<Grams> {
        self.net_weight
    }

    pub const fn shipping_weight(&self) -> Grams {
        self.shipping_weight
    }

    /// The net weight in the selling unit as a decimal ("2.5" kg, "5" jin); none for pieces.
    pub fn net_in_unit(&self) -> Option<String> {
        let per_unit = self.unit.grams()?;
        let grams = self.net_weight?.get();
        Some(decimal_thousandths(
            u64::from(grams) * 1_000 / u64::from(per_unit),
        ))
    }

    /// The buyer's comparison price; none for a piece or box without a net weight.
    pub fn price_per_500g(&self, price: Money) -> Option<Money> {
        price_per_500g(price, self.net_weight?.get())
    }
}

/// A pack size as stored and sent: plain numbers, checked again on the way in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackSizeFields {
    pub unit: SellingUnit,
    pub net_weight_g: Option<i64>,
    pub shipping_weight_g: Option<i64>,
}

impl TryFrom<PackSizeFields> for PackSize {
    type Error = ValidationErrors;
    fn try_from(fields: PackSizeFields) -> Result<Self, Self::Error> {
        PackSize::new(fields.unit, fields.net_weight_g, fields.shipping_weight_g)
    }
}

impl From<PackSize> for PackSizeFields {
    fn from(pack: PackSize) -> PackSizeFields {
        PackSizeFields {
            unit: pack.unit,
            net_weight_g: pack.net_weight.map(|g| i64::from(g.get())),
            shipping_weight_g: Some(i64::from(pack.shipping_weight.get())),
        }
    }
}

/// Writes thousandths as a decimal without trailing zeros: 2500 → "2.5", 5000 → "5".
fn decimal_thousandths(thousandths: u64) -> String {
    let whole = thousandths / 1_000;
    let fraction = thousandths % 1_000;
    if fraction == 0 {
        whole.to_string()
    } else {
        let digits = format!("{fraction:03}");
        format!("{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// The price of 500 g (one jin) of what `price` buys `net_weight_g` of, for comparing packs.
///
/// Rounding: half up to the fen (¥10.00 for 300 g is ¥16.666… → ¥16.67; an exact half fen
/// goes up). None for a zero weight, a negative price, or a result beyond what money can hold.
pub fn price_per_500g(price: Money, net_weight_g: u32) -> Option<Money> {
    if net_weight_g == 0 || price.minor() < 0 {
        return None;
    }
    let numerator = i128::from(price.minor()) * 500;
    let weight = i128::from(net_weight_g);
    let rounded = (numerator * 2 + weight) / (weight * 2);
    i64::try_from(rounded)
        .ok()
        .map(|minor| Money::new(minor, price.currency()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_round_trip_and_know_their_grams() {
        for unit in SellingUnit::ALL {
            assert_eq!(SellingUnit::parse(unit.as_str()), Some(unit));
            assert_eq!(SellingUnit::parse(unit.symbol_zh()), Some(unit));
        }
        assert_eq!(SellingUnit::parse("公斤"), Some(SellingUnit::Kilogram));
        assert_eq!(SellingUnit::parse("KG"), Some(SellingUnit::Kilogram));
        assert_eq!(SellingUnit::parse("两"), None);
        assert_eq!(SellingUnit::Jin.grams(), Some(500));
        assert!(!SellingUnit::Box.is_weight());
    }

    #[test]
    fn weight_units_need_a_net_weight() {
        let err = PackSize::new(SellingUnit::Jin, None, Some(2_600)).unwrap_err();
        assert_eq!(err.0[0].field, "net_weight_g");
        assert_eq!(err.0[0].problem, Problem::Required);
        let pack = PackSize::new(SellingUnit::Jin, Some(2_500), None).unwrap();
        assert_eq!(pack.shipping_weight().get(), 2_500);
        assert_eq!(pack.net_in_unit().as_deref(), Some("5"));
    }

    #[test]
    fn pieces_need_some_weight_to_ship() {
        let err = PackSize::new(SellingUnit::Box, None, None).unwrap_err();
        assert_eq!(err.0[0].field, "shipping_weight_g");
        let boxed = PackSize::new(SellingUnit::Box, None, Some(1_200)).unwrap();
        assert_eq!(boxed.net_weight(), None);
        assert_eq!(boxed.shipping_weight().get(), 1_200);
        assert_eq!(boxed.price_per_500g(Money::fen(9_900)), None);
        assert_eq!(boxed.net_in_unit(), None);
        let with_net = PackSize::new(SellingUnit::Piece, Some(250), Some(400)).unwrap();
        assert_eq!(
            with_net.price_per_500g(Money::fen(4_990)),
            Some(Money::fen(9_980))
        );
    }

    #[test]
    fn weights_are_bounded_and_shipping_is_never_below_net() {
        assert!(PackSize::new(SellingUnit::Gram, Some(0), None).is_err());
        assert!(PackSize::new(SellingUnit::Gram, Some(-5), None).is_err());
        assert!(PackSize::new(SellingUnit::Kilogram, Some(50_000), None).is_ok());
        assert!(PackSize::new(SellingUnit::Kilogram, Some(50_001), None).is_err());
        let err = PackSize::new(SellingUnit::Kilogram, Some(1_000), Some(999)).unwrap_err();
        assert_eq!(err.0[0].field, "shipping_weight_g");
        assert_eq!(err.0[0].problem, Problem::Invalid);
        let both_bad = PackSize::new(SellingUnit::Gram, Some(i64::MAX), Some(i64::MIN));
        assert_eq!(both_bad.unwrap_err().0.len(), 2);
    }

    #[test]
    fn net_weight_reads_in_the_selling_unit() {
        let kg = PackSize::new(SellingUnit::Kilogram, Some(2_500), None).unwrap();
        assert_eq!(kg.net_in_unit().as_deref(), Some("2.5"));
        let jin = PackSize::new(SellingUnit::Jin, Some(2_600), None).unwrap();
        assert_eq!(jin.net_in_unit().as_deref(), Some("5.2"));
        let g = PackSize::new(SellingUnit::Gram, Some(250), None).unwrap();
        assert_eq!(g.net_in_unit().as_deref(), Some("250"));
        let odd = PackSize::new(SellingUnit::Kilogram, Some(1_001), None).unwrap();
        assert_eq!(odd.net_in_unit().as_deref(), Some("1.001"));
    }

    #[test]
    fn price_per_500g_rounds_half_up_to_the_fen() {
        // One jin at ¥39.90 is ¥39.90 per 500 g.
        assert_eq!(
            price_per_500g(Money::fen(3_990), 500),
            Some(Money::fen(3_990))
        );
        // 1 kg at ¥59.80 is ¥29.90 per 500 g.
        assert_eq!(
            price_per_500g(Money::fen(5_980), 1_000),
            Some(Money::fen(2_990))
        );
        // 5 jin at ¥99.00 is ¥19.80 per 500 g.
        assert_eq!(
            price_per_500g(Money::fen(9_900), 2_500),
            Some(Money::fen(1_980))
        );
        // 300 g at ¥10.00: 1666.67 fen rounds up; 250 g at ¥0.01: exactly 2 fen.
        assert_eq!(
            price_per_500g(Money::fen(1_000), 300),
            Some(Money::fen(1_667))
        );
        assert_eq!(price_per_500g(Money::fen(1), 250), Some(Money::fen(2)));
        // 1 kg at ¥0.01 is exactly half a fen: it goes up.
        assert_eq!(price_per_500g(Money::fen(1), 1_000), Some(Money::fen(1)));
        // 3 kg at ¥0.01 is a third of half a fen: it goes down.
        assert_eq!(price_per_500g(Money::fen(1), 3_000), Some(Money::fen(0)));
        // 600 g at ¥1.00: 83.33 fen → 83.
        assert_eq!(price_per_500g(Money::fen(100), 600), Some(Money::fen(83)));
    }

    #[test]
    fn price_per_500g_refuses_what_it_cannot_answer() {
        assert_eq!(price_per_500g(Money::fen(100), 0), None);
        assert_eq!(price_per_500g(Money::fen(-100), 500), None);
        assert_eq!(price_per_500g(Money::fen(i64::MAX), 1), None);
        assert_eq!(
            price_per_500g(Money::fen(i64::MAX), 500),
            Some(Money::fen(i64::MAX))
        );
    }

    #[test]
    fn stored_pack_sizes_round_trip_and_are_checked() {
        let pack = PackSize::new(SellingUnit::Jin, Some(2_500), None).unwrap();
        let fields = PackSizeFields::from(pack);
        assert_eq!(fields.shipping_weight_g, Some(2_500));
        assert_eq!(PackSize::try_from(fields), Ok(pack));
        let tampered = PackSizeFields {
            shipping_weight_g: Some(10),
            ..fields
        };
        assert!(PackSize::try_from(tampered).is_err());
        assert!(Grams::try_from(0u32).is_err());
        assert_eq!(u32::from(Grams::try_from(50_000u32).unwrap()), 50_000);
    }
}
