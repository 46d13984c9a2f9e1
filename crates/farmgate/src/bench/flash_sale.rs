//! `farmgate bench flash-sale`: concurrent HTTP buyers on one flash sale over loopback, against
//! an embedded SQLite store. Each round gives the buyers a fresh sale of 100,000 units (the
//! most a sale may hold: accepted purchases are bounded by the units, so the measurement needs
//! many), then measures in turn the `/healthz` ceiling, purchases from that sale, purchases
//! from a sold-out sale (refusals), and the plain-`UPDATE` baseline (`flash_baseline.rs`).
//! Afterwards the database is checked: nothing oversold, every 201 written.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{ensure, Context};
use farmgate_domain::access::Actor;
use farmgate_domain::id::FlashSaleId;
use farmgate_services::flash_sale::FlashSaleForm;
use farmgate_services::live::LiveForm;
use farmgate_services::{FixedClock, Services};
use farmgate_store::{LiveSessionRecord, ProductDetail, Store};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::json;

use super::checkout::{buyers, hub_operator, product};
use super::flash_baseline;
use super::load::{self, created_or_conflict, MakeRequest, Sample, Sorted};
use super::server::BenchServer;
use super::DemoCounty;
use crate::cli::FlashSaleBenchArgs;

const CEILING_SHARE_TARGET: f64 = 0.5;
const BASELINE_TARGET: f64 = 20.0;
/// Units of each round's sale: the most a sale may hold.
const UNITS: &str = "100000";

pub async fn run(args: FlashSaleBenchArgs) -> anyhow::Result<()> {
    let data = tempfile::tempdir()?;
    let DemoCounty {
        sql,
        store,
        services,
        plan,
    } = DemoCounty::seed(data.path()).await?;
    let (connections, buyer_count) = match args.quick {
        true => (4, 100),
        false => (args.connections.max(1), args.buyers.max(1)),
    };
    let tokens = Arc::new(buyers(&services, &store, buyer_count).await?);
    let stage = Stage::new(&services, &store, &plan).await?;
    let baseline = flash_baseline::open(&data.path().join("baseline.db")).await?;

    let baseline_routes = flash_baseline::router(baseline.clone());
    let server = BenchServer::start(
        sql,
        services.clone(),
        Vec::new(),
        data.path(),
        Some(baseline_routes),
    )
    .await?;
    let base = &server.base;

    let rounds = if args.quick { 1 } else { args.rounds.max(1) };
    let seconds = if args.quick { 0.3 } else { args.seconds };
    let per_round = Duration::from_secs_f64(seconds / rounds as f64);
    println!(
        "farmgate bench flash-sale: {connections} connections, {buyer_count} buyers, {rounds} round(s) of {:.2} s per scenario, SQLite store, a fresh sale of {UNITS} units per round",
        per_round.as_secs_f64()
    );
    let sold_out = stage.sale(&services, "1").await?;
    let first = purchase(
        format!("{base}/api/v1/flash-sales/{sold_out}/purchases"),
        0,
        tokens.clone(),
    );
    let answer = first(&reqwest::Client::new(), 0, 0).send().await?;
    ensure!(
        answer.status() == StatusCode::CREATED,
        "could not buy the one unit: {}",
        answer.status()
    );

    let mut results = Results::default();
    let mut sales = Vec::with_capacity(rounds);
    let (none, healthz) = (HeaderMap::new(), format!("{base}/healthz"));
    for round in 1..=rounds {
        let sale = stage.sale(&services, UNITS).await?;
        let buying = format!("{base}/api/v1/flash-sales/{sale}/purchases");
        let refused = format!("{base}/api/v1/flash-sales/{sold_out}/purchases");
        let baseline = format!("{base}{}", flash_baseline::PATH);
        let (buying, refused, baseline) = (
            purchase(buying, round, tokens.clone()),
            purchase(refused, round, tokens.clone()),
            purchase(baseline, round, tokens.clone()),
        );
        let cpu = process_cpu_seconds();
        let ceiling = load::run(&healthz, &none, connections, per_round).await?;
        let cpu = results.cpu.add(0, cpu);
        results.ceiling.merge(ceiling);
        let sorted =
            load::run_sorted(buying, &none, connections, per_round, created_or_conflict).await?;
        let cpu = results.cpu.add(1, cpu);
        results.purchases.merge(sorted);
        let sorted =
            load::run_sorted(refused, &none, connections, per_round, created_or_conflict).await?;
        let cpu = results.cpu.add(2, cpu);
        results.refusals.merge(sorted);
        let sorted =
            load::run_sorted(baseline, &none, connections, per_round, created_or_conflict).await?;
        results.cpu.add(3, cpu);
        results.baseline.merge(sorted);
        sales.push(sale);
    }
    server.stop().await?;
    let oversold = check(
        &store,
        &sales,
        results.purchases.accepted.latencies_us.len(),
    )
    .await?;
    let baseline_sold = flash_baseline::sold(&baseline).await?;
    ensure!(
        usize::try_from(baseline_sold)? == results.baseline.accepted.latencies_us.len(),
        "the baseline sold {baseline_sold} units but answered otherwise"
    );
    results.report(oversold);
    Ok(())
}

