//! The commerce figures over HTTP: after two shops' orders are paid through the sandbox, the
//! dashboard page, its exports and the API show the same figures with their definitions; who
//! may see what (a producer only their shop, a buyer nothing); bad filters name their field.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use farmgate_domain::role::Role;
use serde_json::Value;
use support::market::{as_actor, paid_order, stall, Stall};
use support::TestApp;

/// Two goji shops; a buyer pays for two jars at one (¥256.00) and one at the other (¥98.00).
async fn market(app: &TestApp) -> (Stall, Stall) {
    let goji = stall(app, "goji@example.cn", "柴达木枸杞", "128.00").await;
    let quinoa = stall(app, "quinoa@example.cn", "高原藜麦", "98.00").await;
    let buyer = app.account("buyer@example.cn", &[Role::Buyer]).await;
    paid_order(app, &buyer, &goji, 2).await;
    paid_order(app, &buyer, &quinoa, 1).await;
    (goji, quinoa)
}

async fn token_for(app: &TestApp, email: &str, roles: &[Role]) -> String {
    let account = app.account(email, roles).await;
    app.services
        .create_api_token(&as_actor(&account), "stats")
        .await
        .unwrap()
        .secret
}

async fn get_en(app: &TestApp, path: &str, token: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .get(app.url(path))
        .bearer_auth(token)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

fn headline<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["headlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == id)
        .unwrap_or_else(|| panic!("no headline {id} in {json}"))
}

#[tokio::test]
async fn the_api_and_the_page_show_the_paid_orders_with_their_definitions() {
    let app = TestApp::spawn().await;
    market(&app).await;
    let token = token_for(&app, "analyst@example.cn", &[Role::Analyst]).await;

    let (status, summary) = get_en(&app, "/api/v1/stats/summary?period=year", &token).await;
    assert_eq!(status, 200, "{summary}");
    let sales = headline(&summary, "online_retail_sales");
    assert_eq!(sales["unit"], "fen");
    assert_eq!(sales["figure"]["now"], 35_400);
    assert_eq!(sales["figure"]["year_on_year"]["kind"], "no_base");
    assert_eq!(sales["figure"]["year_on_year"]["text"], "new");
    assert!(sales["definition"].as_str().unwrap().contains("seller"));
    assert_eq!(headline(&summary, "rural_sales")["figure"]["now"], 35_400);
    assert_eq!(
        headline(&summary, "agricultural_primary_sales")["figure"]["now"],
        35_400
    );
    assert_eq!(headline(&summary, "down_sales")["figure"]["now"], 0);
    assert_eq!(headline(&summary, "orders")["figure"]["now"], 2);
    assert_eq!(headline(&summary, "buyers")["figure"]["now"], 1);
    assert_eq!(summary["channels"][0]["key"], "shelf");
    assert!(summary["buyers_note"].is_null());

    let (status, dashboard) = get_en(&app, "/api/v1/stats/dashboard?period=year", &token).await;
    assert_eq!(status, 200);
    assert_eq!(dashboard["top_products"][0]["name"], "柴达木枸杞");
    assert_eq!(dashboard["top_products"][0]["sales_fen"], 25_600);
    assert_eq!(dashboard["destinations"][0]["province"], "63");
    assert_eq!(dashboard["destinations"][0]["name"], "Qinghai");
    assert_eq!(dashboard["categories"][0]["key"], "fruit");
    assert_eq!(dashboard["places"][0]["level"], "township");

    // A week has no buyers to count, and says why.
    let (_, week) = get_en(&app, "/api/v1/stats/summary?period=week", &token).await;
    assert!(week["buyers_note"]
        .as_str()
        .unwrap()
        .contains("calendar month"));

    let analyst = app.visitor();
    analyst.sign_in("analyst@example.cn").await;
    let (status, page) = analyst.page_en("/stats?period=year").await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"stats-title\""));
    assert!(page.contains("¥354.00"), "{page}");
    assert!(page.contains("counted where the seller is registered"));
    assert!(page.contains("Sales by sellers located in the county and below"));
    assert!(page.contains("counted where the buyer is rather than the seller"));
    assert!(page.contains("A refund subtracts in the period it is paid back"));
    assert!(page.contains("<b class=\"yoy\">new</b>"));
    assert!(page.contains("<svg class=\"chart\""));
    assert!(page.contains("柴达木枸杞"));
    assert!(
        page.contains("/stats/export.xlsx?table=all&#38;period=year"),
        "{}",
        &page[page.find("export-xlsx-all").unwrap()..][..200]
    );
    assert!(!page.contains("id=\"buyers-note\""));

    // Another period shows another span and nothing sold in it.
    let (_, old) = analyst.page_en("/stats?period=day&date=2020-01-01").await;
    assert!(old.contains("2020-01-01 to 2020-01-01"), "{old}");
    assert!(old.contains("id=\"buyers-note\""));
    assert!(!old.contains("¥354.00"));

    let zh = analyst.page("/stats?period=year").await;
    assert!(zh.contains("网络零售额"));
    assert!(zh.contains("354.00元"));
    assert!(zh.contains("新增"));
}

