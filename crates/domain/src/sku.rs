//! A SKU is one variant of a product that a buyer can put in the cart: "特级 250g 罐装" at its
//! own price, pack size and stock. Everything here is constructed only valid, so a CSV row and
//! a phone form are checked by the same rules.

use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money, MoneyError};
use crate::range::{within, within_u32};
use crate::unit::{PackSize, SellingUnit};
use crate::validation::{text_length, FieldError, Problem, ValidationErrors};

/// A selling price: more than zero and at most ¥100,000, in yuan fen. The ceiling catches a
/// price typed in fen where yuan were meant, and nothing the county sells costs more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Money", into = "Money")]
pub struct Price(Money);

impl Price {
    pub const MAX_FEN: i64 = 10_000_000;

    pub fn parse(field: &'static str, amount: Money) -> Result<Price, FieldError> {
        if amount.currency() != Currency::Cny {
            return Err(FieldError {
                field,
                problem: Problem::UnsupportedFormat,
            });
        }
        within(field, amount.minor(), 1, Self::MAX_FEN)?;
        Ok(Price(amount))
    }

    pub fn fen(field: &'static str, fen: i64) -> Result<Price, FieldError> {
        Self::parse(field, Money::fen(fen))
    }

    /// A special price typed in yuan ("19.9"): required, and above zero but below `regular`,
    /// the price it undercuts.
    pub fn typed_below(
        field: &'static str,
        text: &str,
        regular: Money,
    ) -> Result<Price, FieldError> {
        match Money::parse_major(text, Currency::Cny) {
            None if text.trim().is_empty() => Err(FieldError {
                field,
                problem: Problem::Required,
            }),
            Some(price) if price.minor() > 0 && price.minor() < regular.minor() => {
                Self::parse(field, price)
            }
            _ => Err(FieldError {
                field,
                problem: Problem::Invalid,
            }),
        }
    }

    pub const fn money(self) -> Money {
        self.0
    }

    /// Price times quantity for one cart or order line.
    pub fn times(self, quantity: Quantity) -> Result<Money, MoneyError> {
        self.0.checked_mul(i64::from(quantity.get()))
    }
}

impl TryFrom<Money> for Price {
    type Error = String;
    fn try_from(amount: Money) -> Result<Self, Self::Error> {
        Price::parse("price", amount).map_err(|_| format!("not a valid price: {amount}"))
    }
}

impl From<Price> for Money {
    fn from(price: Price) -> Money {
        price.0
    }
}

/// Units on hand: 0 to 1,000,000. Zero is allowed: a sold-out SKU stays listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Stock(u32);

impl Stock {
    pub const MAX: u32 = 1_000_000;

    pub fn parse(field: &'static str, value: i64) -> Result<Stock, FieldError> {
        within_u32(field, value, 0, Self::MAX).map(Stock)
    }

    pub const fn get(self) -> u32 {
        self.0
    }

    pub const fn is_sold_out(self) -> bool {
        self.0 == 0
    }

    /// What is left after selling `quantity`, or none when there is not enough.
    pub fn take(self, quantity: Quantity) -> Option<Stock> {
        self.0.checked_sub(quantity.get()).map(Stock)
    }
}

impl TryFrom<u32> for Stock {
    type Error = String;
    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Stock::parse("stock", i64::from(value)).map_err(|_| format!("stock out of range: {value}"))
    }
}

impl From<Stock> for u32 {
    fn from(stock: Stock) -> u32 {
        stock.0
    }
}

/// How many of one SKU a line holds: 1 to 999. Zero and negative quantities are input
/// mistakes, and a four-digit quantity on a consumer order is one too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Quantity(u32);

impl Quantity {
    pub const MAX: u32 = 999;
    pub const ONE: Quantity = Quantity(1);

    pub fn parse(field: &'static str, value: i64) -> Result<Quantity, FieldError> {
        within_u32(field, value, 1, Self::MAX).map(Quantity)
    }

    pub fn new(value: u32) -> Option<Quantity> {
        (1..=Self::MAX).contains(&value).then_some(Quantity(value))
    }

    pub const fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Quantity {
    type Error = String;
    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Quantity::new(value).ok_or_else(|| format!("quantity out of range: {value}"))
    }
}

impl From<Quantity> for u32 {
    fn from(quantity: Quantity) -> u32 {
        quantity.0
    }
}

/// The variant's name as the buyer picks it: "特级 250g", "5斤装": 1–40 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SkuName(String);

impl SkuName {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(value: &str) -> Result<SkuName, FieldError> {
        text_length("sku_name", value, 1, Self::MAX_CHARS).map(SkuName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SkuName {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        SkuName::parse(&value).map_err(|_| format!("not a valid SKU name: {value}"))
    }
}

impl From<SkuName> for String {
    fn from(value: SkuName) -> String {
        value.0
    }
}

/// A SKU as typed in a form or read from an import row, before any checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkuInput<'a> {
    pub name: &'a str,
    pub price_fen: i64,
    pub unit: &'a str,
    pub net_weight_g: Option<i64>,
    pub shipping_weight_g: Option<i64>,
    pub stock: i64,
}

/// A valid SKU specification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuSpec {
    pub name: SkuName,
    pub price: Price,
    pub pack: PackSize,
    pub stock: Stock,
}

