//! Group-buys: a group-buy needs the shop's SKU with its units; a hundred buyers joining a team
//! of five at once seat exactly four beside its opener; a key is one seat; an unpaid seat gives
//! its place back when it expires; a team ends once, with its refunds and notices, and only as
//! its seats were read; its orders ship only once it has succeeded.

use farmgate_domain::after_sales::{AfterSaleReason, AfterSaleStatus};
use farmgate_domain::flash_sale::SkuOffer;
use farmgate_domain::group_buy::{GroupBuyInput, GroupBuyTerms, JoinRefusal, TeamOutcome};
use farmgate_domain::id::{AccountId, AfterSaleId, GroupBuyId, OrderId, TeamId};
use farmgate_domain::money::Money;
use farmgate_domain::order::OrderStatus;
use farmgate_domain::sku::Quantity;
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::fixtures::{new_id, T0};
use crate::flash_sales::buyers;
use crate::orders::{checkout, pay, stall, stock, Stall};

/// An hour after opening at `T0`.
const DEADLINE: Timestamp = T0.plus_millis(3_600_000);

fn terms(team_size: &str, stock_limit: &str, per_buyer: &str, tiers: &str) -> GroupBuyTerms {
    let input = GroupBuyInput {
        team_price: "59",
        team_size,
        time_limit_hours: "1",
        stock_limit,
        per_buyer_limit: per_buyer,
        tiers,
        virtual_fill: false,
    };
    let sku = SkuOffer {
        price: Money::fen(6_800),
        stock: 1_000,
    };
    GroupBuyTerms::parse(&input, sku).unwrap()
}

fn record(stall: &Stall, terms: GroupBuyTerms) -> GroupBuyRecord {
    GroupBuyRecord {
        id: GroupBuyId::new(new_id()),
        shop_id: stall.shop.clone(),
        product_id: stall.product.clone(),
        sku_id: stall.sku.clone(),
        terms,
        created_by: AccountId::new(new_id()),
        created_at: T0,
        closed_at: None,
    }
}

/// A group-buy of teams of `team_size` on a stall with `sku_stock` units, stored.
async fn group_buy(store: &SqlStore, sku_stock: i64, team_size: &str) -> (Stall, GroupBuyRecord) {
    let stall = stall(store, sku_stock).await;
    let owner = buyers(store, 1).await.remove(0);
    let record = GroupBuyRecord {
        created_by: owner,
        ..record(&stall, terms(team_size, "50", "3", ""))
    };
    store.insert_group_buy(&record).await.unwrap();
    (stall, record)
}

fn seat(
    stall: &Stall,
    group: &GroupBuyRecord,
    team: TeamChoice,
    buyer: &AccountId,
    key: &str,
    units: u32,
) -> NewSeat {
    NewSeat {
        group_buy_id: group.id.clone(),
        team,
        units: Quantity::new(units).unwrap(),
        checkout: checkout(stall, buyer, key, i64::from(units)),
    }
}

fn taken(outcome: SeatOutcome) -> SeatTaken {
    match outcome {
        SeatOutcome::Taken(taken) => taken,
        other => panic!("expected a seat, got {other:?}"),
    }
}

/// Opens a team for `buyer`; the seat's checkout, to pay.
async fn open(
    store: &SqlStore,
    stall: &Stall,
    group: &GroupBuyRecord,
    buyer: &AccountId,
) -> (TeamId, NewSeat) {
    let team = TeamId::new(new_id());
    let new = seat(
        stall,
        group,
        TeamChoice::Open(team.clone()),
        buyer,
        "open",
        1,
    );
    taken(store.take_seat(new.clone()).await.unwrap());
    (team, new)
}