#[tokio::test]
async fn a_producer_sees_only_their_shop_and_a_buyer_nothing() {
    let app = TestApp::spawn().await;
    let (goji, quinoa) = market(&app).await;
    let producer = app
        .services
        .create_api_token(&goji.producer, "stats")
        .await
        .unwrap()
        .secret;
    let (status, body) = get_en(&app, "/api/v1/stats/summary", &producer).await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "forbidden");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("County-wide figures are for the county hub"));
    let own = format!("/api/v1/stats/summary?period=year&shop={}", goji.shop);
    let (status, body) = get_en(&app, &own, &producer).await;
    assert_eq!(status, 200);
    assert_eq!(
        headline(&body, "online_retail_sales")["figure"]["now"],
        25_600
    );
    let other = format!("/api/v1/stats/dashboard?shop={}", quinoa.shop);
    let (status, body) = get_en(&app, &other, &producer).await;
    assert_eq!(status, 403);
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("your own shops"));

    let buyer = token_for(&app, "someone@example.cn", &[Role::Buyer]).await;
    assert_eq!(get_en(&app, "/api/v1/stats/dashboard", &buyer).await.0, 403);
    let hub = token_for(&app, "hub@example.cn", &[Role::HubOperator]).await;
    assert_eq!(get_en(&app, "/api/v1/stats/dashboard", &hub).await.0, 200);
    let anonymous = reqwest::get(app.url("/api/v1/stats/summary"))
        .await
        .unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);

    let visitor = app.visitor();
    visitor.sign_in("goji@example.cn").await;
    let (status, page) = visitor.page_en("/stats").await;
    assert_eq!(status, 403);
    assert!(page.contains("A producer sees their own shop"), "{page}");
    let console = visitor.page_en("/console").await.1;
    let link = format!("/stats?shop={}", goji.shop);
    assert!(console.contains(&link));
    let (status, page) = visitor.page_en(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Sales figures — 柴达木枸杞店"));
    assert!(page.contains("¥256.00"));
    assert!(!page.contains("¥354.00"));
    assert!(page.contains("id=\"down-note\""));
    let csv = format!("/stats/export.csv?table=headlines&shop={}", quinoa.shop);
    assert_eq!(visitor.page_en(&csv).await.0, 403);
    assert_eq!(visitor.page_en("/stats/export.xlsx?table=all").await.0, 403);
}

#[tokio::test]
async fn bad_filters_are_refused_field_by_field() {
    let app = TestApp::spawn().await;
    let token = token_for(&app, "analyst@example.cn", &[Role::Analyst]).await;
    let (status, body) = get_en(
        &app,
        "/api/v1/stats/summary?period=fortnight&place=63&channel=tv&top=0",
        &token,
    )
    .await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["period", "place", "channel", "top"]);
    let (status, body) = get_en(
        &app,
        "/api/v1/stats/dashboard?period=range&from=2026-03-01",
        &token,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("To"));

    let analyst = app.visitor();
    analyst.sign_in("analyst@example.cn").await;
    let (status, page) = analyst
        .page_en("/stats?period=fortnight&date=2026-02-30")
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("data-field=\"period\">Period: "), "{page}");
    assert!(page.contains("data-field=\"date\">A day in the period: "));
    assert!(page.contains("id=\"stats-filters\""));
    let (status, body) = analyst.page_en("/stats/export.csv?table=everything").await;
    assert_eq!(status, 422);
    assert!(body.contains("Table"));
    assert_eq!(analyst.page_en("/stats/export.csv?table=all").await.0, 422);
}

#[tokio::test]
async fn tables_download_as_csv_and_as_a_workbook_that_reads_back() {
    let app = TestApp::spawn().await;
    market(&app).await;
    app.account("analyst@example.cn", &[Role::Analyst]).await;
    let analyst = app.visitor();
    analyst.sign_in("analyst@example.cn").await;

    let response = analyst
        .client
        .get(analyst.url("/stats/export.csv?table=channels&period=year"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.contains("farmgate-channels-"), "{disposition}");
    let bytes = response.bytes().await.unwrap();
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Channel,Net sales,Share,Last year,Year on year,Period before,On the period before"
    );
    assert!(
        lines[1].starts_with("Shop shelf,354.00,100.00%,0.00,new,"),
        "{text}"
    );

    let response = analyst
        .client
        .get(analyst.url("/stats/export.xlsx?table=all&period=year"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let bytes = response.bytes().await.unwrap().to_vec();

    // The package as a spreadsheet opens it: the parts, then the cells.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
    let mut workbook_xml = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut workbook_xml)
        .unwrap();
    assert!(workbook_xml.contains("name=\"Top products\""));
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names().len(), 13);
    let headlines = workbook.worksheet_range("Online retail figures").unwrap();
    assert_eq!(
        headlines.get((1, 0)),
        Some(&Data::String("Online retail sales".into()))
    );
    assert_eq!(headlines.get((1, 2)), Some(&Data::Float(354.0)));
    assert_eq!(headlines.get((1, 4)), Some(&Data::String("new".into())));
    let products = workbook.worksheet_range("Top products").unwrap();
    assert_eq!(
        products.get((1, 1)),
        Some(&Data::String("柴达木枸杞".into()))
    );
    assert_eq!(products.get((1, 2)), Some(&Data::Float(256.0)));
    assert_eq!(products.get((1, 3)), Some(&Data::Float(1.0)));
}
