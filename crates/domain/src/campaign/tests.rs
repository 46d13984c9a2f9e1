use super::*;
use crate::coupon::{apply_coupon, HeldCoupon};
use crate::id::{CouponClaimId, CouponId};
use crate::validation::FieldError;

const NOW: Timestamp = Timestamp::from_millis(1_800_000_000_000);
const GOJI: &str = "01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d0e";
const SHOP: &str = "01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d0f";

fn window(days: i64) -> (Option<Timestamp>, Option<Timestamp>) {
    (Some(NOW), Some(NOW.plus_days(days)))
}

fn terms(input: CampaignInput<'_>) -> Result<CampaignTerms, ValidationErrors> {
    CampaignTerms::parse(&input, window(7), Scope::Everything, NOW)
}

fn percent_off(percent: &str) -> CampaignTerms {
    terms(CampaignInput {
        name: "丰收节",
        rule: "percent_off",
        percent_off: percent,
        platform_share: "50",
        ..CampaignInput::default()
    })
    .unwrap()
}

fn fixed(price: &str) -> CampaignTerms {
    terms(CampaignInput {
        name: "年货节",
        rule: "fixed_price",
        fixed_price: price,
        platform_share: "0",
        ..CampaignInput::default()
    })
    .unwrap()
}

fn spend_save(threshold: &str, off: &str) -> CampaignTerms {
    terms(CampaignInput {
        name: "双十一",
        rule: "spend_save",
        threshold,
        amount_off: off,
        platform_share: "100",
        ..CampaignInput::default()
    })
    .unwrap()
}

fn fields(errors: &ValidationErrors) -> Vec<&'static str> {
    errors
        .0
        .iter()
        .map(|FieldError { field, .. }| *field)
        .collect()
}

struct Line {
    product: ProductId,
    shop: ShopId,
}

impl Line {
    fn new() -> Line {
        Line {
            product: ProductId::new(GOJI),
            shop: ShopId::new(SHOP),
        }
    }

    fn facts(&self, price_fen: i64, source: LineSource) -> LineFacts<'_> {
        LineFacts {
            product: &self.product,
            shop: &self.shop,
            category: Category::Fruit,
            price: Money::fen(price_fen),
            source,
        }
    }
}

#[test]
fn every_rule_reads_back_from_what_was_typed() {
    assert_eq!(
        percent_off("20").rule,
        PriceRule::PercentOff { percent: 20 }
    );
    assert_eq!(
        fixed("9.90").rule,
        PriceRule::FixedPrice {
            price: Money::fen(990)
        }
    );
    let save = spend_save("199", "30");
    assert_eq!(
        save.rule,
        PriceRule::SpendSave {
            threshold: Money::fen(19_900),
            off: Money::fen(3_000)
        }
    );
    assert_eq!(save.platform_percent, 100);
    assert!(save.is_running(NOW) && !save.is_running(NOW.plus_days(7)));
}

#[test]
fn absurd_or_loss_making_rules_are_refused_each_against_its_field() {
    for (percent, ok) in [
        ("0", false),
        ("1", true),
        ("90", true),
        ("91", false),
        ("-5", false),
    ] {
        let input = CampaignInput {
            name: "丰收节",
            rule: "percent_off",
            percent_off: percent,
            platform_share: "0",
            ..CampaignInput::default()
        };
        assert_eq!(terms(input).is_ok(), ok, "{percent}% off");
    }
    let free = CampaignInput {
        name: "年货节",
        rule: "fixed_price",
        fixed_price: "0",
        platform_share: "0",
        ..CampaignInput::default()
    };
    assert_eq!(fields(&terms(free).unwrap_err()), ["fixed_price"]);
    let save_all = CampaignInput {
        name: "双十一",
        rule: "spend_save",
        threshold: "30",
        amount_off: "30",
        platform_share: "101",
        ..CampaignInput::default()
    };
    assert_eq!(
        fields(&terms(save_all).unwrap_err()),
        ["amount_off", "platform_share"]
    );
    let nothing = CampaignTerms::parse(
        &CampaignInput::default(),
        (None, None),
        Scope::Products(Vec::new()),
        NOW,
    )
    .unwrap_err();
    assert_eq!(
        fields(&nothing),
        ["name", "starts", "ends", "scope", "rule", "platform_share"]
    );
}

