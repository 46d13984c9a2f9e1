//! `farmgate bench routing`: plans every Solomon and CVRPLIB instance of a folder within a time
//! limit, minimising total distance (the measure of the best-known costs in `BKS.json`; for
//! Solomon its distance-only `<name>_distance` entry), checks each plan with the independent
//! checker, and prints the gap to the best-known cost; with `--reference`, OR-Tools on the same
//! input and time limit beside it. The last line is `average gap: X.XX%`.
//! `--county` plans a generated county day instead and reports its time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use farmgate_routing::readers::{read_instance, Instance};
use farmgate_routing::synthetic::{county, CountySpec};
use farmgate_routing::{check, plan, plan_with, Objective, PlanOptions};

use super::routing_reference;
use crate::cli::RoutingBenchArgs;

/// The smoke run's instances: the smallest CVRP one and an easy Solomon one.
const QUICK: [&str; 2] = ["P-n16-k8", "C101"];

pub fn run(args: RoutingBenchArgs) -> anyhow::Result<()> {
    if args.county {
        return county_day(&args);
    }
    let seconds = if args.quick { 1.0 } else { args.seconds };
    let limit = Duration::try_from_secs_f64(seconds).context("--seconds")?;
    let best_known = read_best_known(&args.instances.join("BKS.json"))?;
    let mut files = instance_files(&args.instances)?;
    let wanted: Vec<String> = if args.quick {
        QUICK.map(String::from).to_vec()
    } else {
        args.only.clone()
    };
    if !wanted.is_empty() {
        files.retain(|file| wanted.iter().any(|name| stem(file) == *name));
    }
    if files.is_empty() {
        bail!("no .txt or .vrp instances in {}", args.instances.display());
    }
    println!(
        "farmgate bench routing: {} instances from {}, {seconds} s each on {} cores, objective: total distance",
        files.len(),
        args.instances.display(),
        std::thread::available_parallelism().map_or(1, usize::from),
    );
    let mut totals = Totals::default();
    for file in &files {
        let instance = read_instance(file).with_context(|| file.display().to_string())?;
        let best = best_known
            .get(&format!("{}_distance", instance.name))
            .or_else(|| best_known.get(&instance.name))
            .copied();
        let ours = solve(&instance, limit)?;
        let mut line = format!(
            "{:<12} vehicles {:>3}  cost {:>10.2}  best {:>10}  gap {:>7}  checker {}",
            instance.name,
            ours.vehicles,
            ours.cost,
            best.map_or("-".into(), |best| format!("{best:.2}")),
            if ours.left_out == 0 {
                gap_text(ours.cost, best)
            } else {
                "left stops out".into()
            },
            ours.verdict,
        );
        if ours.broken {
            totals.failures.push(instance.name.clone());
        } else if ours.left_out > 0 {
            totals.left_out.push(instance.name.clone());
        } else if let Some(best) = best {
            totals.ours.push(gap(ours.cost, best));
        }
        if args.reference {
            let reference = routing_reference::solve(&args.python, &instance, seconds)?;
            let reference_gap = if reference.served_all {
                gap_text(reference.cost, best)
            } else {
                "left stops out".into()
            };
            line.push_str(&format!(
                "  | OR-Tools vehicles {:>3}  cost {:>10.2}  gap {reference_gap:>7}",
                reference.vehicles, reference.cost,
            ));
            if let (Some(best), true) = (best, reference.served_all) {
                totals.reference.push(gap(reference.cost, best));
            }
        }
        println!("{line}");
    }
    if args.reference {
        println!("OR-Tools average gap: {}", average_text(&totals.reference));
    }
    if !totals.left_out.is_empty() {
        println!(
            "left stops out within the time limit (not in the average): {}",
            totals.left_out.join(", ")
        );
    }
    println!("average gap: {}", average_text(&totals.ours));
    if !totals.failures.is_empty() {
        bail!(
            "plans that failed the checker: {}",
            totals.failures.join(", ")
        );
    }
    Ok(())
}

struct Outcome {
    vehicles: usize,
    cost: f64,
    verdict: String,
    /// Stops the plan could not fit: a tight fleet the solver did not pack in time.
    left_out: usize,
    /// The checker found a violated rule.
    broken: bool,
}

#[derive(Default)]
struct Totals {
    ours: Vec<f64>,
    reference: Vec<f64>,
    failures: Vec<String>,
    left_out: Vec<String>,
}

fn solve(instance: &Instance, limit: Duration) -> anyhow::Result<Outcome> {
    let options = PlanOptions {
        time_limit: limit,
        objective: Objective::Distance,
    };
    let plan = plan_with(&instance.problem, options)?;
    let violations = check(&instance.problem, &plan);
    let verdict = match (violations.len(), plan.unassigned.len()) {
        (0, 0) => "OK".to_string(),
        (0, left) => format!("OK but {left} stops left out"),
        (broken, _) => format!("FAILED: {broken} violations, first {:?}", violations[0]),
    };
    Ok(Outcome {
        vehicles: plan.runs.len(),
        cost: plan.total_distance_m() as f64 / f64::from(instance.scale),
        verdict,
        left_out: plan.unassigned.len(),
        broken: !violations.is_empty(),
    })
}

fn county_day(args: &RoutingBenchArgs) -> anyhow::Result<()> {
    let spec = CountySpec {
        seed: 5,
        depots: 2,
        stops: 500,
        vehicles: 30,
    };
    let seconds = if args.quick { 1.0 } else { args.seconds };
    let limit = Duration::try_from_secs_f64(seconds).context("--seconds")?;
    println!(
        "farmgate bench routing --county: {} depots, {} village points, {} vehicles, time limit {seconds} s, objective: cost",
        spec.depots, spec.stops, spec.vehicles
    );
    let problem = county(spec)?;
    let started = Instant::now();
    let plan = plan(&problem, limit)?;
    let took = started.elapsed();
    let violations = check(&problem, &plan);
    let cost: i64 = plan.runs.iter().map(|run| run.cost.minor()).sum();
    println!(
        "planned in {:.2} s: {} runs, {} stops left out, {:.1} km, cost {}.{:02} yuan, checker {}",
        took.as_secs_f64(),
        plan.runs.len(),
        plan.unassigned.len(),
        plan.total_distance_m() as f64 / 1000.0,
        cost / 100,
        cost % 100,
        if violations.is_empty() {
            "OK".to_string()
        } else {
            format!("FAILED: {violations:?}")
        },
    );
    if !violations.is_empty() {
        bail!("the county plan broke the rules");
    }
    Ok(())
}

fn read_best_known(path: &Path) -> anyhow::Result<BTreeMap<String, f64>> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let entries: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(&text).with_context(|| path.display().to_string())?;
    Ok(entries
        .into_iter()
        .filter_map(|(name, entry)| Some((name, entry["best_known_cost"].as_f64()?)))
        .collect())
}

/// Every `.txt` and `.vrp` file under `dir`, sorted by path.
fn instance_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).with_context(|| folder.display().to_string())? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else if matches!(
                path.extension().and_then(|ext| ext.to_str()),
                Some("txt" | "vrp")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn gap(cost: f64, best: f64) -> f64 {
    (cost - best) / best * 100.0
}

fn gap_text(cost: f64, best: Option<f64>) -> String {
    best.map_or("-".into(), |best| format!("{:.2}%", gap(cost, best)))
}

fn average_text(gaps: &[f64]) -> String {
    if gaps.is_empty() {
        "-".into()
    } else {
        format!("{:.2}%", gaps.iter().sum::<f64>() / gaps.len() as f64)
    }
}
