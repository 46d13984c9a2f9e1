//! Live coupons: claims never exceed the quantity nor a buyer's limit, however many arrive at
//! once; refusals say why; a claim pays for one order only, in the checkout's transaction, and
//! comes back unused when that order expires unpaid.

use farmgate_domain::id::{AccountId, CouponClaimId, CouponId, LiveSessionId};
use farmgate_domain::live::LiveStatus;
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::fixtures::{new_id, T0};
use crate::flash_sales::{buyers, live_session};
use crate::orders::{checkout, stall, stock, Stall};

const LATER: Timestamp = T0.plus_millis(60_000);

fn coupon_record(
    stall: &Stall,
    session: &LiveSessionId,
    quantity: i64,
    per_buyer: i64,
) -> CouponRecord {
    CouponRecord {
        id: CouponId::new(new_id()),
        shop_id: stall.shop.clone(),
        session_id: session.clone(),
        amount_off: Money::fen(500),
        minimum_spend: Money::fen(4_900),
        quantity,
        claimed: 0,
        per_buyer_limit: per_buyer,
        valid_until: T0.plus_days(7),
        created_at: T0,
        withdrawn_at: None,
    }
}

/// A live session of a new stall with one coupon dropped in it.
async fn dropped(store: &SqlStore, quantity: i64, per_buyer: i64) -> (Stall, CouponRecord) {
    let stall = stall(store, 100).await;
    let session = live_session(store, &stall, LiveStatus::Live).await;
    let coupon = coupon_record(&stall, &session, quantity, per_buyer);
    store.insert_coupon(&coupon).await.unwrap();
    (stall, coupon)
}

fn claim(coupon: &CouponRecord, buyer: &AccountId, at: Timestamp) -> NewClaim {
    NewClaim {
        id: CouponClaimId::new(new_id()),
        coupon_id: coupon.id.clone(),
        buyer_id: buyer.clone(),
        at,
    }
}

async fn claimed(store: &SqlStore, coupon: &CouponRecord, buyer: &AccountId) -> CouponClaimId {
    let new = claim(coupon, buyer, LATER);
    match store.claim_coupon(&new).await.unwrap() {
        ClaimOutcome::Claimed(_) => new.id,
        refused => panic!("claim refused: {refused:?}"),
    }
}

pub async fn claims_stop_at_the_quantity_and_the_limit_and_say_why(store: SqlStore) {
    let (_, coupon) = dropped(&store, 3, 2).await;
    let b = buyers(&store, 2).await;
    let outcome = store
        .claim_coupon(&claim(&coupon, &b[0], LATER))
        .await
        .unwrap();
    let ClaimOutcome::Claimed(after) = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!((after.claimed, after.remaining()), (1, 2));
    claimed(&store, &coupon, &b[0]).await;
    assert_eq!(
        store
            .claim_coupon(&claim(&coupon, &b[0], LATER))
            .await
            .unwrap(),
        ClaimOutcome::Refused(ClaimRefusal::LimitReached)
    );
    claimed(&store, &coupon, &b[1]).await;
    assert_eq!(
        store
            .claim_coupon(&claim(&coupon, &b[1], LATER))
            .await
            .unwrap(),
        ClaimOutcome::Refused(ClaimRefusal::AllClaimed)
    );
    let read = store.coupon(&coupon.id).await.unwrap().unwrap();
    assert_eq!(read.claimed, 3, "a refused claim counts nothing");
    let held = store.claims_of_buyer(&b[0]).await.unwrap();
    assert_eq!(held.len(), 2);
    assert!(held
        .iter()
        .all(|c| c.used_order_id.is_none() && c.coupon.id == coupon.id));
}

pub async fn withdrawn_expired_and_off_air_coupons_are_not_claimed(store: SqlStore) {
    let (stall, coupon) = dropped(&store, 10, 1).await;
    let b = buyers(&store, 1).await;
    let expired = claim(&coupon, &b[0], coupon.valid_until);
    assert_eq!(
        store.claim_coupon(&expired).await.unwrap(),
        ClaimOutcome::Refused(ClaimRefusal::Expired)
    );
    assert!(store.withdraw_coupon(&coupon.id, LATER).await.unwrap());
    assert!(
        !store.withdraw_coupon(&coupon.id, LATER).await.unwrap(),
        "once"
    );
    assert_eq!(
        store
            .claim_coupon(&claim(&coupon, &b[0], LATER))
            .await
            .unwrap(),
        ClaimOutcome::Refused(ClaimRefusal::Withdrawn)
    );
    let scheduled = live_session(&store, &stall, LiveStatus::Scheduled).await;
    let off_air = coupon_record(&stall, &scheduled, 10, 1);
    store.insert_coupon(&off_air).await.unwrap();
    assert_eq!(
        store
            .claim_coupon(&claim(&off_air, &b[0], LATER))
            .await
            .unwrap(),
        ClaimOutcome::Refused(ClaimRefusal::NotLive)
    );
    let unknown = CouponRecord {
        id: CouponId::new(new_id()),
        ..off_air.clone()
    };
    assert_eq!(
        store
            .claim_coupon(&claim(&unknown, &b[0], LATER))
            .await
            .unwrap(),
        ClaimOutcome::Refused(ClaimRefusal::NotFound)
    );
    let listed = store.coupons_of_session(&scheduled).await.unwrap();
    assert_eq!(listed, vec![off_air]);
}

