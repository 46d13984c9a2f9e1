//! `farmgate serve`: open the store, seed the demo if asked, and serve until Ctrl-C.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use farmgate_documents::LabelFont;
use farmgate_payments::sandbox::SandboxProvider;
use farmgate_services::demo::DemoHistory;
use farmgate_services::down::OutboxNotifier;
use farmgate_services::payments::PaymentSetup;
use farmgate_services::Services;
use farmgate_store::Store;
use farmgate_web::{AppState, DemoAccount, SiteConfig};
use tokio::net::TcpListener;

use crate::callbacks::{deliver_forever, sandbox_provider, HttpCallbacks};
use crate::cli::ServeArgs;
use crate::demo_shorts::start_demo_shorts;
use crate::demo_video::start_demo_video;
use crate::lock::lock_data_folder;
use crate::open::{open_store, with_photos, with_search};
use crate::seed::{demo_accounts, seed_demo};
use crate::video::{start_video, stop_video, Video};

/// How often expired sessions are swept out.
const SESSION_SWEEP: Duration = Duration::from_secs(3600);
/// How often catalogue changes are published to search: within a second, as promised.
const SEARCH_PUBLISH: Duration = Duration::from_millis(500);
/// How often unpaid orders and late payments are looked at.
const ORDER_SWEEP: Duration = Duration::from_secs(15);
/// How soon a villager hears that their parcel is at the village point.
const NOTICE_SWEEP: Duration = Duration::from_secs(5);

pub async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let time_zone = jiff_zone(&args.time_zone)?;
    let label_font = load_label_font(args.label_font.as_deref())?;
    let _lock = if args.store.database.is_none() {
        Some(lock_data_folder(
            &args.store.data,
            "start another server on it",
        )?)
    } else {
        None
    };
    let sql = open_store(&args.store).await?;
    let store: Arc<dyn Store> = sql.clone();
    let services = with_search(with_photos(Services::new(store), &args.store), &args.store)?;
    // A new index is filled before the server answers, so search works from the first request;
    // an existing one serves at once and is refreshed in the background.
    let fresh_index = services
        .search
        .as_ref()
        .is_some_and(|s| s.index.num_docs() == 0);
    let plan = match args.demo {
        true => Some(seed_demo(&services, args.seed, DemoHistory::Included).await?),
        false => None,
    };
    let demo = plan.as_ref().map(demo_accounts).unwrap_or_default();
    if fresh_index {
        let count = services.reindex().await?;
        tracing::info!(count, "search index built");
    }
    // Flash sales still on get their gates from the database before the first buyer.
    let sales = services.warm_flash_sales().await?;
    if sales > 0 {
        tracing::info!(sales, "flash-sale gates rebuilt");
    }
    // Lucky draws left open by the last process lost their entrants with it.
    let draws = services.interrupt_lost_draws().await?;
    if draws > 0 {
        tracing::warn!(
            draws,
            "lucky draws open at the last stop were closed as interrupted"
        );
    }
    let listener = TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("could not listen on {}", args.listen))?;
    let address = listener.local_addr()?;
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{address}"));
    tokio::spawn(sql.clone().checkpoint_forever());
    let sandbox = sandbox_provider(sql, services.sandbox_signer().await?, &public_url);
    let services = with_sandbox_payments(services, sandbox.clone(), &public_url);
    if let Some(plan) = &plan {
        // Its seats are paid at the sandbox cashier, so they wait for the sandbox.
        let teams = services.seed_demo_group_buys(plan, &sandbox).await?;
        if teams > 0 {
            tracing::info!(teams, "demo group-buy teams opened");
        }
        // Its neighbours are the group-buys' and its orders are paid at the sandbox cashier.
        let sales = services.seed_demo_leader_sales(plan, &sandbox).await?;
        if sales > 0 {
            tracing::info!(sales, "demo leader's sales made");
        }
        // After the leader's sales, which were planned at shelf prices.
        let campaigns = services.seed_demo_campaigns().await?;
        if campaigns > 0 {
            tracing::info!(campaigns, "demo campaigns set up");
        }
    }
    let mut video = start_video(&args, address).await;
    let waiting = services.resume_broadcasts().await?;
    if waiting > 0 {
        tracing::info!(waiting, "live sessions wait for their hosts to push again");
    }
    // Short videos a stopped server left half made start again, before the demo adds its own.
    video.setup.shorts.resume(&services).await;
    if args.demo {
        start_demo_video(&services, &mut video).await?;
        start_demo_shorts(&services, &video.setup.shorts);
    }
    let state = AppState {
        label_font: Arc::new(label_font),
        ..app_state(
            services.clone(),
            sandbox.clone(),
            demo,
            time_zone,
            args.secure_cookies,
            &video,
        )
    };
    tokio::spawn(sweep_sessions(services.clone()));
    tokio::spawn(keep_orders_moving(services.clone()));
    tokio::spawn(keep_search_current(services.clone(), !fresh_index));
    tokio::spawn(send_pickup_notices(services.clone()));
    tokio::spawn(deliver_forever(sandbox, services, HttpCallbacks::new()?));
    // Tests and scripts wait for exactly this line.
    println!("Farmgate is listening on http://{address}");
    let served = farmgate_web::serve(listener, farmgate_web::app(state), shutdown_signal()).await;
    stop_video(video).await;
    Ok(served?)
}

