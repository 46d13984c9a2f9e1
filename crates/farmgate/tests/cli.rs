//! The `farmgate` command as a person runs it: the demo is generated once and reused, `serve`
//! answers on the port it prints, and a backup restores to the same data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::time::Timestamp;
use farmgate_store::sql::SqlStore;
use farmgate_store::{Accounts, Breakdown, Network, RollupScope, Rollups, ShopFilter, Shops};
use support::{farmgate, run, serve};

async fn counts(db: &Path) -> (i64, i64) {
    let store = SqlStore::open_sqlite(db).await.unwrap();
    let shops = store.count_shops(&ShopFilter::default()).await.unwrap();
    let accounts = store.count_accounts().await.unwrap();
    store.close().await;
    (shops, accounts)
}

/// Network nodes, carriers and vehicles.
async fn network_counts(db: &Path) -> (usize, usize, usize) {
    let store = SqlStore::open_sqlite(db).await.unwrap();
    let nodes = store.network_nodes().await.unwrap().len();
    let carriers = store.carriers().await.unwrap().len();
    let vehicles = store.vehicles().await.unwrap().len();
    store.close().await;
    (nodes, carriers, vehicles)
}

/// The rollups' monthly sales (goods paid, orders) over the two years before today.
async fn history_by_month(db: &Path) -> Vec<(String, i64, i64)> {
    let store = SqlStore::open_sqlite(db).await.unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let today = CivilDate::in_china(Timestamp::from_millis(now.as_millis() as i64));
    let scope = RollupScope::days(today.plus_days(-800), today);
    let months = store.sales_by(&scope, Breakdown::Month).await.unwrap();
    store.close().await;
    months
        .into_iter()
        .map(|(month, f)| (month, f.paid_minor, f.orders))
        .collect()
}

#[tokio::test]
async fn the_demo_is_generated_once_and_served_from_the_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let first = run(farmgate(data.path()).args(["demo"]));
    assert!(first.contains("Demo county generated (seed"), "{first}");
    let second = run(farmgate(data.path()).args(["demo"]));
    assert!(
        second.contains("Using the demo county already in the data folder"),
        "{second}"
    );
    let (shops, accounts) = counts(&data.path().join("farmgate.db")).await;
    assert_eq!(shops, 200);
    assert!(
        accounts > 200,
        "role accounts, producers and applicants: {accounts}"
    );
    let months = history_by_month(&data.path().join("farmgate.db")).await;
    assert!(months.len() >= 24, "two years of history: {months:?}");
    let orders: i64 = months.iter().map(|m| m.2).sum();
    let paid: i64 = months.iter().map(|m| m.1).sum();
    assert!(orders > 20_000, "{orders} orders");
    assert!(paid > 500_000_000, "¥{} sold", paid / 100);
    let network = network_counts(&data.path().join("farmgate.db")).await;
    assert_eq!(
        network,
        (1 + 8 + 60, 3, 6),
        "the county's logistics network"
    );

    let (mut child, base) = serve(data.path(), &["--demo"]);
    let page = |path: &str| {
        let url = format!("{base}{path}");
        async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
    };
    let home = page("/").await;
    let live = page("/live").await;
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(home.contains("producer@demo.farmgate.test"));
    assert!(home.contains(r#"id="demo-accounts""#));
    assert!(
        live.contains("雪源县高原枸杞田间直播"),
        "a session is on air"
    );
    assert!(
        live.contains("明天上午：牦牛肉与青稞新品预告"),
        "one is announced"
    );
}

#[tokio::test]
async fn a_backup_restores_to_the_same_data_and_a_bad_file_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    run(farmgate(data.path()).args(["demo"]));
    let (mut child, base) = serve(data.path(), &[]);
    let backup = data.path().join("backup.db");
    // Online: the server keeps running while the backup is taken.
    run(farmgate(data.path()).arg("backup").arg(&backup));
    assert_eq!(
        reqwest::get(format!("{base}/healthz"))
            .await
            .unwrap()
            .status(),
        200
    );
    child.kill().unwrap();
    child.wait().unwrap();

    let elsewhere = tempfile::tempdir().unwrap();
    run(farmgate(elsewhere.path()).arg("migrate"));
    let restored = run(farmgate(elsewhere.path()).arg("restore").arg(&backup));
    assert!(restored.contains("Restored"), "{restored}");
    assert_eq!(
        counts(&elsewhere.path().join("farmgate.db")).await,
        counts(&data.path().join("farmgate.db")).await
    );
    let store = SqlStore::open_sqlite(&elsewhere.path().join("farmgate.db"))
        .await
        .unwrap();
    store.integrity_check().await.unwrap();
    assert!(store
        .account_by_email("hub@demo.farmgate.test")
        .await
        .unwrap()
        .is_some());
    store.close().await;

    let junk = data.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database").unwrap();
    let refused = farmgate(elsewhere.path())
        .arg("restore")
        .arg(&junk)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let (shops, _) = counts(&elsewhere.path().join("farmgate.db")).await;
    assert_eq!(shops, 200, "the store is untouched after a refused restore");
}

#[test]
fn a_bad_listen_address_is_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    let output = farmgate(data.path())
        .args(["serve", "--listen", "not-an-address"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("invalid value 'not-an-address'"));
}

