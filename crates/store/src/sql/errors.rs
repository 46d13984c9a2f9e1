//! Turns database refusals into `StoreError`s the services can act on: a broken uniqueness,
//! reference or check rule means "nothing was written, and retrying will not help".

use sqlx::error::ErrorKind;

use crate::StoreError;

/// Maps a failed write: a unique violation to `Conflict(unique)`, a foreign-key or check
/// violation to a `Conflict` naming that rule, anything else to `Database`.
pub(super) fn refused(unique: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |err| {
        let kind = match &err {
            sqlx::Error::Database(db) => db.kind(),
            _ => return StoreError::Database(err),
        };
        let message = match kind {
            ErrorKind::UniqueViolation => unique,
            ErrorKind::ForeignKeyViolation => "refers to a record that does not exist",
            ErrorKind::CheckViolation => "a value is outside what the database allows",
            _ => return StoreError::Database(err),
        };
        tracing::debug!(error = %err, message, "write refused by a constraint");
        StoreError::Conflict(message)
    }
}
