//! `farmgate bench feed`: ranking the interest feed for one buyer over 100,000 items, against
//! the plainest feed there is — the newest items first — over the same items in the same run.
//! Items — one short video for every four products — are spread over every category, 2,000
//! shops, 60 days and a long tail of sales; the buyer has bought and followed like a regular
//! customer.

use std::time::Instant;

use farmgate_domain::catalogue::Category;
use farmgate_domain::feed::{rank, FeedItem, FeedKey, Interests, Signal};
use farmgate_domain::id::{ProductId, ShopId, ShortVideoId};
use farmgate_domain::time::Timestamp;

use crate::cli::FeedBenchArgs;

/// The target for one buyer's ranking.
const P99_TARGET_MS: f64 = 20.0;
const SHOPS: u64 = 2_000;
const PAGE: usize = 20;
const DAY: i64 = 86_400_000;

pub fn run(args: FeedBenchArgs) -> anyhow::Result<()> {
    let (items, runs) = match args.quick {
        true => (10_000, 20),
        false => (args.items.max(1), args.runs.max(1)),
    };
    let now = Timestamp::from_millis(1_800_000_000_000);
    let mut seed = 0x5eed_u64;
    let catalogue: Vec<FeedItem<FeedKey>> = (0..items as u64)
        .map(|n| {
            let r = next(&mut seed);
            let id = format!("{n:036}");
            FeedItem {
                key: match n % 5 {
                    0 => FeedKey::Video(ShortVideoId::new(id)),
                    _ => FeedKey::Product(ProductId::new(id)),
                },
                category: Category::ALL[(r % Category::ALL.len() as u64) as usize],
                shop: ShopId::new(format!("shop-{}", (r >> 8) % SHOPS)),
                published: now.plus_millis(-((r >> 20) as i64 % (60 * DAY))),
                // A long tail: most sell little, a few sell a lot.
                sales: ((r >> 40) % 1_000).pow(2) as i64 / 1_000,
            }
        })
        .collect();
    let signals: Vec<Signal> = (0..24)
        .map(|n| {
            let r = next(&mut seed);
            let shop = ShopId::new(format!("shop-{}", r % SHOPS));
            match n % 3 {
                0 => Signal::Followed { shop },
                _ => Signal::Bought {
                    category: Category::ALL[(r >> 16) as usize % Category::ALL.len()],
                    shop,
                },
            }
        })
        .collect();
    println!("farmgate bench feed: {items} items, {runs} runs, a page of {PAGE}");

    let mut ranked = Vec::with_capacity(runs);
    let mut newest = Vec::with_capacity(runs);
    let mut shown = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let interests = Interests::from_signals(&signals);
        shown += rank(&catalogue, &interests, now, PAGE).len();
        ranked.push(started.elapsed().as_secs_f64() * 1_000.0);

        let started = Instant::now();
        shown += newest_first(&catalogue, PAGE).len();
        newest.push(started.elapsed().as_secs_f64() * 1_000.0);
    }
    anyhow::ensure!(
        shown == 2 * runs * PAGE.min(items),
        "a feed came back short"
    );
    let (p50, p99) = (percentile(&mut ranked, 0.5), percentile(&mut ranked, 0.99));
    let (b50, b99) = (percentile(&mut newest, 0.5), percentile(&mut newest, 0.99));
    println!("{:<28} {:>9} {:>9}", "feed", "p50 ms", "p99 ms");
    println!(
        "{:<28} {:>9.2} {:>9.2}",
        "newest first (baseline)", b50, b99
    );
    println!("{:<28} {:>9.2} {:>9.2}", "interest feed", p50, p99);
    println!(
        "interest / newest: p50 {:.1}x, p99 {:.1}x",
        p50 / b50.max(1e-6),
        p99 / b99.max(1e-6)
    );
    let verdict = if p99 < P99_TARGET_MS {
        "met"
    } else {
        "NOT met"
    };
    println!("target: p99 < {P99_TARGET_MS} ms over {items} items: {verdict} ({p99:.2} ms)");
    Ok(())
}

/// The plainest feed: the `n` most recently published items.
fn newest_first<K>(items: &[FeedItem<K>], n: usize) -> Vec<&FeedItem<K>> {
    let mut order: Vec<&FeedItem<K>> = items.iter().collect();
    let keep = n.min(order.len());
    if keep > 0 && keep < order.len() {
        order.select_nth_unstable_by(keep - 1, |a, b| b.published.cmp(&a.published));
    }
    order.truncate(keep);
    order.sort_unstable_by_key(|item| std::cmp::Reverse(item.published));
    order
}

fn percentile(samples: &mut [f64], quantile: f64) -> f64 {
    samples.sort_unstable_by(f64::total_cmp);
    let rank = ((samples.len() as f64 * quantile).ceil() as usize).clamp(1, samples.len());
    samples[rank - 1]
}

/// splitmix64: the same items every run.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
