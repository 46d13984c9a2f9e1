//! What can go wrong in a use case, in terms a caller can act on.

use farmgate_domain::access::Forbidden;
use farmgate_domain::validation::{FieldError, ValidationErrors};
use farmgate_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Validation(#[from] ValidationErrors),
    /// Wrong e-mail or password, or no valid session or token.
    #[error("not signed in")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The request was well-formed but the state of things refuses it.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Something underneath failed; the caller should not be told the details.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type ServiceResult<T> = Result<T, ServiceError>;

impl From<Forbidden> for ServiceError {
    fn from(_: Forbidden) -> Self {
        ServiceError::Forbidden
    }
}

impl From<FieldError> for ServiceError {
    fn from(error: FieldError) -> Self {
        ServiceError::Validation(ValidationErrors(vec![error]))
    }
}

impl From<StoreError> for ServiceError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => ServiceError::NotFound,
            StoreError::Conflict(what) => ServiceError::Conflict(what),
            other => ServiceError::Internal(other.to_string()),
        }
    }
}