/// The live session the sales run in, and the product they sell.
struct Stage {
    host: Actor,
    session: LiveSessionRecord,
    product: ProductDetail,
}

impl Stage {
    async fn new(
        services: &Services,
        store: &Arc<dyn Store>,
        plan: &farmgate_demo::DemoPlan,
    ) -> anyhow::Result<Self> {
        let shops = store
            .list_shops(&Default::default(), farmgate_store::Page::first(1))
            .await?;
        let shop = shops.first().context("the demo county has no shop")?;
        let product = product(shop, 0, 0, plan)?;
        store.insert_product(&product).await?;
        let host = hub_operator(services, store, "bench-host@example.cn").await?;
        let form = LiveForm {
            title: "枸杞秒杀专场".into(),
            trailer: String::new(),
            starts_at: Some(services.clock.now()),
            products: vec![product.product.id.to_string()],
        };
        let session = services.schedule_live(&host, &shop.id, &form).await?;
        services
            .live_publish_authorized(&session.stream_key)
            .await?;
        Ok(Self {
            host,
            session,
            product,
        })
    }

    /// A sale of `units` open now: started as if its countdown began 11 seconds ago.
    async fn sale(&self, services: &Services, units: &str) -> anyhow::Result<FlashSaleId> {
        let per_buyer = units.parse::<i64>()?.min(99).to_string();
        let mut earlier = services.clone();
        earlier.clock = Arc::new(FixedClock::new(services.clock.now().plus_millis(-11_000)));
        let form = FlashSaleForm {
            sku: self.product.skus[0].id.to_string(),
            price: "19.90".into(),
            stock_limit: units.into(),
            per_buyer_limit: per_buyer,
            countdown_seconds: "10".into(),
            duration_minutes: "120".into(),
        };
        let sale = earlier
            .start_flash_sale(&self.host, &self.session.id, &form)
            .await?;
        Ok(sale.id)
    }
}

/// Worker `w`'s `n`-th purchase of one unit, by one of many buyers in turn (a buyer may take at
/// most 99 units of a sale), with a key unique in the whole run.
fn purchase(url: String, round: usize, tokens: Arc<Vec<String>>) -> MakeRequest {
    let body = json!({
        "quantity": 1,
        "address": { "recipient": "王芳", "phone": "13800138000", "province": "31", "city": "上海市", "county": "浦东新区", "detail": "世纪大道 100 号" }
    });
    Arc::new(move |client: &reqwest::Client, worker: usize, n: u64| {
        let buyer = (worker * 7_919 + n as usize * 104_729) % tokens.len();
        client
            .post(&url)
            .bearer_auth(&tokens[buyer])
            .header("idempotency-key", format!("flash-{round}-{worker}-{n}"))
            .json(&body)
    })
}

