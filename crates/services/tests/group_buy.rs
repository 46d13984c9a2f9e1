//! Group-buys through the use cases, with the sandbox taking payments and the clock moved by
//! the test: a team that fills ships and its members are told; one that does not is refunded
//! through the provider exactly once and the ledger balances; a payment whose callback arrives
//! after the team ended is refunded rather than seated; a hundred buyers joining a team of five at once
//! make exactly five members; a team reaching a cheaper tier gets the difference back; the home
//! page offers a new group-buy and drops a closed one at once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeSet;

use farmgate_domain::access::Actor;
use farmgate_domain::after_sales::{AfterSaleReason, AfterSaleStatus};
use farmgate_domain::group_buy::TeamOutcome;
use farmgate_domain::id::{GroupBuyId, TeamId};
use farmgate_domain::ledger::LedgerAccount;
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::role::Role;
use farmgate_payments::PaymentProvider;
use farmgate_services::checkout::AddressForm;
use farmgate_services::group_buys::{GroupBuyForm, SeatBought, SeatRequest};
use farmgate_services::group_buys::{GROUP_BUY_ENDED, TEAM_FULL};
use farmgate_services::ServiceError;
use farmgate_store::{AfterSaleRecord, NotificationKind, OrderRecord, Page, TeamStatus};
use support::{account, cashier_reference, market, request, run_campaigns, stall, Market, Stall};

const HOUR: i64 = 3_600_000;

struct Offer {
    m: Market,
    stall: Stall,
    group_buy: GroupBuyId,
}

/// Goji at ¥68 with 100 units, offered to teams of `team_size` at ¥59 for 24 hours.
async fn offer(team_size: &str, tiers: &str) -> Offer {
    let m = market().await;
    let stall = stall(&m, "p@example.cn", "黑枸杞", "68.00", "100").await;
    let form = GroupBuyForm {
        team_price: "59".into(),
        team_size: team_size.into(),
        time_limit_hours: "24".into(),
        stock_limit: "60".into(),
        per_buyer_limit: "2".into(),
        tiers: tiers.into(),
        virtual_fill: false,
    };
    let record = m
        .services
        .create_group_buy(&stall.producer, &stall.item.product, &stall.item.sku, &form)
        .await
        .unwrap();
    Offer {
        m,
        stall,
        group_buy: record.id,
    }
}

async fn buyers(m: &Market, n: usize) -> Vec<Actor> {
    let mut buyers = Vec::with_capacity(n);
    for i in 0..n {
        buyers.push(account(&m.store, &format!("b{i}@example.cn"), vec![Role::Buyer]).await);
    }
    buyers
}

fn seat(key: &str) -> SeatRequest {
    SeatRequest {
        units: 1,
        address: request(vec![], "unused").address,
        idempotency_key: format!("seat-key-{key}"),
    }
}

impl Offer {
    async fn open(&self, buyer: &Actor) -> SeatBought {
        self.m
            .services
            .open_team(buyer, &self.group_buy, &seat("open"))
            .await
            .unwrap()
    }

    async fn join(&self, buyer: &Actor, team: &TeamId) -> Result<SeatBought, ServiceError> {
        self.m.services.join_team(buyer, team, &seat("join")).await
    }

    async fn pay(&self, buyer: &Actor, seat: &SeatBought) {
        self.m.pay_for(buyer, &seat.checkout).await;
    }

    async fn order(&self, seat: &SeatBought) -> OrderRecord {
        self.m
            .store
            .order(&seat.order)
            .await
            .unwrap()
            .unwrap()
            .order
    }

    async fn status(&self, team: &TeamId) -> TeamStatus {
        self.m.store.team(team).await.unwrap().unwrap().status
    }

    async fn refunds_of(&self, seat: &SeatBought) -> Vec<AfterSaleRecord> {
        let order = self.order(seat).await;
        let page = Page::first(50);
        let cases = self
            .m
            .store
            .after_sales_of_buyer(&order.buyer_id, page)
            .await;
        cases
            .unwrap()
            .into_iter()
            .filter(|c| c.order_id == order.id)
            .collect()
    }
}

