//! After-sales over HTTP: a buyer asks for a refund with a photo, the shop approves, the
//! sandbox's refund callback reaches the real endpoint and the order is refunded with its ledger
//! entry; a return goes back to the shop before the refund; a rejection is escalated and the
//! hub rules; bad requests get per-field messages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::after_sales::AfterSaleStatus;
use farmgate_domain::id::{OrderId, PayoutRunId};
use farmgate_domain::order::OrderStatus;
use farmgate_domain::role::Role;
use farmgate_media::{Rendition, Subject};
use farmgate_payments::sandbox::REFUND_SETTLES_AFTER_MILLIS;
use farmgate_services::new_id;
use farmgate_store::{AfterSaleRecord, OrderRecord};
use reqwest::multipart::{Form, Part};
use support::market::{as_actor, paid_order, stall, Http, Stall};
use support::{TestApp, Visitor};

fn photo() -> Vec<u8> {
    farmgate_media::demo_photo(Subject::BlackGoji, 3)
        .unwrap()
        .rendition(Rendition::Card)
        .unwrap()
        .to_vec()
}

/// Posts the request form as the browser does, in English so messages can be matched.
async fn ask(
    visitor: &Visitor,
    order: &OrderId,
    fields: &[(&str, &str)],
    photo: Option<Vec<u8>>,
) -> reqwest::Response {
    let mut form = Form::new().text("csrf", visitor.csrf().await);
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    if let Some(bytes) = photo {
        form = form.part("photos", Part::bytes(bytes).file_name("goji.jpg"));
    }
    visitor
        .client
        .post(visitor.url(&format!("/orders/{order}/after-sales")))
        .header("accept-language", "en")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// As `bought`, and the stall has shipped the order.
async fn shipped(app: &TestApp) -> (Visitor, Visitor, Stall, OrderRecord) {
    let bought = bought(app).await;
    let (_, _, stall, order) = &bought;
    app.services
        .ship_order(&stall.producer, &order.id, "顺丰", "SF1234567890")
        .await
        .unwrap();
    bought
}

/// A signed-in buyer with a paid order from a new stall, and the stall's producer signed in.
async fn bought(app: &TestApp) -> (Visitor, Visitor, Stall, OrderRecord) {
    let stall = stall(app, "farm@example.cn", "柴达木黑枸杞", "68.00").await;
    let account = app.account("buyer@example.cn", &[Role::Buyer]).await;
    let order = paid_order(app, &account, &stall, 2).await;
    let visitor = app.visitor();
    visitor.sign_in("buyer@example.cn").await;
    let producer = app.visitor();
    producer.sign_in("farm@example.cn").await;
    (visitor, producer, stall, order)
}

async fn only_case(app: &TestApp, order: &OrderRecord) -> AfterSaleRecord {
    let mut cases = app
        .services
        .store
        .after_sales_of_order(&order.id)
        .await
        .unwrap();
    assert_eq!(cases.len(), 1);
    cases.remove(0)
}

/// The sandbox's refunds settle; their signed callbacks are posted to the real endpoint.
async fn refund_callbacks(app: &TestApp) -> usize {
    let later = app
        .services
        .clock
        .now()
        .plus_millis(REFUND_SETTLES_AFTER_MILLIS);
    app.sandbox
        .deliver_due(&Http, later)
        .await
        .unwrap()
        .acknowledged
}

#[tokio::test]
async fn a_refund_with_a_photo_is_approved_paid_back_and_booked() {
    let app = TestApp::spawn().await;
    let (visitor, producer, _, order) = shipped(&app).await;
    let form = visitor
        .page(&format!("/orders/{}/after-sales/new", order.id))
        .await;
    assert!(
        form.contains(&order.total.to_string()),
        "the refundable amount is shown"
    );

    let asked = ask(
        &visitor,
        &order.id,
        &[
            ("kind", "refund_only"),
            ("reason", "damaged"),
            ("amount", ""),
            ("description", "三盒压坏了"),
        ],
        Some(photo()),
    )
    .await;
    assert_eq!(asked.status(), 303);
    let case = only_case(&app, &order).await;
    assert_eq!((case.amount, case.photos.len()), (order.total, 1));
    let orders = visitor.page("/orders").await;
    assert!(orders.contains(r#"data-status="requested""#), "{orders}");
    let thumb = format!("/photos/{}/thumb.jpg", case.photos[0]);
    assert!(orders.contains(&thumb));
    assert_eq!(
        visitor.get(&thumb).await.status(),
        200,
        "the photo is stored"
    );

    let console = producer
        .page(&format!("/console/shops/{}/after-sales", order.shop_id))
        .await;
    assert!(console.contains(&format!("/console/after-sales/{}/approve", case.id)));
    let approved = producer
        .post_form(&format!("/console/after-sales/{}/approve", case.id), &[])
        .await;
    assert_eq!(approved.status(), 303);
    assert_eq!(
        refund_callbacks(&app).await,
        1,
        "the refund callback was acknowledged"
    );

    let refunded = only_case(&app, &order).await;
    assert_eq!(refunded.status, AfterSaleStatus::Refunded);
    let now = app.services.store.order(&order.id).await.unwrap().unwrap();
    assert_eq!(now.order.status, OrderStatus::Refunded);
    let clearing = app.services.store.balance_of("provider_clearing").await;
    assert_eq!(clearing.unwrap().minor(), 0, "captured, then refunded once");
    let escrow = format!("order_escrow:{}", order.shop_id);
    let held = app.services.store.balance_of(&escrow).await.unwrap();
    assert_eq!(held.minor(), 0, "the refund came out of escrow");
    let orders = visitor.page("/orders").await;
    assert!(orders.contains(r#"data-status="refunded""#));
}

#[tokio::test]
async fn a_rejection_is_escalated_and_the_hub_refunds_part() {
    let app = TestApp::spawn().await;
    let (visitor, producer, _, order) = bought(&app).await;
    let asked = ask(
        &visitor,
        &order.id,
        &[
            ("kind", "refund_only"),
            ("reason", "no_longer_wanted"),
            ("amount", "40"),
        ],
        None,
    )
    .await;
    assert_eq!(asked.status(), 303);
    let case = only_case(&app, &order).await;
    let reject = format!("/console/after-sales/{}/reject", case.id);
    assert_eq!(
        producer
            .post_form(&reject, &[("reason", "")])
            .await
            .status(),
        422
    );
    assert_eq!(
        producer
            .post_form(&reject, &[("reason", "已经打包好了")])
            .await
            .status(),
        303
    );
    let orders = visitor.page("/orders").await;
    assert!(orders.contains("已经打包好了"), "the buyer sees why");
    let escalate = format!("/after-sales/{}/escalate", case.id);
    assert_eq!(producer.post_form(&escalate, &[]).await.status(), 404);
    assert_eq!(visitor.post_form(&escalate, &[]).await.status(), 303);

    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let queue = hub.page("/hub/disputes").await;
    assert!(queue.contains(&format!("/hub/disputes/{}/rule", case.id)));
    let rule = format!("/hub/disputes/{}/rule", case.id);
    let too_much = hub
        .post_form(
            &rule,
            &[("ruling", "refund"), ("amount", "41"), ("note", "包装完好")],
        )
        .await;
    assert_eq!(too_much.status(), 422);
    assert!(too_much
        .text()
        .await
        .unwrap()
        .contains(r#"data-field="amount""#));
    let ruled = hub
        .post_form(
            &rule,
            &[("ruling", "refund"), ("amount", "25"), ("note", "各担一半")],
        )
        .await;
    assert_eq!(ruled.status(), 303);
    assert_eq!(refund_callbacks(&app).await, 1);

    let done = only_case(&app, &order).await;
    assert_eq!(
        (done.status, done.amount.minor()),
        (AfterSaleStatus::Refunded, 2_500)
    );
    let status = app.services.store.order(&order.id).await.unwrap().unwrap();
    assert_eq!(status.order.status, OrderStatus::Paid, "partly refunded");
    let queue = hub.page("/hub/disputes").await;
    assert!(queue.contains("no-disputes"));
}

/// The whole return loop on a delivered order whose money the shop was already paid: the shop
/// approves with the address the goods go back to, the buyer sends them with a carrier and a
/// tracking number, the shop confirms they arrived, the refund goes out, the order is refunded
/// and the shop owes the platform what its payable no longer held.
#[tokio::test]
async fn a_return_is_sent_back_received_and_refunded() {
    let app = TestApp::spawn().await;
    let (visitor, producer, stall, order) = shipped(&app).await;
    let confirmed = visitor
        .post_form(&format!("/orders/{}/confirm", order.id), &[])
        .await;
    assert_eq!(confirmed.status(), 303);
    app.services
        .set_shop_payee(
            &stall.producer,
            &stall.shop,
            "卓玛",
            "青海银行",
            "6228480012345678901",
        )
        .await
        .unwrap();
    let hub = as_actor(&app.account("hub@example.cn", &[Role::HubOperator]).await);
    let run = new_id::<PayoutRunId>().to_string();
    let paid = app.services.run_payouts(&hub, &run).await.unwrap().paid;
    assert_eq!(paid.len(), 1, "the shop was paid for it");

    let asked = ask(
        &visitor,
        &order.id,
        &[
            ("kind", "return_and_refund"),
            ("reason", "not_as_described"),
            ("amount", ""),
            ("description", "不是特级，颗粒很小"),
        ],
        Some(photo()),
    )
    .await;
    assert_eq!(asked.status(), 303);
    let case = only_case(&app, &order).await;
    let approve = format!("/console/after-sales/{}/approve", case.id);
    let no_address = producer.post_form(&approve, &[]).await;
    assert_eq!(no_address.status(), 422);
    let page = no_address.text().await.unwrap();
    assert!(page.contains(r#"data-field="return_address""#), "{page}");
    let address = "青海省海西州都兰县香日德镇 卓玛 13800138000";
    let approved = producer
        .post_form(&approve, &[("return_address", address)])
        .await;
    assert_eq!(approved.status(), 303);
    assert_eq!(
        only_case(&app, &order).await.status,
        AfterSaleStatus::AwaitingReturn
    );
    let receive = format!("/console/after-sales/{}/receive", case.id);
    assert_eq!(
        producer.post_form(&receive, &[]).await.status(),
        409,
        "nothing was sent back yet"
    );

    let orders = visitor.page("/orders").await;
    assert!(orders.contains(address), "the buyer reads where to send it");
    let send_back = format!("/after-sales/{}/return", case.id);
    assert!(orders.contains(&send_back));
    let bad = visitor
        .post_form(&send_back, &[("carrier", "顺丰"), ("tracking", "12")])
        .await;
    assert_eq!(bad.status(), 422);
    let page = bad.text().await.unwrap();
    assert!(page.contains(r#"data-field="tracking_number""#), "{page}");
    assert_eq!(
        producer
            .post_form(
                &send_back,
                &[("carrier", "顺丰"), ("tracking", "SF9876543210")]
            )
            .await
            .status(),
        404,
        "only the buyer sends it back"
    );
    let sent = visitor
        .post_form(
            &send_back,
            &[("carrier", "顺丰"), ("tracking", "SF9876543210")],
        )
        .await;
    assert_eq!(sent.status(), 303);
    let console = producer
        .page(&format!("/console/shops/{}/after-sales", order.shop_id))
        .await;
    assert!(console.contains("SF9876543210"), "the shop sees the parcel");
    assert!(console.contains(&receive));
    assert_eq!(
        refund_callbacks(&app).await,
        0,
        "no refund before it arrives"
    );
    assert_eq!(visitor.post_form(&receive, &[]).await.status(), 403);

    assert_eq!(producer.post_form(&receive, &[]).await.status(), 303);
    assert_eq!(refund_callbacks(&app).await, 1);
    let done = only_case(&app, &order).await;
    assert_eq!(
        (
            done.status,
            done.return_shipment.unwrap().tracking_no.as_str()
        ),
        (AfterSaleStatus::Refunded, "SF9876543210")
    );
    let now = app.services.store.order(&order.id).await.unwrap().unwrap();
    assert_eq!(now.order.status, OrderStatus::Refunded);
    let clearing = app.services.store.balance_of("provider_clearing").await;
    assert_eq!(clearing.unwrap().minor(), 0, "the buyer got it all back");
    let earnings = producer
        .page(&format!("/console/shops/{}/earnings", order.shop_id))
        .await;
    assert!(earnings.contains(r#"id="debt-note""#), "{earnings}");
    let owed = order.total.minor() - done.commission_reversed.unwrap().minor();
    assert!(earnings.contains(&format!("-¥{}.{:02}", owed / 100, owed % 100)));
}

/// Fields sent, a photo, and the field that must carry the message.
type BadRequest<'a> = (Vec<(&'a str, &'a str)>, Option<Vec<u8>>, &'a str);

#[tokio::test]
async fn bad_requests_get_a_message_on_the_field_and_store_nothing() {
    let app = TestApp::spawn().await;
    let (visitor, _, _, order) = shipped(&app).await;
    let base = [("kind", "refund_only"), ("description", "坏了")];
    let over = (order.total.minor() + 1) as f64 / 100.0;
    let over = format!("{over:.2}");
    let cases: Vec<BadRequest> = vec![
        (vec![("reason", ""), ("amount", "10")], None, "reason"),
        (vec![("reason", "other"), ("amount", &over)], None, "amount"),
        (vec![("reason", "other"), ("amount", "0")], None, "amount"),
        (
            vec![("reason", "damaged"), ("amount", "10")],
            Some(b"GIF89a not really a photo".to_vec()),
            "photos",
        ),
        (
            vec![("reason", "damaged"), ("amount", "10")],
            None,
            "photos",
        ),
    ];
    for (fields, photo, field) in cases {
        let mut all = base.to_vec();
        all.extend(fields);
        let response = ask(&visitor, &order.id, &all, photo).await;
        assert_eq!(response.status(), 422, "{all:?}");
        let page = response.text().await.unwrap();
        assert!(
            page.contains(&format!(r#"data-field="{field}""#)),
            "{all:?}: {page}"
        );
    }
    assert!(app
        .services
        .store
        .after_sales_of_order(&order.id)
        .await
        .unwrap()
        .is_empty());
    let stranger = app.signed_in("stranger@example.cn", &[Role::Buyer]).await;
    let theirs = ask(
        &stranger,
        &order.id,
        &[("kind", "refund_only"), ("reason", "other")],
        None,
    );
    assert_eq!(theirs.await.status(), 404, "only the buyer asks");
}
