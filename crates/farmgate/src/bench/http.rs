//! `farmgate bench http`: starts Farmgate on a loopback port with the demo county, then loads
//! `/healthz` (the ceiling: routing, middleware and the socket, no work) and real pages in
//! turn, and prints each page's rate and p99 as ratios to the ceiling measured in the same run.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use farmgate_services::Services;
use reqwest::header::{HeaderMap, HeaderValue, COOKIE};

use super::load::{self, Answer, Sample};
use super::server::BenchServer;
use super::DemoCounty;
use crate::cli::HttpBenchArgs;

/// The home page must serve at least this share of the ceiling's rate.
const HOME_TARGET: f64 = 0.30;

/// A page loaded over and over, by a visitor with `cookie` if any.
pub struct Scenario {
    pub name: &'static str,
    pub path: String,
    pub cookie: Option<String>,
    /// Whether the page answers with a redirect (303) rather than 200.
    pub redirects: bool,
}

impl Scenario {
    pub fn new(name: &'static str, path: impl Into<String>, cookie: Option<String>) -> Self {
        Self {
            name,
            path: path.into(),
            cookie,
            redirects: false,
        }
    }
}

pub async fn run(args: HttpBenchArgs) -> anyhow::Result<()> {
    let data = tempfile::tempdir()?;
    let DemoCounty {
        sql,
        services,
        plan,
        ..
    } = DemoCounty::seed(data.path()).await?;
    let buyer = sign_in(&services, "buyer@demo.farmgate.test").await?;
    let producer = sign_in(&services, "producer@demo.farmgate.test").await?;
    let demo = crate::seed::demo_accounts(&plan);
    let server = BenchServer::start(sql, services, demo, data.path(), None).await?;
    let base = &server.base;

    let scenarios = [
        Scenario::new("/healthz (ceiling)", "/healthz", None),
        Scenario::new("home, anonymous", "/", None),
        Scenario::new("home, signed-in buyer", "/", Some(buyer)),
        Scenario::new("producer console, signed in", "/console", Some(producer)),
    ];
    println!("farmgate bench http: the ceiling and real pages");
    let samples = measure(base, &scenarios, &args, "demo county").await?;
    server.stop().await?;
    print_table(&scenarios, &samples)?;
    let home = samples[1].requests_per_second() / samples[0].requests_per_second();
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

/// Loads each scenario in turn, `args.rounds` times, after one warm-up pass; every answer
/// must be the scenario's (200, or 303 where it redirects).
pub async fn measure(
    base: &str,
    scenarios: &[Scenario],
    args: &HttpBenchArgs,
    setting: &str,
) -> anyhow::Result<Vec<Sample>> {
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
        "{connections} connections, {rounds} round(s) of {:.2} s per scenario, SQLite store, {setting}",
        per_round.as_secs_f64()
    );
    let mut samples = vec![Sample::default(); scenarios.len()];
    // Warm caches and connections once before counting anything.
    for scenario in scenarios {
        load_once(base, scenario, connections, per_round / 3).await?;
    }
    for _ in 0..rounds {
        for (scenario, sample) in scenarios.iter().zip(samples.iter_mut()) {
            sample.merge(load_once(base, scenario, connections, per_round).await?);
        }
    }
    Ok(samples)
}

async fn load_once(
    base: &str,
    scenario: &Scenario,
    connections: usize,
    duration: Duration,
) -> anyhow::Result<Sample> {
    let url = format!("{base}{}", scenario.path);
    let get: load::MakeRequest = Arc::new(move |client: &reqwest::Client, _, _| client.get(&url));
    let sort = match scenario.redirects {
        true => see_other,
        false => success,
    };
    let sorted = load::run_sorted(get, &headers(scenario)?, connections, duration, sort).await?;
    Ok(sorted.accepted)
}

fn success(status: reqwest::StatusCode) -> Option<Answer> {
    status.is_success().then_some(Answer::Accepted)
}

fn see_other(status: reqwest::StatusCode) -> Option<Answer> {
    (status == reqwest::StatusCode::SEE_OTHER).then_some(Answer::Accepted)
}

pub async fn sign_in(services: &Services, email: &str) -> anyhow::Result<String> {
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

/// Each scenario's rate and latency, and both as ratios to the first (the ceiling).
pub fn print_table(scenarios: &[Scenario], samples: &[Sample]) -> anyhow::Result<()> {
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
    Ok(())
}