#[tokio::test]
async fn a_team_that_fills_ships_and_its_members_are_told() {
    let o = offer("3", "").await;
    let b = buyers(&o.m, 3).await;
    let first = o.open(&b[0]).await;
    assert_eq!(
        first.total.minor(),
        5_900 + o.order(&first).await.shipping.minor()
    );
    assert_eq!(o.order(&first).await.channel, "group_buy");
    o.pay(&b[0], &first).await;
    let (view, team) = o.m.services.team(&first.team).await.unwrap();
    assert_eq!(view.open_teams.len(), 1);
    assert_eq!(
        team.standing,
        TeamOutcome::Open {
            members: 1,
            needed: 2
        }
    );
    assert!(
        matches!(
            o.m.services
                .ship_order(&o.stall.producer, &first.order, "sf", "SF1234567890")
                .await,
            Err(ServiceError::Conflict(_))
        ),
        "a team still forming does not ship"
    );
    assert!(matches!(
        o.m.ask_refund(&b[0], &first.order, "no_longer_wanted", "")
            .await,
        Err(ServiceError::Conflict(_))
    ));

    for buyer in &b[1..] {
        let joined = o.join(buyer, &first.team).await.unwrap();
        assert_eq!(joined.team, first.team);
        o.pay(buyer, &joined).await;
    }
    assert_eq!(
        o.status(&first.team).await,
        TeamStatus::Succeeded,
        "filled on the last payment"
    );
    o.m.services
        .ship_order(&o.stall.producer, &first.order, "sf", "SF1234567890")
        .await
        .unwrap();
    for buyer in &b {
        let told = o.m.services.read_notifications(buyer).await.unwrap();
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].kind, NotificationKind::GroupBuy);
    }
    assert!(
        o.refunds_of(&first).await.is_empty(),
        "no tier, nothing back"
    );
    o.m.finish().await;
}

#[tokio::test]
async fn a_team_that_does_not_fill_is_refunded_once_and_the_ledger_balances() {
    let o = offer("3", "").await;
    let b = buyers(&o.m, 3).await;
    let first = o.open(&b[0]).await;
    o.pay(&b[0], &first).await;
    let second = o.join(&b[1], &first.team).await.unwrap();
    o.pay(&b[1], &second).await;
    let unpaid = o.join(&b[2], &first.team).await.unwrap();
    assert_eq!(unpaid.pay_by, o.order(&unpaid).await.pay_by);

    o.m.clock.advance_millis(23 * HOUR);
    assert_eq!(o.m.services.end_due_teams().await.unwrap(), 0, "not yet");
    o.m.clock.advance_millis(HOUR);
    assert_eq!(o.m.services.end_due_teams().await.unwrap(), 1);
    assert_eq!(o.m.services.end_due_teams().await.unwrap(), 0, "once");
    assert_eq!(o.status(&first.team).await, TeamStatus::Failed);
    assert_eq!(o.order(&unpaid).await.status, OrderStatus::Expired);
    o.m.refunds_settle().await;
    o.m.services.reconcile_refunds().await.unwrap();
    o.m.refunds_settle().await;
    for seat in [&first, &second] {
        let order = o.order(seat).await;
        assert_eq!(order.status, OrderStatus::Refunded);
        let cases = o.refunds_of(seat).await;
        assert_eq!(cases.len(), 1, "one refund per member");
        assert_eq!(cases[0].reason, AfterSaleReason::GroupBuyFailed);
        assert_eq!(cases[0].status, AfterSaleStatus::Refunded);
        assert_eq!(cases[0].amount, order.total, "shipping too");
    }
    let escrow = LedgerAccount::OrderEscrow(o.stall.shop.clone()).code();
    assert_eq!(o.m.store.balance_of(&escrow).await.unwrap(), Money::fen(0));
    let balances = o.m.store.ledger_balances().await.unwrap();
    assert_eq!(balances.iter().map(|(_, m)| m.minor()).sum::<i64>(), 0);
    let product =
        o.m.store
            .product(&o.stall.item.product)
            .await
            .unwrap()
            .unwrap();
    assert_eq!(product.skus[0].stock, 100, "every unit back");
    let told = o.m.services.read_notifications(&b[2]).await.unwrap();
    assert!(told.is_empty(), "the buyer who never paid is not a member");
    o.m.finish().await;
}