/// Checks the store after the run: every sale within its units and limits, every 201 written.
/// Returns the units sold beyond the sales' units (0, or the run is wrong).
async fn check(
    store: &Arc<dyn Store>,
    sales: &[FlashSaleId],
    accepted: usize,
) -> anyhow::Result<i64> {
    let (mut oversold, mut written) = (0, 0);
    for sale in sales {
        let book = store
            .flash_sale_book(sale)
            .await?
            .context("a sale went missing")?;
        oversold += (book.sale.sold - book.sale.stock_limit).max(0);
        let units: i64 = book.purchases.iter().map(|p| p.quantity).sum();
        ensure!(
            units == book.sale.sold,
            "the sale's count differs from its purchases"
        );
        ensure!(
            book.buyers
                .iter()
                .all(|(_, bought)| *bought <= book.sale.per_buyer_limit),
            "a buyer is over the limit"
        );
        written += units;
    }
    ensure!(
        usize::try_from(written)? == accepted,
        "{accepted} purchases were acknowledged but {written} units are written"
    );
    Ok(oversold)
}

#[derive(Default)]
struct Results {
    ceiling: Sample,
    purchases: Sorted,
    refusals: Sorted,
    baseline: Sorted,
    cpu: Cpu,
}

/// CPU seconds the process spent in each scenario (ceiling, purchases, refusals, baseline).
/// Client and server share the process, so CPU per request is what a request costs both —
/// a figure other programs on a shared machine do not change, unlike requests per second.
#[derive(Default)]
struct Cpu([f64; 4]);

impl Cpu {
    /// Adds what was spent since `since` to scenario `index`; returns the time now.
    fn add(&mut self, index: usize, since: Option<f64>) -> Option<f64> {
        let now = process_cpu_seconds();
        if let (Some(now), Some(since)) = (now, since) {
            self.0[index] += now - since;
        }
        now
    }

    fn per_request_us(&self, index: usize, requests: usize) -> f64 {
        self.0[index] * 1e6 / requests.max(1) as f64
    }
}

/// User and system CPU time of this process from `/proc/self/stat` (Linux, 100 ticks a
/// second); `None` where there is no such file.
fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok());
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

impl Results {
    fn report(&self, oversold: i64) {
        let ceiling = self.ceiling.requests_per_second().max(1e-9);
        let accepted = &self.purchases.accepted;
        let baseline = &self.baseline.accepted;
        println!(
            "{:<40} {:>9} {:>10} {:>8} {:>8} {:>10} {:>12}",
            "scenario", "requests", "req/s", "p50 ms", "p99 ms", "rate/ceil", "CPU us/req"
        );
        let all = |s: &Sorted| s.accepted.latencies_us.len() + s.refused.latencies_us.len();
        for (name, sample, cpu) in [
            (
                "/healthz (ceiling)",
                &self.ceiling,
                Some(self.cpu.per_request_us(0, self.ceiling.latencies_us.len())),
            ),
            (
                "flash sale: accepted purchases (201)",
                accepted,
                Some(self.cpu.per_request_us(1, all(&self.purchases))),
            ),
            (
                "flash sale: refused meanwhile (409)",
                &self.purchases.refused,
                None,
            ),
            (
                "flash sale: refused, sold out (409)",
                &self.refusals.refused,
                Some(self.cpu.per_request_us(2, all(&self.refusals))),
            ),
            (
                "baseline: plain UPDATE per purchase",
                baseline,
                Some(self.cpu.per_request_us(3, all(&self.baseline))),
            ),
        ] {
            println!(
                "{:<40} {:>9} {:>10.0} {:>8.2} {:>8.2} {:>10.3} {:>12}",
                name,
                sample.latencies_us.len(),
                sample.requests_per_second(),
                sample.percentile_ms(0.5),
                sample.percentile_ms(0.99),
                sample.requests_per_second() / ceiling,
                cpu.map_or_else(|| "-".to_owned(), |us| format!("{us:.0}")),
            );
        }
        let share = accepted.requests_per_second() / ceiling;
        let over_baseline =
            accepted.requests_per_second() / baseline.requests_per_second().max(1e-9);
        let verdict = |met: bool| if met { "met" } else { "NOT met" };
        println!(
            "oversold: {oversold}; every 201 is in the database\n\
             target: accepted purchases >= {:.0}% of the ceiling: {} ({:.1}%); >= {BASELINE_TARGET:.0}x the plain-UPDATE baseline: {} ({over_baseline:.2}x)",
            CEILING_SHARE_TARGET * 100.0,
            verdict(share >= CEILING_SHARE_TARGET),
            share * 100.0,
            verdict(over_baseline >= BASELINE_TARGET),
        );
    }
}
