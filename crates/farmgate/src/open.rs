//! Opens the store a command asks for and brings its schema up to date.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use farmgate_services::photos::Photos;
use farmgate_services::search::Search;
use farmgate_services::Services;
use farmgate_store::sql::SqlStore;

use crate::cli::StoreArgs;

/// The SQLite database file inside a data folder.
pub fn sqlite_path(args: &StoreArgs) -> PathBuf {
    args.data.join("farmgate.db")
}

pub async fn open_store(args: &StoreArgs) -> anyhow::Result<Arc<SqlStore>> {
    let store = match &args.database {
        Some(url) => SqlStore::open_postgres(url)
            .await
            .context("could not connect to PostgreSQL")?,
        None => {
            let path = sqlite_path(args);
            SqlStore::open_sqlite(&path)
                .await
                .with_context(|| format!("could not open {}", path.display()))?
        }
    };
    store.migrate().await.context("migrations failed")?;
    Ok(Arc::new(store))
}

/// Keeps product photos in `DATA/photos` (on a shared disk when several nodes serve).
pub fn with_photos(services: Services, args: &StoreArgs) -> Services {
    let store = farmgate_media::PhotoStore::new(args.data.join("photos"));
    services.with_photos(Photos::new(store))
}

/// The product search index in `DATA/search`; rebuilt from the store at start.
pub fn with_search(services: Services, args: &StoreArgs) -> anyhow::Result<Services> {
    let dir = args.data.join("search");
    let index = farmgate_search::SearchIndex::open(&dir)
        .with_context(|| format!("could not open the search index in {}", dir.display()))?;
    Ok(services.with_search(Search::new(index)))
}
