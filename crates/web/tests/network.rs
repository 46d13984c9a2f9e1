//! The hub's logistics network pages: the map has one shape per site and marks villages without
//! a point, coverage follows the points, the forms add and edit records and refuse bad input
//! field by field without writing, and the import reports bad rows and writes nothing unless
//! the valid rows are asked for. No one but the hub gets in.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::role::Role;
use reqwest::multipart::{Form, Part};
use support::market::as_actor;
use support::{TestApp, Visitor, VILLAGE};

const HEADER: &str = "kind,code,name,lat,lon,hours,services,village,contact_name,contact_phone,plate,depot,capacity_kg,capacity_parcels,shift_start,shift_end,cost_per_km";

/// A warehouse, a station, a carrier and a vehicle: four records, all valid.
fn clean_file() -> String {
    format!(
        "{HEADER}\n\
         warehouse,XY-WH,雪源县仓储中心,36.300000,98.100000,07:00-20:00,,,,,,,,,,,\n\
         station,ST-01,香日德镇服务站,36.350000,98.200000,08:00-18:00,ecommerce express,,,,,,,,,,\n\
         carrier,ZTO,中通快递,,,,,,,,,,,,,,\n\
         vehicle,,,,,,,,,,青H12345,XY-WH,1500,300,07:30,18:30,2.40\n"
    )
}

/// `clean_file` with a third row whose latitude is no number.
fn file_with_one_bad_row() -> String {
    let mut file = clean_file();
    file.push_str("station,ST-09,坏站,north,98.2,08:00-18:00,post,,,,,,,,,,\n");
    file
}

async fn hub(app: &TestApp) -> Visitor {
    app.signed_in("hub@example.cn", &[Role::HubOperator]).await
}

