//! The GS1 pages: the hub sets the county's company prefix; a producer types their product's
//! GTIN (a wrong check digit names the right one) or takes the next free one under the prefix,
//! and limits it to batches that passed inspection.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use support::market::stall;
use support::TestApp;

#[tokio::test]
async fn the_hub_sets_the_prefix_and_a_producer_takes_a_gtin_under_it() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68").await;
    let trace_page = format!("/console/products/{}/trace", goji.item.product);
    let producer = app.visitor();
    producer.sign_in("zhuoma@example.cn").await;
    let (status, page) = producer.page_en(&trace_page).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("id=\"no-prefix\""),
        "no prefix yet: only typing"
    );

    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let (status, page) = hub
        .post_en("/hub/settings/gs1", &[("company_prefix", "69012")])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("GS1 company prefix: "), "{page}");
    let (status, _) = hub
        .post_en("/hub/settings/gs1", &[("company_prefix", "6901234")])
        .await;
    assert_eq!(status, 303);
    assert!(hub
        .page_en("/hub/settings/gs1")
        .await
        .1
        .contains("value=\"6901234\""));

    let (status, page) = producer
        .post_en(&trace_page, &[("gtin", "6901234567893")])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("GTIN: the check digit should be 2"), "{page}");
    assert!(
        page.contains("value=\"6901234567893\""),
        "what was typed stays"
    );

    let (status, _) = producer
        .post_en(
            &trace_page,
            &[("assign_gtin", "1"), ("passed_batches_only", "1")],
        )
        .await;
    assert_eq!(status, 303);
    let (_, page) = producer.page_en(&trace_page).await;
    assert!(page.contains("value=\"06901234000016\""), "{page}");
    let trace = app
        .services
        .product_trace_settings(&goji.producer, &goji.item.product)
        .await
        .unwrap();
    assert!(trace.passed_batches_only);
    assert_eq!(trace.gtin.unwrap().as_str(), "06901234000016");
}
