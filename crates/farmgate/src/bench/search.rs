//! `farmgate bench search`: generates a catalogue (1,000,000 products by default), indexes it
//! into a temporary on-disk index, then runs a fixed mix of queries many times and prints p50
//! and p99 per class as ratios to the cheapest useful query (one category term) measured in the
//! same run, plus the absolute p99 against the 10 ms target.

mod products;
mod queries;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use farmgate_search::{IndexOptions, SearchIndex};

use crate::cli::SearchBenchArgs;

/// p99 of the whole mix must stay under this.
const P99_TARGET: Duration = Duration::from_millis(10);
/// Products generated and indexed per batch.
const BATCH: usize = 10_000;
/// Category of the baseline term query: the largest, so the baseline is not flattered.
const BASELINE_CATEGORY: &str = "fruit";

pub fn run(args: SearchBenchArgs) -> anyhow::Result<()> {
    let products = if args.quick {
        20_000
    } else {
        args.products.max(1)
    };
    let rounds = if args.quick { 5 } else { args.rounds.max(1) };
    println!(
        "farmgate bench search: {products} products (seed {}), {rounds} rounds of the query mix, writer heap {} MB",
        args.seed, args.heap_mb
    );
    let temporary = tempfile::tempdir().context("temporary index folder")?;
    let dir = args
        .index_dir
        .clone()
        .unwrap_or_else(|| temporary.path().to_path_buf());
    let options = IndexOptions {
        writer_heap_bytes: args.heap_mb.saturating_mul(1_000_000),
        writer_threads: 2,
    };
    let index = SearchIndex::open_with(&dir, options)?;
    if index.num_docs() == products as u64 {
        println!(
            "indexing: reusing the {products} products already in {}",
            dir.display()
        );
    } else {
        index.clear()?;
        index_catalogue(&index, &dir, products, args.seed)?;
    }
    measure(&index, rounds, args.verbose)
}

fn index_catalogue(
    index: &SearchIndex,
    dir: &Path,
    products: usize,
    seed: u64,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut rng = products::Rng::new(seed);
    let mut done = 0;
    while done < products {
        let batch: Vec<_> = (done..(done + BATCH).min(products))
            .map(|n| products::product(&mut rng, n))
            .collect();
        index.upsert(&batch)?;
        done += batch.len();
    }
    let fed = started.elapsed();
    index.commit()?;
    let total = started.elapsed();
    if index.num_docs() != products as u64 {
        bail!("indexed {} products, expected {products}", index.num_docs());
    }
    println!(
        "indexing: {products} products in {:.1} s ({:.0} products/s; fed in {:.1} s, final commit {:.1} s), {} segments, {:.0} MB on disk",
        total.as_secs_f64(),
        products as f64 / total.as_secs_f64(),
        fed.as_secs_f64(),
        (total - fed).as_secs_f64(),
        index.segment_count(),
        folder_bytes(dir) as f64 / 1e6,
    );
    Ok(())
}

/// Bytes of the files under `dir`, for the index size.
fn folder_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.metadata() {
            Ok(meta) if meta.is_dir() => folder_bytes(&entry.path()),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Latencies in microseconds per class, the baseline under its own key.
type Samples = BTreeMap<&'static str, Vec<u64>>;

fn measure(index: &SearchIndex, rounds: usize, verbose: bool) -> anyhow::Result<()> {
    let mix = queries::mix();
    // One untimed pass warms the page cache and the term dictionaries.
    for (_, _, query) in &mix {
        index.search(query)?;
    }
    index.baseline_search(BASELINE_CATEGORY, 20)?;
    let mut samples: Samples = BTreeMap::new();
    let mut per_query: BTreeMap<String, (usize, Vec<u64>)> = BTreeMap::new();
    for _ in 0..rounds {
        for (class, label, query) in &mix {
            // The baseline runs as often as the mix's queries, interleaved, so drift hits both.
            let started = Instant::now();
            let page = index.baseline_search(BASELINE_CATEGORY, 20)?;
            samples
                .entry("baseline")
                .or_default()
                .push(micros(started.elapsed()));
            if page.hits.is_empty() {
                bail!("the baseline query found nothing");
            }
            let started = Instant::now();
            let page = index.search(query)?;
            let took = micros(started.elapsed());
            samples.entry(class).or_default().push(took);
            let entry = per_query.entry(format!("{class}: {label}")).or_default();
            entry.0 = page.total;
            entry.1.push(took);
        }
    }
    if verbose {
        println!(
            "{:<40} {:>9} {:>9} {:>9}",
            "query", "matches", "p50 ms", "p99 ms"
        );
        for (label, (total, latencies)) in &per_query {
            let (p50, p99) = (
                percentile_ms(latencies, 0.5),
                percentile_ms(latencies, 0.99),
            );
            println!("{label:<40} {total:>9} {p50:>9.3} {p99:>9.3}");
        }
    }
    report(&samples);
    let empty: Vec<&String> = per_query
        .iter()
        .filter(|(_, (total, _))| *total == 0)
        .map(|(k, _)| k)
        .collect();
    if !empty.is_empty() {
        println!("warning: queries that found nothing: {empty:?}");
    }
    Ok(())
}

fn micros(elapsed: Duration) -> u64 {
    u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX)
}

/// Nearest-rank percentile in milliseconds.
fn percentile_ms(latencies: &[u64], quantile: f64) -> f64 {
    let mut sorted = latencies.to_vec();
    sorted.sort_unstable();
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64 * quantile).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1] as f64 / 1000.0
}

fn report(samples: &Samples) {
    let baseline = samples
        .get("baseline")
        .map(Vec::as_slice)
        .unwrap_or_default();
    let base_p50 = percentile_ms(baseline, 0.5).max(1e-3);
    let base_p99 = percentile_ms(baseline, 0.99).max(1e-3);
    println!(
        "{:<22} {:>8} {:>9} {:>9} {:>10} {:>10}",
        "class", "queries", "p50 ms", "p99 ms", "p50/base", "p99/base"
    );
    let row = |name: &str, latencies: &[u64]| {
        let p50 = percentile_ms(latencies, 0.5);
        let p99 = percentile_ms(latencies, 0.99);
        println!(
            "{name:<22} {:>8} {p50:>9.3} {p99:>9.3} {:>10.2} {:>10.2}",
            latencies.len(),
            p50 / base_p50,
            p99 / base_p99
        );
    };
    row("baseline (term query)", baseline);
    let mut all = Vec::new();
    for class in queries::CLASSES {
        if let Some(latencies) = samples.get(class) {
            row(class, latencies);
            all.extend_from_slice(latencies);
        }
    }
    row("all (mix)", &all);
    let p99 = percentile_ms(&all, 0.99);
    let verdict = if p99 <= P99_TARGET.as_secs_f64() * 1000.0 {
        "met"
    } else {
        "NOT met"
    };
    println!(
        "target: p99 of the mix under {} ms: {verdict} ({p99:.2} ms)",
        P99_TARGET.as_millis()
    );
}
