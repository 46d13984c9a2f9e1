//! The reference solver of `bench routing --reference`: scripts/reference_routing.py (OR-Tools)
//! gets the very matrix, demands, windows and fleet we plan with as JSON on stdin and answers
//! with its distance, so both solvers see identical input.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{bail, Context};
use farmgate_routing::readers::Instance;
use farmgate_routing::TimeWindow;

pub struct Reference {
    pub vehicles: usize,
    pub cost: f64,
    pub served_all: bool,
}

const SCRIPT: &str = "scripts/reference_routing.py";

pub fn solve(python: &Path, instance: &Instance, seconds: f64) -> anyhow::Result<Reference> {
    let mut child = Command::new(python)
        .arg(SCRIPT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| {
            format!(
                "{} {SCRIPT} (run from the repository root)",
                python.display()
            )
        })?;
    let input = serde_json::to_vec(&request(instance, seconds))?;
    child
        .stdin
        .take()
        .context("reference stdin")?
        .write_all(&input)?;
    let output = child.wait_with_output()?;
    if !output.status.success() {
        bail!("{SCRIPT} failed on {}", instance.name);
    }
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout)
        .with_context(|| format!("{SCRIPT} answer on {}", instance.name))?;
    let field = |name: &str| {
        answer[name]
            .as_u64()
            .with_context(|| format!("{SCRIPT} answer on {} lacks {name}", instance.name))
    };
    let (distance, vehicles, served) = (field("distance")?, field("vehicles")?, field("served")?);
    Ok(Reference {
        vehicles: vehicles as usize,
        cost: distance as f64 / f64::from(instance.scale),
        served_all: served as usize == instance.problem.stops.len(),
    })
}

fn request(instance: &Instance, seconds: f64) -> serde_json::Value {
    let problem = &instance.problem;
    let size = problem.matrix.size();
    let square = |cell: &dyn Fn(usize, usize) -> u32| -> Vec<Vec<u32>> {
        (0..size)
            .map(|from| (0..size).map(|to| cell(from, to)).collect())
            .collect()
    };
    let mut demands = vec![0; size];
    let mut windows = vec![None; size];
    let mut service = vec![0; size];
    for stop in &problem.stops {
        demands[stop.location] = stop.delivery.kg;
        // The benchmark instances have one window per customer.
        windows[stop.location] = stop.windows.first().copied();
        service[stop.location] = stop.service_s;
    }
    let depot = problem.depots.first().map_or(0, |depot| depot.location);
    let shift = problem
        .vehicles
        .first()
        .map_or(TimeWindow::ALWAYS, |vehicle| vehicle.shift);
    windows[depot] = Some(shift);
    let timed = windows
        .iter()
        .flatten()
        .any(|window| *window != TimeWindow::ALWAYS);
    serde_json::json!({
        "seconds": seconds,
        "depot": depot,
        "vehicles": problem.vehicles.len(),
        "capacity": problem.vehicles.first().map_or(0, |vehicle| vehicle.capacity.kg),
        "distances": square(&|from, to| problem.matrix.distance_m(from, to)),
        "durations": square(&|from, to| problem.matrix.duration_s(from, to)),
        "demands": demands,
        "service": service,
        "windows": timed.then(|| windows.iter().map(|window| {
            let window = window.unwrap_or(TimeWindow::ALWAYS);
            [window.open_s, window.close_s]
        }).collect::<Vec<_>>()),
    })
}