#[tokio::test]
async fn a_payment_confirmed_after_the_team_ended_is_refunded_not_seated() {
    let o = offer("2", "").await;
    let b = buyers(&o.m, 2).await;
    let first = o.open(&b[0]).await;
    o.pay(&b[0], &first).await;
    o.m.clock.advance_millis(24 * HOUR - 600_000);
    let late = o.join(&b[1], &first.team).await.unwrap();
    let deadline = o.m.store.team(&first.team).await.unwrap().unwrap().deadline;
    assert_eq!(late.pay_by, deadline, "its time to pay ends with the team");
    let reference = cashier_reference(&o.m.services, &b[1], &late.checkout).await;
    o.m.clock.advance_millis(599_000);
    o.m.sandbox
        .complete(&reference, true, o.m.clock.now_ms())
        .await
        .unwrap();
    // The buyer paid a second before the deadline; the callback comes after the sweep.
    o.m.clock.advance_millis(1_000);
    o.m.services.end_due_teams().await.unwrap();
    o.m.callbacks_due().await;
    assert_eq!(o.status(&first.team).await, TeamStatus::Failed);
    assert_eq!(o.order(&late).await.status, OrderStatus::Expired);
    let payment =
        o.m.store
            .payments_of_checkout(&late.checkout)
            .await
            .unwrap()
            .remove(0);
    let refund =
        o.m.sandbox
            .query_refund(&format!("late-{}", payment.id), o.m.clock.now_ms())
            .await
            .unwrap();
    assert_eq!(refund.amount, payment.amount, "the late money goes back");
    o.m.finish().await;
}

#[tokio::test]
async fn a_hundred_buyers_joining_a_team_of_five_at_once_make_five_members() {
    let o = offer("5", "").await;
    let b = buyers(&o.m, 101).await;
    let first = o.open(&b[0]).await;
    let tasks: Vec<_> = b[1..]
        .iter()
        .map(|buyer| {
            let (services, buyer, team) = (o.m.services.clone(), buyer.clone(), first.team.clone());
            tokio::spawn(async move { services.join_team(&buyer, &team, &seat("storm")).await })
        })
        .collect();
    let (mut seated, mut full) = (0, 0);
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => seated += 1,
            Err(ServiceError::Conflict(TEAM_FULL)) => full += 1,
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((seated, full), (4, 96));
    let team = o.m.store.team(&first.team).await.unwrap().unwrap();
    assert_eq!(team.seats.len(), 5);
    let product =
        o.m.store
            .product(&o.stall.item.product)
            .await
            .unwrap()
            .unwrap();
    assert_eq!(product.skus[0].stock, 95);

    // Full as read now: a newcomer is told at once; a member sending their join again is
    // given back their seat, not told the team is full.
    let late = account(&o.m.store, "late@example.cn", vec![Role::Buyer]).await;
    assert!(matches!(
        o.join(&late, &first.team).await,
        Err(ServiceError::Conflict(TEAM_FULL))
    ));
    let member = b[1..]
        .iter()
        .find(|buyer| team.seats.iter().any(|s| s.buyer_id == buyer.account_id))
        .unwrap();
    let again =
        o.m.services
            .join_team(member, &first.team, &seat("storm"))
            .await;
    assert_eq!(again.unwrap().team, first.team);
    o.m.finish().await;
}

#[tokio::test]
async fn a_team_reaching_a_cheaper_tier_gets_the_difference_back() {
    let o = offer("2", "3 50").await;
    let b = buyers(&o.m, 3).await;
    let first = o.open(&b[0]).await;
    o.pay(&b[0], &first).await;
    let mut seats = vec![first.clone()];
    for buyer in &b[1..] {
        let joined = o.join(buyer, &first.team).await.unwrap();
        o.pay(buyer, &joined).await;
        seats.push(joined);
    }
    let team = o.m.store.team(&first.team).await.unwrap().unwrap();
    assert_eq!(
        team.status,
        TeamStatus::Succeeded,
        "the largest tier filled it"
    );
    o.m.refunds_settle().await;
    for seat in &seats {
        let cases = o.refunds_of(seat).await;
        assert_eq!(cases.len(), 1);
        assert_eq!(cases[0].reason, AfterSaleReason::GroupBuyTier);
        assert_eq!(cases[0].amount, Money::fen(900));
        assert_eq!(cases[0].status, AfterSaleStatus::Refunded);
        assert_eq!(
            o.order(seat).await.status,
            OrderStatus::Paid,
            "it still ships"
        );
    }
    o.m.finish().await;
}

