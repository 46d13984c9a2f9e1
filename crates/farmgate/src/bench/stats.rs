//! `farmgate bench stats`: two years of orders (10,000,000 by default) over the demo county,
//! rollups rebuilt from them, then in the same run: the dashboard read from rollups, the same
//! figures computed by `GROUP BY` over the raw orders (which must agree), and orders placed
//! and paid per second with and without the rollups written in their transactions.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::bail;
use farmgate_domain::access::Actor;
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::catalogue::Category;
use farmgate_domain::id::{LiveSessionId, ProductId, ShopId, SkuId};
use farmgate_domain::place::PlaceLevel;
use farmgate_domain::role::Role;
use farmgate_domain::stats::{Period, RollupFigures};
use farmgate_services::demo::DemoHistory;
use farmgate_services::stats::StatsRequest;
use farmgate_services::{new_id, Services};
use farmgate_store::sql::SqlStore;
use farmgate_store::{AccountRecord, Breakdown, Rollups, Store};
use sqlx::AnyPool;

use super::load::Sample;
use super::stats_orders::orders_per_second;
use super::stats_seed::{self, History, Listed};
use crate::cli::StatsBenchArgs;
use crate::seed::seed_demo;

const DASHBOARD_TARGET_MS: f64 = 100.0;
const SPEEDUP_TARGET: f64 = 100.0;
const ROLLUP_COST_TARGET: f64 = 0.10;

/// Where buyers are besides the county itself.
const ELSEWHERE: [(&str, &str); 12] = [
    ("11", "朝阳区"),
    ("31", "浦东新区"),
    ("44", "天河区"),
    ("51", "武侯区"),
    ("33", "西湖区"),
    ("32", "鼓楼区"),
    ("42", "洪山区"),
    ("61", "雁塔区"),
    ("37", "历下区"),
    ("50", "渝北区"),
    ("63", "城西区"),
    ("62", "城关区"),
];

pub async fn run(args: StatsBenchArgs) -> anyhow::Result<()> {
    let (orders, buyers, views, raw_repeats, rounds, per_round) = if args.quick {
        (20_000, 5_000, 5, 1, 1, Duration::from_millis(300))
    } else {
        let rounds = args.rounds.max(1);
        let orders = args.orders.max(1_000);
        (
            orders,
            (orders / 5).max(1),
            50,
            3,
            rounds,
            Duration::from_secs_f64(args.seconds),
        )
    };
    let data_dir = tempfile::tempdir()?;
    let path = data_dir.path().join("farmgate.db");
    let sql = SqlStore::open_sqlite(&path).await?;
    sql.migrate().await?;
    let store: Arc<dyn Store> = Arc::new(sql.clone());
    let services = Services::new(store.clone());
    seed_demo(&services, farmgate_demo::DEFAULT_SEED, DemoHistory::LeftOut).await?;
    let raw = AnyPool::connect(&format!("sqlite://{}?mode=rw", path.display())).await?;
    let listed = listed(&raw).await?;
    let session: (String,) = sqlx::query_as("SELECT id FROM live_sessions WHERE status = 'live'")
        .fetch_one(&raw)
        .await?;
    let session = LiveSessionId::new(session.0);
    let county = store
        .places()
        .await?
        .into_iter()
        .find(|place| place.level() == PlaceLevel::County)
        .ok_or_else(|| anyhow::anyhow!("the demo has no county"))?;
    let mut destinations = vec![(county.code.as_str()[..2].to_owned(), county.name_zh.clone())];
    destinations.extend(ELSEWHERE.map(|(p, c)| (p.to_owned(), c.to_owned())));
    let today = CivilDate::in_china(services.clock.now());
    let history = History {
        orders,
        buyers,
        products: &listed,
        last_day: today.plus_days(-1),
        destinations: &destinations,
    };
    let started = Instant::now();
    stats_seed::write(&path, &history).await?;
    let written = started.elapsed();
    let started = Instant::now();
    let report = sql.rebuild_rollups().await?;
    let rebuilt = started.elapsed();
    println!(
        "farmgate bench stats: {orders} orders of {} products by {buyers} buyers over {} to {}; \
         written in {:.1} s, rollups rebuilt from {} orders and {} refunds in {:.1} s ({:.0} orders/s)",
        listed.len(),
        history.first_day(),
        history.last_day,
        written.as_secs_f64(),
        report.paid_orders,
        report.refunds,
        rebuilt.as_secs_f64(),
        report.paid_orders as f64 / rebuilt.as_secs_f64().max(1e-9),
    );
    // The raw scan gets the index a hand-written report would add.
    sqlx::query("CREATE INDEX bench_orders_by_paid ON orders (paid_at)")
        .execute(&raw)
        .await?;
    sqlx::query("CREATE INDEX bench_refunds_by_day ON after_sales (status, refunded_at)")
        .execute(&raw)
        .await?;

    let quarter = StatsRequest::county(Period::quarter_of(history.last_day));
    let dashboard = dashboard_sample(&services, &store, &quarter, views).await?;
    let (from_rollups, from_orders) = same_figures(&sql, &raw, &quarter, raw_repeats).await?;

    // As `farmgate serve` runs it: the log copied into the database in the background, not by
    // whichever commit finds it long.
    tokio::spawn(Arc::new(sql.clone()).checkpoint_forever());
    let mut with = Sample::default();
    let mut without = Sample::default();
    let mut kept = Vec::with_capacity(rounds);
    let bare = sql.clone().without_rollups();
    let at = services.clock.now();
    for round in 0..rounds {
        // Each round measures both, first one then the other in turn, so that neither always
        // runs on the log and cache the other left.
        let mut pair = [
            (true, &sql, Sample::default()),
            (false, &bare, Sample::default()),
        ];
        if round % 2 == 1 {
            pair.reverse();
        }
        for (_, store, sample) in &mut pair {
            let orders = orders_per_second(
                store,
                &listed,
                &session,
                buyers,
                args.workers,
                per_round,
                at,
            );
            *sample = orders.await?;
        }
        let [(first_has_rollups, _, a), (_, _, b)] = pair;
        let (w, wo) = if first_has_rollups { (a, b) } else { (b, a) };
        kept.push(w.requests_per_second() / wo.requests_per_second().max(1e-9));
        with.merge(w);
        without.merge(wo);
    }
    report_all(
        &dashboard,
        &from_rollups,
        &from_orders,
        &with,
        &without,
        &mut kept,
    );
    raw.close().await;
    Ok(())
}

