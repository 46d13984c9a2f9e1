//! `farmgate export`: the store's data in standard formats, for other systems to read.

use anyhow::Context;
use farmgate_services::Services;

use crate::cli::EpcisExportArgs;
use crate::open;

/// Writes every batch event as one EPCIS 2.0 document; the file appears whole or not at all.
pub async fn epcis(args: &EpcisExportArgs) -> anyhow::Result<()> {
    let store = open::open_store(&args.store).await?;
    let services = Services::new(store);
    let document = services.export_all_epcis(&args.public_url).await?;
    let json = document.to_json()?;
    let partial = args.out.with_extension("partial");
    std::fs::write(&partial, json)
        .with_context(|| format!("could not write {}", partial.display()))?;
    std::fs::rename(&partial, &args.out)
        .with_context(|| format!("could not write {}", args.out.display()))?;
    println!(
        "Wrote {} EPCIS events to {}.",
        document.body.event_list.len(),
        args.out.display()
    );
    Ok(())
}
