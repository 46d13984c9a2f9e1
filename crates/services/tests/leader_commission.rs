//! A leader's commission end to end, on both stores: a visitor follows a leader's share link
//! signed out and claims the click on signing in; the order they pay is attributed to the
//! leader at the hub's rate; delivery books the commission and a refund after it takes its
//! share back, the ledger still summing to zero; the hub pays the leader what is owed once,
//! however often it is asked at the same moment. A leader's own click, a click older than the
//! window, a forged token and a stood-down leader earn nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::access::Actor;
use farmgate_domain::commission::commission_share;
use farmgate_domain::ledger::LedgerAccount;
use farmgate_domain::money::Money;
use farmgate_domain::role::Role;
use farmgate_services::checkout::CartItem;
use farmgate_services::leaders::{LeaderTermsForm, NOTHING_OWED};
use farmgate_services::settings::CommissionForm;
use farmgate_services::share_links::Shared;
use farmgate_services::ServiceError;
use farmgate_store::OrderRecord;
use support::{account, market, market_on_postgres, request, stall, Market, Stall};

const DAY: i64 = 86_400_000;

async fn buys_two(m: &Market, buyer: &Actor, goji: &Stall, key: &str) -> OrderRecord {
    let two = CartItem {
        quantity: 2,
        video: None,
        ..goji.item.clone()
    };
    let placed = m
        .services
        .checkout(buyer, &request(vec![two], key))
        .await
        .unwrap();
    m.pay(buyer, &placed).await;
    placed.orders[0].order.clone()
}

async fn owed_to(m: &Market, leader: &Actor) -> i64 {
    let account = LedgerAccount::LeaderPayable(leader.account_id.clone()).code();
    -m.store.balance_of(&account).await.unwrap().minor()
}

async fn commission_follows_the_order(m: &Market) {
    let goji = stall(m, "p@example.cn", "黑枸杞", "68.00", "100").await;
    let leader = account(
        &m.store,
        "cairang@example.cn",
        vec![Role::Buyer, Role::Leader],
    )
    .await;
    let buyer = account(&m.store, "wang@example.cn", vec![Role::Buyer]).await;
    let product = Shared::Product(goji.item.product.clone());
    let token = m.services.share_token(&leader, &product).await.unwrap();

    let click = m.services.follow_share_link(&token, &product, None).await;
    let click = click.unwrap().expect("a good token makes a click");
    assert!(m
        .services
        .claim_share_click(&click, &buyer.account_id)
        .await
        .unwrap());
    let stranger = account(&m.store, "li@example.cn", vec![Role::Buyer]).await;
    assert!(
        !m.services
            .claim_share_click(&click, &stranger.account_id)
            .await
            .unwrap(),
        "a claimed click stays its buyer's"
    );
    let forged = format!("{token}0");
    let none = m
        .services
        .follow_share_link(&forged, &product, Some(&stranger.account_id));
    assert_eq!(none.await.unwrap(), None);

    let order = buys_two(m, &buyer, &goji, "key-0000000001").await;
    let attribution = m.store.attribution_of(&order.id).await.unwrap().unwrap();
    assert_eq!(attribution.leader, leader.account_id);
    // 3% (the default) of ¥136.00.
    assert_eq!(attribution.commission.minor(), 408);
    let pending = m.services.my_leader_figures(&leader).await.unwrap();
    assert_eq!((pending.orders, pending.buyers), (1, 1));
    assert_eq!(pending.pending.minor(), 408);
    assert_eq!(
        owed_to(m, &leader).await,
        0,
        "nothing is owed before delivery"
    );

    m.services
        .ship_order(&goji.producer, &order.id, "顺丰", "SF1234567890")
        .await
        .unwrap();
    m.services.confirm_receipt(&buyer, &order.id).await.unwrap();
    assert_eq!(owed_to(m, &leader).await, 408);

    let case = m
        .ask_refund(&buyer, &order.id, "other", "34.00")
        .await
        .unwrap();
    m.services
        .approve_after_sale(&goji.producer, &case.id, "")
        .await
        .unwrap();
    m.refunds_settle().await;
    // The commission comes back in proportion to the refund's part of what was paid.
    let back = commission_share(Money::fen(408), Money::fen(3_400), order.total).unwrap();
    assert!(back.minor() > 0);
    let kept = 408 - back.minor();
    assert_eq!(owed_to(m, &leader).await, kept);
    let figures = m.services.my_leader_figures(&leader).await.unwrap();
    assert_eq!((figures.clicks, figures.pending.minor()), (1, 0));
    assert_eq!(figures.earned.minor(), kept);
    let balances = m.store.ledger_balances().await.unwrap();
    assert_eq!(balances.iter().map(|(_, m)| m.minor()).sum::<i64>(), 0);

    // The hub pays what is owed, once, however many times the button is pressed at once.
    let presses = (0..4).map(|_| {
        let (services, hub, id) = (m.services.clone(), m.hub.clone(), leader.account_id.clone());
        tokio::spawn(async move { services.pay_leader(&hub, &id).await })
    });
    let mut paid = Vec::new();
    for press in presses {
        paid.push(press.await.unwrap());
    }
    let landed: Vec<i64> = paid.iter().flatten().map(|m| m.minor()).collect();
    assert_eq!(landed, [kept], "{paid:?}");
    assert!(paid
        .iter()
        .filter_map(|p| p.as_ref().err())
        .all(|e| matches!(e, ServiceError::Conflict(_))));
    assert_eq!(owed_to(m, &leader).await, 0);
    let figures = m.services.my_leader_figures(&leader).await.unwrap();
    assert_eq!(figures.paid.minor(), kept);
    let again = m.services.pay_leader(&m.hub, &leader.account_id).await;
    assert!(matches!(again, Err(ServiceError::Conflict(NOTHING_OWED))));
    let balances = m.store.ledger_balances().await.unwrap();
    assert_eq!(balances.iter().map(|(_, m)| m.minor()).sum::<i64>(), 0);

    let ranking = m.services.leader_ranking(&m.hub).await.unwrap();
    assert_eq!(ranking[0].leader, leader.account_id);
    assert_eq!(
        (ranking[0].orders, ranking[0].sales.minor()),
        (1, order.total.minor())
    );
}

