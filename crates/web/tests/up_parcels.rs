//! Produce going up over HTTP: a producer sends a paid order from the console (twice is one
//! parcel; a shop without a village point is told why), the warehouse hands it to a carrier
//! (the same carrier's number twice is a 409), the buyer's orders show the whole path, and
//! the public tracking page and API mask the villager.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::parcel::{ParcelCode, ParcelStage};
use farmgate_domain::role::Role;
use farmgate_services::parcels::Scan;
use farmgate_store::ParcelFilter;
use support::market::{as_actor, paid_order, stall};
use support::network::{county_network, Net};
use support::{TestApp, Visitor};

/// The parcel scanned in at the county warehouse.
async fn receive(app: &TestApp, net: &Net, code: &ParcelCode) {
    let email = format!("scanner-{}@example.cn", code.as_str());
    let staff = app.account(&email, &[Role::Logistics]).await;
    let scan = Scan {
        code: code.clone(),
        stage: ParcelStage::Received,
        at: None,
        node: Some(net.warehouse.id.clone()),
        run: None,
    };
    app.services
        .scan_parcel(&as_actor(&staff), &scan)
        .await
        .unwrap();
}

async fn hand_over(visitor: &Visitor, code: &str, carrier: &str, tracking: &str) -> (u16, String) {
    let response = visitor
        .post_form(
            "/logistics/handover",
            &[("code", code), ("carrier", carrier), ("tracking", tracking)],
        )
        .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn an_order_sent_up_from_the_console_is_handed_over_and_the_buyer_sees_its_path() {
    let app = TestApp::spawn().await;
    let farm = stall(&app, "farm@example.cn", "黑枸杞", "68.00").await;
    let buyer = app.account("buyer@example.cn", &[Role::Buyer]).await;
    let order = paid_order(&app, &buyer, &farm, 2).await;
    let producer = app.visitor();
    producer.sign_in("farm@example.cn").await;
    let send_up = format!("/console/orders/{}/send-up", order.id);
    let fields = [("weight", ""), ("contact_phone", "139 1234 5678")];

    let unserved = producer.post_form(&send_up, &fields).await;
    assert_eq!(unserved.status(), 409);
    assert!(unserved.text().await.unwrap().contains("还没有村级服务点"));

    let net = county_network(&app).await;
    let carrier = net.carrier.id.to_string();
    let wanting_sf = [fields[0], fields[1], ("carrier", carrier.as_str())];
    for _ in 0..2 {
        let sent = producer.post_form(&send_up, &wanting_sf).await;
        assert_eq!(sent.status(), 303);
    }
    let filter = ParcelFilter {
        order: Some(order.id.clone()),
        ..ParcelFilter::default()
    };
    let parcels = app.services.store.parcels(&filter).await.unwrap();
    assert_eq!(parcels.len(), 1, "sending twice is one parcel");
    let code = parcels[0].code.as_str().to_owned();
    let console = producer
        .page(&format!("/console/shops/{}/orders", farm.shop))
        .await;
    assert!(console.contains("县域共配网络"));
    assert!(console.contains("已申报于 河湾村服务点"));

    receive(&app, &net, &parcels[0].code).await;
    let staff = app
        .signed_in("warehouse@example.cn", &[Role::Logistics])
        .await;
    let queue = staff.page("/logistics/handover").await;
    assert!(queue.contains(&code) && queue.contains("西宁市 城西区"));
    assert!(
        queue.contains("<h2>顺丰速运</h2>"),
        "grouped by the carrier wanted"
    );
    let (status, body) = hand_over(&staff, &code, &carrier, "SF1234567890").await;
    assert_eq!(status, 200);
    assert!(body.contains("已交给 顺丰速运"));
    let (status, body) = hand_over(&staff, &code, &carrier, "SF1234567890").await;
    assert_eq!(status, 200);
    assert!(body.contains("此前已交接"));

    // Produce sent up with the same carrier's number is refused.
    let produce = producer
        .post_form(
            &format!("/console/shops/{}/produce", farm.shop),
            &[
                ("recipient", "王芳"),
                ("phone", "13800138000"),
                ("destination", "西宁市城中区"),
                ("weight", "2.5"),
                ("contact_phone", "13912345678"),
            ],
        )
        .await;
    assert_eq!(produce.status(), 303);
    let produce_code = produce.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/track/")
        .to_owned();
    receive(&app, &net, &ParcelCode::parse(&produce_code).unwrap()).await;
    let (status, body) = hand_over(&staff, &produce_code, &carrier, "sf-1234-5678-90").await;
    assert_eq!(status, 409);
    assert!(body.contains("已用于另一个包裹"));

    let buyer_visitor = app.visitor();
    buyer_visitor.sign_in("buyer@example.cn").await;
    let orders = buyer_visitor.page("/orders").await;
    for step in [
        "已申报于 河湾村服务点",
        "已入库于 雪源县仓储中心",
        "已交给 顺丰速运 SF1234567890",
    ] {
        assert!(orders.contains(step), "{step}");
    }
    let shipment = app.services.store.order(&order.id).await.unwrap().unwrap();
    let shipment = shipment.order.shipment.unwrap();
    assert_eq!(
        (shipment.carrier.as_str(), shipment.tracking_no.as_str()),
        ("sf", "SF1234567890")
    );
}

#[tokio::test]
async fn the_public_tracking_page_and_api_mask_the_villager() {
    let app = TestApp::spawn().await;
    let farm = stall(&app, "farm@example.cn", "黑枸杞", "68.00").await;
    county_network(&app).await;
    let produce = farm_produce(&app, &farm).await;

    let anyone = app.visitor();
    let response = anyone
        .client
        .get(anyone.url(&format!("/track/{produce}")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("测*") && page.contains("139****5678"));
    assert!(!page.contains("13912345678") && !page.contains("测试用户"));
    assert!(page.contains("Declared at 河湾村服务点"));

    let json: serde_json::Value =
        reqwest::get(app.url(&format!("/api/v1/parcels/{produce}/events")))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(json["villager_phone"], "139****5678");
    assert_eq!(json["direction"], "up");
    assert_eq!(json["events"][0]["stage"], "declared");
    assert_eq!(json["events"][0]["place"], "河湾村服务点");
    assert!(!json.to_string().contains("13912345678"));

    let unknown = ParcelCode::from_number(1).as_str().to_owned();
    for path in [
        format!("/track/{unknown}"),
        format!("/api/v1/parcels/{unknown}/events"),
        "/track/not-a-code".to_owned(),
    ] {
        assert_eq!(anyone.get(&path).await.status(), 404, "{path}");
    }
}

/// Produce the stall's producer declares: its parcel code.
async fn farm_produce(app: &TestApp, farm: &support::market::Stall) -> String {
    let form = farmgate_domain::parcel_up::ProduceForm {
        recipient: "王芳".into(),
        phone: "13800138000".into(),
        destination: "西宁市城中区".into(),
        weight_kg: "1".into(),
        carrier_wanted: String::new(),
    };
    let parcel = app
        .services
        .declare_produce(&farm.producer, &farm.shop, &form, "13912345678")
        .await
        .unwrap();
    parcel.code.as_str().to_owned()
}

#[tokio::test]
async fn the_demo_buyer_sees_a_whole_path_and_the_warehouse_has_parcels_to_hand_over() {
    let app = TestApp::spawn().await;
    let plan = farmgate_demo::plan(farmgate_demo::DEFAULT_SEED);
    app.services
        .seed_demo(
            farmgate_demo::DEFAULT_SEED,
            &plan,
            farmgate_services::demo::DemoHistory::LeftOut,
            &mut |_| {},
        )
        .await
        .unwrap();
    let up = farmgate_store::ParcelFilter {
        direction: Some(farmgate_domain::parcel::Direction::Up),
        ..ParcelFilter::default()
    };
    let parcels = app.services.store.parcels(&up).await.unwrap();
    let count = |stage| parcels.iter().filter(|p| p.stage == stage).count();
    assert_eq!(
        (
            count(ParcelStage::Declared),
            count(ParcelStage::Received),
            count(ParcelStage::HandedOver)
        ),
        (5, 2, 1)
    );
    assert_eq!(parcels.iter().filter(|p| p.order.is_none()).count(), 3);

    let demo = |local: &str| format!("{local}@{}", farmgate_demo::EMAIL_DOMAIN);
    let sign_in = |email: String| {
        let visitor = app.visitor();
        async move {
            let csrf = visitor.csrf().await;
            let fields = [
                ("email", email.as_str()),
                ("password", farmgate_demo::DEMO_PASSWORD),
                ("csrf", csrf.as_str()),
            ];
            let response = visitor
                .client
                .post(visitor.url("/signin"))
                .form(&fields)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 303);
            visitor
        }
    };
    let orders = sign_in(demo("buyer")).await.page("/orders").await;
    for step in [
        "已申报于",
        "已揽收",
        "已入库于",
        "已交给 中通快递 78002611230001",
    ] {
        assert!(orders.contains(step), "{step}");
    }
    let queue = sign_in(demo("logistics"))
        .await
        .page("/logistics/handover")
        .await;
    assert_eq!(queue.matches("class=\"card handover-parcel\"").count(), 2);
    assert!(queue.contains("<h2>圆通速递</h2>") && queue.contains("<h2>任一快递公司</h2>"));
}
