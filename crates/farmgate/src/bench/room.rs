//! `farmgate bench room`: fills one live room with WebSocket viewers on loopback, runs a chat
//! stream and a purchase ticker at fixed rates, and reports messages delivered per second, the
//! p99 from a line's stamp to its arrival, and the server's memory per idle viewer. The server
//! is a child process (`bench room-server`), so its resident memory is its own. The baseline,
//! measured in the same run, is the hub's own fan-out to as many in-process viewers: what the
//! room could deliver if sockets cost nothing.

use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use farmgate_domain::access::Actor;
use farmgate_domain::live::LiveStatus;
use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_services::{new_id, Services};
use farmgate_store::sql::SqlStore;
use farmgate_store::{AccountRecord, LiveSessionRecord, ShopRecord, Store};
use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::watch;

use super::room_clients::{chat, connect_chatters, fill_room, in_process_fan_out, ViewerTally};
use super::room_server::resident_bytes;
use crate::cli::RoomBenchArgs;

const DELIVERED_TARGET: f64 = 1_000_000.0;
const P99_TARGET_MS: f64 = 250.0;
const BYTES_PER_VIEWER_TARGET: f64 = 20.0 * 1024.0;
/// Open files beyond the sockets: the store, the runtime, standard streams.
const SPARE_FILES: u64 = 512;
/// How long the room is left alone before its memory is read.
const SETTLE: Duration = Duration::from_secs(3);
const VILLAGE: &str = "632830101201";

pub async fn run(args: RoomBenchArgs) -> anyhow::Result<()> {
    let (viewers, seconds, chat_rate, purchase_rate) = if args.quick {
        (500, 2.0, 20, 20)
    } else {
        (
            args.viewers,
            args.seconds,
            args.chat_rate,
            args.purchase_rate,
        )
    };
    raise_open_files(viewers as u64 + chat_rate as u64 + SPARE_FILES)?;
    let data = tempfile::tempdir()?;
    let (session, tokens) = prepare(data.path(), chat_rate).await?;
    println!(
        "farmgate bench room: {viewers} viewers in one room, {chat_rate} chat lines and {purchase_rate} ticker lines per second for {seconds:.1} s, SQLite store"
    );

    let baseline = in_process_fan_out(viewers, if args.quick { 512 } else { 2_048 }).await?;
    let (mut server, base) = start_server(data.path(), &session, purchase_rate).await?;
    let pid = server.id().context("the server has no process id")?;
    let url = format!("{}/live/{session}/ws", base.replace("http://", "ws://"));
    reqwest::get(format!("{base}/healthz"))
        .await?
        .error_for_status()?;
    drop(fill_room(&url, 1, watch::channel(false).1).await?);
    tokio::time::sleep(SETTLE).await;
    let before = resident_bytes(pid)?;

    let (stop, stopped) = watch::channel(false);
    let connecting = Instant::now();
    let watching = fill_room(&url, viewers, stopped).await?;
    let filled_in = connecting.elapsed();
    tokio::time::sleep(SETTLE).await;
    let with_viewers = resident_bytes(pid)?;

    let chatters = connect_chatters(&url, &tokens).await?;
    let stdin = server.stdin.as_mut().context("the server's input")?;
    stdin
        .write_all(format!("start {seconds}\n").as_bytes())
        .await?;
    let started = Instant::now();
    let (chat_sent, chat_refused) = chat(chatters, seconds).await?;
    // Let what is in flight arrive.
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.send(true).ok();
    let mut tallies = Vec::with_capacity(viewers);
    let mut watching = watching;
    while let Some(result) = watching.join_next().await {
        tallies.push(result??);
    }
    server.kill().await.ok();

    let memory = Memory {
        before,
        with_viewers,
        viewers,
    };
    report(&Outcome {
        tallies: &tallies,
        started,
        baseline,
        chat_sent,
        chat_refused,
        filled_in,
        memory,
    });
    Ok(())
}

