//! The command line: one subcommand per job.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod bench;
pub use bench::*;

#[derive(Parser)]
#[command(
    name = "farmgate",
    version,
    about = "Farmgate: rural e-commerce for a county, self-hosted."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web interface and the API.
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate(StoreArgs),
    /// Generate the demo county into the store (also done by `serve --demo`).
    Demo(DemoArgs),
    /// Rebuild the product search index from the store (stop the server first).
    Reindex(StoreArgs),
    /// Copy the SQLite store to a file while it is in use.
    Backup(BackupArgs),
    /// Replace the SQLite store with a backup (stop the server first).
    Restore(BackupArgs),
    /// Measure a hot path against its baseline in one run.
    Bench(BenchArgs),
    /// Write the store's data out in a standard format.
    Export(ExportArgs),
    /// The commerce bureau's figures: print a period's, or rebuild the rollups from orders.
    Stats(StatsArgs),
}

/// Where the data lives.
#[derive(Args, Clone)]
pub struct StoreArgs {
    /// Data folder: the SQLite database and uploaded files.
    #[arg(long, env = "FARMGATE_DATA", default_value = "./farmgate-data")]
    pub data: PathBuf,
    /// A PostgreSQL URL (postgres://…) to use instead of the embedded SQLite store.
    #[arg(long, env = "FARMGATE_DATABASE_URL")]
    pub database: Option<String>,
}

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "FARMGATE_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// The address buyers and payment providers reach this server at (default: the listen
    /// address), e.g. https://shop.example-county.cn.
    #[arg(long, env = "FARMGATE_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Generate the demo county on first start (reused afterwards).
    #[arg(long)]
    pub demo: bool,
    /// Seed of the demo county.
    #[arg(long, default_value_t = farmgate_demo::DEFAULT_SEED)]
    pub seed: u64,
    /// The county's time zone, for showing times.
    #[arg(long, env = "FARMGATE_TIME_ZONE", default_value = "Asia/Shanghai")]
    pub time_zone: String,
    /// Mark cookies Secure (set this when serving over HTTPS).
    #[arg(long, env = "FARMGATE_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Run live video: nginx (with its RTMP module) takes hosts' pushes and ffmpeg makes
    /// replays. On by default with --demo; --video=false turns it off. Where nginx or ffmpeg
    /// is missing the server runs without video and says what to install.
    #[arg(long, env = "FARMGATE_VIDEO", num_args = 0..=1, default_missing_value = "true")]
    pub video: Option<bool>,
    /// The port hosts push RTMP to.
    #[arg(long, env = "FARMGATE_RTMP_PORT", default_value_t = farmgate_video::DEFAULT_RTMP_PORT)]
    pub rtmp_port: u16,
    /// The font labels and run sheets are printed in, instead of the built-in Noto Sans CJK SC
    /// subset: a file, or `PATH:FACE` for a face of a collection (Debian's
    /// `/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc:2`).
    #[arg(long, env = "FARMGATE_LABEL_FONT", value_name = "PATH[:FACE]")]
    pub label_font: Option<String>,
}

#[derive(Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    #[arg(long, default_value_t = farmgate_demo::DEFAULT_SEED)]
    pub seed: u64,
}

#[derive(Args)]
pub struct BackupArgs {
    /// The backup file.
    pub file: PathBuf,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub target: ExportTarget,
}

#[derive(Subcommand)]
pub enum ExportTarget {
    /// Every batch event in the store as one GS1 EPCIS 2.0 JSON-LD document.
    Epcis(EpcisExportArgs),
}

#[derive(Args)]
pub struct EpcisExportArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// The address buyers reach this server at: the origin of the document's URIs (batches'
    /// GS1 Digital Links, places, orders), e.g. https://shop.example-county.cn.
    #[arg(
        long,
        env = "FARMGATE_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub public_url: String,
}

#[derive(Args)]
pub struct StatsArgs {
    #[command(subcommand)]
    pub target: StatsTarget,
}

#[derive(Subcommand)]
pub enum StatsTarget {
    /// Print the headline figures of the days from `--from` to `--to` as JSON, each beside the
    /// same days last year.
    Summary(StatsSummaryArgs),
    /// Recompute every rollup from orders and refunds (stop the server first).
    Rebuild(StoreArgs),
}

#[derive(Args)]
pub struct StatsSummaryArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// First day, e.g. 2026-07-01.
    #[arg(long)]
    pub from: String,
    /// Last day, included, e.g. 2026-09-30.
    #[arg(long)]
    pub to: String,
}
