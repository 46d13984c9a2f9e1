//! Shipping fee templates (运费模板): what a shop charges to send a parcel to each zone, the way
//! express carriers price it — a fee for the first kilogram and one for each further kilogram
//! begun — with an optional free-shipping threshold and zones a shop does not serve.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::address::ShippingZone;
use crate::money::{Money, MoneyError};
use crate::range::within;
use crate::validation::ValidationErrors;

/// The weight the first fee covers, and the step each additional fee covers.
pub const WEIGHT_STEP_G: u64 = 1_000;

/// One zone's price list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ZoneRateFields", into = "ZoneRateFields")]
pub struct ZoneRate {
    first_fee: Money,
    additional_fee: Money,
    free_over: Option<Money>,
}

impl ZoneRate {
    /// No express parcel within China costs more than ¥500 per kilogram step.
    pub const MAX_FEE_FEN: i64 = 50_000;
    pub const MAX_THRESHOLD_FEN: i64 = 10_000_000;

    /// Fees from 0 (free) to ¥500; a threshold, when given, from ¥0.01 to ¥100,000.
    pub fn new(
        first_fee_fen: i64,
        additional_fee_fen: i64,
        free_over_fen: Option<i64>,
    ) -> Result<ZoneRate, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let first = errors.check(within("first_fee_fen", first_fee_fen, 0, Self::MAX_FEE_FEN));
        let additional = errors.check(within(
            "additional_fee_fen",
            additional_fee_fen,
            0,
            Self::MAX_FEE_FEN,
        ));
        let free_over = free_over_fen
            .map(|fen| errors.check(within("free_over_fen", fen, 1, Self::MAX_THRESHOLD_FEN)));
        errors.into_result()?;
        Ok(ZoneRate {
            first_fee: Money::fen(first.unwrap_or_default()),
            additional_fee: Money::fen(additional.unwrap_or_default()),
            free_over: free_over.flatten().map(Money::fen),
        })
    }

    pub const fn first_fee(&self) -> Money {
        self.first_fee
    }

    pub const fn additional_fee(&self) -> Money {
        self.additional_fee
    }

    pub const fn free_over(&self) -> Option<Money> {
        self.free_over
    }

    /// The fee for a parcel of `weight_g` grams with `goods_subtotal` of goods in it.
    pub fn fee(&self, weight_g: u64, goods_subtotal: Money) -> Result<Money, MoneyError> {
        if let Some(threshold) = self.free_over {
            let met = goods_subtotal.checked_sub(threshold)?.minor() >= 0;
            if met {
                return Ok(Money::zero(self.first_fee.currency()));
            }
        }
        let steps = additional_steps(weight_g);
        let steps = i64::try_from(steps).map_err(|_| MoneyError::Overflow)?;
        self.first_fee
            .checked_add(self.additional_fee.checked_mul(steps)?)
    }
}

/// A zone rate as stored and sent, in fen; checked again on the way in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneRateFields {
    pub first_fee_fen: i64,
    pub additional_fee_fen: i64,
    pub free_over_fen: Option<i64>,
}

impl TryFrom<ZoneRateFields> for ZoneRate {
    type Error = ValidationErrors;
    fn try_from(f: ZoneRateFields) -> Result<Self, Self::Error> {
        ZoneRate::new(f.first_fee_fen, f.additional_fee_fen, f.free_over_fen)
    }
}

impl From<ZoneRate> for ZoneRateFields {
    fn from(rate: ZoneRate) -> ZoneRateFields {
        ZoneRateFields {
            first_fee_fen: rate.first_fee.minor(),
            additional_fee_fen: rate.additional_fee.minor(),
            free_over_fen: rate.free_over.map(Money::minor),
        }
    }
}

/// Kilograms begun beyond the first: 1,000 g → 0, 1,001 g → 1, 2,000 g → 1, 2,001 g → 2.
/// An empty parcel still costs the first fee.
pub fn additional_steps(weight_g: u64) -> u64 {
    weight_g
        .saturating_sub(WEIGHT_STEP_G)
        .div_ceil(WEIGHT_STEP_G)
}

