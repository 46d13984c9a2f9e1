use std::collections::BTreeMap;

use super::*;
use crate::address::ShippingZone;
use crate::catalogue::Category;
use crate::checkout::{split_checkout, CartLine};
use crate::commission::{CommissionRate, CommissionSchedule};
use crate::id::{ProductId, SkuId};
use crate::shipping::{ShippingTemplate, ZoneRate};
use crate::sku::Price;
use crate::unit::Grams;

const NOW: Timestamp = Timestamp::from_millis(1_800_000_000_000);

fn input() -> CouponInput<'static> {
    CouponInput {
        amount_off: "5",
        minimum_spend: "49",
        quantity: "100",
        per_buyer_limit: "1",
        valid_days: "7",
    }
}

fn fields(errors: &ValidationErrors) -> Vec<(&str, Problem)> {
    errors.0.iter().map(|e| (e.field, e.problem)).collect()
}

fn shop(n: u8) -> ShopId {
    ShopId::new(format!("shop-{n}"))
}

fn line(shop_n: u8, sku: &str, price: i64, quantity: i64) -> CartLine {
    CartLine {
        shop: shop(shop_n),
        product: ProductId::new(format!("p-{sku}")),
        sku: SkuId::new(sku),
        category: Category::Fruit,
        unit_price: Price::fen("price", price).unwrap(),
        quantity,
        unit_weight: Grams::parse("weight", 400).unwrap(),
        ships_from: None,
    }
}

/// ¥8 + ¥3/kg, free from ¥99; 3 % commission.
fn orders(lines: &[CartLine]) -> Vec<OrderDraft> {
    let rate = ZoneRate::new(800, 300, Some(9_900)).unwrap();
    let templates: BTreeMap<_, _> = lines
        .iter()
        .map(|l| (l.shop.clone(), ShippingTemplate::uniform(rate)))
        .collect();
    let schedule = CommissionSchedule::flat(CommissionRate::new(300).unwrap());
    split_checkout(lines, ShippingZone::Near, &templates, &schedule).unwrap()
}

fn held(claim: &str, shop_n: u8, off: i64, spend: i64, days: i64) -> HeldCoupon {
    HeldCoupon {
        claim: CouponClaimId::new(claim),
        coupon: CouponId::new(format!("coupon-{claim}")),
        shop: shop(shop_n),
        amount_off: Money::fen(off),
        minimum_spend: Money::fen(spend),
        valid_until: NOW.plus_days(days),
    }
}

#[test]
fn good_terms_are_valid_for_the_days_from_now() {
    let terms = CouponTerms::parse(&input(), NOW).unwrap();
    assert_eq!(terms.amount_off, Money::fen(500));
    assert_eq!(terms.minimum_spend, Money::fen(4_900));
    assert_eq!((terms.quantity, terms.per_buyer_limit), (100, 1));
    assert_eq!(terms.valid_until, NOW.plus_days(7));
}

#[test]
fn every_problem_is_reported_against_its_field() {
    let bad = CouponInput {
        amount_off: "",
        minimum_spend: "abc",
        quantity: "0",
        per_buyer_limit: "6",
        valid_days: "31",
    };
    let errors = CouponTerms::parse(&bad, NOW).unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            ("amount_off", Problem::Required),
            ("minimum_spend", Problem::Invalid),
            ("quantity", Problem::Invalid),
            ("per_buyer_limit", Problem::Invalid),
            ("valid_days", Problem::Invalid),
        ]
    );
    let blank = CouponTerms::parse(&CouponInput::default(), NOW).unwrap_err();
    assert_eq!(blank.0.len(), 5);
    assert!(blank.0.iter().all(|e| e.problem == Problem::Required));
}

#[test]
fn the_minimum_spend_is_above_the_amount_off() {
    for (off, spend, ok) in [("5", "5", false), ("5", "4.99", false), ("5", "5.01", true)] {
        let terms = CouponInput {
            amount_off: off,
            minimum_spend: spend,
            ..input()
        };
        let parsed = CouponTerms::parse(&terms, NOW);
        assert_eq!(parsed.is_ok(), ok, "{off} off {spend}");
        if let Err(errors) = parsed {
            assert_eq!(fields(&errors), [("minimum_spend", Problem::Invalid)]);
        }
    }
}