pub async fn a_group_buy_needs_the_shops_sku_with_its_units(store: SqlStore) {
    let stall = stall(&store, 40).await;
    let owner = buyers(&store, 1).await.remove(0);
    let tiered = GroupBuyRecord {
        created_by: owner.clone(),
        ..record(&stall, terms("2", "40", "3", "5 55\n10 50.5"))
    };
    store.insert_group_buy(&tiered).await.unwrap();
    assert_eq!(
        store.group_buy(&tiered.id).await.unwrap().as_ref(),
        Some(&tiered),
        "terms, tiers too, read back as written"
    );
    let too_many = GroupBuyRecord {
        created_by: owner.clone(),
        ..record(&stall, terms("2", "41", "3", ""))
    };
    assert!(matches!(
        store.insert_group_buy(&too_many).await,
        Err(StoreError::Conflict(_))
    ));
    let other = crate::orders::second_stall(&store, &stall, 10).await;
    let wrong_sku = GroupBuyRecord {
        sku_id: other.sku.clone(),
        created_by: owner,
        ..record(&stall, terms("2", "5", "3", ""))
    };
    assert!(matches!(
        store.insert_group_buy(&wrong_sku).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store.group_buys_of_shop(&stall.shop).await.unwrap().len(),
        1
    );
    assert!(store.close_group_buy(&tiered.id, T0).await.unwrap());
    assert!(!store.close_group_buy(&tiered.id, T0).await.unwrap());
    assert!(store.running_group_buys(10).await.unwrap().is_empty());
}

pub async fn a_hundred_joins_at_once_seat_exactly_a_team_of_five(store: SqlStore) {
    let (stall, group) = group_buy(&store, 200, "5").await;
    let b = buyers(&store, 101).await;
    let (team, _) = open(&store, &stall, &group, &b[0]).await;
    let tasks: Vec<_> = b[1..]
        .iter()
        .map(|buyer| {
            let new = seat(
                &stall,
                &group,
                TeamChoice::Join(team.clone()),
                buyer,
                "join",
                1,
            );
            let store = store.clone();
            tokio::spawn(async move { store.take_seat(new).await.unwrap() })
        })
        .collect();
    let (mut seated, mut full) = (0, 0);
    for task in tasks {
        match task.await.unwrap() {
            SeatOutcome::Taken(_) => seated += 1,
            SeatOutcome::Refused(JoinRefusal::Full) => full += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((seated, full), (4, 96));
    let team = store.team(&team).await.unwrap().unwrap();
    assert_eq!(team.seats.len(), 5);
    assert_eq!(
        stock(&store, &stall).await,
        195,
        "the refused took no stock"
    );
}

pub async fn a_key_is_one_seat_and_limits_hold(store: SqlStore) {
    let (stall, group) = group_buy(&store, 200, "3").await;
    let b = buyers(&store, 2).await;
    let (team, _) = open(&store, &stall, &group, &b[0]).await;
    let join = seat(
        &stall,
        &group,
        TeamChoice::Join(team.clone()),
        &b[1],
        "k",
        2,
    );
    let first = taken(store.take_seat(join.clone()).await.unwrap());
    let again = NewSeat {
        checkout: checkout(&stall, &b[1], "k", 2),
        ..join
    };
    assert_eq!(
        store.take_seat(again).await.unwrap(),
        SeatOutcome::Replayed(first)
    );
    let twice = seat(
        &stall,
        &group,
        TeamChoice::Join(team.clone()),
        &b[1],
        "k2",
        1,
    );
    assert_eq!(
        store.take_seat(twice).await.unwrap(),
        SeatOutcome::Refused(JoinRefusal::AlreadyMember)
    );
    let over = seat(
        &stall,
        &group,
        TeamChoice::Open(TeamId::new(new_id())),
        &b[1],
        "k3",
        2,
    );
    assert_eq!(
        store.take_seat(over).await.unwrap(),
        SeatOutcome::Refused(JoinRefusal::OverBuyerLimit),
        "two units held and three allowed"
    );
    store.close_group_buy(&group.id, T0).await.unwrap();
    let closed = seat(
        &stall,
        &group,
        TeamChoice::Open(TeamId::new(new_id())),
        &b[1],
        "k4",
        1,
    );
    assert_eq!(
        store.take_seat(closed).await.unwrap(),
        SeatOutcome::Refused(JoinRefusal::Ended)
    );
    assert_eq!(store.team(&team).await.unwrap().unwrap().seats.len(), 2);
}

/// Seats sent at once go to the writer together, and are decided as if taken one by one in
/// the order they came: a team opened in the batch is joined in it, a resent seat is replayed,
/// a second seat of the same buyer and a seat past the team's places are refused, and the
/// group-buy's four units run out for the last (counted with the batch's own seats).
pub async fn seats_sent_together_decide_as_one_by_one(store: SqlStore) {
    let stall = stall(&store, 4).await;
    let b = buyers(&store, 5).await;
    let group = GroupBuyRecord {
        created_by: b[0].clone(),
        ..record(&stall, terms("3", "4", "3", ""))
    };
    store.insert_group_buy(&group).await.unwrap();
    let team = TeamId::new(new_id());
    let join = |buyer: &AccountId, key: &str, units: u32| {
        seat(
            &stall,
            &group,
            TeamChoice::Join(team.clone()),
            buyer,
            key,
            units,
        )
    };
    let other_team = TeamChoice::Open(TeamId::new(new_id()));
    let take = |new: NewSeat| {
        let store = store.clone();
        async move { store.take_seat(new).await.unwrap() }
    };
    // `join!` polls in order, so the seats reach the writer's queue in this order.
    let (opened, b_seat, resent, second, c_seat, past, short) = tokio::join!(
        take(seat(
            &stall,
            &group,
            TeamChoice::Open(team.clone()),
            &b[0],
            "a",
            1
        )),
        take(join(&b[1], "b", 1)),
        take(join(&b[1], "b", 1)),
        take(join(&b[1], "b2", 1)),
        take(join(&b[2], "c", 1)),
        take(join(&b[3], "d", 1)),
        take(seat(&stall, &group, other_team, &b[4], "e", 2)),
    );
    assert_eq!(taken(opened).team_id, team);
    let b_seat = taken(b_seat);
    assert_eq!(resent, SeatOutcome::Replayed(b_seat));
    assert_eq!(second, SeatOutcome::Refused(JoinRefusal::AlreadyMember));
    taken(c_seat);
    assert_eq!(past, SeatOutcome::Refused(JoinRefusal::Full));
    assert_eq!(short, SeatOutcome::Refused(JoinRefusal::OutOfStock));
    let team = store.team(&team).await.unwrap().unwrap();
    assert_eq!(team.seats.len(), 3);
    assert_eq!(
        stock(&store, &stall).await,
        1,
        "three seats of one unit each"
    );
}

pub async fn an_unpaid_seat_gives_its_place_back_when_it_expires(store: SqlStore) {
    let (stall, group) = group_buy(&store, 200, "2").await;
    let b = buyers(&store, 3).await;
    let (team, _) = open(&store, &stall, &group, &b[0]).await;
    let join = |buyer: &AccountId| {
        seat(
            &stall,
            &group,
            TeamChoice::Join(team.clone()),
            buyer,
            "j",
            1,
        )
    };
    taken(store.take_seat(join(&b[1])).await.unwrap());
    assert_eq!(
        store.take_seat(join(&b[2])).await.unwrap(),
        SeatOutcome::Refused(JoinRefusal::Full),
        "a seat awaiting payment holds its place"
    );
    store.expire_unpaid(T0.plus_days(1)).await.unwrap();
    taken(store.take_seat(join(&b[2])).await.unwrap());
}

pub async fn the_group_buys_units_come_back_when_seats_give_up(store: SqlStore) {
    let stall = stall(&store, 200).await;
    let b = buyers(&store, 3).await;
    let group = GroupBuyRecord {
        created_by: b[0].clone(),
        ..record(&stall, terms("2", "2", "1", ""))
    };
    store.insert_group_buy(&group).await.unwrap();
    let opening = |buyer: &AccountId| {
        let team = TeamChoice::Open(TeamId::new(new_id()));
        seat(&stall, &group, team, buyer, "o", 1)
    };
    taken(store.take_seat(opening(&b[0])).await.unwrap());
    taken(store.take_seat(opening(&b[1])).await.unwrap());
    assert_eq!(
        store.take_seat(opening(&b[2])).await.unwrap(),
        SeatOutcome::Refused(JoinRefusal::OutOfStock),
        "both units are held"
    );
    store.expire_unpaid(T0.plus_days(1)).await.unwrap();
    taken(store.take_seat(opening(&b[2])).await.unwrap());
}

/// The ending `read` computes, refunding every paid seat in full.
fn failed(team: &TeamRecord, at: Timestamp) -> TeamEnding {
    let paid: Vec<&SeatRecord> = team
        .seats
        .iter()
        .filter(|s| s.order_status.is_paid())
        .collect();
    TeamEnding {
        team_id: team.id.clone(),
        outcome: TeamOutcome::Failed {
            members: paid.len() as u32,
        },
        paid_orders: paid.iter().map(|s| s.order_id.clone()).collect(),
        refunds: Vec::new(),
        notice_title: "拼团未成团，已退款".into(),
        notice_link: format!("/teams/{}", team.id),
        at,
    }
}

pub async fn a_team_ends_once_with_its_refunds_and_notices(store: SqlStore) {
    let (stall, group) = group_buy(&store, 200, "3").await;
    let b = buyers(&store, 2).await;
    let (team_id, opener) = open(&store, &stall, &group, &b[0]).await;
    pay(&store, &stall, &opener.checkout, T0.plus_millis(1_000)).await;
    let join = seat(
        &stall,
        &group,
        TeamChoice::Join(team_id.clone()),
        &b[1],
        "j",
        1,
    );
    let unpaid = taken(store.take_seat(join).await.unwrap());

    assert!(store
        .teams_due(DEADLINE.plus_millis(-1), 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store.teams_due(DEADLINE, 10).await.unwrap(),
        vec![team_id.clone()]
    );
    let team = store.team(&team_id).await.unwrap().unwrap();
    assert_eq!(
        store.end_team(&failed(&team, DEADLINE)).await.unwrap(),
        EndOutcome::Stale,
        "a seat still awaiting payment may yet be paid"
    );
    let expired = store.expire_team_holds(&team_id, DEADLINE).await.unwrap();
    assert_eq!(expired.orders, 1);
    assert_eq!(
        order(&store, &unpaid.order_id).await.status,
        OrderStatus::Expired
    );

    let team = store.team(&team_id).await.unwrap().unwrap();
    let paid_order = order(&store, &opener.checkout.orders[0].order.id).await;
    let refund = AfterSaleRecord::platform_refund(
        AfterSaleId::new(new_id()),
        &paid_order,
        AfterSaleReason::GroupBuyFailed,
        paid_order.total,
        DEADLINE,
    );
    let ending = TeamEnding {
        refunds: vec![refund.clone()],
        ..failed(&team, DEADLINE)
    };
    assert_eq!(store.end_team(&ending).await.unwrap(), EndOutcome::Ended);
    assert_eq!(store.end_team(&ending).await.unwrap(), EndOutcome::Stale);

    let ended = store.team(&team_id).await.unwrap().unwrap();
    assert_eq!(ended.status, TeamStatus::Failed);
    assert_eq!((ended.members, ended.ended_at), (Some(1), Some(DEADLINE)));
    let case = store.after_sale(&refund.id).await.unwrap().unwrap();
    assert_eq!(case.status, AfterSaleStatus::RefundApproved);
    assert_eq!(case.amount, paid_order.total);
    let told = store.notifications(&b[0], 10).await.unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NotificationKind::GroupBuy);
    assert!(
        store.notifications(&b[1], 10).await.unwrap().is_empty(),
        "never paid"
    );
    assert!(store.teams_due(DEADLINE, 10).await.unwrap().is_empty());
    assert!(matches!(
        store.ship_order(&paid_order.id, &shipment()).await,
        Err(StoreError::Conflict(
            "a group-buy order ships once its team has filled"
        ))
    ));
    assert_eq!(
        store
            .take_seat(seat(
                &stall,
                &group,
                TeamChoice::Join(team_id),
                &b[1],
                "late",
                1
            ))
            .await
            .unwrap(),
        SeatOutcome::Refused(JoinRefusal::Ended)
    );
}

pub async fn an_ending_read_before_a_payment_is_stale_and_a_full_team_ships(store: SqlStore) {
    let (stall, group) = group_buy(&store, 200, "2").await;
    let b = buyers(&store, 2).await;
    let (team_id, opener) = open(&store, &stall, &group, &b[0]).await;
    pay(&store, &stall, &opener.checkout, T0).await;
    let join = seat(
        &stall,
        &group,
        TeamChoice::Join(team_id.clone()),
        &b[1],
        "j",
        1,
    );
    taken(store.take_seat(join.clone()).await.unwrap());
    let before = store.team(&team_id).await.unwrap().unwrap();
    pay(&store, &stall, &join.checkout, T0).await;
    assert_eq!(
        store.end_team(&failed(&before, T0)).await.unwrap(),
        EndOutcome::Stale,
        "read with one paid seat, now two"
    );
    let now = store.team(&team_id).await.unwrap().unwrap();
    let full = TeamEnding {
        outcome: TeamOutcome::Succeeded {
            members: 2,
            price: group.terms.team_price,
            virtual_filled: false,
        },
        ..failed(&now, T0)
    };
    assert_eq!(store.end_team(&full).await.unwrap(), EndOutcome::Ended);
    let ended = store.team(&team_id).await.unwrap().unwrap();
    assert_eq!(ended.status, TeamStatus::Succeeded);
    assert_eq!(ended.price, Some(group.terms.team_price));
    let order = &join.checkout.orders[0].order.id;
    store.ship_order(order, &shipment()).await.unwrap();
}

async fn order(store: &SqlStore, id: &OrderId) -> OrderRecord {
    store.order(id).await.unwrap().unwrap().order
}

fn shipment() -> ShipmentRecord {
    ShipmentRecord {
        carrier: "sf".into(),
        tracking_no: "SF1234567890".into(),
        shipped_at: DEADLINE,
    }
}
