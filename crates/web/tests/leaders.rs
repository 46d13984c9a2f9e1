//! The hub's leaders page: a leader is appointed by the email address of their account and
//! listed; an address nobody uses, or one that is not an address, is told as such and changes
//! nothing; standing one down takes them off the list and leaves their other roles.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::id::AccountId;
use farmgate_domain::role::Role;
use support::TestApp;

async fn roles_of(app: &TestApp, id: &AccountId) -> Vec<Role> {
    let account = app.services.store.account(id).await.unwrap().unwrap();
    account.roles
}

#[tokio::test]
async fn the_hub_appoints_a_leader_by_email_and_stands_them_down() {
    let app = TestApp::spawn().await;
    let cairang = app.account("cairang@example.cn", &[Role::Buyer]).await;
    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;

    let (status, page) = hub.page_en("/hub/leaders").await;
    assert_eq!((status, page.contains("No leader yet.")), (200, true));

    let (status, page) = hub
        .post_en("/hub/leaders", &[("email", "nobody@example.cn")])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("No account has that email address"));
    let (status, page) = hub
        .post_en("/hub/leaders", &[("email", "not an address")])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains(r#"data-field="email""#));

    let appointed = hub
        .post_form("/hub/leaders", &[("email", " cairang@example.cn ")])
        .await;
    assert_eq!(appointed.status(), 303);
    let (_, page) = hub.page_en("/hub/leaders").await;
    assert!(page.contains(&format!(r#"data-account="{}""#, cairang.id)));
    assert_eq!(
        roles_of(&app, &cairang.id).await,
        [Role::Buyer, Role::Leader]
    );

    let stood_down = hub
        .post_form(&format!("/hub/leaders/{}/stand-down", cairang.id), &[])
        .await;
    assert_eq!(stood_down.status(), 303);
    let (_, page) = hub.page_en("/hub/leaders").await;
    assert!(page.contains("No leader yet."));
    assert_eq!(roles_of(&app, &cairang.id).await, [Role::Buyer]);
}
