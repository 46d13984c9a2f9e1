//! `farmgate bench groupbuy`: many teams filling at once over HTTP, against an embedded SQLite
//! store. There are 100 group-buys (teams of 5). Each round measures in turn the `/healthz`
//! ceiling, buyers opening teams (`POST /api/v1/group-buys/{id}/teams`), then other buyers
//! joining the teams just opened (`POST /api/v1/teams/{id}/seats`), six at a time on each
//! team, so the last places are fought over and some are told it is full, then a crowd
//! knocking at the teams that filled (told so before the writer). Afterwards the store is
//! checked: no team holds more seats than places, and every 201 is a seat.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{ensure, Context};
use farmgate_domain::id::GroupBuyId;
use farmgate_services::group_buys::GroupBuyForm;
use farmgate_services::Services;
use farmgate_store::Store;
use reqwest::header::HeaderMap;
use serde_json::json;

use super::checkout::{buyers, catalogue, hub_operator};
use super::load::{self, created_or_conflict, MakeRequest, Sample, Sorted};
use super::server::BenchServer;
use super::DemoCounty;
use crate::cli::GroupBuyBenchArgs;

const CEILING_SHARE_TARGET: f64 = 0.25;
const TEAM_SIZE: u32 = 5;
/// Join attempts aimed at each team: one more than its places, and one more again.
const JOINERS_PER_TEAM: usize = 6;
/// Teams read back per group-buy after the opening scenario, at most.
const TEAMS_READ: i64 = 100_000;

pub async fn run(args: GroupBuyBenchArgs) -> anyhow::Result<()> {
    let data = tempfile::tempdir()?;
    let DemoCounty {
        sql,
        store,
        services,
        plan,
    } = DemoCounty::seed(data.path()).await?;
    let (connections, buyer_count) = match args.quick {
        true => (4, 64),
        false => (args.connections.max(1), args.buyers.max(JOINERS_PER_TEAM)),
    };
    let group_buys = Arc::new(offers(&services, &store, &plan).await?);
    let tokens = Arc::new(buyers(&services, &store, buyer_count).await?);
    let server = BenchServer::start(sql, services.clone(), Vec::new(), data.path(), None).await?;
    let base = &server.base;

    let rounds = if args.quick { 1 } else { args.rounds.max(1) };
    let seconds = if args.quick { 0.3 } else { args.seconds };
    let per_round = Duration::from_secs_f64(seconds / rounds as f64);
    println!(
        "farmgate bench groupbuy: {connections} connections, {buyer_count} buyers, {} group-buys with teams of {TEAM_SIZE}, {rounds} round(s) of {:.2} s per scenario, SQLite store",
        group_buys.len(),
        per_round.as_secs_f64()
    );
    let (none, healthz) = (HeaderMap::new(), format!("{base}/healthz"));
    let mut results = Results::default();
    for round in 1..=rounds {
        results
            .ceiling
            .merge(load::run(&healthz, &none, connections, per_round).await?);
        let open = open_request(base, round, group_buys.clone(), tokens.clone());
        let opened =
            load::run_sorted(open, &none, connections, per_round, created_or_conflict).await?;
        let teams = Arc::new(open_team_ids(&store, &group_buys, &results.joined).await?);
        ensure!(!teams.is_empty(), "no team was opened in round {round}");
        let join = join_request(
            base,
            "join",
            round,
            connections,
            teams.clone(),
            tokens.clone(),
        );
        let joins =
            load::run_sorted(join, &none, connections, per_round, created_or_conflict).await?;
        let full = Arc::new(full_team_ids(&store, &group_buys, &teams).await?);
        ensure!(!full.is_empty(), "no team was filled in round {round}");
        let crowd = join_request(base, "crowd", round, connections, full, tokens.clone());
        let crowded =
            load::run_sorted(crowd, &none, connections, per_round, created_or_conflict).await?;
        results.opens.merge(opened);
        results.joins.merge(joins);
        results.crowd.merge(crowded);
        results.joined.extend(teams.iter().cloned());
    }
    server.stop().await?;
    let written = results.accepted();
    let overfilled = check(&store, &group_buys, written).await?;
    results.report(overfilled);
    Ok(())
}

/// One group-buy on each bench product, organised by the hub: teams of 5 at ¥19.90, open a
/// day, with units enough for the whole run.
async fn offers(
    services: &Services,
    store: &Arc<dyn Store>,
    plan: &farmgate_demo::DemoPlan,
) -> anyhow::Result<Vec<GroupBuyId>> {
    let hub = hub_operator(services, store, "bench-hub@example.cn").await?;
    let form = GroupBuyForm {
        team_price: "19.90".into(),
        team_size: TEAM_SIZE.to_string(),
        time_limit_hours: "24".into(),
        stock_limit: "100000".into(),
        per_buyer_limit: "99".into(),
        ..GroupBuyForm::default()
    };
    let mut ids = Vec::new();
    for (product, sku) in catalogue(store, plan).await? {
        let created = services
            .create_group_buy(&hub, &product, &sku, &form)
            .await?;
        ids.push(created.id);
    }
    Ok(ids)
}

/// Worker `w`'s `n`-th team opening: group-buys and buyers in turn, a key unique in the run.
fn open_request(
    base: &str,
    round: usize,
    group_buys: Arc<Vec<GroupBuyId>>,
    tokens: Arc<Vec<String>>,
) -> MakeRequest {
    let base = base.to_owned();
    Arc::new(move |client: &reqwest::Client, worker: usize, n: u64| {
        let pick = worker * 7_919 + n as usize * 104_729;
        let group_buy = &group_buys[pick % group_buys.len()];
        client
            .post(format!("{base}/api/v1/group-buys/{group_buy}/teams"))
            .bearer_auth(&tokens[pick % tokens.len()])
            .header("idempotency-key", format!("open-{round}-{worker}-{n}"))
            .json(&seat_body())
    })
}

