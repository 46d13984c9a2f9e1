//! What can go wrong: the index files, or a document the catalogue should not have sent.

/// Errors from the search index. Queries never fail for what a buyer typed: any text is
/// searchable, so these are about the index itself.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index folder {path}: {source}")]
    Folder {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("search index folder {path}: {message}")]
    Directory {
        path: std::path::PathBuf,
        message: String,
    },
    #[error("product document without an id")]
    MissingId,
    /// A lock was poisoned by a panic in another thread; the index should be reopened.
    #[error("search index writer is unusable after a panic elsewhere")]
    Poisoned,
}
