//! The server `bench room` measures, run as a child process so that its memory is its own:
//! the whole application on a loopback port over the bench's data folder, plus the purchase
//! ticker the services would post, started by a `start <seconds>` line on standard input.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use farmgate_live::RoomEvent;
use farmgate_services::Services;
use farmgate_store::sql::SqlStore;
use farmgate_store::Store;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::TcpListener;

use super::room_clients::{stamp, wall_clock_micros};
use crate::callbacks::sandbox_provider;
use crate::cli::RoomServerArgs;
use crate::serve::{app_state, jiff_zone, with_sandbox_payments};
use crate::video::Video;

pub async fn run(args: RoomServerArgs) -> anyhow::Result<()> {
    let sql = Arc::new(SqlStore::open_sqlite(&args.data.join("farmgate.db")).await?);
    let store: Arc<dyn Store> = sql.clone();
    let services = Services::new(store);
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let sandbox = sandbox_provider(sql, services.sandbox_signer().await?, &base);
    let services = with_sandbox_payments(services, sandbox.clone(), &base);
    let state = app_state(
        services.clone(),
        sandbox,
        Vec::new(),
        jiff_zone("Asia/Shanghai")?,
        false,
        &Video::off(&args.data),
    );
    tokio::spawn(ticker_on_command(
        services,
        args.session,
        args.purchase_rate,
    ));
    println!("Farmgate is listening on {base}");
    farmgate_web::serve(listener, farmgate_web::app(state), std::future::pending()).await?;
    Ok(())
}

async fn ticker_on_command(services: Services, session: String, rate: usize) {
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let seconds = line
            .strip_prefix("start ")
            .and_then(|s| s.parse::<f64>().ok());
        match seconds {
            Some(seconds) => post_purchases(&services, &session, rate, seconds).await,
            None => tracing::warn!(line, "unknown command"),
        }
    }
}

/// Posts `rate` ticker lines a second for `seconds`, each stamped with when it was posted.
async fn post_purchases(services: &Services, session: &str, rate: usize, seconds: f64) {
    if rate == 0 {
        return;
    }
    let mut interval = tokio::time::interval(Duration::from_secs_f64(1.0 / rate as f64));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let started = Instant::now();
    let mut n = 0u64;
    while started.elapsed().as_secs_f64() < seconds {
        interval.tick().await;
        n += 1;
        let line = format!(
            "有人从西宁买了 2 × 黑枸杞 #{n} {}",
            stamp(wall_clock_micros())
        );
        services
            .rooms
            .post(session, RoomEvent::Purchase(json!({ "line": line })));
    }
}

/// Resident memory of a process, from `/proc/<pid>/status`, in bytes.
pub fn resident_bytes(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("could not read the memory of process {pid}"))?;
    let kb = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .context("no VmRSS line in /proc/<pid>/status")?;
    Ok(kb * 1024)
}
