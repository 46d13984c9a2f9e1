//! The hub sets commission and shipping fees through its settings page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::address::ShippingZone;
use farmgate_domain::catalogue::Category;
use farmgate_domain::role::Role;
use support::TestApp;

#[tokio::test]
async fn the_hub_saves_commission_and_shipping_fees() {
    let app = TestApp::spawn().await;
    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let page = hub.get("/hub/settings").await.text().await.unwrap();
    assert!(
        page.contains(r#"name="default_percent" value="5.00""#),
        "the 5% default is shown"
    );

    let saved = hub
        .post_form(
            "/hub/settings/commission",
            &[("default_percent", "8"), ("rate_honey", "3.5")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let schedule = app.services.commission_schedule().await.unwrap();
    assert_eq!(schedule.rate_for(Category::Honey).basis_points(), 350);
    assert_eq!(schedule.rate_for(Category::Fruit).basis_points(), 800);

    let refused = hub
        .post_form("/hub/settings/commission", &[("default_percent", "45")])
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains(r#"data-field="default_percent""#));
    assert_eq!(
        app.services
            .commission_schedule()
            .await
            .unwrap()
            .default_rate()
            .basis_points(),
        800,
        "unchanged"
    );

    let shipping = hub
        .post_form(
            "/hub/settings/shipping",
            &[
                ("near_served", "1"),
                ("near_first", "6"),
                ("near_additional", "2"),
                ("near_free_over", "59"),
                ("far_first", "99"),
            ],
        )
        .await;
    assert_eq!(shipping.status(), 303);
    let template = app.services.shipping_template().await.unwrap();
    assert_eq!(
        template
            .rate(ShippingZone::Near)
            .unwrap()
            .first_fee()
            .minor(),
        600
    );
    assert!(
        template.rate(ShippingZone::Far).is_none(),
        "an unticked zone is not served"
    );
    let none = hub
        .post_form("/hub/settings/shipping", &[("near_first", "6")])
        .await;
    assert_eq!(none.status(), 422, "at least one zone must be served");

    let buyer = app.signed_in("buyer@example.cn", &[Role::Buyer]).await;
    assert_eq!(
        buyer
            .post_form("/hub/settings/commission", &[("default_percent", "1")])
            .await
            .status(),
        403
    );
}
