use super::*;
use crate::id::AccountId;
use crate::sku::Quantity;
use crate::validation::ValidationErrors;

const NOW: Timestamp = Timestamp::from_millis(1_800_000_000_000);
const HOUR: i64 = 3_600_000;
const SKU: SkuOffer = SkuOffer {
    price: Money::fen(3_800),
    stock: 500,
};

fn input() -> GroupBuyInput<'static> {
    GroupBuyInput {
        team_price: "29.9",
        team_size: "3",
        time_limit_hours: "24",
        stock_limit: "300",
        per_buyer_limit: "2",
        tiers: "",
        virtual_fill: false,
    }
}

fn terms(tiers: &str, virtual_fill: bool) -> GroupBuyTerms {
    GroupBuyTerms::parse(
        &GroupBuyInput {
            tiers,
            virtual_fill,
            ..input()
        },
        SKU,
    )
    .unwrap()
}

fn fields(errors: &ValidationErrors) -> Vec<(&str, Problem)> {
    errors.0.iter().map(|e| (e.field, e.problem)).collect()
}

fn buyer(n: u32) -> AccountId {
    AccountId::new(format!("buyer-{n}"))
}

fn seat(n: u32, paid: bool) -> Seat {
    Seat {
        buyer: buyer(n),
        units: Quantity::ONE,
        paid,
    }
}

fn team(seats: Vec<Seat>) -> Team {
    Team {
        opened_at: NOW,
        seats,
    }
}

#[test]
fn good_terms_give_the_team_price_until_a_tier_is_reached() {
    let terms = terms("5 27.5\n10 25", false);
    assert_eq!(terms.team_price.money(), Money::fen(2_990));
    assert_eq!((terms.team_size, terms.capacity()), (3, 10));
    assert_eq!(terms.price_for(3).money(), Money::fen(2_990));
    assert_eq!(terms.price_for(4).money(), Money::fen(2_990));
    assert_eq!(terms.price_for(5).money(), Money::fen(2_750));
    assert_eq!(terms.price_for(10).money(), Money::fen(2_500));
    assert_eq!(terms.deadline(NOW), NOW.plus_millis(24 * HOUR));
}

#[test]
fn without_tiers_a_team_holds_exactly_its_size() {
    let terms = terms("", false);
    assert_eq!(terms.capacity(), 3);
    assert!(terms.tiers.is_empty());
}

#[test]
fn every_problem_is_reported_against_its_field() {
    let bad = GroupBuyInput {
        team_price: "38",
        team_size: "1",
        time_limit_hours: "73",
        stock_limit: "501",
        per_buyer_limit: "0",
        tiers: "",
        virtual_fill: false,
    };
    let errors = GroupBuyTerms::parse(&bad, SKU).unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            ("team_price", Problem::Invalid),
            ("team_size", Problem::Invalid),
            ("time_limit_hours", Problem::Invalid),
            ("stock_limit", Problem::Invalid),
            ("per_buyer_limit", Problem::Invalid),
        ]
    );
    let empty = GroupBuyInput::default();
    let errors = GroupBuyTerms::parse(&empty, SKU).unwrap_err();
    assert!(fields(&errors).contains(&("team_price", Problem::Required)));
    assert!(fields(&errors).contains(&("team_size", Problem::Required)));
}

#[test]
fn stock_must_fill_a_team_and_cover_one_buyers_limit() {
    let few = GroupBuyInput {
        team_size: "10",
        stock_limit: "9",
        per_buyer_limit: "2",
        ..input()
    };
    let errors = GroupBuyTerms::parse(&few, SKU).unwrap_err();
    assert_eq!(fields(&errors), [("stock_limit", Problem::Invalid)]);
    let greedy = GroupBuyInput {
        stock_limit: "5",
        per_buyer_limit: "6",
        ..input()
    };
    let errors = GroupBuyTerms::parse(&greedy, SKU).unwrap_err();
    assert_eq!(fields(&errors), [("per_buyer_limit", Problem::Invalid)]);
}

#[test]
fn tiers_must_grow_in_size_and_fall_in_price() {
    for tiers in [
        "3 27",                   // not bigger than the team
        "5 29.9",                 // not cheaper than the team price
        "5 27\n4 26",             // smaller than the tier before
        "5 27\n8 27",             // not cheaper than the tier before
        "51 20",                  // bigger than any team
        "5",                      // no price
        "5 27 extra",             // more than a size and a price
        "five 27",                // no number
        "5 -1",                   // no price at all
        "4 29\n5 28\n6 27\n7 26", // more than three tiers
    ] {
        let errors = GroupBuyTerms::parse(&GroupBuyInput { tiers, ..input() }, SKU).unwrap_err();
        assert_eq!(fields(&errors), [("tiers", Problem::Invalid)], "{tiers}");
    }
}

