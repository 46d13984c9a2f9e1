//! `farmgate stats`: the bureau's headline figures for scripts and for checking, and the
//! rebuild of the rollups from orders.

use anyhow::{anyhow, Context};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::stats::Period;
use farmgate_services::Services;

use crate::cli::{StatsSummaryArgs, StoreArgs};
use crate::{lock, open};

/// Prints the period's summary as JSON on stdout; days that make a month, quarter or year are
/// compared as one. Reads only, so a running server may keep
/// serving meanwhile.
pub async fn summary(args: &StatsSummaryArgs) -> anyhow::Result<()> {
    let day = |text: &str, name: &str| {
        CivilDate::parse(text).ok_or_else(|| anyhow!("--{name} must be a date like 2026-07-01"))
    };
    let period = Period::of_days(day(&args.from, "from")?, day(&args.to, "to")?)
        .map_err(|problem| anyhow!("--from and --to: {problem}"))?;
    let store = open::open_store(&args.store).await?;
    let summary = Services::new(store)
        .county_summary(period)
        .await
        .context("could not read the figures")?;
    println!("{}", serde_json::to_string_pretty(&summary)?);
    Ok(())
}

/// Recomputes the rollups in one transaction, holding the data folder like `reindex`.
pub async fn rebuild(args: &StoreArgs) -> anyhow::Result<()> {
    let _lock = lock::lock_data_folder(&args.data, "stats rebuild")?;
    let store = open::open_store(args).await?;
    let report = Services::new(store).rebuild_stats().await?;
    println!(
        "Rollups rebuilt from {} paid orders and {} refunds.",
        report.paid_orders, report.refunds
    );
    Ok(())
}
