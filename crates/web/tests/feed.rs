//! The interest feed over the real server: a visitor sees every product on sale; a buyer who
//! bought yak meat sees meat first, then dairy (its kin), and handicrafts after both.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use support::market::{paid_order, stall_of};
use support::TestApp;

/// The products' ids in the order the feed shows them.
fn order_of(page: &str) -> Vec<String> {
    page.split(r#"data-product=""#)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect()
}

#[tokio::test]
async fn a_buyer_of_yak_meat_sees_meat_and_dairy_before_handicrafts() {
    let app = TestApp::spawn().await;
    let craft = stall_of(&app, "a@example.cn", "唐卡", "880.00", "handicrafts").await;
    let butter = stall_of(&app, "b@example.cn", "牦牛酥油", "58.00", "dairy").await;
    let yak = stall_of(&app, "c@example.cn", "牦牛肉", "128.00", "meat").await;
    let jerky = stall_of(&app, "d@example.cn", "风干牦牛肉", "98.00", "meat").await;
    let id = |s: &support::market::Stall| s.item.product.to_string();

    let (status, page) = app.visitor().page_en("/feed").await;
    assert_eq!(status, 200);
    assert_eq!(
        order_of(&page).len(),
        4,
        "a visitor sees everything on sale"
    );

    let buyer = app.account("wang@example.cn", &[Role::Buyer]).await;
    paid_order(&app, &buyer, &yak, 1).await;
    let visitor = app.visitor();
    visitor.sign_in("wang@example.cn").await;
    let (_, page) = visitor.page_en("/feed").await;
    let order = order_of(&page);
    assert_eq!(
        order[..2],
        [id(&yak), id(&jerky)],
        "the shop bought from, then its kind"
    );
    assert_eq!(order[2..], [id(&butter), id(&craft)]);
    assert!(page.contains("Picked for you"));
}
