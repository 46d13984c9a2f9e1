//! The down flow over HTTP: a carrier announces parcels with its own token (idempotent, all or
//! nothing, 401 for any other token), the counter form reports each bad field, receiving names
//! the point, and collection by code counts a wrong code and refuses a second collection.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::parcel::ParcelStage;
use farmgate_domain::role::Role;
use farmgate_services::parcels::Scan;
use serde_json::{json, Value};
use support::market::as_actor;
use support::network::county_network;
use support::{TestApp, VILLAGE};

fn item(tracking: &str, destination: &str, weight_g: i64) -> Value {
    json!({
        "tracking": tracking,
        "destination": destination,
        "villager_name": "才让",
        "villager_phone": "13912345678",
        "weight_g": weight_g,
    })
}

async fn announce(app: &TestApp, token: &str, parcels: Vec<Value>) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/intake/parcels"))
        .bearer_auth(token)
        .header("accept-language", "en")
        .json(&json!({ "parcels": parcels }))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn a_carrier_announces_parcels_once_with_its_own_token_and_a_bad_item_writes_nothing() {
    let app = TestApp::spawn().await;
    let net = county_network(&app).await;
    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let (status, page) = hub
        .post_en(
            &format!("/logistics/carriers/{}/token", net.carrier.id),
            &[],
        )
        .await;
    assert_eq!(status, 200);
    let secret = page
        .split("id=\"carrier-token-secret\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap()
        .to_owned();
    assert!(secret.starts_with("fgc_"), "{secret}");
    assert!(!hub.page("/logistics/carriers").await.contains(&secret));

    let (status, first) = announce(&app, &secret, vec![item("SF1", "VP-1", 800)]).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["parcels"][0]["created"], true);
    let (status, again) = announce(&app, &secret, vec![item("SF1", "VP-1", 800)]).await;
    assert_eq!(status, 200);
    assert_eq!(again["parcels"][0]["created"], false);
    assert_eq!(again["parcels"][0]["code"], first["parcels"][0]["code"]);

    let (status, refusal) = announce(
        &app,
        &secret,
        vec![item("SF2", VILLAGE, 500), item("SF3", "VP-9", 0)],
    )
    .await;
    assert_eq!(status, 422, "{refusal}");
    let items = refusal["error"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["index"], 1);
    let fields: Vec<&str> = items[0]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["destination", "weight_g"]);
    let store = &app.services.store;
    assert!(store
        .parcel_by_tracking(&net.carrier.id, "SF2")
        .await
        .unwrap()
        .is_none());

    let (status, _) = announce(&app, "fgc_not-a-token", vec![item("SF4", "VP-1", 1)]).await;
    assert_eq!(status, 401);
    let (status, _) = hub
        .post_en(
            &format!("/logistics/carriers/{}/revoke", net.carrier.id),
            &[],
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = announce(&app, &secret, vec![item("SF4", "VP-1", 1)]).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn the_counter_form_reports_each_bad_field_and_receiving_names_the_point() {
    let app = TestApp::spawn().await;
    let net = county_network(&app).await;
    let staff = app.signed_in("staff@example.cn", &[Role::Logistics]).await;
    let carrier = net.carrier.id.to_string();
    let (status, page) = staff
        .post_en(
            "/logistics/intake",
            &[
                ("carrier", &carrier),
                ("tracking", "SF9"),
                ("destination", "VP-404"),
                ("villager_name", "才让"),
                ("villager_phone", "123"),
                ("weight_g", "100001"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    for field in ["destination", "villager_phone", "weight_g"] {
        assert!(
            page.contains(&format!("data-field=\"{field}\"")),
            "{field} has no message"
        );
    }
    assert!(page.contains("VP-404 is neither a village point"));

    let good = [
        ("carrier", carrier.as_str()),
        ("tracking", "SF9"),
        ("destination", VILLAGE),
        ("villager_name", "才让"),
        ("villager_phone", "13912345678"),
        ("weight_g", "2500"),
    ];
    let (status, page) = staff.post_en("/logistics/intake", &good).await;
    assert_eq!(status, 200);
    assert!(page.contains("it goes to VP-1"), "{page}");

    let (status, page) = staff
        .post_en("/logistics/receiving", &[("scanned", "SF9")])
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"received-point\""));
    assert!(page.contains("Already received"));
    let (status, _) = staff
        .post_en("/logistics/receiving", &[("scanned", "SF404")])
        .await;
    assert_eq!(status, 404);
    let sorting = staff.page("/logistics/sorting").await;
    assert!(sorting.contains("class=\"group-parcels\">1<"));
}

#[tokio::test]
async fn a_wrong_pickup_code_is_counted_and_a_parcel_is_not_collected_twice() {
    let app = TestApp::spawn().await;
    let net = county_network(&app).await;
    let account = app.account("point@example.cn", &[Role::Logistics]).await;
    let staff = app.visitor();
    staff.sign_in("point@example.cn").await;
    let actor = as_actor(&account);
    let receipts = app
        .services
        .intake_from_carrier(
            &net.carrier.id,
            &[farmgate_domain::parcel::IntakeForm {
                tracking: "SF7".into(),
                destination: "VP-1".into(),
                villager_name: "卓玛".into(),
                villager_phone: "13912345678".into(),
                weight_g: "900".into(),
            }],
        )
        .await
        .unwrap()
        .unwrap();
    let scan = Scan {
        code: receipts[0].code.clone(),
        stage: ParcelStage::AtPoint,
        at: None,
        node: Some(net.point.id.clone()),
        run: None,
    };
    let parcel = app
        .services
        .scan_parcel(&actor, &scan)
        .await
        .unwrap()
        .parcel;
    let right = parcel.pickup_code.clone().unwrap();
    app.services
        .send_pickup_notices(&farmgate_services::down::OutboxNotifier)
        .await
        .unwrap();
    let wrong = if right.as_str() == "000000" {
        "111111"
    } else {
        "000000"
    };
    let path = format!("/logistics/points/{}/collect", net.point.id);
    let label = parcel.code.to_string();

    let (status, page) = staff
        .post_en(&path, &[("parcel", &label), ("pickup_code", wrong)])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Wrong pickup code: 4 tries left"), "{page}");
    let stored = app
        .services
        .store
        .parcel(&parcel.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.wrong_pickup_codes, 1);

    let (status, page) = staff
        .post_en(&path, &[("parcel", ""), ("pickup_code", "12")])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Pickup code"), "{page}");

    let (status, page) = staff
        .post_en(
            &path,
            &[("parcel", &label), ("pickup_code", right.as_str())],
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("Parcel {label} handed to 卓玛")),
        "{page}"
    );
    let (status, page) = staff
        .post_en(
            &path,
            &[("parcel", &label), ("pickup_code", right.as_str())],
        )
        .await;
    assert_eq!(status, 409);
    assert!(page.contains("already been collected"), "{page}");

    // The notice went out through the built-in outbox and is listed; the console counts the
    // collection.
    let notices = staff.page("/logistics/notices").await;
    assert!(
        notices.contains(&format!("取件码 {}", right.as_str())),
        "{notices}"
    );
    let console = staff.page("/logistics").await;
    assert_eq!(
        console.matches("class=\"stage-count\">1<").count(),
        1,
        "{console}"
    );
}
