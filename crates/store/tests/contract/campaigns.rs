//! Campaigns read back with their scope and rule; the open ones are those not ended whose
//! window has not closed; the hub ends one once; a checkout stores what a campaign took off
//! its orders in its own transaction, and a campaign counts its paid orders.

use farmgate_domain::campaign::{CampaignTerms, PriceRule, Scope};
use farmgate_domain::catalogue::Category;
use farmgate_domain::id::CampaignId;
use farmgate_domain::money::Money;
use farmgate_store::sql::SqlStore;
use farmgate_store::*;

use crate::fixtures::{add_account, new_id, T0};
use crate::orders::{checkout, pay, stall};

pub(crate) fn campaign(
    hub: &farmgate_domain::id::AccountId,
    scope: Scope,
    rule: PriceRule,
    days: (i64, i64),
) -> CampaignRecord {
    CampaignRecord {
        id: CampaignId::new(new_id()),
        terms: CampaignTerms {
            name: "丰收节".into(),
            starts: T0.plus_days(days.0),
            ends: T0.plus_days(days.1),
            scope,
            rule,
            platform_percent: 40,
        },
        created_by: hub.clone(),
        created_at: T0,
        ended_at: None,
    }
}

pub async fn campaigns_read_back_and_end_once(store: SqlStore) {
    let hub = add_account(&store, "hub@example.cn").await.id;
    let stall = stall(&store, 10).await;
    let harvest = campaign(
        &hub,
        Scope::Categories(vec![Category::Fruit, Category::Grain]),
        PriceRule::PercentOff { percent: 20 },
        (0, 7),
    );
    let new_year = campaign(
        &hub,
        Scope::Products(vec![stall.product.clone()]),
        PriceRule::FixedPrice {
            price: Money::fen(990),
        },
        (3, 10),
    );
    let over = campaign(
        &hub,
        Scope::Shops(vec![stall.shop.clone()]),
        PriceRule::SpendSave {
            threshold: Money::fen(19_900),
            off: Money::fen(3_000),
        },
        (-9, -2),
    );
    for c in [&harvest, &new_year, &over] {
        store.insert_campaign(c).await.unwrap();
        assert_eq!(store.campaign(&c.id).await.unwrap().as_ref(), Some(c));
    }
    let open: Vec<_> = store
        .campaigns_open_at(T0)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(open, [harvest.id.clone(), new_year.id.clone()]);
    assert_eq!(store.campaigns(10).await.unwrap().len(), 3);

    assert!(store
        .end_campaign(&harvest.id, T0.plus_days(1))
        .await
        .unwrap());
    assert!(!store
        .end_campaign(&harvest.id, T0.plus_days(2))
        .await
        .unwrap());
    assert!(
        !store.end_campaign(&over.id, T0).await.unwrap(),
        "already over"
    );
    let ended = store.campaign(&harvest.id).await.unwrap().unwrap();
    assert_eq!(ended.ended_at, Some(T0.plus_days(1)));
    assert!(!ended.is_running(T0.plus_days(1)));
    assert_eq!(store.campaigns_open_at(T0).await.unwrap().len(), 1);
}

pub async fn a_checkout_stores_its_campaign_parts_and_the_campaign_counts_paid_orders(
    store: SqlStore,
) {
    let hub = add_account(&store, "hub@example.cn").await.id;
    let stall = stall(&store, 10).await;
    let harvest = campaign(
        &hub,
        Scope::Everything,
        PriceRule::PercentOff { percent: 10 },
        (0, 7),
    );
    store.insert_campaign(&harvest).await.unwrap();
    let buyer = add_account(&store, "buyer@example.cn").await.id;
    let mut placed = checkout(&stall, &buyer, "campaign-key-1", 2);
    let order = placed.orders[0].order.id.clone();
    let part = OrderCampaignPart {
        order: order.clone(),
        campaign: harvest.id.clone(),
        discount: Money::fen(1_360),
        platform: Money::fen(544),
    };
    placed.campaign_parts = vec![part.clone()];
    store.place_checkout(&placed).await.unwrap();
    assert_eq!(store.campaign_parts(&order).await.unwrap(), [part]);
    let unpaid = store.campaign_figures(&harvest.id).await.unwrap();
    assert_eq!(unpaid.orders, 0);
    pay(&store, &stall, &placed, T0.plus_millis(1_000)).await;
    let figures = store.campaign_figures(&harvest.id).await.unwrap();
    assert_eq!(
        figures,
        CampaignFigures {
            orders: 1,
            paid: placed.total,
            discount: Money::fen(1_360),
            platform: Money::fen(544),
        }
    );
}