/// Every listed product's first SKU, with stock enough for the throughput rounds.
async fn listed(raw: &AnyPool) -> anyhow::Result<Vec<Listed>> {
    sqlx::query("UPDATE skus SET stock = 1000000000")
        .execute(raw)
        .await?;
    let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT p.id, p.shop_id, s.id, p.category, s.price_minor FROM products p \
         JOIN skus s ON s.product_id = p.id AND s.position = 0 \
         WHERE p.status = 'listed' ORDER BY p.id",
    )
    .fetch_all(raw)
    .await?;
    let listed: Vec<Listed> = rows
        .into_iter()
        .filter_map(|(product, shop, sku, category, price_minor)| {
            Some(Listed {
                product: ProductId::new(product),
                shop: ShopId::new(shop),
                sku: SkuId::new(sku),
                category: Category::parse(&category)?,
                price_minor,
            })
        })
        .collect();
    if listed.is_empty() {
        bail!("the demo has no listed products");
    }
    Ok(listed)
}

/// The whole dashboard for an analyst, `views` times.
async fn dashboard_sample(
    services: &Services,
    store: &Arc<dyn Store>,
    request: &StatsRequest,
    views: usize,
) -> anyhow::Result<Sample> {
    let analyst = AccountRecord {
        id: new_id(),
        email: "bench-analyst@example.cn".into(),
        display_name: "分析员".into(),
        password_hash: String::new(),
        roles: vec![Role::Analyst],
        created_at: services.clock.now(),
    };
    store.insert_account(&analyst).await?;
    let actor = Actor {
        account_id: analyst.id,
        roles: vec![Role::Analyst],
        shops: Vec::new(),
    };
    let mut sample = Sample::default();
    let started = Instant::now();
    for _ in 0..views {
        let asked = Instant::now();
        let dashboard = services.stats_dashboard(&actor, request).await?;
        sample.latencies_us.push(asked.elapsed().as_micros() as u64);
        if dashboard.summary.headlines.is_empty() {
            bail!("the dashboard has no figures");
        }
    }
    sample.elapsed = started.elapsed();
    Ok(sample)
}

type Figures = Vec<(String, RollupFigures)>;

/// Sales by category and by channel in the period, last year and the period before: from
/// rollups and by `GROUP BY` over orders, `repeats` times each. The two must agree.
async fn same_figures(
    sql: &SqlStore,
    raw: &AnyPool,
    request: &StatsRequest,
    repeats: usize,
) -> anyhow::Result<(Sample, Sample)> {
    let mut from_rollups = Sample::default();
    let mut from_orders = Sample::default();
    for _ in 0..repeats.max(1) {
        for period in request.periods() {
            for (by, column) in [
                (Breakdown::Category, "l.category"),
                (Breakdown::Channel, "o.channel"),
            ] {
                let asked = Instant::now();
                let rolled = sql.sales_by(&request.scope(period), by).await?;
                from_rollups
                    .latencies_us
                    .push(asked.elapsed().as_micros() as u64);
                let asked = Instant::now();
                let scanned = group_by(raw, column, period).await?;
                from_orders
                    .latencies_us
                    .push(asked.elapsed().as_micros() as u64);
                if rolled != scanned {
                    bail!("rollups and orders disagree on {by:?} in {period:?}:\n{rolled:?}\n{scanned:?}");
                }
            }
        }
    }
    for sample in [&mut from_rollups, &mut from_orders] {
        sample.elapsed = Duration::from_micros(sample.latencies_us.iter().sum());
    }
    Ok((from_rollups, from_orders))
}