pub fn app_state(
    services: Services,
    sandbox: Arc<SandboxProvider>,
    demo_accounts: Vec<DemoAccount>,
    time_zone: jiff::tz::TimeZone,
    secure_cookies: bool,
    video: &Video,
) -> AppState {
    AppState {
        services,
        sandbox,
        site: Arc::new(SiteConfig {
            demo_accounts,
            time_zone,
            secure_cookies,
            video: video.site.clone(),
        }),
        metrics: farmgate_web::metrics_handle(),
        video: video.setup.clone(),
        label_font: Arc::new(LabelFont::embedded()),
    }
}

/// The font labels are printed in: the built-in one, or `PATH` or `PATH:FACE` (a face of a
/// `.ttc` collection), checked now so a bad path stops the start rather than a print.
fn load_label_font(arg: Option<&str>) -> anyhow::Result<LabelFont> {
    let Some(arg) = arg else {
        return Ok(LabelFont::embedded());
    };
    let (path, face) = match arg.rsplit_once(':') {
        Some((path, face)) if !face.is_empty() && face.bytes().all(|b| b.is_ascii_digit()) => (
            path,
            face.parse().context("--label-font: face index too large")?,
        ),
        _ => (arg, 0),
    };
    LabelFont::from_file(path, face).with_context(|| format!("--label-font {arg}"))
}

pub fn jiff_zone(name: &str) -> anyhow::Result<jiff::tz::TimeZone> {
    jiff::tz::TimeZone::get(name).with_context(|| format!("unknown time zone {name:?}"))
}

/// Takes payments through the sandbox provider, whose callbacks come back to this server.
pub fn with_sandbox_payments(
    services: Services,
    sandbox: Arc<SandboxProvider>,
    public_url: &str,
) -> Services {
    let base = public_url.trim_end_matches('/');
    services.with_payments(PaymentSetup {
        provider: sandbox,
        notify_url: format!("{base}/api/v1/payments/notify/sandbox"),
        public_url: base.to_owned(),
    })
}

/// Expires unpaid orders (their stock returns), gives closed flash sales' unsold units back,
/// ends group-buy teams whose deadline passed (refunding those that did not fill),
/// asks about payments whose callback is late, confirms deliveries nobody confirmed within the
/// auto-confirm period, approves refund requests their producer left unanswered, and asks about
/// refunds whose callback is late.
async fn keep_orders_moving(services: Services) {
    let mut interval = tokio::time::interval(ORDER_SWEEP);
    loop {
        interval.tick().await;
        if let Err(error) = services.expire_unpaid_orders().await {
            tracing::warn!(%error, "could not expire unpaid orders");
        }
        if let Err(error) = services.settle_flash_sales().await {
            tracing::warn!(%error, "could not settle closed flash sales");
        }
        if let Err(error) = services.end_due_teams().await {
            tracing::warn!(%error, "could not end group-buy teams past their deadline");
        }
        if let Err(error) = services.reconcile_payments().await {
            tracing::warn!(%error, "could not reconcile payments");
        }
        if let Err(error) = services.auto_confirm_deliveries().await {
            tracing::warn!(%error, "could not confirm deliveries");
        }
        if let Err(error) = services.auto_approve_after_sales().await {
            tracing::warn!(%error, "could not approve unanswered after-sales requests");
        }
        if let Err(error) = services.reconcile_refunds().await {
            tracing::warn!(%error, "could not reconcile refunds");
        }
    }
}

/// Rebuilds the search index from the store (when `rebuild`), then publishes catalogue changes
/// as they come.
async fn keep_search_current(services: Services, rebuild: bool) {
    if rebuild {
        match services.reindex().await {
            Ok(count) => tracing::info!(count, "search index rebuilt"),
            Err(error) => tracing::error!(%error, "could not rebuild the search index"),
        }
    }
    let mut interval = tokio::time::interval(SEARCH_PUBLISH);
    loop {
        interval.tick().await;
        if let Err(error) = services.publish_search_updates().await {
            tracing::warn!(%error, "could not update the search index");
        }
    }
}

/// Sends the pickup notices owed by parcels that reached their village point, and the recall
/// notices owed to buyers, through the built-in outbox (no SMS gateway is configured yet). Owed
/// notices survive a restart: they are found from the parcels and the recall notice rows, not
/// from memory.
async fn send_pickup_notices(services: Services) {
    let mut interval = tokio::time::interval(NOTICE_SWEEP);
    loop {
        interval.tick().await;
        if let Err(error) = services.send_pickup_notices(&OutboxNotifier).await {
            tracing::warn!(%error, "could not send pickup notices");
        }
        if let Err(error) = services.send_recall_notices(&OutboxNotifier).await {
            tracing::warn!(%error, "could not send recall notices");
        }
    }
}

async fn sweep_sessions(services: Services) {
    let mut interval = tokio::time::interval(SESSION_SWEEP);
    loop {
        interval.tick().await;
        let now = services.clock.now();
        match services.store.delete_expired_sessions(now).await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "expired sessions removed"),
            Err(error) => tracing::warn!(%error, "could not sweep sessions"),
        }
    }
}

/// Ctrl-C, or SIGTERM from a service manager or a test harness: either stops the server the
/// same way, so nginx and the ffmpeg it feeds are stopped with it rather than left running.
async fn shutdown_signal() {
    let interrupted = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        () = interrupted => {}
        () = terminated() => {}
    }
    eprintln!("Shutting down.");
}

#[cfg(unix)]
async fn terminated() {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut terminate) => {
            terminate.recv().await;
        }
        Err(_) => std::future::pending::<()>().await,
    }
}

#[cfg(not(unix))]
async fn terminated() {
    std::future::pending::<()>().await;
}
