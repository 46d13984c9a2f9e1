//! The hub's leaders page: a leader is appointed by the email address of their account and
//! listed; an address nobody uses, or one that is not an address, is told as such and changes
//! nothing; standing one down takes them off the list and leaves their other roles.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::id::AccountId;
use farmgate_domain::role::Role;
use support::market::{paid_order, stall};
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

/// The share link's `via=…` as a leader's product page offers it.
fn via_of(page: &str) -> String {
    let start = page
        .find("?via=")
        .expect("a leader's page offers a marked link")
        + 5;
    let end = start + page[start..].find('"').unwrap();
    page[start..end].to_owned()
}

#[tokio::test]
async fn a_visit_through_a_leaders_link_earns_them_the_order_and_shows_in_their_figures() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "p@example.cn", "黑枸杞", "68.00").await;
    let product = format!("/products/{}", goji.item.product);
    let leader = app
        .signed_in("cairang@example.cn", &[Role::Buyer, Role::Leader])
        .await;
    let (_, page) = leader.page_en(&product).await;
    assert!(page.contains("Share as a leader"));
    let via = via_of(&page);
    let leader = &leader;
    let poster = |query: String| {
        let path = format!("{product}/poster.svg{query}");
        async move { leader.page(&path).await }
    };
    let marked = poster(format!("?via={via}")).await;
    assert!(marked.contains("扫码购买"));
    // The code carries a genuine mark only: an altered one draws the plain link's code.
    let plain = poster(String::new()).await;
    assert_ne!(marked, plain);
    assert_eq!(poster(format!("?via={via}0")).await, plain);

    // A neighbour opens it signed out, is sent on without the mark, and signs in later.
    let buyer = app.account("wang@example.cn", &[Role::Buyer]).await;
    let neighbour = app.visitor();
    let visit = neighbour.get(&format!("{product}?via={via}")).await;
    assert_eq!(visit.status(), 303);
    assert_eq!(visit.headers()["location"], product.as_str());
    assert!(neighbour.cookie("fg_via").is_some());
    neighbour.sign_in("wang@example.cn").await;
    assert!(
        neighbour.cookie("fg_via").is_none(),
        "claimed on signing in"
    );
    let plain = app.visitor().get(&product).await;
    assert!(!plain.text().await.unwrap().contains("Share as a leader"));

    let order = paid_order(&app, &buyer, &goji, 1).await;
    let attribution = app.services.store.attribution_of(&order.id).await.unwrap();
    assert_eq!(attribution.map(|a| a.commission.minor()), Some(204));
    let (status, page) = leader.page_en("/leader").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"<dd id="figure-orders">1</dd>"#), "{page}");
    assert!(page.contains(r#"<dd id="figure-pending">¥2.04</dd>"#));

    // An altered mark counts nothing and still lands on the page.
    let altered = app.visitor().get(&format!("{product}?via={via}0")).await;
    assert_eq!(altered.status(), 303);
    let (_, page) = leader.page_en("/leader").await;
    assert!(page.contains(r#"<dd id="figure-clicks">1</dd>"#));
    assert_eq!(app.visitor().get("/leader").await.status(), 303);
    let stranger = app.signed_in("li@example.cn", &[Role::Buyer]).await;
    assert_eq!(stranger.get("/leader").await.status(), 403);

    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let (_, page) = hub.page_en("/hub/leaders").await;
    assert!(page.contains(r#"<td class="rank-commission">¥2.04</td>"#));
    let (status, page) = hub
        .post_en(
            "/hub/leaders/terms",
            &[("window_days", "45"), ("default_percent", "5")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains(r#"data-field="window_days""#));
    let saved = hub
        .post_form(
            "/hub/leaders/terms",
            &[
                ("window_days", "10"),
                ("default_percent", "5"),
                ("rate_meat", "2"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let terms = app.services.leader_terms().await.unwrap();
    assert_eq!(terms.window.days(), 10);
    let (_, page) = leader.page_en("/leader").await;
    assert!(page.contains("within 10 days of opening your link earn you 5.00%"));
    assert!(
        page.contains("Categories with their own rate: Meat &#38; poultry 2.00%"),
        "{page}"
    );
}