impl SkuSpec {
    /// Checks every field and reports all problems at once, so an import row lists them all.
    pub fn parse(input: &SkuInput<'_>) -> Result<SkuSpec, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let name = errors.check(SkuName::parse(input.name));
        let price = errors.check(Price::fen("price_fen", input.price_fen));
        let stock = errors.check(Stock::parse("stock", input.stock));
        let unit = SellingUnit::parse(input.unit);
        if unit.is_none() {
            errors.push("unit", Problem::Invalid);
        }
        let pack = unit.and_then(|unit| {
            match PackSize::new(unit, input.net_weight_g, input.shipping_weight_g) {
                Ok(pack) => Some(pack),
                Err(pack_errors) => {
                    errors.0.extend(pack_errors.0);
                    None
                }
            }
        });
        match (name, price, pack, stock) {
            (Some(name), Some(price), Some(pack), Some(stock)) if errors.is_empty() => {
                Ok(SkuSpec {
                    name,
                    price,
                    pack,
                    stock,
                })
            }
            _ => Err(errors),
        }
    }

    /// The buyer's comparison price, when the SKU has a net weight.
    pub fn price_per_500g(&self) -> Option<Money> {
        self.pack.price_per_500g(self.price.money())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> SkuInput<'static> {
        SkuInput {
            name: "特级 250g 罐装",
            price_fen: 6_800,
            unit: "g",
            net_weight_g: Some(250),
            shipping_weight_g: Some(400),
            stock: 120,
        }
    }

    #[test]
    fn a_good_sku_parses() {
        let sku = SkuSpec::parse(&input()).unwrap();
        assert_eq!(sku.name.as_str(), "特级 250g 罐装");
        assert_eq!(sku.price.money(), Money::fen(6_800));
        assert_eq!(sku.pack.shipping_weight().get(), 400);
        assert_eq!(sku.price_per_500g(), Some(Money::fen(13_600)));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = SkuInput {
            name: "",
            price_fen: 0,
            unit: "两",
            net_weight_g: None,
            shipping_weight_g: None,
            stock: -1,
        };
        let fields: Vec<_> = SkuSpec::parse(&bad)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["sku_name", "price_fen", "stock", "unit"]);
        let no_weight = SkuInput {
            net_weight_g: None,
            ..input()
        };
        let err = SkuSpec::parse(&no_weight).unwrap_err();
        assert_eq!(err.0[0].field, "net_weight_g");
    }

    #[test]
    fn prices_are_positive_and_at_most_100_000_yuan() {
        assert!(Price::fen("price", 1).is_ok());
        assert!(Price::fen("price", 10_000_000).is_ok());
        assert!(Price::fen("price", 10_000_001).is_err());
        assert!(Price::fen("price", 0).is_err());
        assert!(Price::fen("price", -1).is_err());
        assert_eq!(Price::fen("price", i64::MIN).unwrap_err().field, "price");
    }

    #[test]
    fn stock_is_zero_to_a_million() {
        assert!(Stock::parse("stock", 0).unwrap().is_sold_out());
        assert!(Stock::parse("stock", 1_000_000).is_ok());
        assert!(Stock::parse("stock", 1_000_001).is_err());
        assert!(Stock::parse("stock", -1).is_err());
        let stock = Stock::parse("stock", 5).unwrap();
        assert_eq!(stock.take(Quantity::new(5).unwrap()), Some(Stock(0)));
        assert_eq!(stock.take(Quantity::new(6).unwrap()), None);
    }

    #[test]
    fn quantities_are_1_to_999() {
        assert_eq!(Quantity::parse("quantity", 1), Ok(Quantity::ONE));
        assert!(Quantity::parse("quantity", 999).is_ok());
        assert!(Quantity::parse("quantity", 1_000).is_err());
        assert!(Quantity::parse("quantity", 0).is_err());
        assert!(Quantity::parse("quantity", -3).is_err());
        assert_eq!(Quantity::new(0), None);
        assert_eq!(Quantity::try_from(1_000u32).ok(), None);
    }

    #[test]
    fn line_totals_are_checked() {
        let price = Price::fen("price", 10_000_000).unwrap();
        let total = price.times(Quantity::new(999).unwrap()).unwrap();
        assert_eq!(total, Money::fen(9_990_000_000));
    }

    #[test]
    fn sku_names_are_1_to_40_characters() {
        assert!(SkuName::parse("5斤装").is_ok());
        assert!(SkuName::parse(&"装".repeat(41)).is_err());
        assert!(SkuName::parse(" ").is_err());
    }

    #[test]
    fn stored_values_are_checked_again_when_read() {
        assert!(Price::try_from(Money::fen(0)).is_err());
        assert_eq!(
            Money::from(Price::try_from(Money::fen(5)).unwrap()),
            Money::fen(5)
        );
        assert!(Stock::try_from(1_000_001u32).is_err());
        assert_eq!(u32::from(Stock::try_from(7u32).unwrap()), 7);
        assert!(SkuName::try_from(String::new()).is_err());
        assert_eq!(
            String::from(SkuName::try_from("5斤装".to_owned()).unwrap()),
            "5斤装"
        );
    }
}
