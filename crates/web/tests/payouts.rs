//! Payouts over HTTP: a producer gives a bank account (checked field by field), the hub runs a
//! payout (resubmitting the same run pays nobody twice), and the earnings page shows the same
//! numbers as the orders and payouts behind them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::access::Actor;
use farmgate_domain::money::Money;
use farmgate_domain::role::Role;
use farmgate_store::{AccountRecord, OrderRecord, Page};
use support::market::{as_actor, paid_order, stall};
use support::TestApp;

/// Ships and confirms a paid order through the use cases.
async fn deliver(app: &TestApp, buyer: &AccountRecord, order: &OrderRecord) {
    let hub = Actor {
        roles: vec![Role::HubOperator],
        ..as_actor(buyer)
    };
    app.services
        .ship_order(&hub, &order.id, "顺丰", "SF1234567890")
        .await
        .unwrap();
    app.services
        .confirm_receipt(&as_actor(buyer), &order.id)
        .await
        .unwrap();
}

/// The value in `<… id="{id}"><b>…</b>` on the earnings page.
fn stat(page: &str, id: &str) -> String {
    let after = page.split(&format!("id=\"{id}\"><b>")).nth(1).unwrap();
    after.split("</b>").next().unwrap().to_owned()
}

/// The run key the payout page handed out.
fn run_key(page: &str) -> String {
    page.split("name=\"run\" value=\"").nth(1).unwrap()[..36].to_owned()
}

#[tokio::test]
async fn the_hub_pays_producers_once_per_run_and_the_earnings_page_adds_up() {
    let app = TestApp::spawn().await;
    let goji = stall(&app, "a@example.cn", "柴达木黑枸杞", "68.00").await;
    let salt = stall(&app, "b@example.cn", "茶卡湖盐", "12.50").await;
    let buyer = app.account("buyer@example.cn", &[Role::Buyer]).await;
    let sold = paid_order(&app, &buyer, &goji, 2).await;
    deliver(&app, &buyer, &sold).await;
    let held = paid_order(&app, &buyer, &goji, 1).await;
    let salt_sold = paid_order(&app, &buyer, &salt, 3).await;
    deliver(&app, &buyer, &salt_sold).await;
    let (shop_a, shop_b) = (&sold.shop_id, &salt_sold.shop_id);

    let producer = app.visitor();
    producer.sign_in("a@example.cn").await;
    let console = producer.page("/console").await;
    assert!(console.contains(&format!("/console/shops/{shop_a}/earnings")));
    let payee_url = format!("/console/shops/{shop_a}/payee");
    let refused = producer
        .post_form(
            &payee_url,
            &[
                ("holder", "卓"),
                ("bank", "农行都兰县支行"),
                ("number", "6228 48"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    for field in ["payee_holder", "payee_account"] {
        assert!(
            body.contains(&format!("data-field=\"{field}\"")),
            "{field}: {body}"
        );
    }
    assert!(!body.contains("data-field=\"payee_bank\""));
    assert!(
        body.contains("value=\"农行都兰县支行\""),
        "the form keeps what was typed"
    );
    let saved = producer
        .post_form(
            &payee_url,
            &[
                ("holder", "卓玛"),
                ("bank", "中国农业银行都兰县支行"),
                ("number", "6228 4800 1234 5678 901"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);

    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let payouts = hub.page("/hub/payouts").await;
    let owed_a = Money::fen(sold.total.minor() - sold.commission.minor());
    let owed_b = Money::fen(salt_sold.total.minor() - salt_sold.commission.minor());
    let row = |shop| {
        payouts
            .split(&format!("id=\"shop-{shop}\""))
            .nth(1)
            .unwrap()
            .split("</tr>")
            .next()
            .unwrap()
            .to_owned()
    };
    assert!(row(shop_a).contains(&format!("<td class=\"payable\">{owed_a}</td>")));
    assert!(row(shop_a).contains("**** 8901"));
    assert!(
        !payouts.contains("6228480012345678901"),
        "the hub sees only the last digits"
    );
    assert!(row(shop_b).contains(&format!("<td class=\"payable\">{owed_b}</td>")));
    assert!(
        row(shop_b).contains("未登记收款账户"),
        "no bank account yet"
    );

    let run = run_key(&payouts);
    for _ in 0..2 {
        let ran = hub.post_form("/hub/payouts", &[("run", &run)]).await;
        assert_eq!(ran.status(), 303);
        assert_eq!(
            ran.headers()["location"],
            format!("/hub/payouts?run={run}").as_str()
        );
    }
    let after = hub.page(&format!("/hub/payouts?run={run}")).await;
    assert_eq!(after.matches("class=\"run-payout\"").count(), 1);
    assert!(after.contains(&format!("<td class=\"amount\">{owed_a}</td>")));
    assert!(
        !after.contains(&format!("id=\"shop-{shop_a}\"")),
        "shop A is owed nothing now"
    );
    assert!(
        after.contains(&format!("id=\"shop-{shop_b}\"")),
        "shop B waits for an account"
    );
    let paid = app
        .services
        .store
        .payouts_of_shop(shop_a, Page::first(10))
        .await
        .unwrap();
    assert_eq!(paid.len(), 1, "the resubmitted run paid nobody twice");
    assert_eq!(paid[0].amount, owed_a);
    assert_eq!(
        hub.post_form("/hub/payouts", &[("run", "again")])
            .await
            .status(),
        422
    );
    assert_eq!(hub.get("/hub/payouts?run=junk").await.status(), 404);

    let earnings = producer
        .page(&format!("/console/shops/{shop_a}/earnings"))
        .await;
    assert_eq!(stat(&earnings, "held"), held.total.to_string());
    assert_eq!(stat(&earnings, "payable"), "¥0.00");
    assert_eq!(stat(&earnings, "paid-out"), owed_a.to_string());
    assert_eq!(stat(&earnings, "commission"), sold.commission.to_string());
    assert_eq!(
        earnings.matches("class=\"statement-line\"").count(),
        4,
        "two payments, a delivery and the payout"
    );
    assert!(earnings.contains(&format!("<td class=\"payable\">-{owed_a}</td>")));
    assert!(earnings.contains(&format!("<td class=\"payable\">+{owed_a}</td>")));
    assert!(earnings.contains(&format!("<td class=\"held\">+{}</td>", held.total)));
    assert!(earnings.contains(&paid[0].reference));
    assert_eq!(earnings.matches("class=\"payout\"").count(), 1);
    assert!(earnings.contains("id=\"payee-form\""));

    let seen_by_hub = hub.page(&format!("/console/shops/{shop_b}/earnings")).await;
    assert_eq!(stat(&seen_by_hub, "payable"), owed_b.to_string());
    assert!(seen_by_hub.contains("id=\"no-payouts\""));
    assert!(
        !seen_by_hub.contains("id=\"payee-form\""),
        "the hub cannot redirect a shop's money"
    );
    let stranger = app.signed_in("stranger@example.cn", &[Role::Buyer]).await;
    assert_eq!(
        stranger
            .get(&format!("/console/shops/{shop_a}/earnings"))
            .await
            .status(),
        403
    );
    assert_eq!(
        hub.get("/console/shops/not-an-id/earnings").await.status(),
        404
    );
    let unknown = "/console/shops/01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d0e/earnings";
    assert_eq!(hub.get(unknown).await.status(), 404);
    let far_page = format!("/console/shops/{shop_a}/earnings?page=9");
    assert!(producer
        .page(&far_page)
        .await
        .contains("id=\"no-statement\""));
}