/// A shop's template: a rate for each zone it serves.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(
    try_from = "BTreeMap<ShippingZone, ZoneRate>",
    into = "BTreeMap<ShippingZone, ZoneRate>"
)]
pub struct ShippingTemplate {
    rates: [Option<ZoneRate>; 4],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ShippingError {
    #[error("this shop does not deliver to the {} zone", .0.as_str())]
    NotServed(ShippingZone),
    #[error(transparent)]
    Money(#[from] MoneyError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a shipping template must serve at least one zone")]
pub struct NoZoneServed;

impl ShippingTemplate {
    /// A template from the zones it serves; zones left out are refused at checkout.
    pub fn new(
        rates: impl IntoIterator<Item = (ShippingZone, ZoneRate)>,
    ) -> Result<ShippingTemplate, NoZoneServed> {
        let mut template = ShippingTemplate { rates: [None; 4] };
        for (zone, rate) in rates {
            template.rates[zone.index()] = Some(rate);
        }
        if template.rates.iter().all(Option::is_none) {
            return Err(NoZoneServed);
        }
        Ok(template)
    }

    /// The same rate everywhere, e.g. a shop that ships everything free.
    pub fn uniform(rate: ZoneRate) -> ShippingTemplate {
        ShippingTemplate {
            rates: [Some(rate); 4],
        }
    }

    pub fn rate(&self, zone: ShippingZone) -> Option<&ZoneRate> {
        self.rates.get(zone.index()).and_then(Option::as_ref)
    }

    pub fn serves(&self, zone: ShippingZone) -> bool {
        self.rate(zone).is_some()
    }
}

impl TryFrom<BTreeMap<ShippingZone, ZoneRate>> for ShippingTemplate {
    type Error = NoZoneServed;
    fn try_from(rates: BTreeMap<ShippingZone, ZoneRate>) -> Result<Self, Self::Error> {
        ShippingTemplate::new(rates)
    }
}

/// Stored as a map from the zones served to their rates.
impl From<ShippingTemplate> for BTreeMap<ShippingZone, ZoneRate> {
    fn from(template: ShippingTemplate) -> Self {
        ShippingZone::ALL
            .into_iter()
            .filter_map(|zone| template.rate(zone).map(|rate| (zone, *rate)))
            .collect()
    }
}

/// What the buyer pays to have one order's parcel sent to `zone`.
pub fn shipping_fee(
    template: &ShippingTemplate,
    zone: ShippingZone,
    total_weight_g: u64,
    goods_subtotal: Money,
) -> Result<Money, ShippingError> {
    let rate = template.rate(zone).ok_or(ShippingError::NotServed(zone))?;
    Ok(rate.fee(total_weight_g, goods_subtotal)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ¥8 first kg and ¥3 per further kg near, free from ¥99; ¥12 + ¥6 central; ¥20 + ¥12 far,
    /// free from ¥199; remote not served.
    fn template() -> ShippingTemplate {
        ShippingTemplate::new([
            (
                ShippingZone::Near,
                ZoneRate::new(800, 300, Some(9_900)).unwrap(),
            ),
            (
                ShippingZone::Central,
                ZoneRate::new(1_200, 600, None).unwrap(),
            ),
            (
                ShippingZone::Far,
                ZoneRate::new(2_000, 1_200, Some(19_900)).unwrap(),
            ),
        ])
        .unwrap()
    }

    fn fee(zone: ShippingZone, grams: u64, subtotal: i64) -> Result<Money, ShippingError> {
        shipping_fee(&template(), zone, grams, Money::fen(subtotal))
    }

    #[test]
    fn weight_steps_are_kilograms_begun_after_the_first() {
        assert_eq!(additional_steps(0), 0);
        assert_eq!(additional_steps(1), 0);
        assert_eq!(additional_steps(1_000), 0);
        assert_eq!(additional_steps(1_001), 1);
        assert_eq!(additional_steps(2_000), 1);
        assert_eq!(additional_steps(2_001), 2);
        assert_eq!(additional_steps(u64::MAX), u64::MAX / 1_000);
    }

    #[test]
    fn fees_at_the_weight_boundaries() {
        use ShippingZone::Central;
        assert_eq!(fee(Central, 0, 100), Ok(Money::fen(1_200)));
        assert_eq!(fee(Central, 1_000, 100), Ok(Money::fen(1_200)));
        assert_eq!(fee(Central, 1_001, 100), Ok(Money::fen(1_800)));
        assert_eq!(fee(Central, 2_000, 100), Ok(Money::fen(1_800)));
        assert_eq!(fee(Central, 2_001, 100), Ok(Money::fen(2_400)));
        assert_eq!(fee(Central, 10_000, 100), Ok(Money::fen(1_200 + 9 * 600)));
    }

    #[test]
    fn free_shipping_when_the_threshold_is_exactly_met() {
        use ShippingZone::{Far, Near};
        assert_eq!(fee(Near, 5_000, 9_899), Ok(Money::fen(800 + 4 * 300)));
        assert_eq!(fee(Near, 5_000, 9_900), Ok(Money::fen(0)));
        assert_eq!(fee(Near, 5_000, 50_000), Ok(Money::fen(0)));
        assert_eq!(fee(Far, 500, 19_899), Ok(Money::fen(2_000)));
        assert_eq!(fee(Far, 500, 19_900), Ok(Money::fen(0)));
        // No threshold in the central zone: a large order still pays.
        assert_eq!(
            fee(ShippingZone::Central, 500, 1_000_000),
            Ok(Money::fen(1_200))
        );
    }

    #[test]
    fn unserved_zones_are_refused() {
        assert_eq!(
            fee(ShippingZone::Remote, 500, 100_000),
            Err(ShippingError::NotServed(ShippingZone::Remote))
        );
        assert!(!template().serves(ShippingZone::Remote));
        assert_eq!(ShippingTemplate::new([]), Err(NoZoneServed));
    }

    #[test]
    fn rates_are_bounded() {
        assert!(ZoneRate::new(0, 0, None).is_ok());
        assert!(ZoneRate::new(50_000, 50_000, Some(10_000_000)).is_ok());
        let errors = ZoneRate::new(-1, 50_001, Some(0)).unwrap_err().0;
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["first_fee_fen", "additional_fee_fen", "free_over_fen"]
        );
    }

    #[test]
    fn absurd_weights_overflow_instead_of_wrapping() {
        let everywhere = ShippingTemplate::uniform(ZoneRate::new(1_000, 50_000, None).unwrap());
        assert_eq!(
            shipping_fee(&everywhere, ShippingZone::Near, u64::MAX, Money::fen(1)),
            Err(ShippingError::Money(MoneyError::Overflow))
        );
        let free = ShippingTemplate::uniform(ZoneRate::new(0, 0, None).unwrap());
        assert_eq!(
            shipping_fee(&free, ShippingZone::Remote, u64::MAX, Money::fen(1)),
            Ok(Money::fen(0))
        );
    }

    #[test]
    fn stored_templates_round_trip_and_are_checked() {
        let stored = BTreeMap::from(template());
        assert_eq!(stored.len(), 3);
        assert_eq!(ShippingTemplate::try_from(stored), Ok(template()));
        assert_eq!(
            ShippingTemplate::try_from(BTreeMap::new()),
            Err(NoZoneServed)
        );
        let rate = ZoneRate::new(800, 300, Some(9_900)).unwrap();
        let fields = ZoneRateFields::from(rate);
        assert_eq!(ZoneRate::try_from(fields), Ok(rate));
        let negative = ZoneRateFields {
            first_fee_fen: -1,
            ..fields
        };
        assert!(ZoneRate::try_from(negative).is_err());
    }
}
