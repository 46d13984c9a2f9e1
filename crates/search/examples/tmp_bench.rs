#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]
#[path = "../../farmgate/src/bench/search/products.rs"]
mod products;
#[path = "../../farmgate/src/bench/search/queries.rs"]
mod queries;

use farmgate_search::{IndexOptions, SearchIndex};
use std::time::Instant;

fn pct(v: &[u64], q: f64) -> f64 {
    let mut s = v.to_vec();
    s.sort_unstable();
    let rank = ((s.len() as f64 * q).ceil() as usize).clamp(1, s.len());
    s[rank - 1] as f64 / 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args[1].parse().unwrap();
    let dir = std::path::PathBuf::from(&args[2]);
    let rounds: usize = args[3].parse().unwrap();
    let index = SearchIndex::open_with(
        &dir,
        IndexOptions {
            writer_heap_bytes: 400_000_000,
            writer_threads: 2,
        },
    )
    .unwrap();
    if index.num_docs() != n as u64 {
        index.clear().unwrap();
        let t = Instant::now();
        let mut rng = products::Rng::new(20_261_122);
        let mut done = 0;
        while done < n {
            let batch: Vec<_> = (done..(done + 10_000).min(n))
                .map(|i| products::product(&mut rng, i))
                .collect();
            index.upsert(&batch).unwrap();
            done += batch.len();
        }
        let fed = t.elapsed();
        index.commit().unwrap();
        println!(
            "indexed {n} in {:?} (fed {:?}), {} segments",
            t.elapsed(),
            fed,
            index.segment_count()
        );
    }
    let mut mix = queries::mix();
    if let Some(only) = args.get(4) {
        mix.retain(|(_, label, _)| label.contains(only.as_str()));
    }
    for (_, _, q) in &mix {
        index.search(q).unwrap();
    }
    let mut base = Vec::new();
    let mut per: Vec<Vec<u64>> = vec![Vec::new(); mix.len()];
    let mut totals = vec![0; mix.len()];
    for _ in 0..rounds {
        for (i, (_, _, q)) in mix.iter().enumerate() {
            let t = Instant::now();
            index.baseline_search("fruit", 20).unwrap();
            base.push(t.elapsed().as_micros() as u64);
            let t = Instant::now();
            let page = index.search(q).unwrap();
            per[i].push(t.elapsed().as_micros() as u64);
            totals[i] = page.total;
        }
    }
    println!(
        "baseline p50 {:.3} p99 {:.3}",
        pct(&base, 0.5),
        pct(&base, 0.99)
    );
    let mut all = Vec::new();
    for (i, (class, label, _)) in mix.iter().enumerate() {
        println!(
            "{class:>9} {label:<28} {:>8} p50 {:>7.3} p99 {:>7.3}",
            totals[i],
            pct(&per[i], 0.5),
            pct(&per[i], 0.99)
        );
        all.extend_from_slice(&per[i]);
    }
    println!("ALL p50 {:.3} p99 {:.3}", pct(&all, 0.5), pct(&all, 0.99));
}
