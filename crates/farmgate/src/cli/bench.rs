//! `farmgate bench …`: one subcommand per benchmark, with its knobs.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub target: BenchTarget,
}

#[derive(Subcommand)]
pub enum BenchTarget {
    /// Requests per second and p99 latency of pages against /healthz, the ceiling.
    Http(HttpBenchArgs),
    /// Durable checkouts per second over HTTP against /healthz, the ceiling.
    Checkout(CheckoutBenchArgs),
    /// Indexing rate and query latency of product search over a generated catalogue, against
    /// a single-term query measured in the same run.
    Search(SearchBenchArgs),
    /// WebSocket viewers in one live room: messages delivered per second, delivery latency
    /// and server memory per viewer, against in-process fan-out measured in the same run.
    Room(RoomBenchArgs),
    /// The server `bench room` starts as a child process (not for direct use).
    #[command(hide = true)]
    RoomServer(RoomServerArgs),
    /// Accepted flash-sale purchases per second over HTTP against /healthz, the ceiling, and
    /// a plain conditional UPDATE per purchase, the baseline.
    FlashSale(FlashSaleBenchArgs),
    /// Group-buy teams opened and joined per second over HTTP, many teams filling at once,
    /// against /healthz, the ceiling; then no team holds more seats than places.
    #[command(name = "groupbuy")]
    GroupBuy(GroupBuyBenchArgs),
    /// Interest-feed ranking for one buyer over 100,000 items, against newest-first over the
    /// same items.
    Feed(FeedBenchArgs),
    /// Visits through a leader's share link (each writes a click) against the product page
    /// they lead to and /healthz, the ceiling.
    Share(HttpBenchArgs),
    /// Route planning on the published VRP benchmark instances: distance found against the
    /// best-known one, instance by instance, optionally beside a reference solver.
    Routing(RoutingBenchArgs),
    /// The recall query and the public trace page over 1,000,000 shipped units in 10,000
    /// batches, p50/p99, against /healthz, the ceiling, in the same run.
    Trace(TraceBenchArgs),
    /// The commerce dashboard over two years of orders: from rollups against a GROUP BY over
    /// the orders, and orders per second with and without rollups, in the same run.
    Stats(StatsBenchArgs),
}

#[derive(Args, Clone)]
pub struct StatsBenchArgs {
    /// A short smoke run (for CI): 20,000 orders and a few queries.
    #[arg(long)]
    pub quick: bool,
    /// Orders in the two years of history.
    #[arg(long, default_value_t = 10_000_000)]
    pub orders: i64,
    /// Seconds of placing orders per round, with rollups and again without.
    #[arg(long, default_value_t = 4.0)]
    pub seconds: f64,
    /// Concurrent tasks placing orders.
    #[arg(long, default_value_t = 16)]
    pub workers: usize,
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
}

#[derive(Args, Clone)]
pub struct SearchBenchArgs {
    /// A short smoke run (for CI): 20,000 products and a few rounds.
    #[arg(long)]
    pub quick: bool,
    /// Products to generate and index.
    #[arg(long, default_value_t = 1_000_000)]
    pub products: usize,
    /// Times the whole query mix runs.
    #[arg(long, default_value_t = 40)]
    pub rounds: usize,
    /// Seed of the generated catalogue.
    #[arg(long, default_value_t = 20_261_122)]
    pub seed: u64,
    /// Index writer buffer in MB: more means fewer segments after the bulk load.
    #[arg(long, default_value_t = 400)]
    pub heap_mb: usize,
    /// Keep the index in this folder, and reuse it when it already holds the products
    /// (measure queries again without indexing again).
    #[arg(long)]
    pub index_dir: Option<std::path::PathBuf>,
    /// Also print p50/p99 and the number of matches of every query of the mix.
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Args, Clone)]
pub struct HttpBenchArgs {
    /// A short smoke run (for CI): a fraction of a second per scenario.
    #[arg(long)]
    pub quick: bool,
    /// Seconds of load per scenario, split over the rounds.
    #[arg(long, default_value_t = 6.0)]
    pub seconds: f64,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    /// Rounds: the scenarios take turns this many times, so drift hits them all alike.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
}

