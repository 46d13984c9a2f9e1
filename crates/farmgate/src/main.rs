//! The `farmgate` command: parses the command line and wires the library crates together.

mod backup;
mod bench;
mod callbacks;
mod cli;
mod demo_shorts;
mod demo_video;
mod export;
mod lock;
mod logging;
mod open;
mod seed;
mod serve;
mod stats;
mod video;

use clap::Parser;
use farmgate_services::demo::DemoHistory;
use farmgate_services::Services;

use crate::cli::{BenchTarget, Cli, Command, ExportTarget, StatsTarget};

/// mimalloc rather than glibc's allocator: requests, JSON and sqlx's arguments allocate and
/// free many small buffers across threads, and glibc spent about an eighth of the checkout
/// path's CPU in `malloc`, `free` and their consolidation (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    logging::init();
    without_transparent_huge_pages();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(cli))
}

/// mimalloc asks the kernel for transparent huge pages, and the first touch of each one zeroes
/// 2 MB while a request waits: when a full live room first wrote to its 10,000 connections the
/// room's delivery latency doubled for about two seconds, and the idle heap was half as large
/// again (see BENCHMARKS.md, live room). Redis's latency guide advises the same. Applies to
/// this process and those it starts.
fn without_transparent_huge_pages() {
    if let Err(error) = rustix::thread::disable_transparent_huge_pages(true) {
        tracing::warn!(%error, "transparent huge pages could not be turned off");
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => serve::serve(args).await,
        Command::Migrate(store) => {
            let store = open::open_store(&store).await?;
            println!("Migrations applied ({} store).", store.backend().as_str());
            Ok(())
        }
        Command::Demo(args) => {
            let store = open::open_store(&args.store).await?;
            let services = open::with_photos(Services::new(store), &args.store);
            seed::seed_demo(&services, args.seed, DemoHistory::Included).await?;
            let worker = farmgate_web::ShortVideoWorker::in_data_folder(&args.store.data);
            let videos = demo_shorts::make_demo_shorts(&services, &worker).await?;
            if videos > 0 {
                println!("Demo short videos made: {videos}.");
            }
            Ok(())
        }
        Command::Reindex(store_args) => {
            let _lock = lock::lock_data_folder(&store_args.data, "reindex")?;
            let store = open::open_store(&store_args).await?;
            let services = open::with_search(Services::new(store), &store_args)?;
            let count = services.reindex().await?;
            println!("Search index rebuilt: {count} listed products.");
            Ok(())
        }
        Command::Backup(args) => backup::backup(&args).await,
        Command::Restore(args) => backup::restore(&args).await,
        Command::Bench(args) => match args.target {
            BenchTarget::Http(options) => bench::http::run(options).await,
            BenchTarget::Checkout(options) => bench::checkout::run(options).await,
            BenchTarget::Room(options) => bench::room::run(options).await,
            BenchTarget::RoomServer(options) => bench::room_server::run(options).await,
            BenchTarget::FlashSale(options) => bench::flash_sale::run(options).await,
            BenchTarget::GroupBuy(options) => bench::group_buy::run(options).await,
            BenchTarget::Share(options) => bench::share::run(options).await,
            BenchTarget::Feed(options) => bench::feed::run(options),
            BenchTarget::Routing(options) => {
                tokio::task::spawn_blocking(move || bench::routing::run(options)).await?
            }
            BenchTarget::Search(options) => {
                tokio::task::spawn_blocking(move || bench::search::run(options)).await?
            }
            BenchTarget::Trace(options) => bench::trace::run(options).await,
            BenchTarget::Stats(options) => bench::stats::run(options).await,
        },
        Command::Export(args) => match args.target {
            ExportTarget::Epcis(options) => export::epcis(&options).await,
        },
        Command::Stats(args) => match args.target {
            StatsTarget::Summary(options) => stats::summary(&options).await,
            StatsTarget::Rebuild(store) => stats::rebuild(&store).await,
        },
    }
}
