//! Step 2 over a checkout of several shops: `apply_spend_save`.

use std::collections::BTreeMap;

use super::*;
use crate::address::ShippingZone;
use crate::checkout::{split_checkout, CartLine, OrderDraft, OrderLineDraft};
use crate::commission::{CommissionRate, CommissionSchedule};
use crate::coupon::{apply_coupon, HeldCoupon};
use crate::id::{CouponClaimId, CouponId, SkuId};
use crate::shipping::{ShippingTemplate, ZoneRate};
use crate::sku::Price;
use crate::unit::Grams;

const NOW: Timestamp = Timestamp::from_millis(1_800_000_000_000);
const SHOP_A: &str = "01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d01";
const SHOP_B: &str = "01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d02";

fn line(shop: &str, sku: &str, category: Category, price_fen: i64, quantity: i64) -> CartLine {
    CartLine {
        shop: ShopId::new(shop),
        product: ProductId::new(sku),
        sku: SkuId::new(sku),
        category,
        unit_price: Price::fen("price", price_fen).unwrap(),
        quantity,
        unit_weight: Grams::parse("weight", 500).unwrap(),
        ships_from: None,
    }
}

/// Shop A: 2 × ¥60 goji. Shop B: ¥80 goji and a ¥100 rug. Free shipping, 5 % commission.
fn drafts() -> Vec<OrderDraft> {
    let cart = [
        line(
            SHOP_A,
            "01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d11",
            Category::Fruit,
            6_000,
            2,
        ),
        line(
            SHOP_B,
            "01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d12",
            Category::Fruit,
            8_000,
            1,
        ),
        line(
            SHOP_B,
            "01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d13",
            Category::Handicrafts,
            10_000,
            1,
        ),
    ];
    let free = ShippingTemplate::uniform(ZoneRate::new(0, 0, None).unwrap());
    let templates = BTreeMap::from([
        (ShopId::new(SHOP_A), free.clone()),
        (ShopId::new(SHOP_B), free),
    ]);
    let schedule = CommissionSchedule::flat(CommissionRate::new(500).unwrap());
    split_checkout(&cart, ShippingZone::Near, &templates, &schedule).unwrap()
}

fn fruit(_: &ShopId, line: &OrderLineDraft) -> bool {
    line.category == Category::Fruit
}

fn rule(threshold_fen: i64, off_fen: i64) -> PriceRule {
    PriceRule::SpendSave {
        threshold: Money::fen(threshold_fen),
        off: Money::fen(off_fen),
    }
}

fn order_of<'a>(drafts: &'a [OrderDraft], shop: &str) -> &'a OrderDraft {
    drafts.iter().find(|d| d.shop == ShopId::new(shop)).unwrap()
}

#[test]
fn spend_save_is_shared_over_the_covered_lines_of_every_shop() {
    let mut drafts = drafts();
    let before = drafts.clone();
    // Covered: ¥120 + ¥80 = ¥200 ≥ ¥199, so ¥30 comes off, 120 : 80.
    let per_order = apply_spend_save(&mut drafts, &rule(19_900, 3_000), fruit).unwrap();
    assert_eq!(per_order.iter().map(|m| m.minor()).sum::<i64>(), 3_000);
    let a = order_of(&drafts, SHOP_A);
    let b = order_of(&drafts, SHOP_B);
    assert_eq!(a.campaign_discount, Money::fen(1_800));
    assert_eq!(b.campaign_discount, Money::fen(1_200));
    assert_eq!(a.total, Money::fen(12_000 - 1_800));
    assert_eq!(b.total, Money::fen(18_000 - 1_200));
    let rug = b
        .lines
        .iter()
        .find(|l| l.category == Category::Handicrafts)
        .unwrap();
    assert_eq!(rug.line_total, Money::fen(10_000), "the rug is not covered");
    // Commission follows what is paid for each line: 5 % of ¥102 and of ¥68 + ¥100.
    assert_eq!(a.commission, Money::fen(510));
    assert_eq!(b.commission, Money::fen(340 + 500));
    // The goods before savings stay, for shipping thresholds already read.
    assert_eq!(a.goods_subtotal, order_of(&before, SHOP_A).goods_subtotal);
}

#[test]
fn below_the_threshold_nothing_comes_off() {
    let mut drafts = drafts();
    let before = drafts.clone();
    let per_order = apply_spend_save(&mut drafts, &rule(20_001, 3_000), fruit).unwrap();
    assert!(per_order.iter().all(|m| m.minor() == 0));
    assert_eq!(drafts, before);
}

#[test]
fn a_shop_coupon_after_spend_save_reads_the_goods_after_it() {
    let mut drafts = drafts();
    apply_spend_save(&mut drafts, &rule(19_900, 3_000), fruit).unwrap();
    let a = order_of(&drafts, SHOP_A).clone();
    let coupon = |minimum_fen| HeldCoupon {
        claim: CouponClaimId::new(SHOP_A),
        coupon: CouponId::new(SHOP_A),
        shop: ShopId::new(SHOP_A),
        amount_off: Money::fen(1_000),
        minimum_spend: Money::fen(minimum_fen),
        valid_until: NOW.plus_days(1),
    };
    assert!(
        apply_coupon(&a, &coupon(11_000), NOW).is_err(),
        "¥110 is not reached once ¥18 of spend-save came off ¥120"
    );
    let paid = apply_coupon(&a, &coupon(10_000), NOW).unwrap();
    assert_eq!(paid.total, Money::fen(12_000 - 1_800 - 1_000));
    assert_eq!(paid.campaign_discount, Money::fen(1_800));
    // 5 % of the ¥92 finally paid.
    assert_eq!(paid.commission, Money::fen(460));
}