#[test]
fn amounts_limits_and_days_have_inclusive_bounds() {
    for (amount_off, quantity, per_buyer_limit, valid_days, ok) in [
        ("1000", "100000", "5", "30", true),
        ("0.01", "1", "1", "1", true),
        ("1000.01", "1", "1", "1", false),
        ("0", "1", "1", "1", false),
        ("-1", "1", "1", "1", false),
        ("1", "100001", "1", "1", false),
        ("1", "3", "4", "1", false),
        ("1", "1", "0", "1", false),
        ("1", "1", "1", "0", false),
    ] {
        let terms = CouponInput {
            amount_off,
            minimum_spend: "1000.02",
            quantity,
            per_buyer_limit,
            valid_days,
        };
        let parsed = CouponTerms::parse(&terms, NOW);
        assert_eq!(parsed.is_ok(), ok, "{terms:?}");
    }
}

#[test]
fn a_coupon_applies_to_its_shops_order_from_the_minimum_spend_until_it_expires() {
    // Shop 1: ¥49.00 of goods; shop 2: ¥48.99.
    let drafts = orders(&[line(1, "goji", 4_900, 1), line(2, "salt", 4_899, 1)]);
    let coupon = held("a", 1, 500, 4_900, 7);
    assert!(coupon.applies_to(&drafts[0], NOW));
    assert!(!coupon.applies_to(&drafts[1], NOW), "another shop's order");
    assert!(
        !held("b", 2, 500, 4_900, 7).applies_to(&drafts[1], NOW),
        "a fen short"
    );
    assert!(!coupon.applies_to(&drafts[0], NOW.plus_days(7)), "expired");
    let once = apply_coupon(&drafts[0], &coupon, NOW).unwrap();
    assert!(!coupon.applies_to(&once, NOW), "an order takes one coupon");
}

#[test]
fn the_largest_discount_comes_first_then_the_soonest_to_expire() {
    let drafts = orders(&[line(1, "goji", 10_000, 1)]);
    let held = [
        held("small", 1, 300, 5_000, 7),
        held("big-later", 1, 1_000, 9_900, 7),
        held("big-sooner", 1, 1_000, 9_900, 2),
        held("too-dear", 1, 3_000, 20_000, 7),
        held("elsewhere", 2, 5_000, 6_000, 7),
    ];
    let order: Vec<_> = applicable(&held, &drafts[0].shop, drafts[0].goods_subtotal, NOW)
        .iter()
        .map(|c| c.claim.as_str())
        .collect();
    assert_eq!(order, ["big-sooner", "big-later", "small"]);
}

#[test]
fn the_discount_comes_off_the_goods_and_the_commission_follows_what_was_paid() {
    // ¥33.33 + ¥33.33 + ¥33.34 = ¥100, free shipping from ¥99.
    let drafts = orders(&[
        line(1, "goji", 3_333, 1),
        line(1, "barley", 3_333, 1),
        line(1, "salt", 3_334, 1),
    ]);
    let before = &drafts[0];
    assert_eq!(before.shipping_fee, Money::fen(0));
    let after = apply_coupon(before, &held("a", 1, 1_000, 9_900, 7), NOW).unwrap();
    assert_eq!(after.goods_subtotal, Money::fen(10_000));
    assert_eq!(after.discount, Money::fen(1_000));
    assert_eq!(after.total, Money::fen(9_000));
    assert_eq!(
        after.shipping_fee,
        Money::fen(0),
        "shipping is decided before the coupon"
    );
    // Paid per line: 3,000, 3,000, 3,000 → 3 % is 90 each.
    let per_line: Vec<_> = after.lines.iter().map(|l| l.commission.minor()).collect();
    assert_eq!(per_line, [90, 90, 90]);
    assert_eq!(after.commission, Money::fen(270));
    assert!(after.commission.minor() <= after.total.minor());
}

#[test]
fn shipping_is_not_discounted() {
    let drafts = orders(&[line(1, "goji", 5_000, 1)]);
    assert_eq!(drafts[0].shipping_fee, Money::fen(800));
    let after = apply_coupon(&drafts[0], &held("a", 1, 4_999, 5_000, 7), NOW).unwrap();
    assert_eq!(after.total, Money::fen(1 + 800));
    assert_eq!(
        apply_coupon(&drafts[0], &held("b", 1, 500, 5_001, 7), NOW),
        Err(CouponError::DoesNotApply)
    );
}
