//! A flash sale survives `kill -9`: buyers hammer the real server over HTTP, it is killed
//! mid-sale and restarted on the same data folder, and then every purchase that was answered
//! 201 is in the database, no unit is sold twice, and the sale sells the rest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use farmgate_domain::access::Actor;
use farmgate_domain::availability::Season;
use farmgate_domain::catalogue::{Category, Grade};
use farmgate_domain::id::{FlashSaleId, LiveSessionId, ProductId};
use farmgate_domain::listing::ListingStatus;
use farmgate_domain::money::Money;
use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_domain::time::Timestamp;
use farmgate_domain::unit::{PackSize, SellingUnit};
use farmgate_services::live::LiveForm;
use farmgate_services::{new_id, Services};
use farmgate_store::sql::SqlStore;
use farmgate_store::{
    AccountRecord, Catalogue, FlashSales, ProductDetail, ProductRecord, ShopRecord, SkuRecord,
    Store,
};
use serde_json::{json, Value};
use support::{farmgate, run, serve};

const UNITS: i64 = 600;
const PER_BUYER: i64 = 3;
const BUYERS: usize = 300;
const SKU_STOCK: i64 = 1_000;
const VILLAGE: &str = "632830101201";

/// What the test set up in the data folder before the server started.
struct Stage {
    session: LiveSessionId,
    product: ProductId,
    sku: String,
    host_token: String,
    buyer_tokens: Vec<String>,
}