/// Paid goods and orders by `column` over the period's orders, less refunds paid back in it.
async fn group_by(raw: &AnyPool, column: &str, period: Period) -> anyhow::Result<Figures> {
    let from = period.from.start_in_china().millis();
    let to = period.to.plus_days(1).start_in_china().millis();
    let paid: Vec<(String, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT {column}, CAST(SUM(l.unit_price_minor * l.quantity) AS BIGINT), COUNT(*), \
         CAST(SUM(l.quantity) AS BIGINT) FROM orders o JOIN order_lines l ON l.order_id = o.id \
         WHERE o.paid_at >= $1 AND o.paid_at < $2 GROUP BY 1 ORDER BY 1"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(raw)
    .await?;
    let refunded: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT {column}, CAST(SUM(a.amount_minor) AS BIGINT) FROM after_sales a \
         JOIN orders o ON o.id = a.order_id JOIN order_lines l ON l.order_id = o.id \
         WHERE a.status = 'refunded' AND a.refunded_at >= $1 AND a.refunded_at < $2 GROUP BY 1"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(raw)
    .await?;
    let mut figures: Figures = paid
        .into_iter()
        .map(|(key, paid_minor, orders, units)| {
            let figures = RollupFigures {
                paid_minor,
                refunded_minor: 0,
                orders,
                units,
            };
            (key, figures)
        })
        .collect();
    for (key, refunded_minor) in refunded {
        match figures.iter_mut().find(|(k, _)| *k == key) {
            Some((_, f)) => f.refunded_minor = refunded_minor,
            None => figures.push((
                key,
                RollupFigures {
                    refunded_minor,
                    ..RollupFigures::default()
                },
            )),
        }
    }
    figures.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(figures)
}

fn report_all(
    dashboard: &Sample,
    rollups: &Sample,
    orders: &Sample,
    with: &Sample,
    without: &Sample,
    kept: &mut [f64],
) {
    println!(
        "{:<44} {:>8} {:>10} {:>9} {:>9}",
        "scenario", "count", "per s", "p50 ms", "p99 ms"
    );
    let rows = [
        ("dashboard (whole page's figures, rollups)", dashboard),
        ("same figures from rollups (per query)", rollups),
        ("same figures by GROUP BY over orders", orders),
        ("orders placed and paid, with rollups", with),
        ("orders placed and paid, without rollups", without),
    ];
    for (name, sample) in rows {
        println!(
            "{:<44} {:>8} {:>10.1} {:>9.2} {:>9.2}",
            name,
            sample.latencies_us.len(),
            sample.requests_per_second(),
            sample.percentile_ms(0.5),
            sample.percentile_ms(0.99)
        );
    }
    let speedup = orders.percentile_ms(0.5) / rollups.percentile_ms(0.5).max(1e-6);
    let pooled = with.requests_per_second() / without.requests_per_second().max(1e-9);
    kept.sort_by(f64::total_cmp);
    let median = kept.get(kept.len() / 2).copied().unwrap_or(pooled);
    let verdict = |met: bool| if met { "met" } else { "NOT met" };
    println!("figures agree: rollups = GROUP BY over orders, in every period and breakdown");
    println!(
        "target: dashboard p99 < {DASHBOARD_TARGET_MS:.0} ms: {} ({:.1} ms)",
        verdict(dashboard.percentile_ms(0.99) < DASHBOARD_TARGET_MS),
        dashboard.percentile_ms(0.99)
    );
    println!(
        "target: rollups >= {SPEEDUP_TARGET:.0}x faster than the raw scan (median query): {} ({speedup:.0}x)",
        verdict(speedup >= SPEEDUP_TARGET)
    );
    println!(
        "with/without rollups, each round, lowest first: {}",
        kept.iter()
            .map(|k| format!("{k:.3}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "target: rollups cost < {:.0}% of order throughput: {} (median of the rounds' with/without = {median:.3}, cost {:.1}%; all rounds pooled {pooled:.3}, cost {:.1}%)",
        ROLLUP_COST_TARGET * 100.0,
        verdict(1.0 - median < ROLLUP_COST_TARGET),
        (1.0 - median) * 100.0,
        (1.0 - pooled) * 100.0
    );
}