#[test]
fn a_window_must_end_after_it_starts_within_a_month_and_not_in_the_past() {
    let input = CampaignInput {
        name: "丰收节",
        rule: "percent_off",
        percent_off: "10",
        platform_share: "0",
        ..CampaignInput::default()
    };
    let at = |starts: Timestamp, ends: Timestamp| {
        CampaignTerms::parse(&input, (Some(starts), Some(ends)), Scope::Everything, NOW)
    };
    assert!(at(NOW.plus_days(1), NOW.plus_days(32)).is_ok());
    assert!(
        at(NOW.plus_days(1), NOW.plus_days(33)).is_err(),
        "over 31 days"
    );
    assert!(at(NOW.plus_days(2), NOW.plus_days(1)).is_err(), "backwards");
    assert!(
        at(NOW.plus_days(-3), NOW.plus_days(-1)).is_err(),
        "already over"
    );
}

#[test]
fn an_item_rule_lowers_a_price_never_raises_it_and_never_below_a_fen() {
    assert_eq!(
        percent_off("15").item_price(Money::fen(6_800)),
        Some(Money::fen(5_780))
    );
    // 90% off ¥0.05 is half a fen: it rounds to a fen, not to nothing.
    assert_eq!(
        percent_off("90").item_price(Money::fen(5)),
        Some(Money::fen(1))
    );
    assert_eq!(percent_off("90").item_price(Money::fen(1)), None);
    assert_eq!(
        fixed("9.90").item_price(Money::fen(12_800)),
        Some(Money::fen(990))
    );
    assert_eq!(
        fixed("9.90").item_price(Money::fen(800)),
        None,
        "never raised"
    );
    assert_eq!(spend_save("199", "30").item_price(Money::fen(12_800)), None);
}

#[test]
fn of_several_campaigns_a_line_takes_the_lowest_item_price_only() {
    let line = Line::new();
    let campaigns = [
        ("harvest", percent_off("10")),
        ("new-year", fixed("50")),
        ("double-11", spend_save("99", "10")),
    ];
    let best = best_item_price(&campaigns, &line.facts(6_800, LineSource::Shelf), NOW);
    assert_eq!(
        best,
        Some((&"new-year", Money::fen(5_000))),
        "not 10% off ¥50 as well"
    );
    let cheap = best_item_price(&campaigns, &line.facts(5_200, LineSource::Shelf), NOW);
    assert_eq!(
        cheap,
        Some((&"harvest", Money::fen(4_680))),
        "10% off ¥52 beats ¥50"
    );
    let later = best_item_price(
        &campaigns,
        &line.facts(6_800, LineSource::Shelf),
        NOW.plus_days(8),
    );
    assert_eq!(later, None, "ended campaigns give nothing");
}

#[test]
fn flash_sale_and_group_buy_lines_keep_their_special_price() {
    let line = Line::new();
    let campaigns = [("harvest", percent_off("50"))];
    for source in [LineSource::FlashSale, LineSource::GroupBuy] {
        assert_eq!(
            best_item_price(&campaigns, &line.facts(1_990, source), NOW),
            None,
            "{source:?}"
        );
    }
}

#[test]
fn a_campaign_covers_only_its_scope() {
    let line = Line::new();
    let facts = line.facts(6_800, LineSource::Shelf);
    let scoped = |scope: Scope| CampaignTerms {
        scope,
        ..percent_off("10")
    };
    assert!(scoped(Scope::Categories(vec![Category::Fruit])).applies_to(&facts, NOW));
    assert!(!scoped(Scope::Categories(vec![Category::Meat])).applies_to(&facts, NOW));
    assert!(scoped(Scope::Shops(vec![line.shop.clone()])).applies_to(&facts, NOW));
    assert!(!scoped(Scope::Products(Vec::new())).applies_to(&facts, NOW));
}