async fn upload(visitor: &Visitor, csv: String, import_valid: bool) -> (u16, String) {
    let mut form = Form::new().text("csrf", visitor.csrf().await).part(
        "file",
        Part::bytes(csv.into_bytes()).file_name("network.csv"),
    );
    if import_valid {
        form = form.text("import_valid", "1");
    }
    let response = visitor
        .client
        .post(visitor.url("/hub/network/import"))
        .header("accept-language", "en")
        .multipart(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The page's SVG, and how many of each mark it draws.
struct Drawing {
    svg: String,
}

impl Drawing {
    fn of(page: &str) -> Self {
        let start = page
            .find("<svg id=\"network-map\"")
            .expect("the map is drawn");
        let end = start + page[start..].find("</svg>").unwrap();
        Self {
            svg: page[start..end].to_owned(),
        }
    }

    /// Lines from village points to stations: one `M…L…` each in the links' path.
    fn links(&self) -> usize {
        self.svg.find("class=\"links\"").map_or(0, |start| {
            self.svg[start..]
                .split("/>")
                .next()
                .unwrap()
                .matches('L')
                .count()
        })
    }

    /// Shapes in the group of that class.
    fn count(&self, class: &str, shape: &str) -> usize {
        let start = self.svg.find(&format!("class=\"{class}\"")).unwrap();
        let end = start + self.svg[start..].find("</g>").unwrap();
        self.svg[start..end].matches(&format!("<{shape} ")).count()
    }
}

const STATION_TWO: &[(&str, &str)] = &[
    ("kind", "station"),
    ("code", "ST-02"),
    ("name", "夏日哈镇服务站"),
    ("lat", "36.4"),
    ("lon", "98.0"),
    ("hours", "08:00-12:00 14:00-18:00"),
    ("services", "post bus_freight"),
];

const VILLAGE_POINT: &[(&str, &str)] = &[
    ("kind", "village_point"),
    ("code", "VP-01"),
    ("name", "沟里村服务点"),
    ("lat", "36.28"),
    ("lon", "98.05"),
    ("hours", "09:00-19:00"),
    ("village", VILLAGE),
    ("contact_name", "卓玛"),
    ("contact_phone", "13800001234"),
];

#[tokio::test]
async fn the_map_draws_each_site_once_and_coverage_follows_the_village_points() {
    let app = TestApp::spawn().await;
    let hub = hub(&app).await;
    assert!(hub.page("/hub").await.contains("href=\"/hub/network\""));
    let (status, body) = upload(&hub, clean_file(), false).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("4 records imported."), "{body}");

    let (_, page) = hub.page_en("/hub/network").await;
    let map = Drawing::of(&page);
    assert_eq!(map.count("warehouses", "rect"), 1);
    assert_eq!(map.count("stations", "polygon"), 1);
    assert_eq!(map.count("points", "circle"), 0);
    assert_eq!(map.count("unserved", "circle"), 1);
    assert!(map
        .svg
        .contains("<title>香日德镇服务站 · E-commerce, Express</title>"));
    assert!(map
        .svg
        .contains("<title>Gouli Village · Village without a point</title>"));
    assert!(
        page.contains("0 of 1 villages have a village point"),
        "{page}"
    );
    assert!(page.contains("<li>Express: 1 stations</li>"));
    assert!(page.contains("青H12345"));

    let (status, body) = hub.post_en("/hub/network/nodes/new", STATION_TWO).await;
    assert_eq!(status, 303, "{body}");
    let (status, body) = hub.post_en("/hub/network/nodes/new", VILLAGE_POINT).await;
    assert_eq!(status, 303, "{body}");

    let (_, page) = hub.page_en("/hub/network").await;
    let map = Drawing::of(&page);
    assert_eq!(map.count("stations", "polygon"), 2);
    assert_eq!(map.count("points", "circle"), 1);
    assert_eq!(map.count("unserved", "circle"), 0);
    assert_eq!(map.links(), 1, "a line to the nearest station");
    assert!(page.contains("1 of 1 villages have a village point"));
    assert!(page.contains("Every village has a village point."));
    assert!(page.contains("<li>Bus freight: 1 stations</li>"));

    let api: serde_json::Value = hub.get("/api/v1/network").await.json().await.unwrap();
    assert_eq!(api["nodes"].as_array().unwrap().len(), 4);
    assert_eq!(api["coverage"]["served"], 1);
    assert_eq!(api["coverage"]["villages"], 1);
    assert_eq!(api["vehicles"][0]["cost_per_km_fen"], 240);
}

#[tokio::test]
async fn the_demo_county_is_drawn_whole_in_a_few_kilobytes() {
    let app = TestApp::spawn().await;
    let plan = farmgate_demo::plan(7);
    let services = &app.services;
    services.store.upsert_places(&plan.places).await.unwrap();
    let account = app.account("hub@example.cn", &[Role::HubOperator]).await;
    let actor = as_actor(&account);
    for form in &plan.network.nodes {
        services
            .save_network_node(&actor, None, form)
            .await
            .unwrap();
    }
    for form in &plan.network.carriers {
        services.save_carrier(&actor, None, form).await.unwrap();
    }
    for form in &plan.network.vehicles {
        services.save_vehicle(&actor, None, form).await.unwrap();
    }
    let hub = app.visitor();
    hub.sign_in("hub@example.cn").await;

    let (_, page) = hub.page_en("/hub/network").await;
    let map = Drawing::of(&page);
    assert_eq!(map.count("warehouses", "rect"), 1);
    assert_eq!(map.count("stations", "polygon"), 8);
    assert_eq!(map.count("points", "circle"), 60);
    assert_eq!(map.count("unserved", "circle"), 4);
    assert_eq!(map.links(), 60);
    assert!(
        map.svg.len() < 8 * 1024,
        "the map weighs {} bytes",
        map.svg.len()
    );
    assert_eq!(page.matches("class=\"node-row\"").count(), 69);
    assert_eq!(page.matches("class=\"carrier-row\"").count(), 3);
    assert_eq!(page.matches("class=\"vehicle-row\"").count(), 6);
}

#[tokio::test]
async fn forms_edit_records_and_refuse_bad_input_field_by_field_without_writing() {
    let app = TestApp::spawn().await;
    let hub = hub(&app).await;
    upload(&hub, clean_file(), false).await;
    let store = &app.services.store;

    let carrier = store.carriers().await.unwrap().remove(0);
    let (status, form) = hub
        .page_en(&format!("/hub/network/carriers/{}", carrier.id))
        .await;
    assert_eq!(status, 200);
    assert!(form.contains("value=\"中通快递\""));
    let path = format!("/hub/network/carriers/{}", carrier.id);
    let (status, _) = hub
        .post_en(&path, &[("code", "ZTO"), ("name", "中通快递县城网点")])
        .await;
    assert_eq!(status, 303);
    let carriers = store.carriers().await.unwrap();
    assert_eq!(carriers.len(), 1, "edited, not added");
    assert_eq!(carriers[0].name, "中通快递县城网点");

    let vehicle = store.vehicles().await.unwrap().remove(0);
    let path = format!("/hub/network/vehicles/{}", vehicle.id);
    let (_, form) = hub.page_en(&path).await;
    assert!(form.contains("value=\"2.40\"") && form.contains("value=\"07:30\""));
    assert!(form.contains("<option value=\"XY-WH\" selected>"));

    let nodes_before = store.network_nodes().await.unwrap();
    let mut bad = STATION_TWO.to_vec();
    bad.retain(|(name, _)| !matches!(*name, "lat" | "services"));
    bad.push(("lat", "north"));
    let (status, body) = hub.post_en("/hub/network/nodes/new", &bad).await;
    assert_eq!(status, 422);
    assert!(
        body.contains("<span class=\"field-error\" data-field=\"lat\">Latitude:"),
        "{body}"
    );
    assert!(body.contains("data-field=\"services\""));
    assert!(
        body.contains("value=\"夏日哈镇服务站\""),
        "what was typed stays"
    );
    // A depot no one has (a crafted post: the form offers only real ones).
    let unknown_depot = [
        ("plate", "青H12345"),
        ("depot", "NOWHERE"),
        ("capacity_kg", "1500"),
        ("capacity_parcels", "300"),
        ("shift_start", "07:30"),
        ("shift_end", "18:30"),
        ("cost_per_km", "9.99"),
    ];
    let (status, body) = hub.post_en(&path, &unknown_depot).await;
    assert_eq!(status, 422);
    assert!(body.contains("data-field=\"depot\">Depot:"), "{body}");
    assert_eq!(store.network_nodes().await.unwrap(), nodes_before);
    assert_eq!(store.vehicles().await.unwrap(), vec![vehicle]);

    let (status, _) = hub.page_en("/hub/network/nodes/not-an-id").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn an_import_with_a_bad_row_writes_nothing_unless_the_valid_rows_are_asked_for() {
    let app = TestApp::spawn().await;
    let hub = hub(&app).await;
    let store = &app.services.store;

    let (status, body) = upload(&hub, file_with_one_bad_row(), false).await;
    assert_eq!(status, 422);
    assert!(body.contains("data-row=\"6\""), "{body}");
    assert!(body.contains("Latitude:"));
    assert!(store.network_nodes().await.unwrap().is_empty());
    assert!(store.carriers().await.unwrap().is_empty());
    assert!(store.vehicles().await.unwrap().is_empty());

    let (status, body) = upload(&hub, file_with_one_bad_row(), true).await;
    assert_eq!(status, 200);
    assert!(body.contains("4 records imported."));
    let codes: Vec<String> = store
        .network_nodes()
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.code)
        .collect();
    assert_eq!(codes, ["ST-01", "XY-WH"]);
    assert_eq!(store.vehicles().await.unwrap().len(), 1);

    let (status, body) = upload(&hub, "code,name\nZTO,中通\n".into(), false).await;
    assert_eq!(status, 422);
    assert!(body.contains("no kind column"));
}

#[tokio::test]
async fn only_the_hub_sees_or_changes_the_network() {
    let app = TestApp::spawn().await;
    let producer = app
        .signed_in("producer@example.cn", &[Role::Producer])
        .await;
    assert_eq!(producer.get("/hub/network").await.status(), 403);
    assert_eq!(producer.get("/api/v1/network").await.status(), 403);
    let (status, _) = producer
        .post_en(
            "/hub/network/carriers/new",
            &[("code", "SF"), ("name", "顺丰")],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = upload(&producer, clean_file(), false).await;
    assert_eq!(status, 403);
    assert!(app.services.store.carriers().await.unwrap().is_empty());
    assert!(app.services.store.network_nodes().await.unwrap().is_empty());
}