/// The viewers' sockets and the server's each need a file; the server inherits the limit.
fn raise_open_files(needed: u64) -> anyhow::Result<()> {
    let limit = getrlimit(Resource::Nofile);
    let hard = limit.maximum.unwrap_or(u64::MAX);
    if hard < needed {
        bail!(
            "bench room needs {needed} open files per process but the hard limit is {hard}: raise it (ulimit -Hn {needed} as root, or LimitNOFILE) or pass fewer --viewers"
        );
    }
    if limit.current.is_some_and(|current| current >= needed) {
        return Ok(());
    }
    setrlimit(
        Resource::Nofile,
        Rlimit {
            current: Some(needed),
            maximum: limit.maximum,
        },
    )
    .with_context(|| format!("could not raise the open-files limit to {needed}"))
}

/// A store with a scheduled session and `chatters` accounts with API tokens.
async fn prepare(data: &Path, chatters: usize) -> anyhow::Result<(String, Vec<String>)> {
    let sql = Arc::new(SqlStore::open_sqlite(&data.join("farmgate.db")).await?);
    sql.migrate().await?;
    let store: Arc<dyn Store> = sql;
    let services = Services::new(store.clone());
    store.upsert_places(&places()?).await?;
    let now = services.clock.now();
    let host = account(&store, "bench-host@example.cn", "主播", now).await?;
    let shop = ShopRecord {
        id: new_id(),
        name: "直播农场".into(),
        kind: ProducerKind::FamilyFarm,
        village: AreaCode::parse(VILLAGE).context("village code")?,
        description: String::new(),
        created_at: now,
    };
    store.insert_shop_with_owner(&shop, &host.id).await?;
    let session = LiveSessionRecord {
        id: new_id(),
        shop_id: shop.id,
        host_id: host.id,
        title: "枸杞采摘直播".into(),
        trailer: String::new(),
        cover_file_id: None,
        starts_at: now,
        status: LiveStatus::Scheduled,
        stream_key: "fgl_bench".into(),
        pinned_product: None,
        went_live_at: None,
        ended_at: None,
        replay_playlist: None,
        created_at: now,
        bag: Vec::new(),
    };
    store.insert_live_session(&session).await?;
    let mut tokens = Vec::with_capacity(chatters);
    for i in 0..chatters {
        let email = format!("bench-chatter-{i}@example.cn");
        let chatter = account(&store, &email, &format!("观众{i}"), now).await?;
        let actor = Actor {
            account_id: chatter.id,
            roles: chatter.roles,
            shops: Vec::new(),
        };
        tokens.push(services.create_api_token(&actor, "bench").await?.secret);
    }
    Ok((session.id.to_string(), tokens))
}

async fn account(
    store: &Arc<dyn Store>,
    email: &str,
    name: &str,
    now: farmgate_domain::time::Timestamp,
) -> anyhow::Result<AccountRecord> {
    let account = AccountRecord {
        id: new_id(),
        email: email.into(),
        display_name: name.into(),
        password_hash: String::new(),
        roles: vec![Role::Buyer],
        created_at: now,
    };
    store.insert_account(&account).await?;
    Ok(account)
}

fn places() -> anyhow::Result<Vec<Place>> {
    let place = |code: &str, zh: &str, en: &str, kind: u16| -> anyhow::Result<Place> {
        Ok(Place {
            code: AreaCode::parse(code).context("area code")?,
            name_zh: zh.into(),
            name_en: en.into(),
            urban_rural: UrbanRuralCode::parse(kind).context("urban-rural code")?,
            location: GeoPoint::new(36_300_000, 98_100_000).context("location")?,
        })
    };
    Ok(vec![
        place("632830000000", "雪源县", "Xueyuan County", 121)?,
        place("632830101000", "香日德镇", "Xiangride Town", 210)?,
        place(VILLAGE, "沟里村", "Gouli Village", 220)?,
    ])
}

