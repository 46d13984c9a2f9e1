//! Village e-commerce leaders: the hub appoints one (nobody else may), and on both stores the
//! role is kept; a leader's share link carries a mark that reads back as theirs, while an
//! altered, forged or misdirected one reads as nobody's and a buyer cannot make one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::id::{ProductId, TeamId};
use farmgate_domain::role::Role;
use farmgate_services::share_links::Shared;
use farmgate_services::ServiceError;
use support::{account, market, market_on_postgres, stall, Market};

async fn appointing_keeps_the_role(m: &Market) {
    let buyer = account(&m.store, "cairang@example.cn", vec![Role::Buyer]).await;
    let refused = m
        .services
        .appoint_leader(&buyer, &buyer.account_id, true)
        .await;
    assert!(matches!(refused, Err(ServiceError::Forbidden)));
    let appointed = m
        .services
        .appoint_leader(&m.hub, &buyer.account_id, true)
        .await
        .unwrap();
    assert_eq!(appointed.roles, vec![Role::Buyer, Role::Leader]);
    let stored = m.store.account(&buyer.account_id).await.unwrap().unwrap();
    assert_eq!(stored.roles, vec![Role::Buyer, Role::Leader]);
    let stood_down = m
        .services
        .appoint_leader(&m.hub, &buyer.account_id, false)
        .await
        .unwrap();
    assert_eq!(stood_down.roles, vec![Role::Buyer]);
}

#[tokio::test]
async fn the_hub_appoints_leaders_on_both_stores() {
    appointing_keeps_the_role(&market().await).await;
    if let Some(m) = market_on_postgres().await {
        appointing_keeps_the_role(&m).await;
        m.finish().await;
    }
}

#[tokio::test]
async fn a_share_mark_reads_back_only_as_it_was_made() {
    let m = market().await;
    let goji = stall(&m, "p@example.cn", "黑枸杞", "68.00", "100").await;
    let leader = account(
        &m.store,
        "cairang@example.cn",
        vec![Role::Buyer, Role::Leader],
    )
    .await;
    let product = Shared::Product(goji.item.product.clone());
    let token = m.services.share_token(&leader, &product).await.unwrap();
    let mark = m.services.read_share_token(&token, &product).await.unwrap();
    assert_eq!(mark.map(|m| m.leader), Some(leader.account_id.clone()));

    let other = account(&m.store, "ma@example.cn", vec![Role::Buyer, Role::Leader]).await;
    let moved = token.replacen(leader.account_id.as_str(), other.account_id.as_str(), 1);
    let elsewhere = Shared::Product(ProductId::new("another-product"));
    let team = Shared::Team(TeamId::new(goji.item.product.as_str()));
    let (payload, signature) = token.rsplit_once('.').unwrap();
    let flipped = format!(
        "{payload}.{}{}",
        if signature.starts_with('0') { '1' } else { '0' },
        &signature[1..]
    );
    for (bad, shared) in [
        (moved.as_str(), &product),
        (flipped.as_str(), &product),
        (token.as_str(), &elsewhere),
        (token.as_str(), &team),
        (payload, &product),
        ("", &product),
        ("a.b.c.d.e", &product),
    ] {
        let read = m.services.read_share_token(bad, shared).await.unwrap();
        assert_eq!(read, None, "{bad:?} for {shared}");
    }

    let buyer = account(&m.store, "wang@example.cn", vec![Role::Buyer]).await;
    let refused = m.services.share_token(&buyer, &product).await;
    assert!(matches!(refused, Err(ServiceError::Forbidden)));
}