#[derive(Args, Clone)]
pub struct CheckoutBenchArgs {
    /// A short smoke run (for CI).
    #[arg(long)]
    pub quick: bool,
    /// Seconds of load for checkouts (the ceiling gets as long), split over the rounds.
    #[arg(long, default_value_t = 6.0)]
    pub seconds: f64,
    /// Concurrent buyers, each on its own keep-alive connection.
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
}

#[derive(Args, Clone)]
pub struct TraceBenchArgs {
    /// A short smoke run (for CI): 100 batches and a few queries.
    #[arg(long)]
    pub quick: bool,
    /// Batches of 100 shipped units each.
    #[arg(long, default_value_t = 10_000)]
    pub batches: i64,
    /// Recall queries, split over the rounds.
    #[arg(long, default_value_t = 3_000)]
    pub queries: usize,
    /// Seconds of load on /healthz, split over the rounds.
    #[arg(long, default_value_t = 6.0)]
    pub seconds: f64,
    /// Concurrent keep-alive connections for the HTTP scenarios.
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
}

#[derive(Args, Clone)]
pub struct RoomBenchArgs {
    /// A short smoke run (for CI): 500 viewers for 2 seconds.
    #[arg(long)]
    pub quick: bool,
    /// Anonymous viewers in the room.
    #[arg(long, default_value_t = 10_000)]
    pub viewers: usize,
    /// Chat lines per second, each from its own signed-in chatter (one line a second each).
    #[arg(long, default_value_t = 100)]
    pub chat_rate: usize,
    /// Purchase ticker lines per second, posted by the server.
    #[arg(long, default_value_t = 100)]
    pub purchase_rate: usize,
    /// Seconds the chat and the ticker run.
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
}

#[derive(Args, Clone)]
pub struct RoomServerArgs {
    #[arg(long)]
    pub data: PathBuf,
    /// The live session whose room gets the purchase ticker.
    #[arg(long)]
    pub session: String,
    /// Purchase ticker lines per second.
    #[arg(long)]
    pub purchase_rate: usize,
}

#[derive(Args, Clone)]
pub struct FlashSaleBenchArgs {
    /// A short smoke run (for CI).
    #[arg(long)]
    pub quick: bool,
    /// Seconds of load per scenario, split over the rounds.
    #[arg(long, default_value_t = 6.0)]
    pub seconds: f64,
    /// Concurrent buyers' connections, each keep-alive.
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    /// Buyer accounts the connections take turns with (a buyer may take 99 units of a sale).
    #[arg(long, default_value_t = 256)]
    pub buyers: usize,
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
}

#[derive(Args, Clone)]
pub struct GroupBuyBenchArgs {
    /// A short smoke run (for CI).
    #[arg(long)]
    pub quick: bool,
    /// Seconds of load per scenario, split over the rounds.
    #[arg(long, default_value_t = 6.0)]
    pub seconds: f64,
    /// Concurrent buyers' connections, each keep-alive.
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    /// Buyer accounts the connections take turns with.
    #[arg(long, default_value_t = 512)]
    pub buyers: usize,
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
}

#[derive(Args, Clone)]
pub struct FeedBenchArgs {
    /// A short smoke run (for CI): 10,000 items, 20 runs.
    #[arg(long)]
    pub quick: bool,
    #[arg(long, default_value_t = 100_000)]
    pub items: usize,
    /// Rankings timed, each beside a newest-first one.
    #[arg(long, default_value_t = 300)]
    pub runs: usize,
}

#[derive(Args, Clone)]
pub struct RoutingBenchArgs {
    /// A short smoke run (for CI): two small instances, one second each.
    #[arg(long)]
    pub quick: bool,
    /// Folder of Solomon (.txt) and TSPLIB (.vrp) instances, read recursively, with BKS.json.
    #[arg(long, default_value = "../shared/data/vrp")]
    pub instances: PathBuf,
    /// Time limit per instance, in seconds.
    #[arg(long, default_value_t = 30.0)]
    pub seconds: f64,
    /// Only these instances (file names without extension, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
    /// Also run scripts/reference_routing.py (OR-Tools) on each instance, same time limit.
    #[arg(long)]
    pub reference: bool,
    /// The Python that has OR-Tools installed, for --reference.
    #[arg(long, env = "FARMGATE_REFERENCE_PYTHON", default_value = "python3")]
    pub python: PathBuf,
    /// Plan a generated county day instead (2 depots, 500 village points, 30 vehicles).
    #[arg(long)]
    pub county: bool,
}