async fn start_server(data: &Path, session: &str, rate: usize) -> anyhow::Result<(Child, String)> {
    let mut child = Command::new(std::env::current_exe()?)
        .args(["bench", "room-server", "--session", session])
        .arg("--data")
        .arg(data)
        .arg("--purchase-rate")
        .arg(rate.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .context("could not start the room server")?;
    let stdout = child.stdout.take().context("the server's output")?;
    let mut lines = BufReader::new(stdout).lines();
    while let Some(line) = lines.next_line().await? {
        if let Some(base) = line.strip_prefix("Farmgate is listening on ") {
            return Ok((child, base.to_owned()));
        }
    }
    bail!("the room server stopped before listening")
}

struct Memory {
    before: u64,
    with_viewers: u64,
    viewers: usize,
}

struct Outcome<'a> {
    tallies: &'a [ViewerTally],
    started: Instant,
    baseline: f64,
    chat_sent: u64,
    chat_refused: u64,
    filled_in: Duration,
    memory: Memory,
}

fn report(outcome: &Outcome) {
    let tallies = outcome.tallies;
    let delivered: u64 = tallies.iter().map(|t| t.delivered).sum();
    let last = tallies.iter().filter_map(|t| t.last_delivery).max();
    let window = last.map_or(0.0, |last| (last - outcome.started).as_secs_f64());
    let rate = delivered as f64 / window.max(1e-9);
    let mut latencies: Vec<u64> = tallies
        .iter()
        .flat_map(|t| t.latencies_us.iter().copied())
        .collect();
    latencies.sort_unstable();
    let percentile = |q: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let rank = ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len());
        latencies[rank - 1] as f64 / 1000.0
    };
    let fewest = tallies.iter().map(|t| t.delivered).min().unwrap_or(0);
    let most = tallies.iter().map(|t| t.delivered).max().unwrap_or(0);
    let snapshots: u64 = tallies.iter().map(|t| t.snapshots).sum();
    let closed = tallies.iter().filter(|t| t.closed).count();
    let memory = &outcome.memory;
    let per_viewer =
        memory.with_viewers.saturating_sub(memory.before) as f64 / memory.viewers.max(1) as f64;

    println!("room filled in {:.1} s", outcome.filled_in.as_secs_f64());
    // Posting for the given seconds, the last frame should arrive just after them: a longer
    // window means the load (posting or reading) fell behind, and divides the rate.
    println!("last frame arrived {window:.1} s after the start");
    println!(
        "chat lines sent {} (refused {}); frames per viewer: fewest {fewest}, most {most}; catch-up snapshots {snapshots}; connections closed {closed}",
        outcome.chat_sent, outcome.chat_refused
    );
    println!(
        "{:<38} {:>14} {:>9} {:>9}",
        "scenario", "delivered/s", "p50 ms", "p99 ms"
    );
    println!(
        "{:<38} {:>14.0} {:>9} {:>9}",
        "in-process fan-out (baseline)", outcome.baseline, "-", "-"
    );
    println!(
        "{:<38} {:>14.0} {:>9.1} {:>9.1}",
        "WebSocket viewers on loopback",
        rate,
        percentile(0.5),
        percentile(0.99)
    );
    println!(
        "delivered/s over the baseline: {:.3}",
        rate / outcome.baseline.max(1e-9)
    );
    println!(
        "server memory: {:.1} MB before the viewers, {:.1} MB with them: {:.1} KB per idle viewer",
        memory.before as f64 / 1e6,
        memory.with_viewers as f64 / 1e6,
        per_viewer / 1024.0
    );
    let verdict = |met: bool| if met { "met" } else { "NOT met" };
    println!(
        "targets: >= 1,000,000 delivered/s: {}; p99 < 250 ms: {}; < 20 KB per idle viewer: {}",
        verdict(rate >= DELIVERED_TARGET),
        verdict(percentile(0.99) < P99_TARGET_MS),
        verdict(per_viewer < BYTES_PER_VIEWER_TARGET)
    );
}