/// One 201: who bought, with which key, and the order it answered with.
#[derive(Clone, Debug)]
struct Acknowledged {
    buyer: usize,
    key: String,
    order: String,
    quantity: i64,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sale_killed_mid_rush_loses_no_acknowledged_purchase_and_sells_no_unit_twice() {
    let data = tempfile::tempdir().unwrap();
    run(farmgate(data.path()).arg("migrate"));
    let stage = stage(data.path()).await;

    let (mut server, base) = serve(data.path(), &[]);
    drain_stderr(&mut server);
    let sale = start_sale(&base, &stage).await;
    wait_until_open(&base, &sale).await;

    // Kill it while buyers are waiting for answers, once a good part of the sale has gone.
    let answered = Arc::new(AtomicUsize::new(0));
    let rushing = tokio::spawn(rush(
        base.clone(),
        sale.clone(),
        stage.buyer_tokens.clone(),
        "before",
        answered.clone(),
    ));
    let deadline = Instant::now() + Duration::from_secs(60);
    while answered.load(Ordering::Relaxed) < 150 {
        assert!(Instant::now() < deadline, "the rush was not answered");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let mut acknowledged = rushing.await.unwrap();
    assert!(acknowledged.len() >= 150);

    let (mut restarted, base) = serve(data.path(), &[]);
    drain_stderr(&mut restarted);
    let written = book(data.path(), &sale).await;
    check_consistent(&written, &acknowledged);

    let replayed = &acknowledged[0];
    let token = &stage.buyer_tokens[replayed.buyer];
    let (status, again) = buy(&base, &sale, token, &replayed.key, replayed.quantity).await;
    assert_eq!(status, 201, "{again}");
    assert_eq!(
        again["order_id"].as_str(),
        Some(replayed.order.as_str()),
        "same key, same order"
    );

    let after = rush(
        base.clone(),
        sale.clone(),
        stage.buyer_tokens.clone(),
        "after",
        answered,
    )
    .await;
    acknowledged.extend(after);
    let state = sale_state(&base, &sale).await;
    assert_eq!(
        (state["remaining"].as_i64(), state["phase"].as_str()),
        (Some(0), Some("sold_out"))
    );
    restarted.kill().unwrap();
    restarted.wait().unwrap();

    let written = book(data.path(), &sale).await;
    check_consistent(&written, &acknowledged);
    assert_eq!(written.sale.sold, UNITS, "the rest sold after the restart");
    let store = SqlStore::open_sqlite(&data.path().join("farmgate.db"))
        .await
        .unwrap();
    let sku = store.product(&stage.product).await.unwrap().unwrap().skus[0].stock;
    assert_eq!(sku, SKU_STOCK - UNITS, "the sale's units left the SKU once");
    store.close().await;
}

/// Every acknowledged purchase is in the database with the order it was answered with; the
/// database's count of sold units is what its purchases add up to, within the units and the
/// per-buyer limit.
fn check_consistent(book: &farmgate_store::FlashSaleBook, acknowledged: &[Acknowledged]) {
    let written: HashMap<&str, i64> = book
        .purchases
        .iter()
        .map(|p| (p.order_id.as_str(), p.quantity))
        .collect();
    for ack in acknowledged {
        assert_eq!(
            written.get(ack.order.as_str()),
            Some(&ack.quantity),
            "acknowledged {ack:?} is written"
        );
    }
    let total: i64 = book.purchases.iter().map(|p| p.quantity).sum();
    assert_eq!(book.sale.sold, total, "sold counts each written unit once");
    assert!(book.sale.sold <= UNITS);
    assert!(book.buyers.iter().all(|(_, bought)| *bought <= PER_BUYER));
    let mut per_buyer: HashMap<_, i64> = HashMap::new();
    for p in &book.purchases {
        *per_buyer.entry(p.buyer_id.clone()).or_default() += p.quantity;
    }
    for (buyer, bought) in &book.buyers {
        assert_eq!(per_buyer.get(buyer).copied().unwrap_or(0), *bought);
    }
}

async fn book(data: &Path, sale: &str) -> farmgate_store::FlashSaleBook {
    let store = SqlStore::open_sqlite(&data.join("farmgate.db"))
        .await
        .unwrap();
    let book = store
        .flash_sale_book(&FlashSaleId::new(sale))
        .await
        .unwrap()
        .unwrap();
    store.close().await;
    book
}

/// Buyers buy in turn from many connections until the sale says it is sold out or the server
/// stops answering; `answered` counts the 201s as they come.
async fn rush(
    base: String,
    sale: String,
    tokens: Vec<String>,
    round: &'static str,
    answered: Arc<AtomicUsize>,
) -> Vec<Acknowledged> {
    let sold_out = Arc::new(AtomicBool::new(false));
    let next = Arc::new(AtomicUsize::new(0));
    let tokens = Arc::new(tokens);
    let workers: Vec<_> = (0..32)
        .map(|_| {
            let (base, sale, tokens) = (base.clone(), sale.clone(), tokens.clone());
            let (sold_out, next, answered) = (sold_out.clone(), next.clone(), answered.clone());
            tokio::spawn(async move {
                let mut mine = Vec::new();
                while !sold_out.load(Ordering::Relaxed) {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let buyer = n % tokens.len();
                    let (key, quantity) = (format!("{round}-key-{n}"), 1 + (n % 2) as i64);
                    let Ok((status, body)) =
                        try_buy(&base, &sale, &tokens[buyer], &key, quantity).await
                    else {
                        break;
                    };
                    match status {
                        201 => {
                            let order = body["order_id"].as_str().unwrap().to_owned();
                            mine.push(Acknowledged {
                                buyer,
                                key,
                                order,
                                quantity,
                            });
                            answered.fetch_add(1, Ordering::Relaxed);
                        }
                        409 if body["error"]["message"] == "This flash sale is sold out." => {
                            sold_out.store(true, Ordering::Relaxed);
                        }
                        409 => {}
                        other => panic!("unexpected {other}: {body}"),
                    }
                }
                mine
            })
        })
        .collect();
    let mut acknowledged = Vec::new();
    for worker in workers {
        acknowledged.extend(worker.await.unwrap());
    }
    acknowledged
}

async fn try_buy(
    base: &str,
    sale: &str,
    token: &str,
    key: &str,
    quantity: i64,
) -> reqwest::Result<(u16, Value)> {
    let response = reqwest::Client::new()
        .post(format!("{base}/api/v1/flash-sales/{sale}/purchases"))
        .bearer_auth(token)
        .header("idempotency-key", key)
        .header("accept-language", "en")
        .json(&json!({ "quantity": quantity, "address": {
            "recipient": "王芳", "phone": "13800138000", "province": "63",
            "city": "西宁市", "county": "城西区", "detail": "五四大街 8 号" } }))
        .send()
        .await?;
    let status = response.status().as_u16();
    Ok((status, response.json().await?))
}

async fn buy(base: &str, sale: &str, token: &str, key: &str, quantity: i64) -> (u16, Value) {
    try_buy(base, sale, token, key, quantity).await.unwrap()
}

async fn start_sale(base: &str, stage: &Stage) -> String {
    let response = reqwest::Client::new()
        .post(format!("{base}/api/v1/live/{}/flash-sales", stage.session))
        .bearer_auth(&stage.host_token)
        .json(
            &json!({ "sku": stage.sku, "price_fen": 1_990, "stock_limit": UNITS,
            "per_buyer_limit": PER_BUYER, "countdown_seconds": 10, "duration_minutes": 30 }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let sale: Value = response.json().await.unwrap();
    sale["id"].as_str().unwrap().to_owned()
}

async fn sale_state(base: &str, sale: &str) -> Value {
    reqwest::get(format!("{base}/api/v1/flash-sales/{sale}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Polls the sale's state until its countdown is over.
async fn wait_until_open(base: &str, sale: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let state = sale_state(base, sale).await;
        if state["phase"] == "open" {
            return;
        }
        assert!(Instant::now() < deadline, "the sale never opened: {state}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Reads the server's log as it comes, so a full pipe never stalls it.
fn drain_stderr(child: &mut std::process::Child) {
    if let Some(mut stderr) = child.stderr.take() {
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            stderr.read_to_end(&mut sink).ok();
        });
    }
}

/// A shop with a listed product, a live session selling it, a host and buyers with API tokens,
/// written straight into the data folder's database before the server starts.
async fn stage(data: &Path) -> Stage {
    let sql = Arc::new(
        SqlStore::open_sqlite(&data.join("farmgate.db"))
            .await
            .unwrap(),
    );
    let store: Arc<dyn Store> = sql.clone();
    let services = Services::new(store.clone());
    let village = AreaCode::parse(VILLAGE).unwrap();
    let place = |code: &str, level| Place {
        code: AreaCode::parse(code).unwrap(),
        name_zh: "沟里村".into(),
        name_en: "Gouli".into(),
        urban_rural: UrbanRuralCode::parse(level).unwrap(),
        location: GeoPoint::new(36_300_000, 98_100_000).unwrap(),
    };
    store
        .upsert_places(&[
            place("632830000000", 121),
            place("632830101000", 210),
            place(VILLAGE, 220),
        ])
        .await
        .unwrap();
    let host = account(&store, "host@example.cn", Role::Producer).await;
    let shop = ShopRecord {
        id: new_id(),
        name: "卓玛家庭农场".into(),
        kind: ProducerKind::FamilyFarm,
        village: village.clone(),
        description: String::new(),
        created_at: Timestamp::from_millis(0),
    };
    store
        .insert_shop_with_owner(&shop, &host.account_id)
        .await
        .unwrap();
    let host = Actor {
        shops: vec![shop.id.clone()],
        ..host
    };
    let product = listed_product(&shop, village);
    store.insert_product(&product).await.unwrap();
    let form = LiveForm {
        title: "枸杞秒杀专场".into(),
        trailer: String::new(),
        starts_at: Some(services.clock.now()),
        products: vec![product.product.id.to_string()],
    };
    let session = services
        .schedule_live(&host, &shop.id, &form)
        .await
        .unwrap();
    services
        .live_publish_authorized(&session.stream_key)
        .await
        .unwrap();
    let host_token = services
        .create_api_token(&host, "obs")
        .await
        .unwrap()
        .secret;
    let mut buyer_tokens = Vec::with_capacity(BUYERS);
    for i in 0..BUYERS {
        let buyer = account(&store, &format!("buyer{i}@example.cn"), Role::Buyer).await;
        buyer_tokens.push(
            services
                .create_api_token(&buyer, "phone")
                .await
                .unwrap()
                .secret,
        );
    }
    sql.close().await;
    Stage {
        session: session.id,
        product: product.product.id.clone(),
        sku: product.skus[0].id.to_string(),
        host_token,
        buyer_tokens,
    }
}

async fn account(store: &Arc<dyn Store>, email: &str, role: Role) -> Actor {
    let record = AccountRecord {
        id: new_id(),
        email: email.into(),
        display_name: "测试".into(),
        password_hash: "x".into(),
        roles: vec![role],
        created_at: Timestamp::from_millis(0),
    };
    store.insert_account(&record).await.unwrap();
    Actor {
        account_id: record.id,
        roles: vec![role],
        shops: vec![],
    }
}

fn listed_product(shop: &ShopRecord, origin: AreaCode) -> ProductDetail {
    let id: ProductId = new_id();
    ProductDetail {
        product: ProductRecord {
            id: id.clone(),
            shop_id: shop.id.clone(),
            title: "柴达木黑枸杞".into(),
            title_en: String::new(),
            description: String::new(),
            category: Category::Fruit,
            grade: Grade::Special,
            origin,
            status: ListingStatus::Listed,
            review_reason: None,
            season: Season::ALL_YEAR,
            presale: None,
            sales: 0,
            created_at: Timestamp::from_millis(0),
            updated_at: Timestamp::from_millis(0),
        },
        skus: vec![SkuRecord {
            id: new_id(),
            product_id: id,
            position: 0,
            name: "250g".into(),
            pack: PackSize::new(SellingUnit::Gram, Some(250), Some(300)).unwrap(),
            price: Money::fen(6_800),
            stock: SKU_STOCK,
        }],
        photos: vec![],
    }
}
