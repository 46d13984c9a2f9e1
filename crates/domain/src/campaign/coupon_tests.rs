//! A campaign coupon's terms and what it takes off.

use super::coupon::*;
use crate::money::Money;
use crate::time::Timestamp;
use crate::validation::FieldError;

fn input<'a>(kind: &'a str) -> CampaignCouponInput<'a> {
    CampaignCouponInput {
        kind,
        amount_off: "20",
        percent_off: "10",
        cap: "50",
        minimum_spend: "199",
        quantity: "1000",
        per_buyer_limit: "1",
        valid_days: "7",
    }
}

fn fields(input: &CampaignCouponInput<'_>) -> Vec<&'static str> {
    CampaignCouponTerms::parse(input)
        .unwrap_err()
        .0
        .iter()
        .map(|FieldError { field, .. }| *field)
        .collect()
}

#[test]
fn an_amount_or_a_capped_percentage_reads_back() {
    let amount = CampaignCouponTerms::parse(&input("amount")).unwrap();
    assert_eq!(amount.off, CouponOff::Amount(Money::fen(2_000)));
    assert_eq!(amount.minimum_spend, Money::fen(19_900));
    let percent = CampaignCouponTerms::parse(&input("percent")).unwrap();
    assert_eq!(
        percent.off,
        CouponOff::Percent {
            percent: 10,
            cap: Money::fen(5_000)
        }
    );
}

#[test]
fn absurd_or_loss_making_coupons_are_refused_each_against_its_field() {
    let negative = CampaignCouponInput {
        amount_off: "-5",
        ..input("amount")
    };
    assert_eq!(fields(&negative), ["amount_off"]);
    let whole_spend = CampaignCouponInput {
        amount_off: "199",
        ..input("amount")
    };
    assert_eq!(
        fields(&whole_spend),
        ["minimum_spend"],
        "it would give goods away"
    );
    let too_deep = CampaignCouponInput {
        percent_off: "95",
        cap: "",
        ..input("percent")
    };
    assert_eq!(fields(&too_deep), ["percent_off", "cap"]);
    let greedy = CampaignCouponInput {
        quantity: "2",
        per_buyer_limit: "3",
        valid_days: "90",
        ..input("amount")
    };
    assert_eq!(fields(&greedy), ["valid_days", "per_buyer_limit"]);
    assert_eq!(fields(&input("")), ["kind"]);
}

#[test]
fn it_takes_off_from_the_minimum_spend_never_past_its_cap_or_a_fen_a_unit() {
    let amount = CampaignCouponTerms::parse(&input("amount")).unwrap();
    assert_eq!(amount.discount_on(Money::fen(19_899), 2), Money::fen(0));
    assert_eq!(amount.discount_on(Money::fen(19_900), 2), Money::fen(2_000));
    let percent = CampaignCouponTerms::parse(&input("percent")).unwrap();
    assert_eq!(
        percent.discount_on(Money::fen(30_005), 1),
        Money::fen(3_001)
    );
    assert_eq!(
        percent.discount_on(Money::fen(90_000), 1),
        Money::fen(5_000),
        "capped"
    );
}

#[test]
fn a_claim_is_usable_for_its_days_but_not_past_the_campaign() {
    let terms = CampaignCouponTerms::parse(&input("amount")).unwrap();
    let claimed = Timestamp::from_millis(1_800_000_000_000);
    assert_eq!(
        terms.usable_until(claimed, claimed.plus_days(30)),
        claimed.plus_days(7)
    );
    assert_eq!(
        terms.usable_until(claimed, claimed.plus_days(2)),
        claimed.plus_days(2)
    );
}

#[test]
fn codes_are_read_case_blind_and_only_from_the_alphabet() {
    assert_eq!(normalize_code(" ny8k 2q7m ").as_deref(), Some("NY8K2Q7M"));
    assert_eq!(normalize_code("NY8K2Q7O"), None, "no O: it reads as 0");
    assert_eq!(normalize_code("NY8K2Q7"), None);
    assert_eq!(normalize_code("' OR 1=1"), None);
}