/// Join attempts numbered across the workers (`n` × connections + worker), six in a row on
/// each team so they arrive together; the buyers of six in a row differ (7,919 is prime to
/// the number of buyers' powers of two, and the opener may be among them: told so, 409).
fn join_request(
    base: &str,
    label: &'static str,
    round: usize,
    connections: usize,
    teams: Arc<Vec<String>>,
    tokens: Arc<Vec<String>>,
) -> MakeRequest {
    let base = base.to_owned();
    Arc::new(move |client: &reqwest::Client, worker: usize, n: u64| {
        let attempt = n as usize * connections + worker;
        let team = &teams[(attempt / JOINERS_PER_TEAM) % teams.len()];
        client
            .post(format!("{base}/api/v1/teams/{team}/seats"))
            .bearer_auth(&tokens[(attempt * 7_919 + round) % tokens.len()])
            .header("idempotency-key", format!("{label}-{round}-{worker}-{n}"))
            .json(&seat_body())
    })
}

fn seat_body() -> serde_json::Value {
    json!({
        "units": 1,
        "address": { "recipient": "王芳", "phone": "13800138000", "province": "31", "city": "上海市", "county": "浦东新区", "detail": "世纪大道 100 号" }
    })
}

/// The teams open now that earlier rounds have not joined yet.
async fn open_team_ids(
    store: &Arc<dyn Store>,
    group_buys: &[GroupBuyId],
    joined: &std::collections::HashSet<String>,
) -> anyhow::Result<Vec<String>> {
    let mut ids = Vec::new();
    for group_buy in group_buys {
        for team in store.open_teams(group_buy, TEAMS_READ).await? {
            let id = team.id.to_string();
            if !joined.contains(&id) {
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

/// Of `teams`, those whose places are all held: where the crowd scenario knocks.
async fn full_team_ids(
    store: &Arc<dyn Store>,
    group_buys: &[GroupBuyId],
    teams: &[String],
) -> anyhow::Result<Vec<String>> {
    let wanted: std::collections::HashSet<&String> = teams.iter().collect();
    let mut full = Vec::new();
    for group_buy in group_buys {
        for team in store.open_teams(group_buy, TEAMS_READ).await? {
            let id = team.id.to_string();
            if wanted.contains(&id) && team.team().seats.len() >= TEAM_SIZE as usize {
                full.push(id);
            }
        }
    }
    Ok(full)
}

/// Counts the teams holding more seats than places (0, or the run is wrong) and checks that
/// the seats held are exactly the 201s.
async fn check(
    store: &Arc<dyn Store>,
    group_buys: &[GroupBuyId],
    accepted: usize,
) -> anyhow::Result<usize> {
    let (mut overfilled, mut held) = (0, 0);
    for group_buy in group_buys {
        let record = store
            .group_buy(group_buy)
            .await?
            .context("a group-buy went missing")?;
        let places = usize::try_from(record.terms.capacity())?;
        for team in store.open_teams(group_buy, TEAMS_READ).await? {
            let seats = team.team().seats.len();
            overfilled += usize::from(seats > places);
            held += seats;
        }
    }
    ensure!(
        held == accepted,
        "{accepted} seats were acknowledged but {held} are held"
    );
    Ok(overfilled)
}

#[derive(Default)]
struct Results {
    ceiling: Sample,
    opens: Sorted,
    joins: Sorted,
    /// Joins knocking at teams already full.
    crowd: Sorted,
    /// Teams whose joins were measured, so a later round aims at fresh ones.
    joined: std::collections::HashSet<String>,
}

impl Results {
    fn accepted(&self) -> usize {
        self.opens.accepted.latencies_us.len()
            + self.joins.accepted.latencies_us.len()
            + self.crowd.accepted.latencies_us.len()
    }

    fn report(&self, overfilled: usize) {
        let ceiling = self.ceiling.requests_per_second().max(1e-9);
        println!(
            "{:<34} {:>9} {:>10} {:>8} {:>8} {:>10}",
            "scenario", "requests", "req/s", "p50 ms", "p99 ms", "rate/ceil"
        );
        for (name, sample) in [
            ("/healthz (ceiling)", &self.ceiling),
            ("teams opened (201)", &self.opens.accepted),
            ("joins accepted (201)", &self.joins.accepted),
            ("joins refused: full, in it (409)", &self.joins.refused),
            ("joins to full teams (409)", &self.crowd.refused),
        ] {
            println!(
                "{:<34} {:>9} {:>10.0} {:>8.2} {:>8.2} {:>10.3}",
                name,
                sample.latencies_us.len(),
                sample.requests_per_second(),
                sample.percentile_ms(0.5),
                sample.percentile_ms(0.99),
                sample.requests_per_second() / ceiling,
            );
        }
        let joins = &self.joins.accepted;
        let share = joins.requests_per_second() / ceiling;
        let verdict = |met: bool| if met { "met" } else { "NOT met" };
        println!(
            "overfilled teams: {overfilled}; every 201 is a seat held\n\
             target: accepted joins >= {:.0}% of the ceiling: {} ({:.1}%)",
            CEILING_SHARE_TARGET * 100.0,
            verdict(share >= CEILING_SHARE_TARGET),
            share * 100.0,
        );
    }
}
