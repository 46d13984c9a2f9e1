//! `farmgate bench http`: starts Farmgate on a loopback port with the demo county, then loads
//! `/healthz` (the ceiling: routing, middleware and the socket, no work) and real pages in
//! turn, and prints each page's rate and p99 as ratios to the ceiling measured in the same run.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use farmgate_services::demo::DemoHistory;
use farmgate_services::Services;
use farmgate_store::sql::SqlStore;
use farmgate_store::Store;
use reqwest::header::{HeaderMap, HeaderValue, COOKIE};

use super::load::{self, Sample};
use super::server::BenchServer;
use crate::cli::HttpBenchArgs;
use crate::seed::seed_demo;

/// The home page must serve at least this share of the ceiling's rate.
const HOME_TARGET: f64 = 0.30;

struct Scenario {
    name: &'static str,
    path: &'static str,
    cookie: Option<String>,
}

pub async fn run(args: HttpBenchArgs) -> anyhow::Result<()> {
    let data = tempfile::tempdir()?;
    let sql = Arc::new(SqlStore::open_sqlite(&data.path().join("farmgate.db")).await?);
    sql.migrate().await?;
    let store: Arc<dyn Store> = sql.clone();
    let plan = seed_demo(
        &Services::new(store.clone()),
        farmgate_demo::DEFAULT_SEED,
        DemoHistory::LeftOut,
    )
    .await?;
    let services = Services::new(store);
    let buyer = sign_in(&services, "buyer@demo.farmgate.test").await?;
    let producer = sign_in(&services, "producer@demo.farmgate.test").await?;
    let demo = crate::seed::demo_accounts(&plan);
    let server = BenchServer::start(sql, services, demo, data.path(), None).await?;
    let base = &server.base;

    let scenarios = [
        Scenario {
            name: "/healthz (ceiling)",
            path: "/healthz",
            cookie: None,
        },
        Scenario {
            name: "home, anonymous",
            path: "/",
            cookie: None,
        },
        Scenario {
            name: "home, signed-in buyer",
            path: "/",
            cookie: Some(buyer),
        },
        Scenario {
            name: "producer console, signed in",
            path: "/console",
            cookie: Some(producer),
        },
    ];
    let (connections, per_round) = if args.quick {
        (4, Duration::from_millis(150))
    } else {
        let rounds = args.rounds.max(1) as f64;
        (
            args.connections.max(1),
            Duration::from_secs_f64(args.seconds / rounds),
        )
    };
    let rounds = if args.quick { 1 } else { args.rounds.max(1) };
    println!(
        "farmgate bench http: {connections} connections, {rounds} round(s) of {:.2} s per scenario, SQLite store, demo county",
        per_round.as_secs_f64()
    );
    let mut samples = vec![Sample::default(); scenarios.len()];
    for (scenario, sample) in scenarios.iter().zip(samples.iter_mut()) {
        // Warm caches and connections once before counting anything.
        load::run(
            &format!("{base}{}", scenario.path),
            &headers(scenario)?,
            connections,
            per_round / 3,
        )
        .await?;
        sample.latencies_us.clear();
    }
    for _ in 0..rounds {
        for (scenario, sample) in scenarios.iter().zip(samples.iter_mut()) {
            let url = format!("{base}{}", scenario.path);
            sample.merge(load::run(&url, &headers(scenario)?, connections, per_round).await?);
        }
    }
    server.stop().await?;
    report(&scenarios, &samples)
}

async fn sign_in(services: &Services, email: &str) -> anyhow::Result<String> {
    let session = services
        .sign_in(email, farmgate_demo::DEMO_PASSWORD)
        .await
        .with_context(|| format!("could not sign in as {email}"))?;
    Ok(format!("fg_session={}", session.secret))
}

fn headers(scenario: &Scenario) -> anyhow::Result<HeaderMap> {
    let mut headers = HeaderMap::new();
    if let Some(cookie) = &scenario.cookie {
        headers.insert(COOKIE, HeaderValue::from_str(cookie)?);
    }
    Ok(headers)
}

fn report(scenarios: &[Scenario], samples: &[Sample]) -> anyhow::Result<()> {
    let ceiling = &samples[0];
    if ceiling.latencies_us.is_empty() {
        bail!("the ceiling scenario completed no request");
    }
    println!(
        "{:<30} {:>9} {:>10} {:>8} {:>8} {:>12} {:>12}",
        "scenario", "requests", "req/s", "p50 ms", "p99 ms", "rate/ceil", "p99/ceil"
    );
    for (scenario, sample) in scenarios.iter().zip(samples) {
        println!(
            "{:<30} {:>9} {:>10.0} {:>8.2} {:>8.2} {:>12.3} {:>12.2}",
            scenario.name,
            sample.latencies_us.len(),
            sample.requests_per_second(),
            sample.percentile_ms(0.5),
            sample.percentile_ms(0.99),
            sample.requests_per_second() / ceiling.requests_per_second(),
            sample.percentile_ms(0.99) / ceiling.percentile_ms(0.99).max(1e-3),
        );
    }
    let home = samples[1].requests_per_second() / ceiling.requests_per_second();
    let verdict = if home >= HOME_TARGET {
        "met"
    } else {
        "NOT met"
    };
    println!(
        "target: anonymous home page >= {:.0}% of the ceiling's rate: {verdict} ({:.1}%)",
        HOME_TARGET * 100.0,
        home * 100.0
    );
    Ok(())
}