#[tokio::test]
async fn bad_terms_and_strangers_are_refused() {
    let o = offer("2", "").await;
    let stranger = buyers(&o.m, 1).await.remove(0);
    let form = GroupBuyForm {
        team_price: "80".into(),
        team_size: "1".into(),
        time_limit_hours: "100".into(),
        stock_limit: "0".into(),
        per_buyer_limit: "2".into(),
        ..GroupBuyForm::default()
    };
    let create = |actor| {
        let (services, stall, form) = (o.m.services.clone(), &o.stall, form.clone());
        async move {
            services
                .create_group_buy(actor, &stall.item.product, &stall.item.sku, &form)
                .await
        }
    };
    let Err(ServiceError::Validation(errors)) = create(&o.stall.producer).await else {
        panic!("expected field errors");
    };
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field).collect();
    for field in ["team_price", "team_size", "time_limit_hours", "stock_limit"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    assert!(matches!(
        create(&stranger).await,
        Err(ServiceError::Forbidden)
    ));
    let mut bad = seat("bad");
    bad.units = 0;
    bad.address = AddressForm::default();
    let Err(ServiceError::Validation(errors)) =
        o.m.services.open_team(&stranger, &o.group_buy, &bad).await
    else {
        panic!("expected field errors");
    };
    assert!(errors.0.iter().any(|e| e.field == "units"));
    o.m.services
        .close_group_buy(&o.stall.producer, &o.group_buy)
        .await
        .unwrap();
    assert!(matches!(
        o.m.services
            .open_team(&stranger, &o.group_buy, &seat("late"))
            .await,
        Err(ServiceError::Conflict(GROUP_BUY_ENDED))
    ));
    o.m.finish().await;
}

#[tokio::test]
async fn a_running_campaign_leaves_the_team_price_alone() {
    let offer = offer("2", "").await;
    run_campaigns(&offer.m).await;
    let opener = buyers(&offer.m, 1).await.remove(0);
    let seat = offer.open(&opener).await;
    let order = offer.order(&seat).await;
    // The team's ¥59, though 20% off the shelf's ¥68 would be ¥54.40, and no spend-save.
    assert_eq!(order.goods, Money::fen(5_900));
    assert_eq!(order.discount, Money::fen(0));
    assert_eq!(order.channel, "group_buy");
    assert!(offer
        .m
        .store
        .campaign_parts(&order.id)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_home_page_offers_a_new_group_buy_and_drops_a_closed_one_at_once() {
    let o = offer("2", "").await;
    let offered = || async {
        o.m.services
            .group_buy_offers(6)
            .await
            .unwrap()
            .into_iter()
            .map(|(group_buy, _)| group_buy.id)
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(offered().await, BTreeSet::from([o.group_buy.clone()]));
    let form = GroupBuyForm {
        team_price: "55".into(),
        team_size: "3".into(),
        time_limit_hours: "24".into(),
        stock_limit: "30".into(),
        per_buyer_limit: "2".into(),
        ..GroupBuyForm::default()
    };
    let newer =
        o.m.services
            .create_group_buy(
                &o.stall.producer,
                &o.stall.item.product,
                &o.stall.item.sku,
                &form,
            )
            .await
            .unwrap();
    // The offers are remembered for a moment, but not past a change made through the services.
    assert_eq!(
        offered().await,
        BTreeSet::from([newer.id.clone(), o.group_buy.clone()])
    );
    o.m.services
        .close_group_buy(&o.stall.producer, &o.group_buy)
        .await
        .unwrap();
    assert_eq!(offered().await, BTreeSet::from([newer.id]));
    o.m.finish().await;
}