#[test]
fn a_team_without_tiers_succeeds_the_moment_its_last_seat_is_paid() {
    let terms = terms("", false);
    let filling = team(vec![seat(1, true), seat(2, true), seat(3, false)]);
    assert_eq!(
        filling.outcome(&terms, NOW),
        TeamOutcome::Open {
            members: 2,
            needed: 1
        }
    );
    let full = team(vec![seat(1, true), seat(2, true), seat(3, true)]);
    assert_eq!(
        full.outcome(&terms, NOW.plus_millis(HOUR)),
        TeamOutcome::Succeeded {
            members: 3,
            price: terms.team_price,
            virtual_filled: false
        }
    );
    assert_eq!(
        full.admit(&terms, &buyer(4), Quantity::ONE, 0, 100, NOW),
        Err(JoinRefusal::Ended)
    );
}

#[test]
fn unpaid_seats_hold_their_place_so_a_team_never_takes_more_buyers_than_seats() {
    let terms = terms("", false);
    let mut team = team(Vec::new());
    let mut refused = 0;
    for n in 0..100 {
        match team.admit(&terms, &buyer(n), Quantity::ONE, 0, 100, NOW) {
            Ok(()) => team.seats.push(seat(n, false)),
            Err(JoinRefusal::Full) => refused += 1,
            Err(other) => panic!("unexpected refusal {other:?}"),
        }
    }
    assert_eq!((team.seats.len(), refused), (3, 97));
}

#[test]
fn a_buyer_is_refused_twice_in_a_team_past_their_limit_or_past_the_stock() {
    let terms = terms("", false);
    let team = team(vec![seat(1, true)]);
    let two = Quantity::new(2).unwrap();
    assert_eq!(
        team.admit(&terms, &buyer(1), Quantity::ONE, 0, 100, NOW),
        Err(JoinRefusal::AlreadyMember)
    );
    assert_eq!(
        team.admit(&terms, &buyer(2), two, 1, 100, NOW),
        Err(JoinRefusal::OverBuyerLimit)
    );
    assert_eq!(
        team.admit(&terms, &buyer(2), two, 0, 1, NOW),
        Err(JoinRefusal::OutOfStock)
    );
    assert_eq!(team.admit(&terms, &buyer(2), two, 0, 2, NOW), Ok(()));
}

#[test]
fn at_the_deadline_only_paid_seats_count_and_a_short_team_fails_with_a_full_refund() {
    let terms = terms("", false);
    let deadline = terms.deadline(NOW);
    let team = team(vec![seat(1, true), seat(2, true), seat(3, false)]);
    assert!(matches!(
        team.outcome(&terms, deadline.plus_millis(-1)),
        TeamOutcome::Open { .. }
    ));
    let ended = team.outcome(&terms, deadline);
    assert_eq!(ended, TeamOutcome::Failed { members: 2 });
    assert_eq!(
        ended.refund(&terms, Quantity::new(2).unwrap(), Money::fen(6_980)),
        Money::fen(6_980),
        "the whole order, shipping too"
    );
    assert_eq!(
        team.admit(&terms, &buyer(4), Quantity::ONE, 0, 100, deadline),
        Err(JoinRefusal::Ended)
    );
}

#[test]
fn virtual_fill_completes_a_team_one_short_and_says_so_but_never_two_short() {
    let terms = terms("", true);
    let deadline = terms.deadline(NOW);
    let one_short = team(vec![seat(1, true), seat(2, true)]);
    assert_eq!(
        one_short.outcome(&terms, deadline),
        TeamOutcome::Succeeded {
            members: 2,
            price: terms.team_price,
            virtual_filled: true
        }
    );
    let two_short = team(vec![seat(1, true)]);
    assert_eq!(
        two_short.outcome(&terms, deadline),
        TeamOutcome::Failed { members: 1 }
    );
    let off = self::terms("", false);
    assert_eq!(
        one_short.outcome(&off, deadline),
        TeamOutcome::Failed { members: 2 }
    );
}

#[test]
fn a_tiered_team_keeps_filling_until_its_deadline_and_members_get_the_saving_back() {
    let terms = terms("5 27.5\n10 25", false);
    let deadline = terms.deadline(NOW);
    let six = team((1..=6).map(|n| seat(n, true)).collect());
    assert!(matches!(
        six.outcome(&terms, NOW),
        TeamOutcome::Open { needed: 0, .. }
    ));
    let ended = six.outcome(&terms, deadline);
    assert_eq!(
        ended,
        TeamOutcome::Succeeded {
            members: 6,
            price: terms.price_for(5),
            virtual_filled: false
        }
    );
    assert_eq!(
        ended.refund(&terms, Quantity::new(2).unwrap(), Money::fen(6_980)),
        Money::fen(2 * (2_990 - 2_750))
    );
    assert_eq!(
        ended.refund(&terms, Quantity::new(2).unwrap(), Money::fen(100)),
        Money::fen(100),
        "never more than was paid"
    );
    let ten = team((1..=10).map(|n| seat(n, true)).collect());
    assert!(matches!(
        ten.outcome(&terms, NOW),
        TeamOutcome::Succeeded { members: 10, .. }
    ));
}