#[test]
fn a_label_font_that_cannot_be_read_stops_the_start() {
    let data = tempfile::tempdir().unwrap();
    let output = farmgate(data.path())
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(["--label-font", "/nonexistent/NotoSansCJK-Regular.ttc:2"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot read the font file /nonexistent/NotoSansCJK-Regular.ttc"),
        "{stderr}"
    );
    assert!(
        !data.path().join("farmgate.db").exists(),
        "nothing was opened"
    );
}

#[tokio::test]
async fn a_running_server_keeps_its_data_folder_to_itself() {
    let data = tempfile::tempdir().unwrap();
    run(farmgate(data.path()).arg("migrate"));
    let (mut child, base) = serve(data.path(), &[]);
    let backup = data.path().join("backup.db");
    run(farmgate(data.path()).arg("backup").arg(&backup));
    let restore = farmgate(data.path())
        .arg("restore")
        .arg(&backup)
        .output()
        .unwrap();
    assert!(!restore.status.success());
    assert!(String::from_utf8_lossy(&restore.stderr).contains("stop it before you restore"));
    let second = farmgate(data.path())
        .args(["serve", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(
        !second.status.success(),
        "no second server on the same folder"
    );
    assert_eq!(
        reqwest::get(format!("{base}/readyz"))
            .await
            .unwrap()
            .status(),
        200,
        "the first one is unharmed"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    run(farmgate(data.path()).arg("restore").arg(&backup));
}

#[tokio::test]
async fn video_runs_beside_the_server_and_does_not_outlive_it() {
    if farmgate_video::testkit::video_tools_or_skip().is_none() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let port = farmgate_video::testkit::free_port().unwrap();
    let rtmp = format!("127.0.0.1:{port}");
    let (mut child, _) = serve(data.path(), &["--video", "--rtmp-port", &port.to_string()]);
    assert!(
        std::net::TcpStream::connect(&rtmp).is_ok(),
        "nginx takes pushes"
    );
    let conf = std::fs::read_to_string(data.path().join("video/nginx.conf")).unwrap();
    assert!(conf.contains(&format!("listen {rtmp};")));

    // SIGKILL: the server has no chance to stop nginx itself.
    child.kill().unwrap();
    child.wait().unwrap();
    let gone = farmgate_video::testkit::eventually(5, || async {
        std::net::TcpStream::connect(&rtmp).is_err().then_some(())
    })
    .await;
    assert!(gone.is_some(), "nginx outlived the server");
}

#[test]
fn the_store_exports_as_one_epcis_document() {
    let data = tempfile::tempdir().unwrap();
    let out = data.path().join("county.jsonld");
    let said = run(farmgate(data.path())
        .args(["export", "epcis", "--out"])
        .arg(&out)
        .args(["--public-url", "https://trace.example.cn"]));
    assert!(said.contains("Wrote 0 EPCIS events to"), "{said}");
    let text = std::fs::read_to_string(&out).unwrap();
    let document = farmgate_services::trace::epcis::EpcisDocument::read(&text).unwrap();
    assert_eq!(document.document_type, "EPCISDocument");
    assert_eq!(document.schema_version, "2.0");
    assert!(document.body.event_list.is_empty());
}

/// Paid goods and paid orders straight from the orders table: what the rollups must add up to.
async fn paid_in_orders(db: &Path) -> (i64, i64) {
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let row: (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(goods_minor), 0), COUNT(*) FROM orders WHERE paid_at IS NOT NULL",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    row
}

fn headline(summary: &serde_json::Value, id: &str) -> i64 {
    let headlines = summary["headlines"].as_array().unwrap();
    let found = headlines.iter().find(|h| h["id"] == id).unwrap();
    found["figure"]["now"].as_i64().unwrap()
}

#[tokio::test]
async fn stats_summary_adds_up_to_the_orders_and_survives_a_rebuild() {
    let data = tempfile::tempdir().unwrap();
    run(farmgate(data.path()).args(["demo"]));
    let summary = || {
        let printed = run(farmgate(data.path()).args([
            "stats",
            "summary",
            "--from",
            "2024-01-01",
            "--to",
            "2033-12-31",
        ]));
        serde_json::from_str::<serde_json::Value>(&printed).unwrap()
    };
    let before = summary();
    let (paid, orders) = paid_in_orders(&data.path().join("farmgate.db")).await;
    assert!(orders > 0, "the demo has paid orders");
    let sales = headline(&before, "online_retail_sales");
    assert_eq!(
        sales + headline(&before, "refunds"),
        paid,
        "goods paid, net of refunds"
    );
    assert_eq!(headline(&before, "orders"), orders);

    let rebuilt = run(farmgate(data.path()).args(["stats", "rebuild"]));
    assert!(
        rebuilt.contains(&format!("from {orders} paid orders")),
        "{rebuilt}"
    );
    assert_eq!(
        summary(),
        before,
        "the rebuild gives what payments and refunds wrote"
    );

    let refused = farmgate(data.path())
        .args([
            "stats",
            "summary",
            "--from",
            "2026-13-01",
            "--to",
            "2026-12-31",
        ])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("--from must be a date like 2026-07-01"),
        "{said}"
    );
}
