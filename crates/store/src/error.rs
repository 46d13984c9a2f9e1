//! Storage failures, split by what the caller can do about them.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness rule or a state precondition refused the write; nothing was written.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("not found")]
    NotFound,
    /// A stored value no longer parses as its domain type: the database was edited by hand.
    #[error("corrupt stored value in {0}")]
    Corrupt(&'static str),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}
