//! Generates the demo county into a store, with a progress bar on the terminal.

use farmgate_demo::DemoPlan;
use farmgate_services::demo::{DemoHistory, DemoOutcome};
use farmgate_services::Services;
use farmgate_web::DemoAccount;
use indicatif::{ProgressBar, ProgressStyle};

/// `history` adds the two years of orders: `serve --demo` and `farmgate demo` do, benchmarks
/// (which make the data they measure) do not.
pub async fn seed_demo(
    services: &Services,
    seed: u64,
    history: DemoHistory,
) -> anyhow::Result<DemoPlan> {
    let plan = farmgate_demo::plan(seed);
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("Generating the demo county");
    let started = std::time::Instant::now();
    let outcome = services
        .seed_demo(seed, &plan, history, &mut |progress| {
            bar.set_length(progress.total);
            bar.set_position(progress.done);
        })
        .await;
    bar.finish_and_clear();
    match outcome? {
        DemoOutcome::Created { history, .. } => eprintln!(
            "Demo county generated (seed {seed}) in {:.1} s: {} places, {} producers, {} \
             applications, two years of history with {} orders from {} buyers.",
            started.elapsed().as_secs_f64(),
            plan.places.len(),
            plan.producers.len(),
            plan.applications.len(),
            history.orders,
            history.buyers
        ),
        DemoOutcome::Reused { seed: stored } => {
            eprintln!("Using the demo county already in the data folder (seed {stored}).");
            if stored != seed {
                return Ok(farmgate_demo::plan(stored));
            }
        }
    }
    Ok(plan)
}

/// The demo's role accounts, for the start page.
pub fn demo_accounts(plan: &DemoPlan) -> Vec<DemoAccount> {
    plan.accounts
        .iter()
        .filter_map(|account| {
            let role = account
                .roles
                .iter()
                .copied()
                .rfind(|r| *r != farmgate_domain::role::Role::Buyer)
                .or_else(|| account.roles.first().copied())?;
            Some(DemoAccount {
                email: account.email.clone(),
                role,
                purpose_en: account.purpose_en.to_owned(),
                purpose_zh: account.purpose_zh.to_owned(),
            })
        })
        .collect()
}