/// 200 claims at once by 100 buyers (two each) on a coupon of 50, one per buyer: exactly 50
/// claimed, nobody holds two.
pub async fn a_claim_storm_hands_out_exactly_the_quantity(store: SqlStore) {
    let (_, coupon) = dropped(&store, 50, 1).await;
    let b = buyers(&store, 100).await;
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let store = store.clone();
            let new = claim(&coupon, &b[i % 100], LATER);
            tokio::spawn(async move { store.claim_coupon(&new).await.unwrap() })
        })
        .collect();
    let mut granted = 0;
    for task in tasks {
        if matches!(task.await.unwrap(), ClaimOutcome::Claimed(_)) {
            granted += 1;
        }
    }
    assert_eq!(granted, 50);
    assert_eq!(store.coupon(&coupon.id).await.unwrap().unwrap().claimed, 50);
    let mut held = 0;
    for buyer in &b {
        let claims = store.claims_of_buyer(buyer).await.unwrap().len();
        assert!(claims <= 1, "a buyer over the limit");
        held += claims;
    }
    assert_eq!(held, 50, "every counted claim is stored");
}

/// A checkout of one unit at the stall, ¥5 off with `claim`.
fn checkout_with(
    stall: &Stall,
    buyer: &AccountId,
    key: &str,
    claim: &CouponClaimId,
) -> NewCheckout {
    let mut placed = checkout(stall, buyer, key, 1);
    let order = &mut placed.orders[0].order;
    order.discount = Money::fen(500);
    order.goods = Money::fen(6_800 - 500);
    order.total = Money::fen(order.goods.minor() + order.shipping.minor());
    placed.total = order.total;
    placed.claims = vec![ClaimUse {
        claim: claim.clone(),
        order: order.id.clone(),
    }];
    placed
}

pub async fn a_claim_pays_for_one_order_and_comes_back_when_it_expires(store: SqlStore) {
    let (stall, coupon) = dropped(&store, 10, 1).await;
    let buyer = buyers(&store, 1).await.remove(0);
    let id = claimed(&store, &coupon, &buyer).await;
    let first = checkout_with(&stall, &buyer, "first", &id);
    assert_eq!(
        store.place_checkout(&first).await.unwrap(),
        PlaceOutcome::Placed
    );
    let order = store
        .order(&first.orders[0].order.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(order.order.discount, Money::fen(500));
    assert_eq!(order.order.total, first.orders[0].order.total);
    let held = store.claims_of_buyer(&buyer).await.unwrap();
    assert_eq!(held[0].used_order_id.as_ref(), Some(&order.order.id));

    let again = checkout_with(&stall, &buyer, "again", &id);
    let refused = store.place_checkout(&again).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(why)) if why == COUPON_USED),
        "{refused:?}"
    );
    assert_eq!(
        stock(&store, &stall).await,
        99,
        "the refused checkout took nothing"
    );
    assert!(store
        .orders_of_checkout(&again.id)
        .await
        .unwrap()
        .is_empty());

    store.expire_unpaid(T0.plus_days(1)).await.unwrap();
    let held = store.claims_of_buyer(&buyer).await.unwrap();
    assert_eq!(held[0].used_order_id, None, "unused again");
    assert_eq!(held[0].used_at, None);
    let third = checkout_with(&stall, &buyer, "third", &id);
    assert_eq!(
        store.place_checkout(&third).await.unwrap(),
        PlaceOutcome::Placed
    );
}

pub async fn a_short_checkout_gives_its_claim_back(store: SqlStore) {
    let (stall, coupon) = dropped(&store, 10, 1).await;
    let buyer = buyers(&store, 1).await.remove(0);
    let id = claimed(&store, &coupon, &buyer).await;
    let mut greedy = checkout_with(&stall, &buyer, "greedy", &id);
    greedy.orders[0].lines[0].quantity = 101;
    let refused = store.place_checkout(&greedy).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(why)) if why == "not enough stock"),
        "{refused:?}"
    );
    let held = store.claims_of_buyer(&buyer).await.unwrap();
    assert_eq!(held[0].used_order_id, None);
    let other = buyers(&store, 1).await.remove(0);
    let stolen = checkout_with(&stall, &other, "stolen", &id);
    let refused = store.place_checkout(&stolen).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(why)) if why == COUPON_USED),
        "another buyer's claim: {refused:?}"
    );
}

/// Two checkouts racing with one claim: one wins.
pub async fn concurrent_checkouts_with_one_claim_place_one(store: SqlStore) {
    let (stall, coupon) = dropped(&store, 10, 1).await;
    let buyer = buyers(&store, 1).await.remove(0);
    let id = claimed(&store, &coupon, &buyer).await;
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let store = store.clone();
            let placed = checkout_with(&stall, &buyer, &format!("race-{i}"), &id);
            tokio::spawn(async move { store.place_checkout(&placed).await })
        })
        .collect();
    let mut placed = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(PlaceOutcome::Placed) => placed += 1,
            Err(StoreError::Conflict(COUPON_USED)) => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(placed, 1);
    assert_eq!(stock(&store, &stall).await, 99);
}