#[tokio::test]
async fn a_leader_earns_on_delivery_and_gives_back_on_refund_on_both_stores() {
    commission_follows_the_order(&market().await).await;
    if let Some(m) = market_on_postgres().await {
        commission_follows_the_order(&m).await;
        m.finish().await;
    }
}

#[tokio::test]
async fn own_old_and_stood_down_clicks_earn_nothing() {
    let m = market().await;
    let goji = stall(&m, "p@example.cn", "黑枸杞", "68.00", "100").await;
    let leader = account(
        &m.store,
        "cairang@example.cn",
        vec![Role::Buyer, Role::Leader],
    )
    .await;
    let other = account(&m.store, "ma@example.cn", vec![Role::Buyer, Role::Leader]).await;
    let buyer = account(&m.store, "wang@example.cn", vec![Role::Buyer]).await;
    let product = Shared::Product(goji.item.product.clone());
    let token = m.services.share_token(&leader, &product).await.unwrap();
    let visit = |who: &Actor| {
        let (token, product, id) = (token.clone(), product.clone(), who.account_id.clone());
        let services = m.services.clone();
        async move {
            services
                .follow_share_link(&token, &product, Some(&id))
                .await
                .unwrap()
        }
    };

    visit(&leader).await.unwrap();
    let own = buys_two(&m, &leader, &goji, "key-0000000002").await;
    assert_eq!(m.store.attribution_of(&own.id).await.unwrap(), None);
    let figures = m.services.my_leader_figures(&leader).await.unwrap();
    assert_eq!(figures.clicks, 0, "a leader's own clicks are not counted");

    // The hub shortens the window to 3 days; a click 4 days old no longer counts.
    let terms = LeaderTermsForm {
        window_days: "3".into(),
        rates: CommissionForm {
            default_percent: "5".into(),
            per_category: vec![],
        },
    };
    m.services.set_leader_terms(&m.hub, &terms).await.unwrap();
    visit(&buyer).await.unwrap();
    m.clock.advance_millis(4 * DAY);
    let late = buys_two(&m, &buyer, &goji, "key-0000000003").await;
    assert_eq!(m.store.attribution_of(&late.id).await.unwrap(), None);

    // The last click wins, at the hub's new rate.
    let other_token = m.services.share_token(&other, &product).await.unwrap();
    visit(&buyer).await.unwrap();
    m.services
        .follow_share_link(&other_token, &product, Some(&buyer.account_id))
        .await
        .unwrap()
        .unwrap();
    let won = buys_two(&m, &buyer, &goji, "key-0000000004").await;
    let attribution = m.store.attribution_of(&won.id).await.unwrap().unwrap();
    assert_eq!(attribution.leader, other.account_id);
    assert_eq!(attribution.commission.minor(), 680);

    m.services
        .appoint_leader(&m.hub, &leader.account_id, false)
        .await
        .unwrap();
    assert_eq!(
        visit(&buyer).await,
        None,
        "a stood-down leader's links mark nothing"
    );
}
