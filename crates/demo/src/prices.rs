//! Retail prices as county shops write them. A product's grade puts it in a band of each pack's
//! price range, and the price is moved to the nearest price point shops actually use (¥12.90,
//! ¥68, ¥128, ¥1,680), so a demo page never shows ¥67.43.

use crate::catalog::{Pack, Tier};
use crate::rng::Rng;

/// Where in its packs' price ranges a product sells, in percent: drawn once per product so all
/// its SKUs are priced alike and a bigger pack always costs more.
pub(crate) fn position(rng: &mut Rng, tier: Tier) -> u32 {
    let (low, high) = tier.band();
    rng.between(low, high)
}

/// The price of `pack` at `position` percent of its range, in fen, on a price point inside the
/// range.
pub(crate) fn price_fen(pack: &Pack, position: u32) -> i64 {
    let low = i64::from(pack.yuan.0) * 100;
    let high = i64::from(pack.yuan.1) * 100;
    let raw = low + (high - low) * i64::from(position.min(100)) / 100;
    price_point(raw, low, high)
}

/// Under ¥20 prices end in .80 or .90; up to ¥1,000 they are whole yuan ending in 8 or 9
/// (¥38, ¥69, ¥128); above that whole yuan ending in 80 or 98 (¥1,280, ¥2,398).
fn is_price_point(fen: i64) -> bool {
    if fen < 2_000 {
        matches!(fen % 100, 80 | 90)
    } else if fen < 100_000 {
        fen % 100 == 0 && matches!(fen / 100 % 10, 8 | 9)
    } else {
        fen % 100 == 0 && matches!(fen / 100 % 100, 80 | 98)
    }
}

/// The price point nearest `raw` within `low..=high` (the lower one on a tie), or `raw` itself
/// when the range holds none.
fn price_point(raw: i64, low: i64, high: i64) -> i64 {
    // Points are 10 fen apart under ¥20 and whole yuan above, so walk in those steps.
    let start = if raw < 2_000 {
        raw - raw % 10
    } else {
        raw - raw % 100
    };
    let mut down = start;
    while down >= low && !is_price_point(down) {
        down -= if down <= 2_000 { 10 } else { 100 };
    }
    let mut up = start;
    while up <= high && !is_price_point(up) {
        up += if up < 2_000 { 10 } else { 100 };
    }
    match (down >= low, up <= high) {
        (true, true) if up - raw < raw - down => up,
        (true, _) => down,
        (false, true) => up,
        (false, false) => raw,
    }
}

#[cfg(test)]
mod tests {
    use farmgate_domain::unit::SellingUnit;

    use super::*;

    fn pack(yuan: (u32, u32)) -> Pack {
        Pack {
            name: "500g 袋装",
            name_en: "500 g bag",
            unit: SellingUnit::Gram,
            net_g: Some(500),
            ship_g: 600,
            yuan,
        }
    }

    #[test]
    fn prices_land_on_price_points_inside_the_range() {
        for yuan in [
            (8, 15),
            (15, 25),
            (30, 80),
            (80, 300),
            (800, 2000),
            (2000, 6000),
        ] {
            let pack = pack(yuan);
            let mut last = 0;
            for position in 0..=100 {
                let fen = price_fen(&pack, position);
                assert!(is_price_point(fen), "{fen} for {yuan:?} at {position}");
                let range = i64::from(yuan.0) * 100..=i64::from(yuan.1) * 100;
                assert!(range.contains(&fen), "{fen} outside {yuan:?}");
                assert!(fen >= last, "prices rise with the position");
                last = fen;
            }
        }
    }

    #[test]
    fn price_points_look_like_shop_prices() {
        assert_eq!(price_point(1_234, 800, 1_500), 1_190);
        assert_eq!(price_point(6_750, 3_000, 8_000), 6_800);
        assert_eq!(price_point(12_600, 8_000, 30_000), 12_800);
        assert_eq!(price_point(163_000, 100_000, 300_000), 159_800);
        assert_eq!(
            price_point(2_150, 2_000, 2_500),
            2_150,
            "no point in ¥20–25"
        );
    }

    #[test]
    fn positions_stay_in_their_band() {
        let mut rng = Rng::new(3);
        for _ in 0..1_000 {
            assert!((60..=100).contains(&position(&mut rng, Tier::Top)));
            assert!(position(&mut rng, Tier::Low) <= 35);
        }
    }
}