#[test]
fn spend_save_comes_off_once_at_the_threshold_and_never_below_a_fen_a_unit() {
    let rule = spend_save("199", "30").rule;
    assert_eq!(
        spend_save_discount(&rule, Money::fen(19_899), 3),
        Money::fen(0)
    );
    assert_eq!(
        spend_save_discount(&rule, Money::fen(19_900), 3),
        Money::fen(3_000)
    );
    assert_eq!(
        spend_save_discount(&rule, Money::fen(59_700), 9),
        Money::fen(3_000),
        "once, not per ¥199"
    );
    let steep = PriceRule::SpendSave {
        threshold: Money::fen(100),
        off: Money::fen(99),
    };
    assert_eq!(
        spend_save_discount(&steep, Money::fen(100), 10),
        Money::fen(90)
    );
    assert_eq!(
        spend_save_discount(&percent_off("10").rule, Money::fen(50_000), 1),
        Money::fen(0)
    );
}

#[test]
fn the_discount_is_shared_between_platform_and_producer_as_declared() {
    assert_eq!(
        percent_off("10").platform_part(Money::fen(1_001)),
        Money::fen(501)
    );
    assert_eq!(fixed("1").platform_part(Money::fen(1_001)), Money::fen(0));
    assert_eq!(
        spend_save("199", "30").platform_part(Money::fen(3_000)),
        Money::fen(3_000)
    );
}

#[test]
fn a_shop_coupon_counts_its_minimum_spend_on_the_campaign_price() {
    use std::collections::BTreeMap;

    use crate::address::ShippingZone;
    use crate::checkout::{split_checkout, CartLine};
    use crate::commission::{CommissionRate, CommissionSchedule};
    use crate::shipping::{ShippingTemplate, ZoneRate};
    use crate::sku::Price;
    use crate::unit::Grams;

    let line = Line::new();
    let campaigns = [("harvest", percent_off("20"))];
    // ¥68 a unit, 20% off: ¥54.40 a unit, ¥108.80 for two.
    let (_, price) =
        best_item_price(&campaigns, &line.facts(6_800, LineSource::Shelf), NOW).unwrap();
    let cart = [CartLine {
        shop: line.shop.clone(),
        product: line.product.clone(),
        sku: crate::id::SkuId::new(GOJI),
        category: Category::Fruit,
        unit_price: Price::fen("price", price.minor()).unwrap(),
        quantity: 2,
        unit_weight: Grams::parse("weight", 500).unwrap(),
        ships_from: None,
    }];
    let free = ZoneRate::new(0, 0, None).unwrap();
    let templates = BTreeMap::from([(line.shop.clone(), ShippingTemplate::uniform(free))]);
    let schedule = CommissionSchedule::flat(CommissionRate::new(500).unwrap());
    let order = split_checkout(&cart, ShippingZone::Near, &templates, &schedule)
        .unwrap()
        .remove(0);
    assert_eq!(order.goods_subtotal, Money::fen(10_880));
    let coupon = |minimum_fen| HeldCoupon {
        claim: CouponClaimId::new(GOJI),
        coupon: CouponId::new(GOJI),
        shop: line.shop.clone(),
        amount_off: Money::fen(1_000),
        minimum_spend: Money::fen(minimum_fen),
        valid_until: NOW.plus_days(1),
    };
    assert!(
        apply_coupon(&order, &coupon(12_000), NOW).is_err(),
        "¥120 is not reached at the campaign price"
    );
    let paid = apply_coupon(&order, &coupon(10_000), NOW).unwrap();
    assert_eq!(paid.total, Money::fen(9_880));
}
