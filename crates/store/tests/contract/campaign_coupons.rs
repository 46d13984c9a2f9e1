//! Campaign coupons: a code is one coupon's; claims stop at the quantity and at the limit per
//! buyer, and only while the campaign runs — also when many buyers claim at once; a claim pays
//! for one checkout and comes back when that checkout expires unpaid.

use farmgate_domain::campaign::coupon::{CampaignCouponTerms, CouponOff};
use farmgate_domain::campaign::{PriceRule, Scope};
use farmgate_domain::id::{AccountId, CampaignClaimId, CampaignCouponId, CampaignId};
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::campaigns::campaign;
use crate::fixtures::{add_account, new_id, T0};
use crate::flash_sales::buyers;
use crate::orders::{checkout, stall, stock};

async fn festival(store: &SqlStore) -> CampaignId {
    let hub = add_account(store, "hub@example.cn").await.id;
    let record = campaign(
        &hub,
        Scope::Everything,
        PriceRule::PercentOff { percent: 10 },
        (-2, 7),
    );
    store.insert_campaign(&record).await.unwrap();
    record.id
}

fn coupon(
    campaign: &CampaignId,
    code: &str,
    quantity: i64,
    per_buyer: i64,
) -> CampaignCouponRecord {
    CampaignCouponRecord {
        id: CampaignCouponId::new(new_id()),
        campaign_id: campaign.clone(),
        code: code.into(),
        terms: CampaignCouponTerms {
            off: CouponOff::Percent {
                percent: 10,
                cap: Money::fen(5_000),
            },
            minimum_spend: Money::fen(10_000),
            quantity,
            per_buyer_limit: per_buyer,
            valid_days: 3,
        },
        claimed: 0,
        created_at: T0,
    }
}

fn claim(coupon: &CampaignCouponRecord, buyer: &AccountId, at: Timestamp) -> NewCampaignClaim {
    NewCampaignClaim {
        id: CampaignClaimId::new(new_id()),
        coupon_id: coupon.id.clone(),
        buyer_id: buyer.clone(),
        at,
        usable_until: at.plus_days(3),
    }
}

fn refusal(outcome: CampaignClaimOutcome) -> Option<ClaimRefusal> {
    match outcome {
        CampaignClaimOutcome::Claimed(_) => None,
        CampaignClaimOutcome::Refused(why) => Some(why),
    }
}

pub async fn campaign_coupons_stop_at_quantity_limit_and_window(store: SqlStore) {
    let festival = festival(&store).await;
    let ny = coupon(&festival, "NY8K2Q7M", 3, 2);
    store.insert_campaign_coupon(&ny).await.unwrap();
    let twin = coupon(&festival, "NY8K2Q7M", 9, 1);
    assert!(matches!(
        store.insert_campaign_coupon(&twin).await,
        Err(StoreError::Conflict(CODE_TAKEN))
    ));
    assert_eq!(
        store.campaign_coupon_by_code("NY8K2Q7M").await.unwrap(),
        Some(ny.clone())
    );
    assert_eq!(
        store.campaign_coupon_by_code("NY8K2Q7N").await.unwrap(),
        None
    );

    let [a, b, c]: [AccountId; 3] = buyers(&store, 3).await.try_into().unwrap();
    let at = T0.plus_days(1);
    let early = store
        .claim_campaign_coupon(&claim(&ny, &a, T0.plus_days(-3)))
        .await;
    assert_eq!(
        refusal(early.unwrap()),
        Some(ClaimRefusal::NotLive),
        "not begun"
    );
    for _ in 0..2 {
        let outcome = store
            .claim_campaign_coupon(&claim(&ny, &a, at))
            .await
            .unwrap();
        assert_eq!(refusal(outcome), None);
    }
    let third = store
        .claim_campaign_coupon(&claim(&ny, &a, at))
        .await
        .unwrap();
    assert_eq!(refusal(third), Some(ClaimRefusal::LimitReached));
    let outcome = store
        .claim_campaign_coupon(&claim(&ny, &b, at))
        .await
        .unwrap();
    assert!(matches!(outcome, CampaignClaimOutcome::Claimed(ref left) if left.remaining() == 0));
    let late = store
        .claim_campaign_coupon(&claim(&ny, &c, at))
        .await
        .unwrap();
    assert_eq!(refusal(late), Some(ClaimRefusal::AllClaimed));
    let held = store.campaign_claims_of_buyer(&a).await.unwrap();
    assert_eq!(held.len(), 2);
    assert_eq!(held[0].coupon.code, "NY8K2Q7M");
    let unknown = coupon(&festival, "ZZZZZZZZ", 1, 1);
    let outcome = store
        .claim_campaign_coupon(&claim(&unknown, &c, at))
        .await
        .unwrap();
    assert_eq!(refusal(outcome), Some(ClaimRefusal::NotFound));
}

pub async fn many_buyers_claiming_at_once_never_exceed_the_quantity(store: SqlStore) {
    let festival = festival(&store).await;
    let scarce = coupon(&festival, "SCARCE23", 5, 1);
    store.insert_campaign_coupon(&scarce).await.unwrap();
    let buyers = buyers(&store, 24).await;
    let at = T0.plus_days(1);
    let claims: Vec<_> = buyers
        .iter()
        .map(|buyer| {
            let store = store.clone();
            let claim = claim(&scarce, buyer, at);
            tokio::spawn(async move { store.claim_campaign_coupon(&claim).await })
        })
        .collect();
    let mut claimed = 0;
    for handle in claims {
        if matches!(
            handle.await.unwrap().unwrap(),
            CampaignClaimOutcome::Claimed(_)
        ) {
            claimed += 1;
        }
    }
    assert_eq!(claimed, 5);
    let stored = store
        .campaign_coupon_by_code("SCARCE23")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.claimed, 5);
}

pub async fn a_campaign_claim_pays_one_checkout_and_returns_when_it_expires(store: SqlStore) {
    let festival = festival(&store).await;
    let ny = coupon(&festival, "NY8K2Q7M", 10, 1);
    store.insert_campaign_coupon(&ny).await.unwrap();
    let stall = stall(&store, 100).await;
    let buyer = buyers(&store, 1).await.remove(0);
    let claim = claim(&ny, &buyer, T0.plus_millis(-1));
    store.claim_campaign_coupon(&claim).await.unwrap();
    let with_claim = |key: &str| {
        let mut placed = checkout(&stall, &buyer, key, 1);
        placed.campaign_claim = Some(CampaignClaimUse {
            claim: claim.id.clone(),
            order: placed.orders[0].order.id.clone(),
        });
        placed
    };
    assert_eq!(
        store.place_checkout(&with_claim("first")).await.unwrap(),
        PlaceOutcome::Placed
    );
    let again = with_claim("again");
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
    let held = store.campaign_claims_of_buyer(&buyer).await.unwrap();
    assert_eq!(held[0].used_order_id, None, "unused again");
}
